// Queries and wording of the two-universals coverage page (`/coverage`).
import { api } from '../../web/api';
import { INDICATOR_LABELS } from '../contract';
import type { EnterprisePage } from '../../enterprises/contract';
import { OWNERSHIPS, OWNERSHIP_LABELS } from '../../enterprises/contract';
import type {
  CoverageMeasure,
  CoverageRates,
  CoverageView,
  DenominatorRule,
  RuleBody,
  RuleSaved,
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
  list: (
    orgId: string | undefined,
    date: string,
    measure: CoverageMeasure,
    page: number,
    pageSize: number,
    direct: boolean,
  ) => ['coverage', 'list', orgId ?? '', date, measure, page, pageSize, direct] as const,
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
  direct = false,
): Promise<EnterprisePage> {
  return api.get<EnterprisePage>('/api/coverage/enterprises', {
    orgId,
    date,
    measure,
    page,
    pageSize,
    direct: direct ? 'true' : undefined,
  });
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

/** Labels of the rates: the indicators of the contract. */
export const RATE_LABELS: Record<RateKey, string> = INDICATOR_LABELS;

export const ruleKeys = { all: ['coverage', 'rules'] as const };

export function saveTargets(orgId: string, body: TargetsBody): Promise<TargetsView> {
  return api.put<TargetsView>(`/api/coverage/targets/${orgId}`, body);
}

export function fetchRules(): Promise<RuleListView> {
  return api.get<RuleListView>('/api/coverage/rules');
}

export function saveRule(year: number, body: RuleBody): Promise<RuleSaved> {
  return api.put<RuleSaved>(`/api/coverage/rules/${year}`, body);
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
