// Pure helpers of the enterprise pages: the list's URL state, institution status as of a date,
// and the Chinese wording of dated facts. Unit-tested in enterprise-format.test.ts.
import {
  ENTERPRISE_SORTS,
  ENTERPRISE_STATUSES,
  FACT_KIND_LABELS,
  FIVE_HAVE_ITEMS,
  FIVE_HAVE_LABELS,
  MISSING_FILTERS,
  OWNERSHIPS,
  SIZE_BANDS,
  SURVEY_FLAGS,
  SURVEY_FLAG_LABELS,
  type EnterpriseListQuery,
  type EnterpriseView,
  type FactView,
  type FiveHaveItem,
} from '../contract';
import { addYears, daysBetween } from '../../platform/shared/dates';

export type EnterpriseSort = (typeof ENTERPRISE_SORTS)[number];

/** Everything the list shows, as kept in the address bar (`/enterprises?ownership=private&page=3`). */
export interface ListState {
  orgId?: string;
  q?: string;
  ownership?: EnterpriseListQuery['ownership'];
  sizeBand?: EnterpriseListQuery['sizeBand'];
  hasUnion?: EnterpriseListQuery['hasUnion'];
  missing?: EnterpriseListQuery['missing'];
  status?: EnterpriseListQuery['status'];
  sort: EnterpriseSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export const FILTER_KEYS = ['orgId', 'q', 'ownership', 'sizeBand', 'hasUnion', 'missing', 'status'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export const PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_STATE: ListState = { sort: 'name', order: 'asc', page: 1, pageSize: 20 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<T extends string>(choices: readonly T[], value: string | null): T | undefined {
  return value !== null && (choices as readonly string[]).includes(value) ? (value as T) : undefined;
}

function positive(value: string | null, fallback: number, max: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
}

/** The list state of a query string; anything malformed (an edited link) falls back to the default. */
export function readListState(params: URLSearchParams): ListState {
  const orgId = params.get('orgId');
  const q = params.get('q')?.trim().slice(0, 50);
  return {
    orgId: orgId && UUID.test(orgId) ? orgId : undefined,
    q: q || undefined,
    ownership: oneOf(OWNERSHIPS, params.get('ownership')),
    sizeBand: oneOf(SIZE_BANDS, params.get('sizeBand')),
    hasUnion: oneOf(['true', 'false'] as const, params.get('hasUnion')),
    missing: oneOf(MISSING_FILTERS, params.get('missing')),
    status: oneOf(ENTERPRISE_STATUSES, params.get('status')),
    sort: oneOf(ENTERPRISE_SORTS, params.get('sort')) ?? DEFAULT_STATE.sort,
    order: oneOf(['asc', 'desc'] as const, params.get('order')) ?? DEFAULT_STATE.order,
    page: positive(params.get('page'), 1, 100_000),
    pageSize: (PAGE_SIZES as readonly number[]).includes(Number(params.get('pageSize')))
      ? Number(params.get('pageSize'))
      : DEFAULT_STATE.pageSize,
  };
}

/** The query string of a list state, leaving out defaults so links stay short. */
export function writeListState(state: ListState): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = state[key];
    if (value) out.set(key, value);
  }
  if (state.sort !== DEFAULT_STATE.sort || state.order !== DEFAULT_STATE.order) {
    out.set('sort', state.sort);
    out.set('order', state.order);
  }
  if (state.page !== 1) out.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_STATE.pageSize) out.set('pageSize', String(state.pageSize));
  return out;
}

/** Whether any filter narrows the list. */
export function isFiltered(state: ListState): boolean {
  return FILTER_KEYS.some((key) => !!state[key]);
}

/** The export of the same filters and order (every page). */
export function exportHref(state: ListState): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = state[key];
    if (value) params.set(key, value);
  }
  params.set('sort', state.sort);
  params.set('order', state.order);
  return `/api/enterprises/export.xlsx?${params.toString()}`;
}

/** How a contract that runs until `validTo` stands on `today`. */
export interface ContractStatus {
  state: 'valid' | 'expiring' | 'expired' | 'none';
  text: string;
  /** For narrow table cells. */
  short: string;
  /** antd Tag colour. */
  color: string;
}

/** Contracts ending within this many days are flagged so that renewal is prepared in time. */
export const EXPIRING_DAYS = 60;

export function contractStatus(validTo: string | null, today: string): ContractStatus {
  if (!validTo) return { state: 'none', text: '无', short: '无', color: 'default' };
  if (validTo < today)
    return { state: 'expired', text: `已过期（${validTo} 到期）`, short: `${validTo} 过期`, color: 'red' };
  if (daysBetween(today, validTo) <= EXPIRING_DAYS)
    return { state: 'expiring', text: `即将到期（${validTo}）`, short: `${validTo} 到期`, color: 'gold' };
  return { state: 'valid', text: `有效至 ${validTo}`, short: `至 ${validTo}`, color: 'green' };
}

/** When the current union committee's term ends: from the last election, else from founding. */
export function termEnds(e: Pick<EnterpriseView, 'lastElectionOn' | 'unionFoundedOn' | 'termYears'>) {
  const start = e.lastElectionOn ?? e.unionFoundedOn;
  return start && e.termYears ? addYears(start, e.termYears) : null;
}

/** "91.2%", or null without a denominator. */
export function percent(part: number | null, whole: number | null): string | null {
  if (part === null || whole === null || whole <= 0) return null;
  return `${((part / whole) * 100).toFixed(1)}%`;
}

/** Votes of a members' evaluation (会员评家) and its satisfaction rate (satisfied + basic). */
export function evaluationOf(fact: Pick<FactView, 'data'>) {
  const n = (key: string) => {
    const v = fact.data?.[key];
    return typeof v === 'number' ? v : 0;
  };
  const satisfied = n('satisfied');
  const basic = n('basic');
  const unsatisfied = n('unsatisfied');
  const total = satisfied + basic + unsatisfied;
  return { satisfied, basic, unsatisfied, total, rate: percent(satisfied + basic, total) };
}

function isFiveHaveItem(v: unknown): v is FiveHaveItem {
  return typeof v === 'string' && (FIVE_HAVE_ITEMS as readonly string[]).includes(v);
}

/** Which of the five haves (五有) are recorded, with the earliest date of each (null: no date given). */
export function fiveHaves(facts: FactView[]): Map<FiveHaveItem, string | null> {
  const found = new Map<FiveHaveItem, string | null>();
  for (const f of facts) {
    if (f.kind !== 'fiveHave' || !isFiveHaveItem(f.data?.item)) continue;
    const item = f.data.item;
    const seen = found.get(item);
    if (!found.has(item) || (f.eventDate && (seen === null || seen === undefined || f.eventDate < seen)))
      found.set(item, f.eventDate);
  }
  return found;
}

/** The latest fact of a kind on or before today (facts come newest first from the server). */
export function latestFact(facts: FactView[], kind: FactView['kind'], today: string): FactView | undefined {
  return facts.find((f) => f.kind === kind && (!f.eventDate || f.eventDate <= today));
}

export const SOURCE_LABELS: Record<string, string> = {
  import: '批量导入',
  form: '手工登记',
  demo: '演示数据',
  migration: '系统升级时按原有数据登记',
};

/** The date a fact stands at on the timeline. */
export function factDate(f: Pick<FactView, 'eventDate' | 'validFrom'>): string | null {
  return f.eventDate ?? f.validFrom;
}

/** One line in Chinese of what a fact says beyond its kind and date. */
export function factSummary(f: FactView): string {
  const parts: string[] = [];
  switch (f.kind) {
    case 'unionFounded':
      if (f.value !== null) parts.push(`建会时会员 ${f.value} 人`);
      break;
    case 'unionDissolved':
      parts.push('自此日起按未建会统计');
      break;
    case 'jointUnion':
      parts.push(f.value === 1 ? '纳入联合工会覆盖' : '不再由联合工会覆盖');
      break;
    case 'headcount':
      if (f.value !== null) parts.push(`职工 ${f.value} 人`);
      break;
    case 'membership':
      if (f.value !== null) parts.push(`会员 ${f.value} 人`);
      break;
    case 'termElection':
      if (f.value !== null) {
        parts.push(`任期 ${f.value} 年`);
        if (f.eventDate) parts.push(`${addYears(f.eventDate, f.value)} 届满`);
      }
      break;
    case 'collectiveContract':
    case 'wageAgreement':
    case 'womenContract':
      if (f.validFrom || f.validTo) parts.push(`有效期 ${f.validFrom ?? '?'} 至 ${f.validTo ?? '?'}`);
      if (f.eventDate) parts.push(`${f.eventDate} 签订`);
      break;
    case 'employeeDirector':
    case 'employeeSupervisor':
      if (f.value !== null) parts.push(`${f.value} 人`);
      break;
    case 'memberEvaluation': {
      const e = evaluationOf(f);
      if (f.value !== null) parts.push(`${f.value} 年度`);
      parts.push(`满意 ${e.satisfied}，基本满意 ${e.basic}，不满意 ${e.unsatisfied}`);
      if (e.rate) parts.push(`满意率 ${e.rate}`);
      break;
    }
    case 'fiveHave':
      if (isFiveHaveItem(f.data?.item)) parts.push(FIVE_HAVE_LABELS[f.data.item]);
      break;
    case 'survey': {
      const flag = f.data?.flag;
      const found = SURVEY_FLAGS.find((x) => x === flag);
      if (found) parts.push(`发现：${SURVEY_FLAG_LABELS[found]}`);
      break;
    }
    case 'workersCongress':
    case 'membersCongress':
    case 'affairsDisclosure':
      break;
  }
  const explanation = f.data?.explanation;
  if (typeof explanation === 'string' && explanation) parts.push(`说明：${explanation}`);
  return parts.join('；');
}

/** Kind label and summary, e.g. "工会换届：任期 3 年；2027-09-13 届满". */
export function factTitle(f: FactView): string {
  const summary = factSummary(f);
  return summary ? `${FACT_KIND_LABELS[f.kind]}：${summary}` : FACT_KIND_LABELS[f.kind];
}
