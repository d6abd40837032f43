// The worklist of milestones as xlsx, with the filters the page shows and each row's state as of
// the day of the export.
import type { z } from 'zod';
import { requireAccess, type Actor } from '../../platform/access';
import { now } from '../../platform/clock';
import type { PreparedDownload } from '../../platform/downloads';
import { allPages, writeSheet, type SheetColumn } from '../../platform/spreadsheets/write-sheet';
import { chinaToday } from '../../platform/shared/dates';
import { STUDIO_LEVEL_LABELS } from '../register/contract';
import { MILESTONE_STATUS_LABELS, type MilestoneFilter, type MilestoneRow } from './contract';
import { listMilestones } from './worklist';

/** The columns of the exported worklist, in order. */
export const EXPORT_COLUMNS: SheetColumn<MilestoneRow>[] = [
  { header: '工作室', width: 28, value: (r) => r.studio.name },
  { header: '依托单位', width: 24, value: (r) => r.studio.hostUnitName },
  { header: '级别', width: 20, value: (r) => (r.studio.level ? STUDIO_LEVEL_LABELS[r.studio.level] : null) },
  { header: '所属地区', width: 14, value: (r) => r.district },
  { header: '申报单位', width: 20, value: (r) => r.orgName },
  { header: '计划', width: 24, value: (r) => r.planTitle },
  { header: '安排内容', width: 32, value: (r) => r.title },
  { header: '责任人', width: 10, value: (r) => r.owner },
  { header: '完成时限', width: 12, value: (r) => r.dueOn },
  { header: '完成日期', width: 12, value: (r) => r.doneOn },
  { header: '完成进度(%)', width: 11, value: (r) => r.percent },
  { header: '状态', width: 11, value: (r) => MILESTONE_STATUS_LABELS[r.status] },
  { header: '逾期天数', width: 9, value: (r) => (r.daysLate > 0 ? r.daysLate : null) },
  { header: '最近报告日期', width: 12, value: (r) => r.lastReportedOn },
  { header: '最新进展', width: 40, value: (r) => r.progressText },
];

/** The worklist's filtered milestones as xlsx (checked before any byte is sent). */
export async function prepareMilestoneExport(
  actor: Actor,
  query: z.output<typeof MilestoneFilter>,
): Promise<PreparedDownload> {
  requireAccess(actor, 'studio:read');
  // The first page now: a unit outside the scope answers 404 before the download starts.
  const first = await listMilestones(actor, { ...query, page: 1, pageSize: 500 });
  return {
    filename: `工作室计划进度（${chinaToday(now())}）.xlsx`,
    write: (output) =>
      writeSheet(
        output,
        { sheetName: '计划进度', columns: EXPORT_COLUMNS },
        allPages((page, pageSize) =>
          page === 1 ? Promise.resolve(first) : listMilestones(actor, { ...query, page, pageSize }),
        ),
      ),
  };
}
