// API of the due-date alerts (到期提醒) of the two-universals work. The web app imports these schemas.
import { z } from 'zod';
import { str } from '../platform/shared/api';
import { EnterpriseView } from '../enterprises/contract';

/** What an alert is about. */
export const ALERT_KINDS = [
  'electionOverdue',
  'collectiveContract',
  'wageAgreement',
  'womenContract',
  'memberEvaluation',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Kinds that expire on a date: they are split into expiring soon and already expired. */
export const CONTRACT_ALERT_KINDS = ['collectiveContract', 'wageAgreement', 'womenContract'] as const;
export type ContractAlertKind = (typeof CONTRACT_ALERT_KINDS)[number];

export function isContractAlert(kind: AlertKind): kind is ContractAlertKind {
  return (CONTRACT_ALERT_KINDS as readonly string[]).includes(kind);
}

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  electionOverdue: '换届逾期',
  collectiveContract: '集体合同',
  wageAgreement: '工资专项集体协议',
  womenContract: '女职工专项集体合同',
  memberEvaluation: '本年度未评家',
};

/** One line of help per kind, shown beside the list. */
export const ALERT_KIND_HINTS: Record<AlertKind, string> = {
  electionOverdue: '已建会企业的工会委员会任期已满（上次换届或建会日期加任期年限早于今天）而未换届',
  collectiveContract: '已建会的在营企业，集体合同将在提醒天数内到期且尚未续签，或已到期且今天没有有效合同',
  wageAgreement: '已建会的在营企业，工资专项集体协议将在提醒天数内到期且尚未续签，或已到期且今天没有有效协议',
  womenContract:
    '已建会的在营企业，女职工专项集体合同将在提醒天数内到期且尚未续签，或已到期且今天没有有效合同',
  memberEvaluation: '已建会的在营企业，本年度尚未登记会员评家',
};

export const ALERT_STATES = ['expiring', 'expired'] as const;
export type AlertState = (typeof ALERT_STATES)[number];
export const ALERT_STATE_LABELS: Record<AlertState, string> = { expiring: '即将到期', expired: '已到期' };

const WITHIN_DAYS_MESSAGE = '提前提醒天数应为 1 到 365 之间的整数';

/** How many days ahead an expiring contract is announced. */
export const DEFAULT_WITHIN_DAYS = 30;

const WithinDays = z.coerce
  .number({ error: WITHIN_DAYS_MESSAGE })
  .int({ error: WITHIN_DAYS_MESSAGE })
  .min(1, { error: WITHIN_DAYS_MESSAGE })
  .max(365, { error: WITHIN_DAYS_MESSAGE })
  .default(DEFAULT_WITHIN_DAYS);

export const AlertSummaryQuery = z.object({
  orgId: z.uuid({ error: 'orgId 必须是有效的 UUID' }).optional(),
  withinDays: WithinDays,
});
export type AlertSummaryQuery = z.input<typeof AlertSummaryQuery>;

export const AlertCount = z.object({
  kind: z.enum(ALERT_KINDS),
  total: z.number().int(),
  /** Contract kinds only (null otherwise): still valid but ending within the days asked. */
  expiring: z.number().int().nullable(),
  /** Contract kinds only (null otherwise): ended, and none of that kind valid today. */
  expired: z.number().int().nullable(),
});
export type AlertCount = z.infer<typeof AlertCount>;

export const AlertSummary = z.object({
  org: z.object({ id: z.uuid(), name: str() }),
  /** The day the alerts are computed for. */
  date: str(),
  withinDays: z.number().int(),
  kinds: z.array(AlertCount),
});
export type AlertSummary = z.infer<typeof AlertSummary>;

export const AlertListQuery = AlertSummaryQuery.extend({
  kind: z.enum(ALERT_KINDS, { error: '提醒类型不正确' }),
  /** Contract kinds only: just the expiring or just the expired ones. */
  state: z.enum(ALERT_STATES, { error: '到期状态不正确' }).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
}).refine((q) => q.state === undefined || isContractAlert(q.kind), {
  path: ['state'],
  error: '只有合同、协议类提醒可以按即将到期或已到期筛选',
});
export type AlertListQuery = z.input<typeof AlertListQuery>;

export const AlertItem = z.object({
  enterprise: EnterpriseView,
  kind: z.enum(ALERT_KINDS),
  /** Contract kinds and elections; null for the yearly evaluation. */
  state: z.enum(ALERT_STATES).nullable(),
  /** When it falls (fell) due: contract end or end of the committee term. */
  dueOn: str().nullable(),
  /** Days from today to dueOn, negative when past. */
  daysLeft: z.number().int().nullable(),
  reason: str(),
});
export type AlertItem = z.infer<typeof AlertItem>;

export const AlertPage = z.object({ items: z.array(AlertItem), total: z.number().int() });
export type AlertPage = z.infer<typeof AlertPage>;
