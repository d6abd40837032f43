// Choosing a model worker of the whole register by typing part of the name or unit: the studios'
// application form picks its leader with it, a studio's new member may be one. Names, level, year
// and unit only; a record being edited shows its current leader at once.
import { useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDebounced } from '../../../web/use-debounced';
import { describeModelWorker, type ModelWorkerRef } from '../contract';
import { lookupWorkers, workerKeys } from './workers-api';

export function ModelWorkerPicker({
  value,
  onChange,
  initial,
  id,
  placeholder = '输入劳模姓名或单位查找',
  allowClear = true,
  testId = 'model-worker-picker',
}: {
  value?: string | null;
  onChange?: (id: string | undefined, worker: ModelWorkerRef | undefined) => void;
  /** The current choice, shown before any search (by its name alone when only that is known). */
  initial?: ModelWorkerRef | { id: string; name: string } | null;
  id?: string;
  placeholder?: string;
  allowClear?: boolean;
  testId?: string;
}) {
  const [q, setQ] = useState('');
  const typed = useDebounced(q.trim());
  const found = useQuery({
    queryKey: workerKeys.lookup(typed),
    queryFn: () => lookupWorkers(typed),
    placeholderData: keepPreviousData,
  });
  const workers: (ModelWorkerRef | { id: string; name: string })[] = [...(found.data ?? [])];
  if (initial && !workers.some((w) => w.id === initial.id)) workers.unshift(initial);
  return (
    <Select
      id={id}
      showSearch
      allowClear={allowClear}
      filterOption={false}
      onSearch={setQ}
      value={value ?? undefined}
      onChange={(v?: string) => {
        const worker = workers.find((w) => w.id === v);
        onChange?.(v, worker && 'level' in worker ? worker : undefined);
      }}
      loading={found.isFetching}
      placeholder={placeholder}
      notFoundContent={found.isFetching ? '正在查找…' : '劳模名册中没有找到，请先在劳模名册中登记'}
      options={workers.map((w) => ({ value: w.id, label: 'level' in w ? describeModelWorker(w) : w.name }))}
      // As wide as the field, long units wrapping: on a phone the list stays on the screen.
      optionRender={(option) => <div style={{ whiteSpace: 'normal' }}>{option.label}</div>}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
