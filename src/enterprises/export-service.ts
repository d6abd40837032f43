// Export of the filtered enterprise list with its union and current institution status, to
// xlsx, streamed: rows are read a page at a time (keyset on id) and written as they come, so
// memory stays flat and the database is never held for long. The sheet writer also serves other
// features' lists of enterprises (coverage drill-downs, the priority worklist).
import type { Writable } from 'node:stream';
import { writeSheet, type SheetColumn } from '../platform/spreadsheets/write-sheet';
import { and, type SQL } from 'drizzle-orm';
import { requireAccess, type Actor } from '../platform/access';
import { db } from '../platform/db/client';
import { OWNERSHIP_LABELS, STATUS_LABELS, type EnterpriseListQuery, type EnterpriseView } from './contract';
import { enterpriseFilter, listAfter, listOrder, presentEnterprises, type EnterpriseRow } from './service';
import { enterprises } from './tables';
import { chinaToday } from '../platform/shared/dates';

const PAGE = 2000;

const yesNo = (v: boolean | null) => (v === null ? '' : v ? '是' : '否');
const valid = (to: string | null, today: string) =>
  to === null ? '无' : to >= today ? `有效至 ${to}` : `已于 ${to} 到期`;

const COLUMNS: {
  header: string;
  width: number;
  value: (e: EnterpriseView, today: string) => string | number | null;
}[] = [
  { header: '统一社会信用代码', width: 22, value: (e) => e.uscc },
  { header: '企业名称', width: 36, value: (e) => e.name },
  { header: '所属市(区)', width: 16, value: (e) => e.district?.name ?? '' },
  { header: '所属乡镇(街道)', width: 18, value: (e) => e.org.name },
  { header: '地址', width: 30, value: (e) => e.address },
  { header: '经济类型', width: 10, value: (e) => (e.ownership ? OWNERSHIP_LABELS[e.ownership] : '') },
  { header: '行业', width: 24, value: (e) => e.industry },
  { header: '职工人数', width: 10, value: (e) => e.employees },
  { header: '规模以上', width: 8, value: (e) => yesNo(e.aboveDesignatedSize) },
  { header: '世界500强', width: 8, value: (e) => yesNo(e.global500) },
  { header: '状态', width: 8, value: (e) => STATUS_LABELS[e.status] },
  { header: '成立日期', width: 12, value: (e) => e.registeredOn },
  { header: '是否建会', width: 8, value: (e) => (e.hasUnion ? '是' : '否') },
  { header: '建会日期', width: 12, value: (e) => e.unionFoundedOn },
  { header: '所属联合工会', width: 24, value: (e) => e.jointUnion?.name ?? '' },
  { header: '会员人数', width: 10, value: (e) => e.members },
  { header: '最近换届', width: 12, value: (e) => e.lastElectionOn },
  { header: '任期(年)', width: 8, value: (e) => e.termYears },
  { header: '换届逾期', width: 8, value: (e) => (e.hasUnion ? (e.electionOverdue ? '是' : '否') : '') },
  { header: '职代会', width: 12, value: (e) => e.workersCongressOn ?? '无' },
  { header: '会员代表大会', width: 12, value: (e) => e.membersCongressOn ?? '无' },
  { header: '集体合同', width: 20, value: (e, t) => valid(e.collectiveContractTo, t) },
  { header: '工资专项集体协议', width: 20, value: (e, t) => valid(e.wageAgreementTo, t) },
  { header: '女职工专项集体合同', width: 20, value: (e, t) => valid(e.womenContractTo, t) },
  { header: '厂务公开', width: 12, value: (e) => e.affairsDisclosureOn ?? '无' },
];

/**
 * Checks access and filters (so that errors answer before any byte is sent), then returns the
 * writer of the enterprises matching `query` in the actor's scope as xlsx.
 */
export async function prepareEnterpriseExport(
  actor: Actor,
  query: ReturnType<typeof EnterpriseListQuery.parse>,
): Promise<(output: Writable) => Promise<number>> {
  requireAccess(actor, 'enterprise:read');
  const condition = await enterpriseFilter(db.orm, actor, query);
  return (output) =>
    writeEnterpriseSheet(output, enterprisePages(condition, query), { sheetName: '企业名单' });
}

/** A column added after the registry's columns, computed from the item a row stands for. */
export type ExtraColumn<T> = SheetColumn<T>;

/**
 * Writes enterprises supplied page by page (each item carrying its presented enterprise) as an
 * xlsx sheet with the registry's columns and any extra ones, committing each row as it comes so
 * memory stays flat; returns the number of rows written.
 */
export async function writeEnterpriseSheet<T extends { enterprise: EnterpriseView }>(
  output: Writable,
  pages: AsyncIterable<T[]>,
  options: { sheetName: string; extra?: ExtraColumn<T>[] },
): Promise<number> {
  const today = chinaToday();
  const columns: SheetColumn<T>[] = [
    ...COLUMNS.map((c, i) => ({
      header: c.header,
      width: c.width,
      value: (item: T) => c.value(item.enterprise, today),
      // The credit code stays text.
      ...(i === 0 ? { numFmt: '@' } : {}),
    })),
    ...(options.extra ?? []),
  ];
  return writeSheet(output, { sheetName: options.sheetName, columns }, pages);
}

/** The enterprises matching the list's filters, a page at a time in the list's order. */
async function* enterprisePages(
  condition: SQL,
  query: ReturnType<typeof EnterpriseListQuery.parse>,
): AsyncGenerator<{ enterprise: EnterpriseView }[]> {
  let last: EnterpriseRow | null = null;
  for (;;) {
    const rows: EnterpriseRow[] = await db.orm
      .select()
      .from(enterprises)
      .where(last ? and(condition, listAfter(query, { value: last[query.sort], id: last.id })) : condition)
      .orderBy(...listOrder(query))
      .limit(PAGE);
    if (!rows.length) return;
    yield (await presentEnterprises(db.orm, rows)).map((enterprise) => ({ enterprise }));
    last = rows[rows.length - 1]!;
    if (rows.length < PAGE) return;
  }
}
