// Lists behind the coverage figures as xlsx with the registry's columns: the enterprises behind
// one count (the same set as listCoverageEnterprises) and the three-category worklist with its
// categories and reasons. Both are read a page at a time and written as they come.
import { sql, type SQL } from 'drizzle-orm';
import { requireAccess, type Actor } from '../platform/access';
import { db } from '../platform/db/client';
import type { PreparedDownload } from '../platform/downloads';
import { loadOrg } from '../orgs/service';
import { presentEnterprisesByIds, today } from '../enterprises/service';
import { writeEnterpriseSheet, type ExtraColumn } from '../enterprises/export-service';
import type { EnterpriseView } from '../enterprises/contract';
import { CoverageListQuery, MEASURE_LABELS, PriorityQuery, type PriorityItem } from './contract';
import { coverageListSource, listPriorityEnterprises } from './service';

const PAGE = 2000;

/** A download ready to send: its file name, and the writer of its bytes. */
/** The enterprises behind one count, presented, a page at a time in id order (keyset, not OFFSET). */
async function* idPages(asOf: SQL, condition: SQL): AsyncGenerator<{ enterprise: EnterpriseView }[]> {
  let last: string | null = null;
  for (;;) {
    const after: SQL = last === null ? sql`` : sql`and s.id > ${last}::uuid`;
    const rows = await db.orm.execute<{ id: string }>(
      sql`select s.id from (${asOf}) s where ${condition} ${after} order by s.id limit ${PAGE}`,
    );
    if (!rows.length) return;
    const views = await presentEnterprisesByIds(
      db.orm,
      rows.map((r) => r.id),
    );
    yield views.map((enterprise) => ({ enterprise }));
    last = rows[rows.length - 1]!.id;
    if (rows.length < PAGE) return;
  }
}

/**
 * Checks access and resolves the node, date and rule (so that errors answer before any byte is
 * sent), then returns the writer of exactly the enterprises behind one count of the coverage.
 */
export async function prepareCoverageListExport(
  actor: Actor,
  query: ReturnType<typeof CoverageListQuery.parse>,
): Promise<PreparedDownload> {
  requireAccess(actor, 'coverage:read');
  const { node, date, asOf, condition } = await coverageListSource(db.orm, actor, query);
  return {
    filename: `${node.name}-${MEASURE_LABELS[query.measure]}-${date}.xlsx`,
    write: (output) =>
      writeEnterpriseSheet(output, idPages(asOf, condition), { sheetName: MEASURE_LABELS[query.measure] }),
  };
}

const CATEGORY_NAMES: Record<number, string> = { 1: '一类', 2: '二类', 3: '三类' };

const PRIORITY_COLUMNS: ExtraColumn<PriorityItem>[] = [
  { header: '紧急度', width: 8, value: (item) => item.urgency },
  {
    header: '类别',
    width: 12,
    value: (item) => item.categories.map((c) => CATEGORY_NAMES[c] ?? String(c)).join('、'),
  },
  { header: '原因', width: 60, value: (item) => item.reasons.map((r) => r.text).join('；') },
];

/**
 * Reads the worklist's first page (which checks access and the node, so that errors answer
 * before any byte is sent), then returns the writer of the whole filtered worklist.
 */
export async function preparePriorityExport(
  actor: Actor,
  query: ReturnType<typeof PriorityQuery.parse>,
): Promise<PreparedDownload> {
  const first = await listPriorityEnterprises(actor, { ...query, page: 1, pageSize: PAGE });
  async function* pages(): AsyncGenerator<PriorityItem[]> {
    let items = first.items;
    for (let page = 2; items.length; page++) {
      yield items;
      if (items.length < PAGE) return;
      ({ items } = await listPriorityEnterprises(actor, { ...query, page, pageSize: PAGE }));
    }
  }
  const node = await loadOrg(db.orm, actor, query.orgId ?? actor.orgId);
  const which = query.category ? `（${CATEGORY_NAMES[query.category]}）` : '';
  return {
    filename: `${node.name}-三类企业名单${which}-${today()}.xlsx`,
    write: (output) =>
      writeEnterpriseSheet(output, pages(), { sheetName: '三类企业名单', extra: PRIORITY_COLUMNS }),
  };
}
