// API of the studios' four-clarity plans (四明确) and their milestones: a plan per period with its
// goals, tasks and requirements, the arrangements as milestones with a due day and an owner, the
// progress reported on each, and the worklist of milestones for districts and the city. Whether a
// milestone is late is derived here from its days and China's today, on the server and the page.
import { z } from 'zod';
import { addDays, dayText } from '../../platform/shared/dates';
import { INT4_MAX, PageQuery, pageOf, str, text, Version } from '../../platform/shared/api';
import { StudioRef } from '../register/contract';

const Uuid = (label: string) => z.uuid({ error: `${label}必须是有效的 UUID` });

/** A milestone due within this many days is "due soon". */
export const DUE_SOON_DAYS = 30;
/** The longest plan period, in days (five years). */
export const MAX_PLAN_DAYS = 5 * 366;

export const MILESTONE_STATUSES = ['late', 'dueSoon', 'open', 'doneLate', 'doneOnTime'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
export const MILESTONE_STATUS_LABELS: Record<MilestoneStatus, string> = {
  late: '逾期未完成',
  dueSoon: '即将到期',
  open: '进行中',
  doneLate: '逾期完成',
  doneOnTime: '按期完成',
};

/** Where a milestone stands on `today` (China's day): late and due soon are read from the days. */
export function milestoneStatus(m: { dueOn: string; doneOn: string | null }, today: string): MilestoneStatus {
  if (m.doneOn) return m.doneOn > m.dueOn ? 'doneLate' : 'doneOnTime';
  if (m.dueOn < today) return 'late';
  if (m.dueOn <= addDays(today, DUE_SOON_DAYS)) return 'dueSoon';
  return 'open';
}

// ---------- requests ----------

/** The four clarities: goals, tasks and requirements here; the arrangements are the milestones. */
export const PlanBody = z.object({
  title: text('计划名称', 100),
  periodFrom: dayText('计划期开始日期'),
  periodTo: dayText('计划期结束日期'),
  goals: text('目标', 4000),
  tasks: text('任务', 4000),
  requirements: text('要求', 4000),
});
export type PlanBody = z.input<typeof PlanBody>;

export const PlanEditBody = PlanBody.extend({ version: Version });
export type PlanEditBody = z.input<typeof PlanEditBody>;

export const PlanParams = z.object({ planId: Uuid('计划编号') });
export const MilestoneParams = z.object({ milestoneId: Uuid('安排编号') });

export const MilestoneBody = z.object({
  title: text('安排内容', 200),
  dueOn: dayText('完成时限'),
  owner: text('责任人', 50),
});
export type MilestoneBody = z.input<typeof MilestoneBody>;

export const MilestoneEditBody = MilestoneBody.extend({ version: Version });
export type MilestoneEditBody = z.input<typeof MilestoneEditBody>;

const Percent = z
  .number({ error: '完成进度必须是数字' })
  .int({ error: '完成进度必须是整数' })
  .min(0, { error: '完成进度不能小于 0' })
  .max(100, { error: '完成进度不能大于 100' });

/** A progress report by the studio (or its supervisors): the milestone's version as seen. */
export const ReportBody = z.object({
  reportedOn: dayText('报告日期'),
  percent: Percent,
  text: text('进展情况', 1000),
  done: z.boolean({ error: '是否完成必须是是或否' }).default(false),
  version: Version,
});
export type ReportBody = z.input<typeof ReportBody>;

export const MILESTONE_DUES = ['late', 'soon', 'pending', 'doneLate', 'all'] as const;
export type MilestoneDue = (typeof MILESTONE_DUES)[number];
export const MILESTONE_DUE_LABELS: Record<MilestoneDue, string> = {
  late: '逾期未完成',
  soon: '30天内到期',
  pending: '逾期或30天内到期',
  doneLate: '逾期完成',
  all: '全部',
};

/** The worklist's filters (the export takes the same). */
export const MilestoneFilter = z.object({
  due: z
    .enum(MILESTONE_DUES, { error: '到期情况只能是 late、soon、pending、doneLate 或 all' })
    .default('all'),
  /** A district or township: the studios of its subtree. */
  orgId: Uuid('地区').optional(),
  studioId: Uuid('工作室').optional(),
  /** The year of the due day. */
  year: z.coerce
    .number({ error: '年度必须是数字' })
    .int({ error: '年度必须是整数' })
    .min(1950, { error: '年度不能早于 1950 年' })
    .max(2100, { error: '年度不能晚于 2100 年' })
    .optional(),
});
export type MilestoneFilter = z.input<typeof MilestoneFilter>;

export const MilestoneQuery = MilestoneFilter.extend(PageQuery.shape);
export type MilestoneQuery = z.input<typeof MilestoneQuery>;

// ---------- views ----------

export const MilestoneReportView = z.object({
  id: str(),
  reportedOn: str(),
  percent: z.number().int(),
  text: str(),
  done: z.boolean(),
  reporterName: str(),
  /** Reported after the due day (read from the days). */
  afterDue: z.boolean(),
});
export type MilestoneReportView = z.infer<typeof MilestoneReportView>;

export const MilestoneView = z.object({
  id: str(),
  planId: str(),
  studioId: str(),
  title: str(),
  dueOn: str(),
  owner: str(),
  doneOn: str().nullable(),
  percent: z.number().int(),
  progressText: str().nullable(),
  lastReportedOn: str().nullable(),
  status: z.enum(MILESTONE_STATUSES),
  /** Days past the due day: until today when open, until done when done late; 0 otherwise. */
  daysLate: z.number().int().min(0).max(INT4_MAX),
  reportCount: z.number().int(),
  version: z.number().int(),
});
export type MilestoneView = z.infer<typeof MilestoneView>;

export const MilestoneDetail = MilestoneView.extend({ reports: z.array(MilestoneReportView) });
export type MilestoneDetail = z.infer<typeof MilestoneDetail>;

export const PlanView = z.object({
  id: str(),
  studioId: str(),
  title: str(),
  periodFrom: str(),
  periodTo: str(),
  goals: str(),
  tasks: str(),
  requirements: str(),
  milestones: z.array(MilestoneDetail),
  version: z.number().int(),
  updatedAt: str(),
});
export type PlanView = z.infer<typeof PlanView>;

/** A studio's plans, newest period first, with what the reader may do. */
export const StudioPlansView = z.object({
  studio: StudioRef,
  /** Plans are kept for designated studios only. */
  designated: z.boolean(),
  /** The studio's side keeps the plan (studio:apply in scope). */
  mayEdit: z.boolean(),
  /** The studio's side or its supervisors report progress. */
  mayReport: z.boolean(),
  today: str(),
  plans: z.array(PlanView),
});
export type StudioPlansView = z.infer<typeof StudioPlansView>;

/** A row of the worklist: the milestone with its studio, plan and district. */
export const MilestoneRow = MilestoneView.extend({
  studio: StudioRef,
  planTitle: str(),
  orgName: str(),
  district: str(),
});
export type MilestoneRow = z.infer<typeof MilestoneRow>;

export const MilestonePage = pageOf(MilestoneRow).extend({ today: str() });
export type MilestonePage = z.infer<typeof MilestonePage>;
