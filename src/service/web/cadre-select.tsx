// Choosing a service cadre of a programme, searched by name, with how many enterprises each
// already serves in it.
import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { fetchCadres, serviceKeys } from './service-api';

export function CadreSelect({
  programmeId,
  value,
  onChange,
  id,
}: {
  programmeId: string;
  value?: string;
  onChange?: (id: string) => void;
  id?: string;
}) {
  const [q, setQ] = useState('');
  const cadres = useQuery({
    queryKey: serviceKeys.cadres(programmeId, q),
    queryFn: () => fetchCadres(programmeId, q),
    enabled: Boolean(programmeId),
  });
  return (
    <Select
      id={id}
      showSearch
      filterOption={false}
      onSearch={setQ}
      value={value}
      onChange={onChange}
      loading={cadres.isFetching}
      placeholder="输入姓名或账号查找"
      notFoundContent={cadres.isFetching ? '正在查找…' : '没有可挂钩的服务干部'}
      options={cadres.data?.items.map((c) => ({
        value: c.id,
        label: `${c.name}（${c.orgName}，已挂钩 ${c.pairings} 家）`,
      }))}
      data-testid="cadre-select"
    />
  );
}
