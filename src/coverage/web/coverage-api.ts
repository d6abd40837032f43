// Queries and wording of the two-universals coverage page (`/coverage`).
import { api } from '../../web/api';
import type { EnterprisePage } from '../../enterprises/contract';
import { OWNERSHIPS, OWNERSHIP_LABELS } from '../../enterprises/contract';
import type { CoverageMeasure, CoverageRates, CoverageView, DenominatorRule } from '../contract';

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
