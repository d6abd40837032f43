// How items look in lists and details: state colours, times, the list state in the address bar.
import dayjs from 'dayjs';
import { PAGE_SIZES } from '../../web/components/paging';
import { SUBMISSION_STATES, type SubmissionState } from '../contract';
import type { SubmissionListState } from './submissions-api';

export const STATE_COLORS: Record<SubmissionState, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  adopted: 'success',
  rejected: 'error',
  merged: 'purple',
  published: 'cyan',
};

/** `2026-11-25 19:20`, or a dash. */
export function timeText(iso: string | null): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—';
}

function positive(text: string | null, fallback: number, max: number): number {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Reads a list's filters and paging from the address bar; unknown values are dropped. */
export function readListState(
  params: URLSearchParams,
  defaults: Partial<SubmissionListState> = {},
): SubmissionListState {
  const state = params.get('state');
  const pageSize = positive(params.get('pageSize'), 20, 500);
  const text = (key: string) => params.get(key)?.trim() || undefined;
  const day = (key: string) => {
    const v = params.get(key);
    return v && DAY.test(v) ? v : undefined;
  };
  return {
    ...defaults,
    state:
      state === 'all'
        ? undefined
        : (SUBMISSION_STATES as readonly string[]).includes(state ?? '')
          ? (state as SubmissionState)
          : defaults.state,
    q: text('q'),
    orgId: text('orgId'),
    columnId: text('columnId'),
    from: day('from'),
    to: day('to'),
    page: positive(params.get('page'), 1, 100000),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

/** The address-bar form of a list state; `defaultState` is left out, "all states" written as `all`. */
export function writeListState(state: SubmissionListState, defaultState?: SubmissionState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.state !== defaultState) params.set('state', state.state ?? 'all');
  for (const key of ['q', 'orgId', 'columnId', 'from', 'to'] as const) {
    const v = state[key];
    if (v) params.set(key, v);
  }
  if (state.page > 1) params.set('page', String(state.page));
  if (state.pageSize !== 20) params.set('pageSize', String(state.pageSize));
  return params;
}
