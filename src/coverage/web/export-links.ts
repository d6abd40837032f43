// Addresses of the coverage downloads (xlsx), built from what the page currently shows.
import type { CoverageMeasure, PriorityReason } from '../contract';

function href(path: string, params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** The statistical report of a node's children as of a date. */
export function reportHref(orgId: string | undefined, date: string): string {
  return href('/api/coverage/report.xlsx', { orgId, date });
}

/** The enterprises behind one count. */
export function coverageListHref(
  orgId: string | undefined,
  date: string,
  measure: CoverageMeasure,
  direct = false,
): string {
  return href('/api/coverage/enterprises/export.xlsx', {
    orgId,
    date,
    measure,
    direct: direct ? 'true' : undefined,
  });
}

/** The three-category worklist under the current filters (paging is not part of a download). */
export function priorityExportHref(filters: {
  orgId?: string;
  category?: number;
  reason?: PriorityReason;
}): string {
  return href('/api/coverage/priority/export.xlsx', {
    orgId: filters.orgId,
    category: filters.category,
    reason: filters.reason,
  });
}
