// The register as xlsx: the filtered list as the page shows it, and the counts per unit and year.
import type { z } from 'zod';
import { requireAccess, type Actor } from '../../platform/access';
import type { PreparedDownload } from '../../platform/downloads';
import {
  allPages,
  sheet,
  writeSheet,
  writeSheets,
  type SheetColumn,
} from '../../platform/spreadsheets/write-sheet';
import { chinaToday } from '../../platform/shared/dates';
import {
  GENDER_LABELS,
  HONOUR_LEVEL_LABELS,
  HONOUR_STATE_LABELS,
  RECIPIENT_KIND_LABELS,
  type HonourCountsQuery,
  type HonourFilter,
  type HonourView,
} from './contract';
import { honourCounts, listHonours } from './service';

/** The columns of the exported register, in order. */
export const EXPORT_COLUMNS: SheetColumn<HonourView>[] = [
  { header: '年度', width: 8, value: (h) => h.year },
  { header: '荣誉', width: 28, value: (h) => h.title },
  { header: '级别', width: 12, value: (h) => HONOUR_LEVEL_LABELS[h.level] },
  { header: '授予机关', width: 20, value: (h) => h.awardingBody },
  { header: '获奖对象类型', width: 12, value: (h) => RECIPIENT_KIND_LABELS[h.recipientKind] },
  { header: '获奖对象', width: 24, value: (h) => h.recipientName },
  { header: '性别', width: 6, value: (h) => (h.gender ? GENDER_LABELS[h.gender] : null) },
  { header: '职务', width: 14, value: (h) => h.jobTitle },
  { header: '所在单位', width: 28, value: (h) => h.unitName },
  { header: '推荐单位', width: 20, value: (h) => h.nominatingOrg?.name ?? h.nominatingUnitName },
  { header: '所属单位', width: 20, value: (h) => h.orgName },
  { header: '所属地区', width: 16, value: (h) => h.district },
  { header: '状态', width: 10, value: (h) => HONOUR_STATE_LABELS[h.state] },
  { header: '授予日期', width: 12, value: (h) => h.conferredOn },
  { header: '备注', width: 24, value: (h) => h.note },
];

/** The register's filtered list as xlsx (checked before any byte is sent). */
export async function prepareHonourExport(
  actor: Actor,
  query: z.output<typeof HonourFilter>,
): Promise<PreparedDownload> {
  requireAccess(actor, 'competition:manage');
  // The first page now: a unit outside the scope answers 404 before the download starts.
  const first = await listHonours(actor, { ...query, page: 1, pageSize: 500 });
  return {
    filename: `荣誉名单（${chinaToday()}）.xlsx`,
    write: (output) =>
      writeSheet(
        output,
        { sheetName: '荣誉名单', columns: EXPORT_COLUMNS },
        allPages((page, pageSize) =>
          page === 1 ? Promise.resolve(first) : listHonours(actor, { ...query, page, pageSize }),
        ),
      ),
  };
}

/** One page of rows already at hand. */
async function* once<T>(items: T[]): AsyncGenerator<T[]> {
  yield await Promise.resolve(items);
}

/** The counts per unit and year as xlsx, with the totals. */
export async function prepareCountsExport(
  actor: Actor,
  query: z.output<typeof HonourCountsQuery>,
): Promise<PreparedDownload> {
  const counts = await honourCounts(actor, query);
  type Row = { name: string; counts: number[]; total: number };
  const rows: Row[] = [...counts.rows, { name: '合计', counts: counts.totals, total: counts.total }];
  const columns: SheetColumn<Row>[] = [
    { header: '单位', width: 24, value: (r) => r.name },
    ...counts.years.map((y, i) => ({ header: `${y}年`, width: 9, value: (r: Row) => r.counts[i] ?? 0 })),
    { header: '合计', width: 10, value: (r) => r.total },
  ];
  return {
    filename: `荣誉数量统计（${chinaToday()}）.xlsx`,
    write: (output) =>
      writeSheets(output, [
        sheet({
          sheetName: '荣誉数量统计',
          title: '已授予荣誉数量（按单位和年度）',
          columns,
          pages: once(rows),
        }),
      ]),
  };
}
