// The filters and page of a list, kept in the address bar (with the tab it sits in, if any).
import { useSearchParams } from 'react-router-dom';
import { PAGE_SIZES } from './paging';

/** Reads the list's filters and page from the address bar and writes them back. */
export function useListParams(tab?: string) {
  const [params, setParams] = useSearchParams();
  const get = (key: string) => params.get(key) || undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const size = Number(params.get('pageSize'));
  const pageSize = PAGE_SIZES.includes(size) ? size : 20;
  const set = (changes: Record<string, string | undefined>, keepPage = false) => {
    const next = new URLSearchParams(params);
    if (tab) next.set('tab', tab);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!keepPage) next.delete('page');
    setParams(next);
  };
  const paging = (total: number) => ({
    current: page,
    pageSize,
    total,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES,
    showTotal: (n: number) => `共 ${n} 条`,
    onChange: (p: number, s: number) =>
      set({ page: s === pageSize ? String(p) : undefined, pageSize: s === 20 ? undefined : String(s) }, true),
  });
  return { get, page, pageSize, set, paging };
}
