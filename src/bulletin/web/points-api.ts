// Queries and writes of points and rankings (`/bulletin/rankings`, the points panel of an item).
import { api, queryString } from '../../web/api';
import type {
  PointsConfig,
  PointsConfigView,
  PointsEventBody,
  PointsEventList,
  RankingGroup,
  RankingView,
  Period,
} from '../points-contract';

export interface RankingState {
  period: Period;
  year: number;
  month: number;
  quarter: number;
  /** Unset: the server picks (the districts for an editor, the own group for an officer). */
  group?: RankingGroup;
  by: 'unit' | 'author';
}

export const pointsKeys = {
  config: ['bulletin', 'points', 'config'] as const,
  rankings: (state: RankingState) => ['bulletin', 'points', 'rankings', state] as const,
  allRankings: ['bulletin', 'points', 'rankings'] as const,
  events: (id: string) => ['bulletin', 'points', 'events', id] as const,
};

/** The query of a ranking: only the month or quarter the period needs. */
export function rankingQuery(state: RankingState) {
  return {
    period: state.period,
    year: state.year,
    month: state.period === 'month' ? state.month : undefined,
    quarter: state.period === 'quarter' ? state.quarter : undefined,
    group: state.group,
    by: state.by,
  };
}

export function fetchRanking(state: RankingState): Promise<RankingView> {
  return api.get<RankingView>('/api/bulletin/points/rankings', rankingQuery(state));
}

/** Address of the notice download as xlsx or Word. */
export function rankingHref(state: RankingState, format: 'xlsx' | 'docx'): string {
  return `/api/bulletin/points/rankings.${format}${queryString(rankingQuery(state))}`;
}

export function fetchPointsConfig(): Promise<PointsConfigView> {
  return api.get<PointsConfigView>('/api/bulletin/points/config');
}

export function savePointsConfig(version: number, config: PointsConfig): Promise<PointsConfigView> {
  return api.put<PointsConfigView>('/api/bulletin/points/config', { version, config });
}

export function fetchPointsEvents(id: string): Promise<PointsEventList> {
  return api.get<PointsEventList>(`/api/bulletin/submissions/${encodeURIComponent(id)}/points-events`);
}

export function recordPointsEvent(id: string, body: PointsEventBody): Promise<PointsEventList> {
  return api.post<PointsEventList>(`/api/bulletin/submissions/${encodeURIComponent(id)}/points-events`, body);
}

export function voidPointsEvent(id: string, eventId: string, reason: string): Promise<PointsEventList> {
  return api.post<PointsEventList>(
    `/api/bulletin/submissions/${encodeURIComponent(id)}/points-events/${encodeURIComponent(eventId)}/void`,
    { reason },
  );
}
