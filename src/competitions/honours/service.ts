// The honours register: presenting honours, the register's list with its search and filters,
// one honour with its objections and trail, the honours of an enterprise or an organisation, and
// the counts per unit below and year. Who may do what with a nomination is decided here too.
import { and, asc, desc, eq, gte, lt, lte, ne, sql, type SQL } from 'drizzle-orm';
import { can, inScope, requireAccess, scopeFilter, type Actor } from '../../platform/access';
import { now } from '../../platform/clock';
import { db, type Db } from '../../platform/db/client';
import { forbidden, notFound } from '../../platform/errors';
import { partOfName } from '../../platform/search';
import { chinaToday } from '../../platform/shared/dates';
import { childrenOf, loadOrg, orgNamesByPath, orgRefs, orgsOnPaths } from '../../orgs/service';
import { userRefs } from '../../orgs/users-service';
import { enterpriseRefs } from '../../enterprises/service';
import {
  ACTION_STATES,
  HONOUR_ACTIONS,
  honourTitle,
  type HonourAction,
  type HonourCountsView,
  type HonourDetail,
  type HonourKind,
  type HonourLevel,
  type HonourPage,
  type HonoursOfQuery,
  type HonoursOfView,
  type HonourState,
  type HonourView,
  type Gender,
  type RecipientKind,
} from './contract';
import { honourEvents, honourObjections, honours } from './tables';
import type { z } from 'zod';
import type { HonourCountsQuery as CountsSchema, HonourQuery as HonourQuerySchema } from './contract';

export type HonourRow = typeof honours.$inferSelect;
type ParsedQuery = z.output<typeof HonourQuerySchema>;
type ParsedCounts = z.output<typeof CountsSchema>;

/** The steps of a path: '/1/12/305/' → ['1', '12', '305']. */
const stepsOf = (path: string) => path.split('/').filter(Boolean);

/** The path of the district an honour at `path` counts under (null at the city itself). */
export function districtPathOf(path: string): string | null {
  const steps = stepsOf(path);
  return steps.length >= 2 ? `/${steps[0]}/${steps[1]}/` : null;
}

/** The city federation itself (no unit above it) reviews what it nominates. */
const atTop = (actor: Actor) => stepsOf(actor.scopePath).length <= 1;

/**
 * Whether the actor decides on the nomination (reviews, publicises, confers, revokes): staff
 * with competition:manage of a unit above the nominating unit (the top unit decides its own).
 */
export const decides = (actor: Actor, row: Pick<HonourRow, 'orgPath'>) =>
  can(actor, 'competition:manage') &&
  inScope(actor, row.orgPath) &&
  (row.orgPath !== actor.scopePath || atTop(actor));

/** Whether the actor may take `action` on the honour (whatever its state). */
export const mayAct = (actor: Actor, row: HonourRow, action: HonourAction) =>
  action === 'edit'
    ? can(actor, 'competition:manage') && inScope(actor, row.orgPath) && !row.imported
    : decides(actor, row);

/** Why the honour cannot be conferred yet (null when it can). */
export function conferBlockedBy(row: HonourRow, today = chinaToday(now())): string | null {
  if (row.state !== 'publicising') return null;
  if (row.publicityEndsOn && today <= row.publicityEndsOn)
    return `公示期至 ${row.publicityEndsOn} 结束，公示期满后方可授予`;
  if (row.openObjections > 0) return `尚有 ${row.openObjections} 条异议未处理完毕，处理后方可授予`;
  return null;
}

/** What the actor may do with the honour now. */
export function actionsFor(actor: Actor, row: HonourRow): HonourAction[] {
  return HONOUR_ACTIONS.filter(
    (a) =>
      ACTION_STATES[a].includes(row.state as HonourState) &&
      mayAct(actor, row, a) &&
      (a !== 'confer' || conferBlockedBy(row) === null) &&
      (a !== 'resolve' || row.openObjections > 0),
  );
}

/** Presents honours with the names of their enterprises, units and districts. */
export async function presentHonours(tx: Db, rows: HonourRow[]): Promise<HonourView[]> {
  const firms = await enterpriseRefs(
    tx,
    rows.flatMap((r) => (r.enterpriseId ? [r.enterpriseId] : [])),
  );
  const units = await orgRefs(
    tx,
    rows.flatMap((r) => [r.recipientOrgId ?? [], r.nominatingOrgId ?? []].flat()),
  );
  const districtPaths = rows.flatMap((r) => districtPathOf(r.orgPath) ?? []);
  const names = await orgNamesByPath(tx, [...rows.map((r) => r.orgPath), ...districtPaths]);
  const ref = (id: string | null, name: string | undefined) => (id ? { id, name: name ?? '' } : null);
  return rows.map((r) => {
    const district = districtPathOf(r.orgPath);
    return {
      id: r.id,
      kind: r.kind as HonourKind,
      title: honourTitle({ kind: r.kind as HonourKind, name: r.name, level: r.level as HonourLevel }),
      name: r.name,
      level: r.level as HonourLevel,
      year: r.year,
      awardingBody: r.awardingBody,
      recipientKind: r.recipientKind as RecipientKind,
      recipientName: r.recipientName,
      gender: r.gender as Gender | null,
      jobTitle: r.jobTitle,
      unitName: r.unitName,
      enterprise: ref(r.enterpriseId, firms.get(r.enterpriseId ?? '')?.name),
      recipientOrg: ref(r.recipientOrgId, units.get(r.recipientOrgId ?? '')?.name),
      nominatingOrg: ref(r.nominatingOrgId, units.get(r.nominatingOrgId ?? '')?.name),
      nominatingUnitName: r.nominatingUnitName,
      orgName: names.get(r.orgPath) ?? '',
      district: district ? (names.get(district) ?? '') : '市本级',
      state: r.state as HonourState,
      imported: r.imported,
      returnReason: r.returnReason,
      publicityStartsOn: r.publicityStartsOn,
      publicityDays: r.publicityDays,
      publicityEndsOn: r.publicityEndsOn,
      openObjections: r.openObjections,
      conferredOn: r.conferredOn,
      revokeReason: r.revokeReason,
      note: r.note,
      version: r.version,
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

/** The honour with its objections, trail and what the actor may do. */
export async function detailOf(tx: Db, actor: Actor, row: HonourRow): Promise<HonourDetail> {
  const objections = await tx
    .select()
    .from(honourObjections)
    .where(eq(honourObjections.honourId, row.id))
    .orderBy(asc(honourObjections.receivedOn), asc(honourObjections.createdAt));
  const events = await tx
    .select()
    .from(honourEvents)
    .where(eq(honourEvents.honourId, row.id))
    .orderBy(asc(honourEvents.at), asc(honourEvents.id));
  const people = await userRefs(tx, [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))]);
  const units = await orgRefs(
    tx,
    events.flatMap((e) => (e.orgId ? [e.orgId] : [])),
  );
  return {
    ...(await presentHonours(tx, [row]))[0]!,
    objections: objections.map((o) => ({
      id: o.id,
      receivedOn: o.receivedOn,
      content: o.content,
      resolvedOn: o.resolvedOn,
      resolution: o.resolution,
    })),
    events: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      kind: e.kind,
      actor: e.actorId ? { id: e.actorId, name: people.get(e.actorId)?.name ?? '' } : null,
      org: e.orgId ? { id: e.orgId, name: units.get(e.orgId)?.name ?? '' } : null,
      text: e.text,
    })),
    actions: actionsFor(actor, row),
    conferBlockedBy: conferBlockedBy(row),
  };
}

/** An honour of the actor's scope with its objections and trail. */
export async function getHonour(actor: Actor, id: string): Promise<HonourDetail> {
  requireAccess(actor, 'competition:manage');
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(honours).where(eq(honours.id, id));
    if (!row || !inScope(actor, row.orgPath)) throw notFound('荣誉');
    return detailOf(tx, actor, row);
  });
}

/** The nominations that wait for the actor: to review, or publicised and ready to be conferred. */
export function dueCondition(actor: Actor, due: 'review' | 'confer'): SQL {
  const t = honours;
  const above = atTop(actor) ? undefined : ne(t.orgPath, actor.scopePath);
  if (due === 'review') return and(eq(t.state, 'nominated'), scopeFilter(actor, t.orgPath), above)!;
  return and(
    eq(t.state, 'publicising'),
    scopeFilter(actor, t.orgPath),
    above,
    lt(t.publicityEndsOn, chinaToday(now())),
    eq(t.openObjections, 0),
  )!;
}

/** The conditions of the register's filters, within the actor's scope. */
export async function filterOf(tx: Db, actor: Actor, query: Omit<ParsedQuery, 'page' | 'pageSize'>) {
  const t = honours;
  const where: SQL[] = [scopeFilter(actor, t.orgPath)];
  if (query.orgId) {
    const org = await loadOrg(tx, actor, query.orgId, '单位');
    where.push(sql`${t.orgPath} like ${org.path + '%'}`);
  }
  if (query.kind) where.push(eq(t.kind, query.kind));
  if (query.level) where.push(eq(t.level, query.level));
  if (query.year !== undefined) where.push(eq(t.year, query.year));
  if (query.state) where.push(eq(t.state, query.state));
  if (query.recipientKind) where.push(eq(t.recipientKind, query.recipientKind));
  if (query.q)
    where.push(
      partOfName(t.namePairs, sql`${t.recipientName} || ' ' || coalesce(${t.unitName}, '')`, query.q),
    );
  if (query.due) where.push(dueCondition(actor, query.due));
  return and(...where);
}

/** The register: honours and nominations of the actor's scope, the latest year first. */
export async function listHonours(actor: Actor, query: ParsedQuery): Promise<HonourPage> {
  requireAccess(actor, 'competition:manage');
  return db.readTransaction(async (tx) => {
    const condition = await filterOf(tx, actor, query);
    const [total] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(honours)
      .where(condition);
    const rows =
      query.pageSize === 0
        ? []
        : await tx
            .select()
            .from(honours)
            .where(condition)
            .orderBy(desc(honours.year), desc(honours.createdAt), asc(honours.id))
            .limit(query.pageSize)
            .offset((query.page - 1) * query.pageSize);
    return { items: await presentHonours(tx, rows), total: Number(total?.n ?? 0) };
  });
}

/** Most honours shown on an enterprise's or an organisation's page. */
const HONOURS_OF_LIMIT = 200;

/**
 * The conferred honours of an enterprise (as recipient, or as the unit of a person or team) or an
 * organisation, for their pages: whoever may see the enterprise or the organisation sees them.
 */
export async function honoursOf(actor: Actor, query: HonoursOfQuery): Promise<HonoursOfView> {
  requireAccess(actor, ['competition:manage', 'enterprise:read', 'org:read']);
  return db.readTransaction(async (tx) => {
    let condition: SQL;
    if (query.enterpriseId) {
      // Those who may not read the registry (an information officer) learn nothing of an enterprise.
      if (!can(actor, 'competition:manage') && !can(actor, 'enterprise:read')) throw forbidden();
      const firm = (await enterpriseRefs(tx, [query.enterpriseId])).get(query.enterpriseId);
      if (!firm || !inScope(actor, firm.orgPath)) throw notFound('企业');
      condition = eq(honours.enterpriseId, query.enterpriseId);
    } else {
      await loadOrg(tx, actor, query.orgId!);
      condition = eq(honours.recipientOrgId, query.orgId!);
    }
    const rows = await tx
      .select()
      .from(honours)
      .where(and(condition, eq(honours.state, 'conferred')))
      .orderBy(desc(honours.year), asc(honours.id))
      .limit(HONOURS_OF_LIMIT);
    return { items: await presentHonours(tx, rows) };
  });
}

/**
 * Conferred honours per unit below (the districts, for the city) and year, with totals: each
 * figure is the count of the register's rows with the same filters.
 */
export async function honourCounts(actor: Actor, query: ParsedCounts): Promise<HonourCountsView> {
  requireAccess(actor, 'competition:manage');
  return db.readTransaction(async (tx) => {
    const t = honours;
    let base = actor.scopePath;
    if (query.orgId) base = (await loadOrg(tx, actor, query.orgId, '单位')).path;
    const where = and(
      scopeFilter(actor, t.orgPath),
      sql`${t.orgPath} like ${base + '%'}`,
      eq(t.state, 'conferred'),
      query.kind ? eq(t.kind, query.kind) : undefined,
      query.level ? eq(t.level, query.level) : undefined,
      query.from !== undefined ? gte(t.year, query.from) : undefined,
      query.to !== undefined ? lte(t.year, query.to) : undefined,
    );
    const grouped = await tx
      .select({ path: t.orgPath, year: t.year, n: sql<number>`count(*)::int` })
      .from(t)
      .where(where)
      .groupBy(t.orgPath, t.year);
    const seen = grouped.map((g) => g.year);
    const thisYear = Number(chinaToday(now()).slice(0, 4));
    const to = query.to ?? Math.max(query.from ?? 0, seen.length ? Math.max(...seen) : thisYear);
    // At most 51 years, the latest ones.
    const from = Math.max(query.from ?? (seen.length ? Math.min(...seen) : to), to - 50);
    const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
    const depth = stepsOf(base).length;
    // Each honour counts under the unit one step below the base (or the base itself: 本级).
    const keyOf = (path: string) => {
      const steps = stepsOf(path);
      return steps.length > depth ? `/${steps.slice(0, depth + 1).join('/')}/` : base;
    };
    const cells = new Map<string, Map<number, number>>();
    for (const g of grouped) {
      const key = keyOf(g.path);
      const byYear = cells.get(key) ?? new Map<number, number>();
      byYear.set(g.year, (byYear.get(g.year) ?? 0) + Number(g.n));
      cells.set(key, byYear);
    }
    // Every unit directly below the base is listed, with or without honours.
    const baseOrg = [...(await orgsOnPaths(tx, [base])).values()].find((o) => o.path === base);
    const children = baseOrg ? await childrenOf(tx, baseOrg.id) : [];
    const keys = [
      ...children.map((c) => c.path),
      ...[...cells.keys()].filter((k) => !children.some((c) => c.path === k)),
    ];
    const named = await orgsOnPaths(tx, keys);
    const nameOf = new Map([...named.values()].map((o) => [o.path, o]));
    const rows = keys
      .filter((k) => k !== base)
      .map((k) => {
        const byYear = cells.get(k);
        const counts = years.map((y) => byYear?.get(y) ?? 0);
        return {
          orgId: nameOf.get(k)?.id ?? null,
          name: nameOf.get(k)?.name ?? '',
          counts,
          total: counts.reduce((a, b) => a + b, 0),
        };
      });
    const own = cells.get(base);
    if (own) {
      const counts = years.map((y) => own.get(y) ?? 0);
      rows.push({
        orgId: baseOrg?.id ?? null,
        name: `${baseOrg?.name ?? ''}（本级）`,
        counts,
        total: counts.reduce((a, b) => a + b, 0),
      });
    }
    const totals = years.map((_, i) => rows.reduce((sum, r) => sum + r.counts[i]!, 0));
    return { years, rows, totals, total: totals.reduce((a, b) => a + b, 0) };
  });
}
