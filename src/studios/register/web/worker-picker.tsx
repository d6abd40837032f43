// Picks a model worker of the register by typing part of the name or unit (the register's lookup).
import { useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDebounced } from '../../../web/use-debounced';
import { MODEL_WORKER_LEVEL_LABELS, type ModelWorkerRef } from '../../workers/contract';
import { lookupWorkers, studioKeys } from './studios-api';

const labelOf = (w: ModelWorkerRef) =>
  `${w.name}（${w.year}年${MODEL_WORKER_LEVEL_LABELS[w.level]}，${w.unitName}）`;

export function WorkerPicker({
  value,
  onChange,
  initial,
  placeholder = '输入劳模姓名或单位搜索',
  allowClear,
  id,
  testId,
}: {
  value?: string | null;
  onChange?: (id: string | undefined) => void;
  initial?: { id: string; name: string } | null;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  testId?: string;
}) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const found = useQuery({
    queryKey: studioKeys.workers(q),
    queryFn: () => lookupWorkers(q),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const options = (found.data ?? []).map((w) => ({ value: w.id, label: labelOf(w) }));
  if (initial && !options.some((o) => o.value === initial.id))
    options.unshift({ value: initial.id, label: initial.name });
  return (
    <Select
      id={id}
      showSearch
      allowClear={allowClear}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v)}
      onSearch={setSearch}
      filterOption={false}
      options={options}
      placeholder={placeholder}
      loading={found.isFetching}
      notFoundContent={q ? '劳模名册中没有找到，请先在劳模名册中登记' : '输入姓名或单位搜索'}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
