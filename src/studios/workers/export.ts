// The register as xlsx, with the list's filters: the same columns as the import template, so a
// list exported can be corrected and imported elsewhere. The contact columns are written only
// for holders of studio:contacts; for anyone else they are not in the file at all.
import type { z } from 'zod';
import { requireAccess, type Actor } from '../../platform/access';
import type { PreparedDownload } from '../../platform/downloads';
import { allPages, writeSheet, type SheetColumn } from '../../platform/spreadsheets/write-sheet';
import { chinaToday } from '../../platform/shared/dates';
import { now } from '../../platform/clock';
import {
  GENDER_LABELS,
  MODEL_WORKER_LEVEL_LABELS,
  MODEL_WORKER_STATUS_LABELS,
  type ModelWorkerFilter,
  type ModelWorkerView,
} from './contract';
import { listModelWorkers, seesContacts } from './service';

const CONTACT_HEADERS = ['联系电话', '通讯地址'];

/** The columns of the exported register, in order (contacts included). */
export const EXPORT_COLUMNS: SheetColumn<ModelWorkerView>[] = [
  { header: '姓名', width: 10, value: (w) => w.name },
  { header: '性别', width: 6, value: (w) => (w.gender ? GENDER_LABELS[w.gender] : null) },
  { header: '出生年份', width: 9, value: (w) => w.birthYear },
  { header: '级别', width: 14, value: (w) => MODEL_WORKER_LEVEL_LABELS[w.level] },
  { header: '授予年度', width: 9, value: (w) => w.year },
  { header: '工作单位', width: 28, value: (w) => w.unitName },
  { header: '职务职称', width: 14, value: (w) => w.position },
  { header: '专业领域', width: 12, value: (w) => w.field },
  { header: '状态', width: 8, value: (w) => MODEL_WORKER_STATUS_LABELS[w.status] },
  { header: '联系电话', width: 16, value: (w) => w.phone, numFmt: '@' },
  { header: '通讯地址', width: 28, value: (w) => w.address },
  { header: '荣誉库记录', width: 20, value: (w) => w.honour?.title ?? null },
  { header: '保管单位', width: 20, value: (w) => w.org.name },
  { header: '所属地区', width: 16, value: (w) => w.district },
  { header: '备注', width: 24, value: (w) => w.note },
];

/** The register's filtered list as xlsx (checked before any byte is sent). */
export async function prepareModelWorkerExport(
  actor: Actor,
  query: z.output<typeof ModelWorkerFilter>,
): Promise<PreparedDownload> {
  requireAccess(actor, 'studio:read');
  // The first page now: a unit outside the scope answers 404 before the download starts.
  const first = await listModelWorkers(actor, { ...query, page: 1, pageSize: 500 });
  const columns = seesContacts(actor)
    ? EXPORT_COLUMNS
    : EXPORT_COLUMNS.filter((c) => !CONTACT_HEADERS.includes(c.header));
  return {
    filename: `劳模名册（${chinaToday(now())}）.xlsx`,
    write: (output) =>
      writeSheet(
        output,
        { sheetName: '劳模名册', columns },
        allPages((page, pageSize) =>
          page === 1 ? Promise.resolve(first) : listModelWorkers(actor, { ...query, page, pageSize }),
        ),
      ),
  };
}
