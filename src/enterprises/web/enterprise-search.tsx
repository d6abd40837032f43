// Choosing an enterprise of the reader's scope by typing part of its name: the registry's list,
// twenty at a time, each with its township. A record being edited shows its enterprise at once.
import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../web/api';
import type { EnterpriseListPage } from '../contract';

export function EnterpriseSearch({
  value,
  onChange,
  initial,
  id,
  notFound = '没有找到企业',
  testId = 'enterprise-search',
}: {
  value?: string;
  onChange?: (id: string) => void;
  initial?: { id: string | null; name: string } | null;
  id?: string;
  /** What to say when nothing matches (e.g. how to go on without a registered enterprise). */
  notFound?: string;
  testId?: string;
}) {
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['enterprises', 'search', q],
    queryFn: () => api.get<EnterpriseListPage>('/api/enterprises', { q, pageSize: 20 }),
    enabled: q.length > 0,
  });
  const options = found.data?.items.map((e) => ({ value: e.id, label: `${e.name}（${e.org.name}）` })) ?? [];
  if (initial?.id && !options.some((o) => o.value === initial.id))
    options.unshift({ value: initial.id, label: initial.name });
  return (
    <Select
      id={id}
      showSearch
      filterOption={false}
      onSearch={setQ}
      value={value}
      onChange={onChange}
      loading={found.isFetching}
      placeholder="输入企业名称查找"
      notFoundContent={q ? (found.isFetching ? '正在查找…' : notFound) : '请输入企业名称'}
      options={options}
      data-testid={testId}
    />
  );
}
