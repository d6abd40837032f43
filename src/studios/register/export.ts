// The studios list as xlsx, as the page shows it with its filters.
import type { z } from 'zod';
import { requireAccess, type Actor } from '../../platform/access';
import type { PreparedDownload } from '../../platform/downloads';
import { allPages, writeSheet, type SheetColumn } from '../../platform/spreadsheets/write-sheet';
import { chinaToday } from '../../platform/shared/dates';
import { STUDIO_LEVEL_LABELS, STUDIO_STATE_LABELS, type StudioFilter, type StudioView } from './contract';
import { listStudios } from './service';

/** The columns of the exported list, in order. */
export const EXPORT_COLUMNS: SheetColumn<StudioView>[] = [
  { header: '工作室名称', width: 30, value: (s) => s.name },
  { header: '负责人', width: 10, value: (s) => s.leader.name },
  { header: '承载单位', width: 30, value: (s) => s.hostUnitName },
  { header: '所属领域', width: 14, value: (s) => s.field },
  { header: '级别', width: 22, value: (s) => (s.level ? STUDIO_LEVEL_LABELS[s.level] : null) },
  { header: '状态', width: 16, value: (s) => STUDIO_STATE_LABELS[s.state] },
  {
    header: '申报级别',
    width: 22,
    value: (s) =>
      s.state === 'designated' || s.state === 'revoked' ? null : STUDIO_LEVEL_LABELS[s.appliedLevel],
  },
  { header: '命名批次', width: 18, value: (s) => s.batch?.name ?? null },
  { header: '挂牌日期', width: 12, value: (s) => s.plaqueOn },
  { header: '申报单位', width: 24, value: (s) => s.applicantOrg.name },
  { header: '所属地区', width: 16, value: (s) => s.district },
];

/** The filtered list as xlsx (checked before any byte is sent). */
export async function prepareStudioExport(
  actor: Actor,
  query: z.output<typeof StudioFilter>,
): Promise<PreparedDownload> {
  requireAccess(actor, 'studio:read');
  // The first page now: a unit outside the scope answers 404 before the download starts.
  const first = await listStudios(actor, { ...query, page: 1, pageSize: 500 });
  return {
    filename: `劳模创新工作室名单（${chinaToday()}）.xlsx`,
    write: (output) =>
      writeSheet(
        output,
        { sheetName: '劳模创新工作室', columns: EXPORT_COLUMNS },
        allPages((page, pageSize) =>
          page === 1 ? Promise.resolve(first) : listStudios(actor, { ...query, page, pageSize }),
        ),
      ),
  };
}
