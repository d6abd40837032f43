import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { rewritePathColumns, type PathRewriter } from '../platform/org-paths';
import { audit } from '../platform/audit';
import { forbidden, staleVersion } from '../platform/errors';
import type { Ownership } from '../enterprises/contract';
import { coverageRules, coverageTargets } from './tables';
import {
  buildSeries,
  dropUnusedSeries,
  rewriteSeriesPaths,
  seriesMissing,
  seriesCounts,
  seriesMonthEnds,
  ZERO_COUNTS,
} from './series-store';
import {
  countKey,
  loadPriorityRule,
  priorityPage,
  rewriteWorklistPaths,
  worklistToday,
} from './worklist-store';
import { requireAccess, type Actor } from '../platform/access';
import { startJob } from '../platform/jobs';
import { db, type Db } from '../platform/db/client';
import { childrenOf, loadOrg } from '../orgs/service';
import { enterprisesAsOf, listPriority, presentEnterprisesByIds } from '../enterprises/service';
import {
  CoverageListQuery,
  CoverageQuery,
  DEFAULT_RULE,
  PriorityQuery,
  RuleBody,
  TargetsBody,
  type PriorityPage,
  type Indicator,
  type Targets,
  type TargetsView,
  type RuleView,
  type RuleSaved,
  ratesOf,
  type CoverageCounts,
  type CoverageMeasure,
  type CoverageRow,
  type CoverageView,
  type DenominatorRule,
  type TrendPoint,
  type TrendView,
  TREND_MONTHS,
} from './contract';
import { chinaToday, monthEnd } from '../platform/shared/dates';

const today = () => chinaToday();

/** The rule in force for a year: the one the city federation set, or the default. */
export async function ruleFor(tx: Db, year: number): Promise<DenominatorRule> {
  const [row] = await tx.select().from(coverageRules).where(eq(coverageRules.year, year));
  return row
    ? {
        minEmployees: row.minEmployees,
        ownerships: row.ownerships as Ownership[],
        jointUnionCounts: row.jointUnionCounts,
      }
    : DEFAULT_RULE;
}

/** Every configured year's rule, newest first, and the default. */
export async function listRules(actor: Actor) {
  requireAccess(actor, 'coverage:read');
  const rows = await db.orm.select().from(coverageRules).orderBy(desc(coverageRules.year));
  return {
    default: DEFAULT_RULE,
    items: rows.map((r) => ({
      year: r.year,
      minEmployees: r.minEmployees,
      ownerships: r.ownerships as Ownership[],
      jointUnionCounts: r.jointUnionCounts,
      configured: true,
      version: r.version,
    })),
  };
}

/**
 * Sets a year's rule. Only the city federation (the root of the tree) decides what counts. A
 * rule not used before needs its own cached series: a job builds it (minutes at a million
 * enterprises), and until it is done that year's figures are computed directly.
 */
export async function setRule(
  actor: Actor,
  year: number,
  input: ReturnType<typeof RuleBody.parse>,
): Promise<RuleSaved> {
  const saved = await saveRule(actor, year, input);
  if (!(await db.transaction((tx) => seriesMissing(tx)))) return { ...saved, seriesJobId: null };
  const job = await startJob(actor, 'coverage.series', actor.scopePath, async (context) => {
    context.progress(0, null, '正在按新的统计口径计算统计缓存');
    const built = await db.transaction((tx) => buildSeries(tx, { full: false }));
    context.progress(1, 1, '统计缓存已更新');
    return { built };
  });
  return { ...saved, seriesJobId: job.id };
}

async function saveRule(
  actor: Actor,
  year: number,
  input: ReturnType<typeof RuleBody.parse>,
): Promise<RuleView> {
  requireAccess(actor, 'coverage:target');
  return db.transaction(async (tx) => {
    const own = await loadOrg(tx, actor, actor.orgId);
    if (own.parentId !== null) throw forbidden('统计口径由市总工会设置');
    const [current] = await tx.select().from(coverageRules).where(eq(coverageRules.year, year));
    const values = {
      minEmployees: input.minEmployees,
      ownerships: [...new Set(input.ownerships)],
      jointUnionCounts: input.jointUnionCounts,
    };
    let saved;
    if (current) {
      if (input.version !== current.version) throw staleVersion();
      [saved] = await tx
        .update(coverageRules)
        .set({ ...values, version: current.version + 1, updatedAt: new Date() })
        .where(and(eq(coverageRules.year, year), eq(coverageRules.version, current.version)))
        .returning();
      if (!saved) throw staleVersion();
    } else {
      [saved] = await tx
        .insert(coverageRules)
        .values({ year, ...values })
        .returning();
    }
    if (!saved) throw new Error('rule not saved');
    await dropUnusedSeries(tx);
    await audit(tx, actor, {
      action: 'coverage.setRule',
      entity: 'coverageRule',
      entityId: String(year),
      orgPath: actor.scopePath,
      before: current ?? null,
      after: saved,
    });
    return { year, ...values, configured: true, version: saved.version };
  });
}

const ZERO = ZERO_COUNTS;

function add(a: CoverageCounts, b: CoverageCounts): CoverageCounts {
  const out = { ...a };
  for (const key of Object.keys(out) as (keyof CoverageCounts)[]) out[key] = a[key] + b[key];
  return out;
}

async function resolveNode(tx: Db, actor: Actor, orgId: string | undefined) {
  const node = await loadOrg(tx, actor, orgId ?? actor.orgId);
  requireAccess(actor, 'coverage:read', node.path);
  return node;
}

/**
 * The indicators of an organisation's subtree as of a date, with one row per child (and one for
 * enterprises registered at the node itself), computed directly from the dated facts.
 */
export async function getCoverage(
  actor: Actor,
  query: ReturnType<typeof CoverageQuery.parse>,
): Promise<CoverageView> {
  requireAccess(actor, 'coverage:read');
  return db.readTransaction(async (tx) => {
    const node = await resolveNode(tx, actor, query.orgId);
    const date = query.date ?? today();
    const rule = await ruleFor(tx, Number(date.slice(0, 4)));
    const rows = await countsByChild(tx, node.path, date, rule);
    const bySeq = new Map<string, CoverageCounts>();
    for (const { child, ...counts } of rows) bySeq.set(child, { ...ZERO, ...counts });
    const children = await childrenOf(tx, node.id);
    const targets = await targetsOf(tx, [node.id, ...children.map((c) => c.id)], Number(date.slice(0, 4)));
    const childRows: CoverageRow[] = children.map((c) => {
      const seq = c.path.slice(node.path.length).replace(/\/$/, '');
      const counts = bySeq.get(seq) ?? ZERO;
      bySeq.delete(seq);
      return {
        org: { id: c.id, name: c.name },
        counts,
        rates: ratesOf(counts),
        targets: targets.get(c.id) ?? {},
      };
    });
    // Enterprises at the node itself, and any under children now inactive, in one 直属 row.
    const rest = [...bySeq.values()].reduce(add, ZERO);
    if (rest.enterprises > 0) childRows.push({ org: null, counts: rest, rates: ratesOf(rest), targets: {} });
    const total = childRows.map((r) => r.counts).reduce(add, ZERO);
    return {
      date,
      rule,
      node: {
        org: { id: node.id, name: node.name },
        counts: total,
        rates: ratesOf(total),
        targets: targets.get(node.id) ?? {},
      },
      children: childRows,
    };
  });
}

type ChildCounts = { child: string } & CoverageCounts;

/** The subtree's counts by child, computed from the dated facts (what the series must equal). */
export async function directCountsByChild(
  tx: Db,
  pathPrefix: string,
  date: string,
  rule: DenominatorRule,
): Promise<ChildCounts[]> {
  return tx.execute<ChildCounts>(sql`
      select split_part(substr(s.org_path, ${pathPrefix.length + 1}), '/', 1) as child,
        count(*)::int as enterprises,
        count(*) filter (where s.unionised)::int as unionised,
        coalesce(sum(s.employees), 0)::int8 as employees,
        coalesce(sum(s.employees) filter (where s.unionised), 0)::int8 as "unionisedEmployees",
        coalesce(sum(s.members) filter (where s.unionised), 0)::int8 as members,
        count(*) filter (where s.unionised and s.wage_agreement)::int as "wageAgreement",
        coalesce(sum(s.employees) filter (where s.unionised and s.wage_agreement), 0)::int8 as "wageAgreementEmployees",
        count(*) filter (where s.unionised and s.workers_congress)::int as "workersCongress",
        count(*) filter (where s.unionised and s.collective_contract)::int as "collectiveContract",
        count(*) filter (where s.unionised and s.affairs_disclosure)::int as "affairsDisclosure"
      from (${enterprisesAsOf(pathPrefix, date, rule)}) s
      group by 1`);
}

/** The subtree's counts by child as of a date: from the cached series, or directly. */
async function countsByChild(tx: Db, pathPrefix: string, date: string, rule: DenominatorRule) {
  return (
    (await seriesCounts(tx, pathPrefix, date, rule)) ??
    (await directCountsByChild(tx, pathPrefix, date, rule))
  );
}

/** Last day of each of the `months - 1` months before the month of `date`, then `date`. */
export function trendDates(date: string, months: number): string[] {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1;
  const out: string[] = [];
  for (let back = months - 1; back >= 1; back--) {
    out.push(monthEnd(year, month - back + 1));
  }
  out.push(date);
  return out;
}

/** The month-by-month trend of an organisation's subtree, ending on a date. */
export async function getTrend(
  actor: Actor,
  query: ReturnType<typeof CoverageQuery.parse>,
): Promise<TrendView> {
  requireAccess(actor, 'coverage:read');
  return db.readTransaction(async (tx) => {
    const node = await resolveNode(tx, actor, query.orgId);
    const date = query.date ?? today();
    const rules = new Map<number, DenominatorRule>();
    const points: { date: string; rule: DenominatorRule }[] = [];
    for (const d of trendDates(date, TREND_MONTHS)) {
      const year = Number(d.slice(0, 4));
      if (!rules.has(year)) rules.set(year, await ruleFor(tx, year));
      points.push({ date: d, rule: rules.get(year)! });
    }
    const cached = await seriesMonthEnds(tx, node.path, points.slice(0, -1));
    const out: TrendPoint[] = [];
    for (const p of points) {
      const counts =
        cached.get(p.date) ??
        (await countsByChild(tx, node.path, p.date, p.rule)).map(strip).reduce(add, ZERO);
      out.push({ date: p.date, counts, rates: ratesOf(counts) });
    }
    return { date, points: out };
  });
}

function strip({ child: _child, ...counts }: ChildCounts): CoverageCounts {
  return counts;
}

/** Which rows of enterprisesAsOf (alias s) each count of getCoverage counts. */
export function measureFilter(measure: CoverageMeasure): SQL {
  switch (measure) {
    case 'enterprises':
      return sql`true`;
    case 'unionised':
      return sql`s.unionised`;
    case 'notUnionised':
      return sql`not s.unionised`;
    case 'wageAgreement':
      return sql`s.unionised and s.wage_agreement`;
    case 'workersCongress':
      return sql`s.unionised and s.workers_congress`;
    case 'collectiveContract':
      return sql`s.unionised and s.collective_contract`;
    case 'affairsDisclosure':
      return sql`s.unionised and s.affairs_disclosure`;
  }
}

/**
 * The node, date and the rows of enterprisesAsOf (alias s) behind one count of getCoverage: the
 * query of the drill-down list and of its export.
 */
export async function coverageListSource(
  tx: Db,
  actor: Actor,
  query: ReturnType<typeof CoverageListQuery.parse>,
) {
  const node = await resolveNode(tx, actor, query.orgId);
  const date = query.date ?? today();
  const rule = await ruleFor(tx, Number(date.slice(0, 4)));
  let condition = measureFilter(query.measure);
  const children = query.direct ? await childrenOf(tx, node.id) : [];
  if (children.length) {
    // The 直属 row of getCoverage: not under any active child.
    const under = children.map((c) => sql`s.org_path like ${c.path + '%'}`);
    condition = sql`${condition} and not (${sql.join(under, sql` or `)})`;
  }
  return { node, date, rule, children, asOf: enterprisesAsOf(node.path, date, rule), condition };
}

/** How many enterprises one count of getCoverage holds, from the cached series (null: not cached). */
async function cachedTotal(
  tx: Db,
  source: Awaited<ReturnType<typeof coverageListSource>>,
  measure: CoverageMeasure,
): Promise<number | null> {
  const rows = await seriesCounts(tx, source.node.path, source.date, source.rule);
  if (!rows) return null;
  const active = new Set(
    source.children.map((c) => c.path.slice(source.node.path.length).replace(/\/$/, '')),
  );
  const counts = rows
    .filter((r) => !active.has(r.child))
    .map(strip)
    .reduce(add, ZERO);
  return measure === 'notUnionised' ? counts.enterprises - counts.unionised : counts[measure];
}

/**
 * Exactly the enterprises behind one count of getCoverage, paged: the total from the cached
 * series (the count the dashboard shows), the page computed from the facts in id order.
 */
export async function listCoverageEnterprises(
  actor: Actor,
  query: ReturnType<typeof CoverageListQuery.parse>,
) {
  requireAccess(actor, 'coverage:read');
  return db.readTransaction(async (tx) => {
    const source = await coverageListSource(tx, actor, query);
    const base = sql`(${source.asOf}) s where ${source.condition}`;
    const ids = await tx.execute<{ id: string }>(
      sql`select s.id from ${base} order by s.id limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
    );
    const total =
      (await cachedTotal(tx, source, query.measure)) ??
      (await tx.execute<{ n: number }>(sql`select count(*)::int as n from ${base}`))[0]?.n ??
      0;
    return {
      items: await presentEnterprisesByIds(
        tx,
        ids.map((r) => r.id),
      ),
      total,
    };
  });
}

/** Moves coverage's copies of an organisation's path with it (wired in src/wiring.ts). */
export const rewriteCoveragePaths: PathRewriter = async (tx, oldPrefix, newPrefix) => {
  await rewriteSeriesPaths(tx, oldPrefix, newPrefix);
  await rewriteWorklistPaths(tx, oldPrefix, newPrefix);
  await rewritePathColumns(tx, [coverageTargets], oldPrefix, newPrefix);
};

/** The year's targets of the given organisations, by organisation id. */
export async function targetsOf(tx: Db, orgIds: string[], year: number): Promise<Map<string, Targets>> {
  const rows = await tx
    .select()
    .from(coverageTargets)
    .where(and(inArray(coverageTargets.orgId, orgIds), eq(coverageTargets.year, year)));
  const out = new Map<string, Targets>();
  for (const r of rows) {
    const t = out.get(r.orgId) ?? {};
    t[r.indicator as Indicator] = r.value;
    out.set(r.orgId, t);
  }
  return out;
}

/**
 * Writes some of an organisation's targets for a year (null removes one, indicators not named
 * stay) and returns its targets before and after. The caller checks access and audits.
 */
export async function replaceTargets(
  tx: Db,
  org: { id: string; path: string },
  year: number,
  targets: Partial<Record<Indicator, number | null>>,
): Promise<{ before: Targets; after: Targets }> {
  const before = (await targetsOf(tx, [org.id], year)).get(org.id) ?? {};
  for (const [indicator, value] of Object.entries(targets) as [Indicator, number | null][]) {
    await tx
      .delete(coverageTargets)
      .where(
        and(
          eq(coverageTargets.orgId, org.id),
          eq(coverageTargets.year, year),
          eq(coverageTargets.indicator, indicator),
        ),
      );
    if (value !== null) {
      await tx.insert(coverageTargets).values({ orgId: org.id, orgPath: org.path, year, indicator, value });
    }
  }
  const after = (await targetsOf(tx, [org.id], year)).get(org.id) ?? {};
  return { before, after };
}

/** An organisation's targets for a year. */
export async function getTargets(actor: Actor, orgId: string, year: number): Promise<TargetsView> {
  requireAccess(actor, 'coverage:read');
  return db.transaction(async (tx) => {
    const org = await loadOrg(tx, actor, orgId);
    requireAccess(actor, 'coverage:read', org.path);
    return { orgId: org.id, year, targets: (await targetsOf(tx, [org.id], year)).get(org.id) ?? {} };
  });
}

/**
 * Sets an organisation's targets for a year. Targets are set by the level above: a unit cannot
 * set its own (except the city federation, which records those the province gave it).
 */
export async function setTargets(
  actor: Actor,
  orgId: string,
  input: ReturnType<typeof TargetsBody.parse>,
): Promise<TargetsView> {
  requireAccess(actor, 'coverage:target');
  return db.transaction(async (tx) => {
    const org = await loadOrg(tx, actor, orgId);
    requireAccess(actor, 'coverage:target', org.path);
    if (org.id === actor.orgId && org.parentId !== null) throw forbidden('本单位的目标由上级设置');
    const { before, after } = await replaceTargets(tx, org, input.year, input.targets);
    await audit(tx, actor, {
      action: 'coverage.setTargets',
      entity: 'coverageTarget',
      entityId: `${org.id}/${input.year}`,
      orgPath: org.path,
      before,
      after,
    });
    return { orgId: org.id, year: input.year, targets: after };
  });
}

/**
 * The three-category worklist of an organisation's subtree, with the reasons of each entry: the
 * page by index from the kept worklist, the total from its counts, the reasons' words from the
 * page's own facts.
 */
export async function listPriorityEnterprises(
  actor: Actor,
  query: ReturnType<typeof PriorityQuery.parse>,
): Promise<PriorityPage> {
  requireAccess(actor, 'coverage:read');
  const day = await worklistToday();
  return db.readTransaction(async (tx) => {
    const node = await resolveNode(tx, actor, query.orgId);
    const { ids, total } = await priorityPage(
      tx,
      node.path,
      { category: query.category, reason: query.reason },
      { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
    );
    const { rule } = await loadPriorityRule(tx);
    const { rows } = await listPriority(
      tx,
      ids.length === 0
        ? sql`false`
        : sql`e.id in (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
      {},
      { limit: ids.length, offset: 0 },
      day,
      rule,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const views = await presentEnterprisesByIds(tx, ids);
    return {
      total,
      items: ids.map((id, i) => {
        const row = byId.get(id);
        return {
          enterprise: views[i]!,
          urgency: row?.urgency ?? 0,
          categories: row?.categories ?? [],
          reasons: row?.reasons ?? [],
        };
      }),
    };
  });
}

/** The most urgent three-category enterprises of a subtree, in the list's order (for the demo). */
export async function topPriority(tx: Db, pathPrefix: string, limit: number): Promise<string[]> {
  const { ids } = await priorityPage(tx, pathPrefix, {}, { limit, offset: 0 });
  return ids;
}

/**
 * The three-category enterprises of a subtree as a source (`enterprise_id`, `org_path`,
 * `urgency`, `employees`), for another feature to filter and page in the list's order.
 */
export function prioritySource(pathPrefix: string): SQL {
  return sql`(select enterprise_id, org_path, urgency, employees from coverage_worklist
    where org_path like ${pathPrefix + '%'} and categories <> 0)`;
}

/** Whether the enterprise `enterpriseId` (SQL) names is a three-category enterprise now. */
export function isPriority(enterpriseId: SQL): SQL {
  return sql`exists (select 1 from coverage_worklist w where w.enterprise_id = ${enterpriseId} and w.categories <> 0)`;
}

/** How many three-category enterprises each organisation path of a subtree holds, from the counts. */
export function priorityCountsSource(pathPrefix: string): SQL {
  return sql`(select org_path, n from coverage_worklist_counts
    where item = ${countKey.priority} and org_path like ${pathPrefix + '%'})`;
}

/** Brings the kept worklists (and so the counts read through priorityCountsSource) to today. */
export const worklistsToToday = worklistToday;

/**
 * Which state the kept worklist stands at: it changes whenever the worklist is built or brought
 * to a new day (not with single enterprises' writes, which change listeners hear). A feature that
 * keeps its own copy of "is a priority enterprise" refreshes it when this changes.
 */
export async function worklistStamp(tx: Db): Promise<string | null> {
  const [row] = await tx.execute<{ stamp: string }>(
    sql`select day::text || ' ' || built_at::text as stamp from coverage_worklist_state where id = 1`,
  );
  return row?.stamp ?? null;
}
