// Queries of the three-category (priority) enterprises worklist (`/priority`).
import { api } from '../../web/api';
import type { PriorityPage, PriorityReason } from '../contract';

export interface PriorityState {
  orgId?: string;
  category?: 1 | 2 | 3;
  reason?: PriorityReason;
  page: number;
  pageSize: number;
}

export const priorityKeys = {
  all: ['coverage', 'priority'] as const,
  list: (state: PriorityState) => ['coverage', 'priority', 'list', state] as const,
  total: (orgId: string | undefined, category: 1 | 2 | 3 | undefined) =>
    ['coverage', 'priority', 'total', orgId ?? '', category ?? 0] as const,
};

export function fetchPriority(state: PriorityState): Promise<PriorityPage> {
  return api.get<PriorityPage>('/api/coverage/priority', { ...state });
}

/** How many enterprises a tab holds (one row fetched, only the total is used). */
export async function fetchPriorityTotal(
  orgId: string | undefined,
  category: 1 | 2 | 3 | undefined,
): Promise<number> {
  const page = await fetchPriority({ orgId, category, page: 1, pageSize: 1 });
  return page.total;
}
