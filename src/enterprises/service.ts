import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { inScope, requireAccess, scopeFilter, type Actor } from '../platform/access';
import type { Permission } from '../platform/shared/access-catalog';
import { audit } from '../platform/audit';
import { db, type Db } from '../platform/db/client';
import { updateVersioned } from '../platform/db/versioned';
import { AppError, invalidField, notFound } from '../platform/errors';
import { newId } from '../platform/ids';
import { rewritePathColumns, type PathRewriter } from '../platform/org-paths';
import { loadOrg, orgRefs, orgsOnPaths, likeText } from '../orgs/service';
import {
  EnterpriseCreateBody,
  EnterpriseListQuery,
  EnterprisePatchBody,
  FactCreateBody,
  type EnterpriseDetail,
  type EnterpriseListPage,
  type EnterpriseView,
  type FactView,
  type FactKind,
  type Ownership,
  type EnterpriseStatus,
  ENTERPRISE_SORTS,
  SURVEY_FLAGS,
  USCC_NOT_HERE,
  needsUnion,
  FORM_KEPT_KINDS,
  SIZE_BAND_RANGES,
  SIZE_BANDS,
  sizeBandOf,
  type SizeBand,
} from './contract';
import { nameKeyOf } from './names';
import { refreshSummaries } from './summary';
import { tracked } from '../platform/change-tracking';
import { enterpriseFacts, enterprises } from './tables';
import { addYears, chinaToday } from '../platform/shared/dates';

export type EnterpriseRow = typeof enterprises.$inferSelect;
type FactRow = typeof enterpriseFacts.$inferSelect;

/** Kinds of organisation an enterprise may lie in. */
const HOST_KINDS = ['townshipUnion', 'districtFederation', 'industryUnion'];

/** Moves the registry's copies of an organisation's path with it (wired in src/wiring.ts). */
export const rewriteEnterprisePaths: PathRewriter = (tx, oldPrefix, newPrefix) =>
  rewritePathColumns(tx, [enterprises], oldPrefix, newPrefix);

/** Today in China: what the registry's "now" means. */
export function today(): string {
  return chinaToday();
}

/** Enterprises as the API shows them, with their township, district and joint union named. */
export async function presentEnterprises(tx: Db, rows: EnterpriseRow[]): Promise<EnterpriseView[]> {
  const named = await orgsOnPaths(
    tx,
    rows.map((r) => r.orgPath),
  );
  const joint = await orgRefs(
    tx,
    rows.map((r) => r.jointUnionOrgId).filter((x): x is string => x !== null),
  );
  const now = today();
  return rows.map((r) => {
    const seqs = r.orgPath.split('/').filter(Boolean).map(Number);
    const org = named.get(seqs[seqs.length - 1]!);
    const district = seqs.length > 2 ? named.get(seqs[1]!) : undefined;
    const jointUnion = r.jointUnionOrgId ? joint.get(r.jointUnionOrgId) : undefined;
    const hasUnion = r.unionFoundedOn !== null || r.jointUnionOrgId !== null;
    const termStart = r.lastElectionOn ?? r.unionFoundedOn;
    return {
      id: r.id,
      uscc: r.uscc,
      name: r.name,
      org: { id: r.orgId, name: org?.name ?? '' },
      district: district ? { id: district.id, name: district.name } : null,
      address: r.address,
      ownership: r.ownership as Ownership | null,
      industry: r.industry,
      employees: r.employees,
      aboveDesignatedSize: r.aboveDesignatedSize,
      global500: r.global500,
      status: r.status as EnterpriseStatus,
      registeredOn: r.registeredOn,
      closedOn: r.closedOn,
      note: r.note,
      jointUnion: jointUnion ? { id: jointUnion.id, name: jointUnion.name } : null,
      unionUscc: r.unionUscc,
      hasUnion,
      unionFoundedOn: r.unionFoundedOn,
      members: r.members,
      lastElectionOn: r.lastElectionOn,
      termYears: r.termYears,
      electionOverdue: Boolean(
        r.unionFoundedOn && termStart && r.termYears && addYears(termStart, r.termYears) < now,
      ),
      workersCongressOn: r.workersCongressOn,
      membersCongressOn: r.membersCongressOn,
      collectiveContractTo: r.collectiveContractTo,
      wageAgreementTo: r.wageAgreementTo,
      womenContractTo: r.womenContractTo,
      affairsDisclosureOn: r.affairsDisclosureOn,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

function presentFact(f: FactRow): FactView {
  return {
    id: f.id,
    kind: f.kind as FactKind,
    eventDate: f.eventDate,
    validFrom: f.validFrom,
    validTo: f.validTo,
    value: f.value,
    data: (f.data as Record<string, string | number | boolean> | null) ?? null,
    source: f.source,
    createdAt: f.createdAt.toISOString(),
  };
}

const hasUnionSql = sql`(${enterprises.unionFoundedOn} is not null or ${enterprises.jointUnionOrgId} is not null)`;

/** The list's filters as SQL, shared by the list, its count and the export. */
export async function enterpriseFilter(
  tx: Db,
  actor: Actor,
  query: ReturnType<typeof EnterpriseListQuery.parse>,
): Promise<SQL> {
  requireAccess(actor, 'enterprise:read');
  const where: SQL[] = [scopeFilter(actor, enterprises.orgPath)];
  if (query.orgId) {
    const org = await loadOrg(tx, actor, query.orgId);
    where.push(sql`${enterprises.orgPath} like ${org.path + '%'}`);
  }
  if (query.q) {
    const upper = query.q.toUpperCase().replace(/\s+/g, '');
    where.push(
      sql`(${enterprises.name} ilike ${likeText(query.q)} or ${enterprises.uscc} like ${upper.replace(/[\\%_]/g, '') + '%'})`,
    );
  }
  if (query.ownership) where.push(eq(enterprises.ownership, query.ownership));
  if (query.status) where.push(eq(enterprises.status, query.status));
  if (query.sizeBand) {
    const [lo, hi] = SIZE_BAND_RANGES[query.sizeBand];
    where.push(sql`${enterprises.employees} between ${lo} and ${hi}`);
  }
  if (query.hasUnion) where.push(query.hasUnion === 'true' ? hasUnionSql : sql`not ${hasUnionSql}`);
  const now = today();
  switch (query.missing) {
    case undefined:
      break;
    case 'union':
      where.push(sql`not ${hasUnionSql}`);
      break;
    case 'workersCongress':
      where.push(sql`${hasUnionSql} and ${enterprises.workersCongressOn} is null`);
      break;
    case 'membersCongress':
      where.push(sql`${hasUnionSql} and ${enterprises.membersCongressOn} is null`);
      break;
    case 'collectiveContract':
      where.push(
        sql`${hasUnionSql} and coalesce(${enterprises.collectiveContractTo} >= ${now}, false) = false`,
      );
      break;
    case 'wageAgreement':
      where.push(sql`${hasUnionSql} and coalesce(${enterprises.wageAgreementTo} >= ${now}, false) = false`);
      break;
    case 'womenContract':
      where.push(sql`${hasUnionSql} and coalesce(${enterprises.womenContractTo} >= ${now}, false) = false`);
      break;
    case 'affairsDisclosure':
      where.push(sql`${hasUnionSql} and ${enterprises.affairsDisclosureOn} is null`);
      break;
  }
  return and(...where)!;
}

/**
 * What a list is sorted by. Instants are cut to milliseconds, the precision a JavaScript Date
 * brings back, so that an export can continue exactly after the last row it wrote.
 */
export function sortColumn(query: { sort: (typeof ENTERPRISE_SORTS)[number] }): SQL {
  return {
    name: sql`${enterprises.name}`,
    employees: sql`${enterprises.employees}`,
    unionFoundedOn: sql`${enterprises.unionFoundedOn}`,
    updatedAt: sql`date_trunc('milliseconds', ${enterprises.updatedAt})`,
  }[query.sort];
}

/** ORDER BY of a list: the chosen column (empty values last), then id so that order is total. */
export function listOrder(query: ListOrder): SQL[] {
  const column = sortColumn(query);
  return [sql`${query.order === 'desc' ? desc(column) : asc(column)} nulls last`, asc(enterprises.id)];
}

/**
 * "After a row" in the list's order (column with empty values last, then id): keyset paging, so
 * each page is an index range and not an ever longer OFFSET.
 */
export function listAfter(query: ListOrder, last: { value: unknown; id: string }): SQL {
  const column = sortColumn(query);
  if (last.value === null) return sql`(${column} is null and ${enterprises.id} > ${last.id})`;
  const value = sql`${last.value instanceof Date ? last.value.toISOString() : last.value}::${sql.raw(SORT_TYPES[query.sort])}`;
  const beyond = query.order === 'desc' ? sql`${column} < ${value}` : sql`${column} > ${value}`;
  return sql`(${beyond} or (${column} = ${value} and ${enterprises.id} > ${last.id}) or ${column} is null)`;
}

type ListOrder = { sort: (typeof ENTERPRISE_SORTS)[number]; order: 'asc' | 'desc' };
const SORT_TYPES: Record<ListOrder['sort'], string> = {
  name: 'text',
  employees: 'int',
  unionFoundedOn: 'date',
  updatedAt: 'timestamptz',
};

/** The cursor of the page after `row`: its sort value and id, opaque to clients. */
function cursorOf(query: ListOrder, row: EnterpriseRow): string {
  const value = row[query.sort];
  return Buffer.from(
    JSON.stringify([value instanceof Date ? value.toISOString() : value, row.id]),
    'utf8',
  ).toString('base64url');
}

function readCursor(cursor: string): { value: string | number | null; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (parsed[0] === null || typeof parsed[0] === 'string' || Number.isInteger(parsed[0])) &&
      typeof parsed[1] === 'string' &&
      /^[0-9a-f-]{36}$/.test(parsed[1])
    ) {
      return { value: parsed[0] as string | number | null, id: parsed[1] };
    }
  } catch {
    // answered below
  }
  throw invalidField('after', '翻页位置无效，请回到第一页');
}

/**
 * From this many matches on (by the planner's estimate) a list's total is that estimate; below,
 * a count. (Tests lower it to see an estimate without thousands of enterprises.)
 */
export const listTotals = { exactBelow: 5000, sortBelow: 20_000 };

/** The planner's estimate of the enterprises matching `condition`. */
async function estimateRows(tx: Db, condition: SQL): Promise<number> {
  const [plan] = await tx.execute<Record<string, unknown>>(
    sql`explain (format json) select 1 from ${enterprises} where ${condition}`,
  );
  const raw = plan ? Object.values(plan)[0] : null;
  const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as
    [{ Plan: { 'Plan Rows': number } }] | null;
  return parsed?.[0]?.Plan['Plan Rows'] ?? 0;
}

/**
 * Where a list takes its matches from. In a large scope (a district, the city): the table, so
 * that a page is a walk along the sort column's index. In a small one (a township, by the
 * planner's estimate of the scope alone), or with a text filter: the scope's rows by the path
 * index alone, then filtered and sorted. A walk in name order is as long as the names before the
 * first match, and names follow the place (a township's enterprises under its own name, perhaps
 * late in the order; a text filter, tested name by name, often is a place's name). OFFSET 0 plans
 * the scope's rows on their own, so that PostgreSQL neither walks the sort index nor ANDs in the
 * bitmap of a filter as large as the city; they go under the table's name, so the filters and the
 * order apply to them unchanged.
 */
async function listSource(
  tx: Db,
  actor: Actor,
  query: ReturnType<typeof EnterpriseListQuery.parse>,
): Promise<SQL> {
  const scope = await enterpriseFilter(tx, actor, EnterpriseListQuery.parse({ orgId: query.orgId }));
  if (!query.q && (await estimateRows(tx, scope)) >= listTotals.sortBelow) return sql`${enterprises}`;
  return sql`(select * from ${enterprises} where ${scope} offset 0) as ${enterprises}`;
}

/**
 * How many enterprises match: counted when few (or asked for), else the planner's estimate,
 * so that a list of a million answers as fast as one of a thousand.
 */
async function listTotal(
  tx: Db,
  source: SQL,
  condition: SQL,
  exact: boolean,
  estimate: number,
): Promise<{ total: number; exact: boolean }> {
  if (exact || estimate < listTotals.exactBelow) {
    const [row] = await tx.execute<{ n: number }>(
      sql`select count(*)::int as n from ${source} where ${condition}`,
    );
    return { total: row?.n ?? 0, exact: true };
  }
  return { total: Math.round(estimate), exact: false };
}

/** One page of the matches in the list's order (`pageSize + 1` rows, to tell whether more follow). */
async function pageRows(
  tx: Db,
  query: ReturnType<typeof EnterpriseListQuery.parse>,
  source: SQL,
  where: SQL,
  offset: number,
): Promise<EnterpriseRow[]> {
  const ids = await tx.execute<{ id: string }>(sql`
    select ${enterprises.id} as id from ${source} where ${where}
    order by ${sql.join(listOrder(query), sql`, `)}
    limit ${query.pageSize + 1} offset ${offset}`);
  if (!ids.length) return [];
  const rows = await tx
    .select()
    .from(enterprises)
    .where(
      inArray(
        enterprises.id,
        ids.map((r) => r.id),
      ),
    );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((r) => byId.get(r.id)!);
}

/**
 * Enterprises in the actor's subtree, filtered, sorted and paged on the server: a page by index
 * (from a cursor however deep), the total counted when small or asked for, else estimated.
 */
export async function listEnterprises(
  actor: Actor,
  query: ReturnType<typeof EnterpriseListQuery.parse>,
): Promise<EnterpriseListPage> {
  requireAccess(actor, 'enterprise:read');
  const after = query.after === undefined ? null : readCursor(query.after);
  return db.readTransaction(async (tx) => {
    const condition = await enterpriseFilter(tx, actor, query);
    const source = await listSource(tx, actor, query);
    const rows = await pageRows(
      tx,
      query,
      source,
      after ? and(condition, listAfter(query, after))! : condition,
      after ? 0 : (query.page - 1) * query.pageSize,
    );
    const more = rows.length > query.pageSize;
    const page = rows.slice(0, query.pageSize);
    // A first page that is not full holds every match: nothing to count.
    const { total, exact } =
      !after && query.page === 1 && !more
        ? { total: page.length, exact: true }
        : await listTotal(
            tx,
            source,
            condition,
            query.exactTotal === 'true',
            await estimateRows(tx, condition),
          );
    return {
      items: await presentEnterprises(tx, page),
      total,
      totalExact: exact,
      nextCursor: more ? cursorOf(query, page.at(-1)!) : null,
    };
  });
}

/** An enterprise the actor may act on: 403 without `permission`, 404 outside the scope. */
async function loadEnterprise(
  tx: Db,
  actor: Actor,
  id: string,
  permission: Permission,
): Promise<EnterpriseRow> {
  requireAccess(actor, permission);
  const [row] = await tx.select().from(enterprises).where(eq(enterprises.id, id));
  if (!row || !inScope(actor, row.orgPath)) throw notFound('企业');
  return row;
}

async function detail(tx: Db, row: EnterpriseRow): Promise<EnterpriseDetail> {
  const facts = await tx
    .select()
    .from(enterpriseFacts)
    .where(eq(enterpriseFacts.enterpriseId, row.id))
    .orderBy(sql`${enterpriseFacts.eventDate} desc nulls last`, desc(enterpriseFacts.createdAt));
  const [view] = await presentEnterprises(tx, [row]);
  return { ...view!, facts: facts.map(presentFact) };
}

/** One enterprise with the timeline of its facts, newest first. */
export async function getEnterprise(actor: Actor, id: string): Promise<EnterpriseDetail> {
  return db.transaction(async (tx) => {
    const row = await loadEnterprise(tx, actor, id, 'enterprise:read');
    requireAccess(actor, 'enterprise:read', row.orgPath);
    return detail(tx, row);
  });
}

async function hostOrg(tx: Db, actor: Actor, orgId: string) {
  const org = await loadOrg(tx, actor, orgId, '所属乡镇(街道)');
  if (!HOST_KINDS.includes(org.kind))
    throw invalidField('orgId', '企业应归属于乡镇(街道)工会、市(区)总工会或产业工会');
  if (!org.active) throw invalidField('orgId', '所属组织已停用');
  return org;
}

async function checkJointUnion(tx: Db, actor: Actor, id: string | null) {
  if (!id) return;
  const org = await loadOrg(tx, actor, id, '联合工会');
  if (org.kind !== 'jointUnion') throw invalidField('jointUnionOrgId', '所选组织不是联合工会');
}

/** The start of a joint union's coverage: with a joint union, not after today, not before registration. */
function checkJointUnionFrom(
  orgId: string | null | undefined,
  from: string | null | undefined,
  registeredOn: string | null,
) {
  if (!from) return;
  if (!orgId) throw invalidField('jointUnionFrom', '请先选择联合工会');
  if (from > today()) throw invalidField('jointUnionFrom', '纳入联合工会日期不能晚于今天');
  if (registeredOn && from < registeredOn)
    throw invalidField('jointUnionFrom', `纳入联合工会日期不能早于成立日期（${registeredOn}）`);
}

function checkDates(registeredOn: string | null, closedOn: string | null) {
  if (registeredOn && registeredOn > today()) throw invalidField('registeredOn', '成立日期不能晚于今天');
  if (closedOn && closedOn > today()) throw invalidField('closedOn', '注销日期不能晚于今天');
  if (registeredOn && closedOn && closedOn < registeredOn)
    throw invalidField('closedOn', '注销日期不能早于成立日期');
}

/**
 * A closed enterprise always has its closing date (DOMAIN §2), so every figure as of a date
 * knows whether it still counted: closing without a date closes it today; a closing date makes
 * it closed; reopening clears the date.
 */
function closing(
  status: EnterpriseStatus | undefined,
  closedOn: string | null | undefined,
  before: { status: EnterpriseStatus; closedOn: string | null },
): { status: EnterpriseStatus; closedOn: string | null } {
  if (status === 'operating') {
    if (closedOn) throw invalidField('status', '填写了注销日期的企业，经营状态应为“已注销”');
    return { status, closedOn: null };
  }
  if (status === 'closed') return { status, closedOn: closedOn ?? before.closedOn ?? today() };
  if (closedOn) return { status: 'closed', closedOn };
  if (closedOn === null && before.status === 'closed')
    throw invalidField('closedOn', '已注销的企业须有注销日期；如企业仍在经营，请把经营状态改为“在营”');
  return before;
}

/** A USCC is registered once in the city: in the actor's scope that is said, elsewhere not where. */
async function checkUsccFree(tx: Db, actor: Actor, uscc: string) {
  const [other] = await tx
    .select({ id: enterprises.id, orgPath: enterprises.orgPath })
    .from(enterprises)
    .where(eq(enterprises.uscc, uscc));
  if (!other) return;
  throw invalidField('uscc', inScope(actor, other.orgPath) ? '该统一社会信用代码已登记' : USCC_NOT_HERE);
}

/** Registers an enterprise in a township of the actor's subtree. */
export async function createEnterprise(
  actor: Actor,
  input: ReturnType<typeof EnterpriseCreateBody.parse>,
): Promise<EnterpriseDetail> {
  return db.transaction(async (tx) => {
    requireAccess(actor, 'enterprise:write');
    const org = await hostOrg(tx, actor, input.orgId);
    requireAccess(actor, 'enterprise:write', org.path);
    await checkJointUnion(tx, actor, input.jointUnionOrgId);
    checkJointUnionFrom(input.jointUnionOrgId, input.jointUnionFrom, input.registeredOn);
    const { jointUnionFrom: _from, ...attributes } = input;
    const closed = closing(input.status, input.closedOn, { status: 'operating', closedOn: null });
    checkDates(input.registeredOn, closed.closedOn);
    if (input.unionUscc && !input.unionUscc.startsWith('81'))
      throw invalidField('unionUscc', '工会的统一社会信用代码应以 81 开头');
    await checkUsccFree(tx, actor, input.uscc);
    const id = newId();
    const [row] = await tracked(tx, 'enterprises', sql`e.id = ${id}`, async () => {
      const inserted = await tx
        .insert(enterprises)
        .values({ id, ...attributes, ...closed, nameKey: nameKeyOf(input.name), orgPath: org.path })
        .returning();
      // The head count given at registration holds from registration on, and so does the
      // joint union's coverage unless another start is given.
      if (input.employees !== null)
        await recordFact(tx, id, { kind: 'headcount', from: null, value: input.employees });
      if (input.jointUnionOrgId)
        await recordFact(tx, id, jointFact(input.jointUnionOrgId, input.jointUnionFrom));
      return inserted;
    });
    await audit(tx, actor, {
      action: 'enterprise.create',
      entity: 'enterprise',
      entityId: row!.id,
      orgPath: org.path,
      after: row,
    });
    return detail(tx, row!);
  });
}

/** Changes an enterprise's registered attributes (its facts are added separately). */
export async function updateEnterprise(
  actor: Actor,
  id: string,
  input: ReturnType<typeof EnterprisePatchBody.parse>,
): Promise<EnterpriseDetail> {
  return db.transaction(async (tx) => {
    const row = await loadEnterprise(tx, actor, id, 'enterprise:write');
    requireAccess(actor, 'enterprise:write', row.orgPath);
    let orgPath = row.orgPath;
    if (input.orgId && input.orgId !== row.orgId) {
      const org = await hostOrg(tx, actor, input.orgId);
      requireAccess(actor, 'enterprise:write', org.path);
      orgPath = org.path;
    }
    if (input.jointUnionOrgId) await checkJointUnion(tx, actor, input.jointUnionOrgId);
    const closed = closing(input.status, input.closedOn, {
      status: row.status as EnterpriseStatus,
      closedOn: row.closedOn,
    });
    checkDates(input.registeredOn === undefined ? row.registeredOn : input.registeredOn, closed.closedOn);
    if (input.unionUscc && !input.unionUscc.startsWith('81'))
      throw invalidField('unionUscc', '工会的统一社会信用代码应以 81 开头');
    const employees = input.employees === undefined ? row.employees : input.employees;
    const note = input.note === undefined ? row.note : input.note;
    if (employees !== null && row.members !== null && employees < row.members && !note) {
      throw invalidField(
        'employees',
        `职工人数（${employees}）少于已登记的会员人数（${row.members}），请核实或在备注中说明`,
      );
    }
    const { version, jointUnionFrom, ...changes } = input;
    const jointChanged =
      input.jointUnionOrgId !== undefined && (input.jointUnionOrgId ?? null) !== row.jointUnionOrgId;
    if (jointUnionFrom && !jointChanged)
      throw invalidField('jointUnionFrom', '纳入联合工会日期只在更换或设置联合工会时填写');
    checkJointUnionFrom(
      input.jointUnionOrgId ?? row.jointUnionOrgId,
      jointUnionFrom,
      input.registeredOn === undefined ? row.registeredOn : input.registeredOn,
    );
    const updated = await tracked(tx, 'enterprises', sql`e.id = ${row.id}`, async () => {
      const saved = await updateVersioned(tx, enterprises, row.id, version, {
        ...changes,
        ...closed,
        ...(input.name ? { nameKey: nameKeyOf(input.name) } : {}),
        orgPath,
      });
      if (input.employees !== undefined && input.employees !== null && input.employees !== row.employees)
        await headcountChanged(tx, row, input.employees);
      if (jointChanged)
        await jointUnionChanged(tx, row, input.jointUnionOrgId ?? null, jointUnionFrom ?? null);
      return saved;
    });
    await audit(tx, actor, {
      action: 'enterprise.update',
      entity: 'enterprise',
      entityId: row.id,
      orgPath,
      before: row,
      after: updated,
    });
    return detail(tx, updated);
  });
}

/**
 * A joint union that still covers enterprises may not be deactivated: each enterprise's coverage
 * is ended (or moved to another joint union) first, on the day it ends, so the figures keep it
 * up to that day and not after.
 */
export async function jointUnionInUse(tx: Db, orgId: string): Promise<string | null> {
  const [covered] = await tx
    .select({ n: count() })
    .from(enterprises)
    .where(eq(enterprises.jointUnionOrgId, orgId));
  const n = covered?.n ?? 0;
  return n > 0 ? `该联合工会仍覆盖 ${n} 家企业，请先在企业信息中解除或改为其他联合工会，并注明日期` : null;
}

/** Records a dated fact the enterprise's own fields keep: from `from` on, or since registration. */
async function recordFact(
  tx: Db,
  enterpriseId: string,
  fact: { kind: FactKind; from: string | null; value: number; data?: Record<string, unknown> },
) {
  await tx.insert(enterpriseFacts).values({
    id: newId(),
    enterpriseId,
    kind: fact.kind,
    eventDate: fact.from,
    validFrom: null,
    validTo: null,
    value: fact.value,
    data: fact.data ?? null,
    source: 'form',
  });
}

/** Whether the enterprise has any fact of `kind` yet. */
async function hasFacts(tx: Db, enterpriseId: string, kind: FactKind): Promise<boolean> {
  const [known] = await tx
    .select({ n: count() })
    .from(enterpriseFacts)
    .where(and(eq(enterpriseFacts.enterpriseId, enterpriseId), eq(enterpriseFacts.kind, kind)));
  return (known?.n ?? 0) > 0;
}

/**
 * The registry's head count was changed: the new count holds from today. An enterprise whose
 * count had no history yet keeps its old count (or the new one, when it had none) since
 * registration, so the figures of earlier years keep the count they had.
 */
async function headcountChanged(tx: Db, row: EnterpriseRow, employees: number) {
  if (!(await hasFacts(tx, row.id, 'headcount'))) {
    await recordFact(tx, row.id, { kind: 'headcount', from: null, value: row.employees ?? employees });
    if (row.employees === null) return;
  }
  await recordFact(tx, row.id, { kind: 'headcount', from: today(), value: employees });
}

/** The joint-union fact: covered by `orgId` from `from` on (since registration when null), or no longer. */
const jointFact = (orgId: string | null, from: string | null) => ({
  kind: 'jointUnion' as const,
  from,
  value: orgId ? 1 : 0,
  data: orgId ? { orgId } : undefined,
});

/**
 * The joint union covering the enterprise was changed: the change holds from `from` (today
 * unless given). A link that had no history yet is kept as holding since registration.
 */
async function jointUnionChanged(tx: Db, row: EnterpriseRow, orgId: string | null, from: string | null) {
  if (row.jointUnionOrgId && !(await hasFacts(tx, row.id, 'jointUnion')))
    await recordFact(tx, row.id, jointFact(row.jointUnionOrgId, null));
  await recordFact(tx, row.id, jointFact(orgId, from ?? today()));
}

const DATED_KINDS: FactKind[] = [
  'headcount',
  'unionFounded',
  'unionDissolved',
  'membership',
  'termElection',
  'workersCongress',
  'membersCongress',
  'affairsDisclosure',
];
const CONTRACT_KINDS: FactKind[] = ['collectiveContract', 'wageAgreement', 'womenContract'];

/** Validates a fact against its kind and the enterprise (dates in order, members ≤ employees). */
function checkFact(row: EnterpriseRow, input: ReturnType<typeof FactCreateBody.parse>) {
  const now = today();
  if (input.eventDate && input.eventDate > now) throw invalidField('eventDate', '日期不能晚于今天');
  if (DATED_KINDS.includes(input.kind) && !input.eventDate) throw invalidField('eventDate', '请填写日期');
  if (CONTRACT_KINDS.includes(input.kind)) {
    if (!input.validFrom) throw invalidField('validFrom', '请填写合同起始日期');
    if (!input.validTo) throw invalidField('validTo', '请填写合同终止日期');
    if (input.validTo < input.validFrom) throw invalidField('validTo', '终止日期不能早于起始日期');
    if (input.eventDate && input.eventDate > input.validTo)
      throw invalidField('eventDate', '签订日期不能晚于终止日期');
  }
  if (input.kind === 'headcount' && input.value === null) throw invalidField('value', '请填写职工人数');
  if (FORM_KEPT_KINDS.includes(input.kind))
    throw invalidField('kind', '联合工会的覆盖请在企业信息的“所属联合工会”中修改');
  if (input.kind === 'termElection' && input.value !== null && ![3, 5].includes(input.value)) {
    throw invalidField('value', '工会委员会任期应为 3 年或 5 年');
  }
  if ((input.kind === 'membership' || input.kind === 'unionFounded') && input.value !== null) {
    if (row.employees !== null && input.value > row.employees && !input.explanation) {
      throw invalidField(
        'value',
        `会员人数（${input.value}）超过职工人数（${row.employees}），请核实或填写说明`,
      );
    }
  }
  if (input.kind === 'memberEvaluation') {
    const votes = ['satisfied', 'basic', 'unsatisfied'].map((k) => input.data?.[k]);
    if (votes.some((v) => typeof v !== 'number' || v < 0 || !Number.isInteger(v))) {
      throw invalidField('data', '会员评家需填写满意、基本满意、不满意票数（非负整数）');
    }
    if (input.value === null || input.value < 1949 || input.value > Number(now.slice(0, 4)))
      throw invalidField('value', '请填写评家年度');
  }
  if (
    input.kind === 'fiveHave' &&
    !['readingRoom', 'equipment', 'contactWindow', 'studySpace', 'noticeBoard'].includes(
      String(input.data?.item),
    )
  ) {
    throw invalidField('data', '请选择五有中的一项');
  }
  if (input.kind === 'survey') {
    if (!input.eventDate) throw invalidField('eventDate', '请填写排查日期');
    if (!SURVEY_FLAGS.includes(input.data?.flag as never))
      throw invalidField('data', '请选择排查发现的问题：建会难、工会作用发挥不好或劳动关系紧张');
  }
  if (
    input.kind === 'unionDissolved' &&
    input.eventDate &&
    row.unionFoundedOn &&
    input.eventDate < row.unionFoundedOn
  )
    throw invalidField('eventDate', `撤销日期不能早于建会日期（${row.unionFoundedOn}）`);
  // A founding, a survey (which may find an enterprise hard to organise) and a head count need
  // no union.
  return needsUnion(input.kind);
}

/** Records a new dated fact (an election, a contract…); history is kept, nothing is overwritten. */
export async function addFact(
  actor: Actor,
  enterpriseId: string,
  input: ReturnType<typeof FactCreateBody.parse>,
): Promise<EnterpriseDetail> {
  return db.transaction(async (tx) => {
    const row = await loadEnterprise(tx, actor, enterpriseId, 'enterprise:write');
    requireAccess(actor, 'enterprise:write', row.orgPath);
    await addFactIn(tx, actor, row, input);
    const [fresh] = await tx.select().from(enterprises).where(eq(enterprises.id, row.id));
    return detail(tx, fresh!);
  });
}

/**
 * Records a fact of an enterprise seen in another feature's write (a service visit), in that
 * write's transaction, checked and audited as the registry's own. The caller has checked that
 * the actor may act on the enterprise (`permission`, in scope).
 */
export async function addFactFromFeature(
  tx: Db,
  actor: Actor,
  enterpriseId: string,
  permission: Permission,
  input: ReturnType<typeof FactCreateBody.parse>,
  field: string,
): Promise<void> {
  const row = await loadEnterprise(tx, actor, enterpriseId, permission);
  try {
    await addFactIn(tx, actor, row, input);
  } catch (err) {
    // Name the fact's place in the caller's body (facts.0.eventDate…).
    if (err instanceof AppError && Array.isArray(err.details)) {
      throw new AppError(
        err.status,
        err.code,
        err.message,
        err.details.map((d) => ({ ...d, field: `${field}.${d.field}` })),
      );
    }
    throw err;
  }
}

async function addFactIn(
  tx: Db,
  actor: Actor,
  row: EnterpriseRow,
  input: ReturnType<typeof FactCreateBody.parse>,
): Promise<void> {
  const needsUnion = checkFact(row, input);
  if (needsUnion && row.unionFoundedOn === null && row.jointUnionOrgId === null) {
    throw invalidField('kind', '该企业尚未建会，请先登记建会（建立工会）');
  }
  const data = input.explanation ? { ...(input.data ?? {}), explanation: input.explanation } : input.data;
  const [same] = await tx
    .select({ id: enterpriseFacts.id })
    .from(enterpriseFacts)
    .where(
      and(
        eq(enterpriseFacts.enterpriseId, row.id),
        eq(enterpriseFacts.kind, input.kind),
        sql`${enterpriseFacts.eventDate} is not distinct from ${input.eventDate}::date`,
        sql`${enterpriseFacts.validFrom} is not distinct from ${input.validFrom}::date`,
        sql`${enterpriseFacts.validTo} is not distinct from ${input.validTo}::date`,
        sql`${enterpriseFacts.value} is not distinct from ${input.value}::int`,
        sql`${enterpriseFacts.data} is not distinct from ${data === null ? null : JSON.stringify(data)}::jsonb`,
      ),
    );
  if (same) throw invalidField('kind', '已有完全相同的记录');
  const [fact] = await tracked(tx, 'enterprises', sql`e.id = ${row.id}`, async () => {
    const inserted = await tx
      .insert(enterpriseFacts)
      .values({
        id: newId(),
        enterpriseId: row.id,
        kind: input.kind,
        eventDate: input.eventDate,
        validFrom: input.validFrom,
        validTo: input.validTo,
        value: input.value,
        data,
        source: 'form',
      })
      .returning();
    await refreshSummaries(tx, sql`e.id = ${row.id}`);
    return inserted;
  });
  await audit(tx, actor, {
    action: 'enterprise.addFact',
    entity: 'enterprise',
    entityId: row.id,
    orgPath: row.orgPath,
    after: fact,
  });
}

/**
 * Sets the day since which the enterprise has a labour-relations risk report not yet confirmed
 * by a follow-up (null: none), in the caller's transaction; the three categories follow. Called
 * by the early-warning feature, which audits its own writes; the enterprise's version stays, as
 * nothing of its record changed by hand.
 */
export async function setRiskMark(tx: Db, enterpriseId: string, since: string | null): Promise<void> {
  await tracked(tx, 'enterprises', sql`e.id = ${enterpriseId}`, () =>
    tx
      .update(enterprises)
      .set({ riskOpenSince: since })
      .where(
        and(
          eq(enterprises.id, enterpriseId),
          sql`${enterprises.riskOpenSince} is distinct from ${since}::date`,
        ),
      ),
  );
}

/** Removes a fact entered by mistake (audited with its content). */
export async function removeFact(
  actor: Actor,
  enterpriseId: string,
  factId: string,
): Promise<EnterpriseDetail> {
  return db.transaction(async (tx) => {
    const row = await loadEnterprise(tx, actor, enterpriseId, 'enterprise:write');
    requireAccess(actor, 'enterprise:write', row.orgPath);
    const [fact] = await tracked(tx, 'enterprises', sql`e.id = ${row.id}`, async () => {
      const deleted = await tx
        .delete(enterpriseFacts)
        .where(and(eq(enterpriseFacts.id, factId), eq(enterpriseFacts.enterpriseId, row.id)))
        .returning();
      if (deleted.length === 0) throw notFound('记录');
      await refreshSummaries(tx, sql`e.id = ${row.id}`);
      return deleted;
    });
    await audit(tx, actor, {
      action: 'enterprise.removeFact',
      entity: 'enterprise',
      entityId: row.id,
      orgPath: row.orgPath,
      before: fact,
    });
    const [fresh] = await tx.select().from(enterprises).where(eq(enterprises.id, row.id));
    return detail(tx, fresh!);
  });
}

export {
  enterprisesAsOf,
  enterpriseHistories,
  enterpriseIds,
  everyEnterpriseHistory,
  type EligibilityRule,
  type EnterpriseHistory,
  type HistoryFact,
} from './as-of';

/** Enterprises by id, presented, in the given order (for features that select ids). */
export async function presentEnterprisesByIds(tx: Db, ids: string[]): Promise<EnterpriseView[]> {
  if (!ids.length) return [];
  const rows = await tx.select().from(enterprises).where(inArray(enterprises.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return presentEnterprises(
    tx,
    ids.map((id) => byId.get(id)).filter((r): r is EnterpriseRow => r !== undefined),
  );
}

export {
  listPriority,
  priorityConditions,
  priorityFacts,
  priorityRanking,
  type PriorityRow,
} from './priority';
export { refreshSummaries, summaryMayLag } from './summary';
export { enterpriseDueDates, unionTermColumns } from './due-dates';

/** The size band of a headcount column in SQL (null when not known), as sizeBandOf says it. */
export function sizeBandSql(employees: SQL | string): SQL {
  const column = typeof employees === 'string' ? sql.raw(employees) : employees;
  const arms = SIZE_BANDS.map(
    (b) => sql`when ${column} <= ${sql.raw(String(SIZE_BAND_RANGES[b][1]))} then '${sql.raw(b)}'`,
  );
  return sql`(case when ${column} is null then null ${sql.join(arms, sql` `)} end)`;
}

/** Names and units of enterprises for other features' lists, by id, in one query. */
export async function enterpriseRefs(
  tx: Db,
  ids: string[],
): Promise<
  Map<
    string,
    {
      id: string;
      name: string;
      orgPath: string;
      orgName: string;
      status: string;
      industry: string | null;
      sizeBand: SizeBand | null;
    }
  >
> {
  if (!ids.length) return new Map();
  const rows = await tx
    .select({
      id: enterprises.id,
      name: enterprises.name,
      orgPath: enterprises.orgPath,
      orgId: enterprises.orgId,
      status: enterprises.status,
      industry: enterprises.industry,
      employees: enterprises.employees,
    })
    .from(enterprises)
    .where(inArray(enterprises.id, [...new Set(ids)]));
  const orgsById = await orgRefs(
    tx,
    rows.map((r) => r.orgId),
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        name: r.name,
        orgPath: r.orgPath,
        orgName: orgsById.get(r.orgId)?.name ?? '',
        status: r.status,
        industry: r.industry,
        sizeBand: sizeBandOf(r.employees),
      },
    ]),
  );
}

/**
 * Enterprises of the registry by USCC or by name (compared as the registry compares names), for
 * other features' imports that name enterprises: id, name, USCC and path.
 */
export async function enterprisesByUsccOrName(
  tx: Db,
  usccs: string[],
  names: string[],
): Promise<{ id: string; name: string; uscc: string; nameKey: string; orgPath: string }[]> {
  const codes = [...new Set(usccs)];
  const keys = [...new Set(names.map(nameKeyOf))];
  if (!codes.length && !keys.length) return [];
  return tx
    .select({
      id: enterprises.id,
      name: enterprises.name,
      uscc: enterprises.uscc,
      nameKey: enterprises.nameKey,
      orgPath: enterprises.orgPath,
    })
    .from(enterprises)
    .where(
      sql`${codes.length ? inArray(enterprises.uscc, codes) : sql`false`} or ${
        keys.length ? inArray(enterprises.nameKey, keys) : sql`false`
      }`,
    );
}

export { nameKeyOf };
