// Queries of the due-date alerts (`/alerts` and the summary card on the coverage dashboard).
import { api } from '../../web/api';
import {
  ALERT_KINDS,
  ALERT_STATES,
  DEFAULT_WITHIN_DAYS,
  type AlertKind,
  type AlertPage,
  type AlertState,
  type AlertSummary,
} from '../alerts-contract';

/** What the alerts page shows; kept in the address bar. */
export interface AlertFilters {
  orgId?: string;
  kind: AlertKind;
  state?: AlertState;
  withinDays: number;
  page: number;
  pageSize: number;
}

export const alertKeys = {
  all: ['coverage', 'alerts'] as const,
  summary: (orgId: string | undefined, withinDays: number) =>
    ['coverage', 'alerts', 'summary', orgId ?? '', withinDays] as const,
  list: (filters: AlertFilters) => ['coverage', 'alerts', 'list', filters] as const,
};

export function fetchAlertSummary(orgId: string | undefined, withinDays: number): Promise<AlertSummary> {
  return api.get<AlertSummary>('/api/coverage/alerts/summary', { orgId, withinDays });
}

export function fetchAlerts(filters: AlertFilters): Promise<AlertPage> {
  return api.get<AlertPage>('/api/coverage/alerts', { ...filters });
}

/** The address of the alerts page for a kind (and state) of an organisation. */
export function alertsHref(filters: Partial<AlertFilters>): string {
  const params = new URLSearchParams();
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.state) params.set('state', filters.state);
  if (filters.orgId) params.set('orgId', filters.orgId);
  if (filters.withinDays && filters.withinDays !== DEFAULT_WITHIN_DAYS)
    params.set('withinDays', String(filters.withinDays));
  if (filters.page && filters.page > 1) params.set('page', String(filters.page));
  if (filters.pageSize && filters.pageSize !== 20) params.set('pageSize', String(filters.pageSize));
  const text = params.toString();
  return text ? `/alerts?${text}` : '/alerts';
}

export const isAlertKind = (v: string | null): v is AlertKind =>
  v !== null && (ALERT_KINDS as readonly string[]).includes(v);
export const isAlertState = (v: string | null): v is AlertState =>
  v !== null && (ALERT_STATES as readonly string[]).includes(v);
