// Queries and wording of the two-universals coverage page (`/coverage`).
import { api, ApiError } from '../../web/api';
import type { EnterprisePage } from '../../enterprises/contract';
import { OWNERSHIPS, OWNERSHIP_LABELS } from '../../enterprises/contract';
import type {
  CoverageMeasure,
  CoverageRates,
  CoverageView,
  DenominatorRule,
  RuleBody,
  RuleView,
  TargetsBody,
  TargetsView,
} from '../contract';

export interface RuleListView {
  default: DenominatorRule;
  items: RuleView[];
}

export const coverageKeys = {
  all: ['coverage'] as const,
  view: (orgId: string | undefined, date: string) => ['coverage', 'view', orgId ?? '', date] as const,
  list: (orgId: string | undefined, date: string, measure: CoverageMeasure, page: number, pageSize: number) =>
    ['coverage', 'list', orgId ?? '', date, measure, page, pageSize] as const,
};

export function fetchCoverage(orgId: string | undefined, date: string): Promise<CoverageView> {
  return api.get<CoverageView>('/api/coverage', { orgId, date });
}

export function fetchCoverageEnterprises(
  orgId: string | undefined,
  date: string,
  measure: CoverageMeasure,
  page: number,
  pageSize: number,
): Promise<EnterprisePage> {
  return api.get<EnterprisePage>('/api/coverage/enterprises', { orgId, date, measure, page, pageSize });
}

/** 0.8734 → "87.3%"; null (no denominator) → "—". */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** "口径：职工 10 人以上，经济类型不限，联合工会覆盖计入". */
export function ruleText(rule: DenominatorRule): string {
  const all = OWNERSHIPS.every((o) => rule.ownerships.includes(o));
  const kinds = all
    ? '经济类型不限'
    : `经济类型：${rule.ownerships.map((o) => OWNERSHIP_LABELS[o]).join('、')}`;
  const size = rule.minEmployees > 0 ? `职工 ${rule.minEmployees} 人以上` : '职工人数不限';
  return `口径：${size}，${kinds}，联合工会覆盖${rule.jointUnionCounts ? '计入' : '不计入'}`;
}

export type RateKey = keyof CoverageRates;

export const RATE_LABELS: Record<RateKey, string> = {
  establishmentRate: '建会率',
  workerCoverage: '职工覆盖率',
  membershipRate: '职工入会率',
  wageBargainingRate: '工资集体协商建制率',
  workersCongressRate: '职代会建制率',
  collectiveContractRate: '集体合同签订率',
  affairsDisclosureRate: '厂务公开建制率',
};

/**
 * PUT with the same error handling as `api` (the shared client has no PUT): the server's error
 * body becomes an ApiError with its field details.
 */
async function put<T>(path: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'PUT',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  const text = await response.text();
  let payload: unknown = null;
  try {
    payload = text ? JSON.parse(text) : null;
  } catch {
    payload = null;
  }
  if (!response.ok) {
    const error = (payload as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)
      ?.error;
    if (error && typeof error.message === 'string') {
      throw new ApiError(
        response.status,
        typeof error.code === 'string' ? error.code : `HTTP_${response.status}`,
        error.message,
        error.details,
      );
    }
    throw new ApiError(
      response.status,
      `HTTP_${response.status}`,
      `服务器返回错误（${response.status}），请稍后重试`,
    );
  }
  return payload as T;
}

export const ruleKeys = { all: ['coverage', 'rules'] as const };

export function saveTargets(orgId: string, body: TargetsBody): Promise<TargetsView> {
  return put<TargetsView>(`/api/coverage/targets/${orgId}`, body);
}

export function fetchRules(): Promise<RuleListView> {
  return api.get<RuleListView>('/api/coverage/rules');
}

export function saveRule(year: number, body: RuleBody): Promise<RuleView> {
  return put<RuleView>(`/api/coverage/rules/${year}`, body);
}

/** How far a rate is towards its target: ≥100% green, ≥90% gold, below red. */
export function progressColor(progress: number): 'green' | 'gold' | 'red' {
  return progress >= 1 ? 'green' : progress >= 0.9 ? 'gold' : 'red';
}

/** The target of one indicator and the rate's progress towards it, or null without a target. */
export function targetProgress(
  rate: number | null,
  target: number | undefined,
): { target: number; progress: number | null } | null {
  if (target === undefined) return null;
  if (rate === null) return { target, progress: null };
  return { target, progress: target > 0 ? rate / target : 1 };
}
