// API of union mediation of labour disputes (DOMAIN §4): a case (the workers who apply, the
// employer, the claims with amounts, the mediators), its sessions, and its end (agreement,
// partial agreement, no agreement and referral to arbitration, withdrawal) with the amounts agreed
// and paid; the agreement (调解协议书) as a Word document. Workers' names, ID numbers and phones
// are personal data: lists show them masked, and only some readers see them whole.
import { z } from 'zod';
import { dayText, isCalendarDay } from '../platform/shared/dates';
import { optionalText, PageQuery, pageOf, str, text } from '../platform/shared/api';

const Uuid = (label: string) => z.uuid({ error: `${label}必须是有效的 UUID` });
const Ref = z.object({ id: str(), name: str() });

export const CLAIM_KINDS = [
  'wages',
  'overtime',
  'termination',
  'workInjury',
  'socialInsurance',
  'other',
] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];
export const CLAIM_KIND_LABELS: Record<ClaimKind, string> = {
  wages: '拖欠工资',
  overtime: '加班费',
  termination: '解除劳动合同经济补偿',
  workInjury: '工伤待遇',
  socialInsurance: '社会保险',
  other: '其他',
};

export const CASE_RESULTS = ['agreement', 'partial', 'none', 'withdrawn'] as const;
export type CaseResult = (typeof CASE_RESULTS)[number];
export const CASE_RESULT_LABELS: Record<CaseResult, string> = {
  agreement: '达成调解协议',
  partial: '部分达成协议',
  none: '未达成协议（引导申请劳动仲裁）',
  withdrawn: '申请人撤回',
};
/** Results that end in an agreement the parties sign. */
export const AGREED_RESULTS: readonly CaseResult[] = ['agreement', 'partial'];

export const CASE_STATES = ['open', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CASE_STATE_LABELS: Record<CaseState, string> = { open: '调解中', closed: '已结案' };

// ---------- personal data ----------

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character of the first 17 digits of a resident ID number (GB 11643-1999). */
export const idCheckCharacter = (first17: string) =>
  ID_CHECK[[...first17].reduce((sum, d, i) => sum + Number(d) * ID_WEIGHTS[i]!, 0) % 11]!;

/** Why a resident ID number is not valid, or null. */
export function idNumberProblem(id: string): string | null {
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号码应为 18 位（最后一位可为 X）';
  if (!isCalendarDay(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`))
    return '身份证号码中的出生日期不正确';
  if (idCheckCharacter(id.slice(0, 17)) !== id[17]) return '身份证号码校验位不正确，请核对';
  return null;
}

const IdNumber = str({ error: '身份证号码必须是文本' })
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    const problem = idNumberProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const Phone = str({ error: '联系电话必须是文本' })
  .trim()
  .max(20, { error: '联系电话不能超过 20 个字符' })
  .refine((v) => v === '' || /^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(v), {
    error: '联系电话应为 11 位手机号或带区号的固定电话',
  })
  .nullish()
  .transform((v) => v || null);

export const Worker = z.object({
  name: text('姓名', 20),
  idNumber: IdNumber,
  phone: Phone,
});
export type Worker = z.input<typeof Worker>;

// ---------- cases ----------

const money = (label: string) =>
  z
    .number({ error: `${label}必须是以分为单位的整数` })
    .int({ error: `${label}必须是以分为单位的整数` })
    .min(0, { error: `${label}不能为负数` })
    .max(100_000_000_000, { error: `${label}不能超过 10 亿元` });

export const Claim = z.object({
  kind: z.enum(CLAIM_KINDS, { error: '请求事项不正确' }),
  amountFen: money('请求金额'),
});
export type Claim = z.infer<typeof Claim>;

export const CaseBody = z
  .object({
    /** The employer: an enterprise of the registry in the unit's scope, or named by hand. */
    enterpriseId: Uuid('企业').nullish(),
    employerName: optionalText('用人单位名称', 100),
    employerRepresentative: optionalText('法定代表人（负责人）', 20),
    employerPhone: Phone,
    workers: z
      .array(Worker, { error: '请填写申请人' })
      .min(1, { error: '请至少填写一名申请人' })
      .max(500, { error: '申请人不能超过 500 人' }),
    claims: z
      .array(Claim, { error: '请填写请求事项' })
      .min(1, { error: '请至少填写一项请求' })
      .max(CLAIM_KINDS.length, { error: '请求事项过多' }),
    facts: text('纠纷事实', 4000),
    appliedOn: dayText('申请日期'),
    mediatorIds: z
      .array(Uuid('调解员'), { error: '请选择调解员' })
      .min(1, { error: '请至少选择一名调解员' })
      .max(5, { error: '调解员不能超过 5 名' }),
    /** The risk report the dispute came from, if any. */
    reportId: Uuid('风险报告').nullish(),
  })
  .superRefine((b, ctx) => {
    if (!b.enterpriseId && !b.employerName)
      ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: '请选择企业或填写用人单位名称' });
    const seen = new Map<string, number>();
    b.workers.forEach((w, i) => {
      const id = typeof w.idNumber === 'string' ? w.idNumber : '';
      const first = seen.get(id);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['workers', i, 'idNumber'],
          message: `与第 ${first + 1} 名申请人的身份证号码相同`,
        });
      else seen.set(id, i);
    });
    const kinds = new Set<string>();
    b.claims.forEach((c, i) => {
      if (kinds.has(c.kind))
        ctx.addIssue({ code: 'custom', path: ['claims', i, 'kind'], message: '同一请求事项只填一次' });
      kinds.add(c.kind);
    });
  });
export type CaseBody = z.input<typeof CaseBody>;

const SeenVersion = z.number({ error: 'version 必须是数字' }).int().min(1);

export const SessionBody = z.object({
  version: SeenVersion,
  heldOn: dayText('调解日期'),
  place: optionalText('调解地点', 100),
  outcome: text('调解情况', 2000),
});
export type SessionBody = z.input<typeof SessionBody>;

export const CloseCaseBody = z
  .object({
    version: SeenVersion,
    result: z.enum(CASE_RESULTS, { error: '请选择调解结果' }),
    closedOn: dayText('结案日期'),
    agreedFen: money('协议金额'),
    paidFen: money('已履行金额'),
    /** What the parties agreed, one term a line (for an agreement or a partial one). */
    terms: optionalText('协议内容', 4000),
  })
  .superRefine((b, ctx) => {
    if (AGREED_RESULTS.includes(b.result) && !b.terms)
      ctx.addIssue({ code: 'custom', path: ['terms'], message: '达成协议的，请填写协议内容' });
    if (b.paidFen > b.agreedFen)
      ctx.addIssue({ code: 'custom', path: ['paidFen'], message: '已履行金额不能超过协议金额' });
    if (!AGREED_RESULTS.includes(b.result) && b.agreedFen > 0)
      ctx.addIssue({ code: 'custom', path: ['agreedFen'], message: '未达成协议的，协议金额应为 0' });
  });
export type CloseCaseBody = z.input<typeof CloseCaseBody>;

export const CaseQuery = PageQuery.extend({
  orgId: Uuid('组织').optional(),
  state: z.enum(CASE_STATES, { error: '状态不正确' }).optional(),
  result: z.enum(CASE_RESULTS, { error: '调解结果不正确' }).optional(),
  /** Only the cases the reader mediates. */
  mine: z.enum(['true', 'false'], { error: 'mine 只能是 true 或 false' }).optional(),
  q: str().trim().max(50, { error: '关键词不能超过 50 个字符' }).optional(),
});
export type CaseQuery = z.input<typeof CaseQuery>;

export const WorkerView = z.object({ name: str(), idNumber: str(), phone: str().nullable() });

export const CaseView = z.object({
  id: str(),
  /** 2026年第3号 of the unit. */
  caseNo: str(),
  org: Ref,
  employer: z.object({ id: str().nullable(), name: str(), registered: z.boolean() }),
  employerRepresentative: str().nullable(),
  employerPhone: str().nullable(),
  /** Masked (张*, 3205**********1234, 138****5678) unless `masked` is false. */
  workers: z.array(WorkerView),
  masked: z.boolean(),
  claims: z.array(Claim),
  claimedFen: z.number().int(),
  facts: str(),
  appliedOn: str(),
  mediators: z.array(Ref),
  reportId: str().nullable(),
  state: z.enum(CASE_STATES),
  result: z.enum(CASE_RESULTS).nullable(),
  closedOn: str().nullable(),
  agreedFen: z.number().int().nullable(),
  paidFen: z.number().int().nullable(),
  terms: str().nullable(),
  /** Days from the application to the end (or to today while open). */
  days: z.number().int(),
  sessions: z.number().int(),
  version: z.number().int(),
});
export type CaseView = z.infer<typeof CaseView>;
export const CasePage = pageOf(CaseView);
export type CasePage = z.infer<typeof CasePage>;

export const SessionView = z.object({
  id: str(),
  heldOn: str(),
  place: str().nullable(),
  outcome: str(),
  recordedBy: Ref,
});
export const CaseDetail = CaseView.extend({
  sessionList: z.array(SessionView),
  /** What the reader may do: record a session, close the case, download the agreement. */
  actions: z.array(z.enum(['session', 'close', 'agreement'])),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const MediatorQuery = z.object({ orgId: Uuid('组织').optional() });
export const MediatorView = z.object({
  id: str(),
  name: str(),
  org: Ref,
  /** Cases open now, and closed this year (by result). */
  open: z.number().int(),
  closedThisYear: z.number().int(),
  agreedThisYear: z.number().int(),
});
export const MediatorList = z.object({ items: z.array(MediatorView) });
export type MediatorList = z.infer<typeof MediatorList>;
