// Queries of the three-category (priority) enterprises worklist (`/priority`).
import { api } from '../../web/api';
import { REASON_LABELS, type PriorityPage, type PriorityReason, type PriorityRuleView } from '../contract';

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

export const priorityRuleKey = ['coverage', 'priority-rule'] as const;

export function fetchPriorityRule(): Promise<PriorityRuleView> {
  return api.get<PriorityRuleView>('/api/coverage/priority-rule');
}

/** The rule of category 3 in words, for the list's hint. */
export function weakUnionText(rule: PriorityRuleView): string {
  const items = rule.weakFailings.map((f) => REASON_LABELS[f]).join('、');
  return rule.weakMin >= rule.weakFailings.length
    ? `已建会但工会薄弱：${items}均存在`
    : `已建会但工会薄弱：${items}中至少 ${rule.weakMin} 项`;
}
