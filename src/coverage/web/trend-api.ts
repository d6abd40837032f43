// Query of the coverage trend (`GET /api/coverage/trend`): the node's figures at the end of each of
// the 23 months before the date, and on the date.
import { api } from '../../web/api';
import type { TrendView } from '../contract';

export const trendKeys = {
  // Under the coverage prefix, so that whatever refreshes the dashboard refreshes the trend too.
  trend: (orgId: string | undefined, date: string) => ['coverage', 'trend', orgId ?? '', date] as const,
};

export function fetchTrend(orgId: string | undefined, date: string): Promise<TrendView> {
  return api.get<TrendView>('/api/coverage/trend', { orgId, date });
}
