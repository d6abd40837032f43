import type { TablePaginationConfig } from 'antd';

/** The page sizes every server-paged list offers. */
export const PAGE_SIZES = [20, 50, 100];

/**
 * Paging of a server-paged list whose page lives in the address bar: a new page size goes back
 * to the first page.
 */
export function serverPaging<S extends { page: number; pageSize: number }>(
  state: S,
  total: number,
  go: (next: S) => void,
  unit = '条',
): TablePaginationConfig & { pageSizeOptions: number[] } {
  return {
    current: state.page,
    pageSize: state.pageSize,
    total,
    pageSizeOptions: PAGE_SIZES,
    showSizeChanger: true,
    showTotal: (n) => `共 ${n} ${unit}`,
    onChange: (page, pageSize) => go({ ...state, page: pageSize === state.pageSize ? page : 1, pageSize }),
  };
}
