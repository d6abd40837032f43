// A paged list: the table of the query's page, or what went wrong with a
// way to try again.
import { Table, type TableProps } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorResult } from './page-state';

type Paging = NonNullable<TableProps<object>['pagination']>;

export function PagedTable<T extends object>({
  list,
  paging,
  ...table
}: {
  list: UseQueryResult<{ items: T[]; total: number }>;
  paging: (total: number) => Paging;
} & Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'>) {
  if (list.isError && !list.data)
    return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Table<T>
      size="small"
      dataSource={list.data?.items}
      loading={list.isFetching}
      pagination={paging(list.data?.total ?? 0)}
      {...table}
    />
  );
}
