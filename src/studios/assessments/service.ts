// The yearly assessments as the district and the city read them: who scores and who reviews, the
// list with its filters, one assessment with its sheet and scores, the year at a glance, and the
// adopted bulletin items an excellent studio may be linked to.
import { and, asc, desc, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { can, inScope, requireAccess, scopeFilter, type Actor } from '../../platform/access';
import { db, type Db } from '../../platform/db/client';
import { notFound } from '../../platform/errors';
import { loadOrg, orgNamesByPath, orgsOnPaths } from '../../orgs/service';
import { userRefs } from '../../orgs/users-service';
import { adoptedItemsByIds, searchAdoptedItems } from '../../bulletin/adopted-items-service';
import {
  actsForCity,
  loadStudioFor,
  studioBatchNames,
  studioDistrictPath,
  studioNamed,
  studioRefs,
} from '../register/studios-service';
import type { StudioLevel } from '../register/contract';
import {
  ASSESSMENT_ACTIONS,
  type AssessmentAction,
  type AssessmentDetail,
  type AssessmentFilter,
  type AssessmentPage,
  type AssessmentQuery,
  type AssessmentResult,
  type AssessmentState,
  type AssessmentView,
  type BulletinItemList,
  type BulletinItemView,
  type SummaryQuery,
  type SummaryView,
} from './contract';
import { presentSheets } from './sheets';
import { assessmentSheets, studioAssessments } from './tables';

export type AssessmentRow = typeof studioAssessments.$inferSelect;

const stepsOf = (path: string) => path.split('/').filter(Boolean);

/**
 * The path of the unit that scores a studio at `path`: its district (or industry union) when the
 * studio lies below it, else the city (null) for a studio applied for by a district or the city.
 */
export function scorerPath(path: string): string | null {
  return stepsOf(path).length >= 3 ? studioDistrictPath(path) : null;
}

/** Whether the actor scores the assessment: studio staff of the scoring unit. */
export function scores(actor: Actor, row: Pick<AssessmentRow, 'orgPath'>): boolean {
  if (!can(actor, 'studio:manage') || !inScope(actor, row.orgPath)) return false;
  const scorer = scorerPath(row.orgPath);
  return scorer === null ? actsForCity(actor) : actor.scopePath === scorer;
}

/** Whether the actor reviews assessments and flags excellent studios: the city's studio staff. */
export const reviews = (actor: Actor) => can(actor, 'studio:manage') && actsForCity(actor);

/** The states each action starts from. */
const ACTION_STATES: Record<AssessmentAction, readonly AssessmentState[]> = {
  score: ['open', 'scored'],
  review: ['scored'],
  flag: ['reviewed'],
};

/** Whether the actor may take `action` on the assessment, whatever its state. */
export const mayAct = (actor: Actor, row: AssessmentRow, action: AssessmentAction) =>
  action === 'score' ? scores(actor, row) : reviews(actor) && inScope(actor, row.orgPath);

/** What the actor may do with the assessment now. */
export function actionsFor(actor: Actor, row: AssessmentRow): AssessmentAction[] {
  return ASSESSMENT_ACTIONS.filter(
    (a) =>
      ACTION_STATES[a].includes(row.state as AssessmentState) &&
      mayAct(actor, row, a) &&
      (a !== 'flag' || row.finalResult === 'excellent'),
  );
}

/** Why the action cannot be taken in the assessment's state (null when it can). */
export function stateBlocks(row: AssessmentRow, action: AssessmentAction): string | null {
  if (action === 'flag' && (row.state !== 'reviewed' || row.finalResult !== 'excellent'))
    return '只有审定为优秀的工作室可以列入表彰宣传';
  if (ACTION_STATES[action].includes(row.state as AssessmentState)) return null;
  return action === 'score' ? '该考核已由市总工会审定，不能再评分' : '该考核尚未评分，不能审定';
}

/** Presents assessments with their studios, batches, units and districts. */
export async function presentAssessments(
  tx: Db,
  actor: Actor,
  rows: AssessmentRow[],
): Promise<AssessmentView[]> {
  const studios = await studioRefs(
    tx,
    rows.map((r) => r.studioId),
  );
  const batches = await studioBatchNames(
    tx,
    rows.flatMap((r) => (r.batchId ? [r.batchId] : [])),
  );
  const districtPaths = rows.flatMap((r) => studioDistrictPath(r.orgPath) ?? []);
  const names = await orgNamesByPath(tx, [...rows.map((r) => r.orgPath), ...districtPaths]);
  return rows.map((r) => {
    const studio = studios.get(r.studioId);
    const district = studioDistrictPath(r.orgPath);
    return {
      id: r.id,
      year: r.year,
      studio: {
        id: r.studioId,
        name: studio?.name ?? '',
        hostUnitName: studio?.hostUnitName ?? '',
        state: studio?.state ?? 'revoked',
      },
      level: r.level as StudioLevel,
      batch: r.batchId ? { id: r.batchId, name: batches.get(r.batchId) ?? '' } : null,
      orgName: names.get(r.orgPath) ?? '',
      district: district ? (names.get(district) ?? '') : '市本级',
      sheetId: r.sheetId,
      state: r.state as AssessmentState,
      total: r.total,
      proposedResult: r.proposedResult as AssessmentResult | null,
      finalResult: r.finalResult as AssessmentResult | null,
      reviewComment: r.reviewComment,
      revokedStudio: r.revokedStudio,
      flagged: r.flagged,
      scoredAt: r.scoredAt?.toISOString() ?? null,
      reviewedAt: r.reviewedAt?.toISOString() ?? null,
      version: r.version,
      actions: actionsFor(actor, r),
    };
  });
}

const itemView = (i: { id: string; title: string; adoptedOn: string | null; orgName: string }) => ({
  id: i.id,
  title: i.title,
  adoptedOn: i.adoptedOn,
  orgName: i.orgName,
});

/** The reviewed results of a studio by year. */
export async function reviewedResults(tx: Db, studioId: string): Promise<Map<number, string | null>> {
  const rows = await tx
    .select({ year: studioAssessments.year, result: studioAssessments.finalResult })
    .from(studioAssessments)
    .where(and(eq(studioAssessments.studioId, studioId), eq(studioAssessments.state, 'reviewed')));
  return new Map(rows.map((r) => [r.year, r.result]));
}

/** The run of consecutive years of fails that holds `year` (empty when `year` is no fail). */
export function failYears(results: Map<number, string | null>, year: number): number[] {
  if (results.get(year) !== 'fail') return [];
  let from = year;
  while (results.get(from - 1) === 'fail') from -= 1;
  let to = year;
  while (results.get(to + 1) === 'fail') to += 1;
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The assessment with its sheet, scores, people, linked items and the fails before it. */
export async function detailOf(tx: Db, actor: Actor, row: AssessmentRow): Promise<AssessmentDetail> {
  const [sheet] = await tx.select().from(assessmentSheets).where(eq(assessmentSheets.id, row.sheetId));
  const people = await userRefs(
    tx,
    [row.scoredBy, row.reviewedBy].flatMap((id) => (id ? [id] : [])),
  );
  const items = await adoptedItemsByIds(tx, row.bulletinItemIds);
  const person = (id: string | null) => (id ? { id, name: people.get(id)?.name ?? '' } : null);
  const results = await reviewedResults(tx, row.studioId);
  let before = 0;
  while (results.get(row.year - before - 1) === 'fail') before += 1;
  return {
    ...(await presentAssessments(tx, actor, [row]))[0]!,
    sheet: (await presentSheets(tx, [sheet!]))[0]!,
    scores: row.scores.map((s) => ({ key: s.key, score: s.score, note: s.note ?? null })),
    scoredBy: person(row.scoredBy),
    reviewedBy: person(row.reviewedBy),
    flagNote: row.flagNote,
    bulletinItems: row.bulletinItemIds.flatMap((id) => {
      const item = items.get(id);
      return item ? [itemView(item)] : [];
    }),
    failsBefore: before,
  };
}

/** Loads an assessment of the actor's scope (404 outside it, or for one who may not read studios). */
export async function loadAssessment(tx: Db, actor: Actor, id: string, lock = false): Promise<AssessmentRow> {
  const query = tx.select().from(studioAssessments).where(eq(studioAssessments.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row || !inScope(actor, row.orgPath)) throw notFound('考核');
  return row;
}

/** One assessment of the actor's scope. */
export async function getAssessment(actor: Actor, id: string): Promise<AssessmentDetail> {
  requireAccess(actor, 'studio:read');
  return db.readTransaction(async (tx) => detailOf(tx, actor, await loadAssessment(tx, actor, id)));
}

/** SQL: the studio at `path` is scored by the city (it lies at the city or a district itself). */
const scoredByCity = (path: SQL | typeof studioAssessments.orgPath) => sql`${path} ~ '^/[0-9]+/([0-9]+/)?$'`;

/** The assessments waiting for the actor: to score, or (the city) to review. */
export function dueCondition(actor: Actor, due: 'score' | 'review'): SQL {
  const t = studioAssessments;
  if (!can(actor, 'studio:manage')) return sql`false`;
  if (due === 'review')
    return reviews(actor) ? and(eq(t.state, 'scored'), scopeFilter(actor, t.orgPath))! : sql`false`;
  if (actsForCity(actor))
    return and(eq(t.state, 'open'), scopeFilter(actor, t.orgPath), scoredByCity(t.orgPath))!;
  // A district scores the studios below it; a unit deeper down scores none.
  if (stepsOf(actor.scopePath).length !== 2) return sql`false`;
  return and(eq(t.state, 'open'), scopeFilter(actor, t.orgPath), ne(t.orgPath, actor.scopePath))!;
}

type Filter = z.output<typeof AssessmentFilter>;

/** The conditions of the list's filters, within the actor's scope. */
export async function filterOf(tx: Db, actor: Actor, query: Filter): Promise<SQL> {
  const t = studioAssessments;
  const where: SQL[] = [scopeFilter(actor, t.orgPath)];
  if (query.orgId) {
    const org = await loadOrg(tx, actor, query.orgId, '所属地区');
    where.push(sql`${t.orgPath} like ${org.path + '%'}`);
  }
  if (query.studioId) {
    await loadStudioFor(tx, actor, query.studioId);
    where.push(eq(t.studioId, query.studioId));
  }
  if (query.year !== undefined) where.push(eq(t.year, query.year));
  if (query.state) where.push(eq(t.state, query.state));
  if (query.result) where.push(sql`coalesce(${t.finalResult}, ${t.proposedResult}) = ${query.result}`);
  if (query.level) where.push(eq(t.level, query.level));
  if (query.batchId) where.push(eq(t.batchId, query.batchId));
  if (query.q) where.push(studioNamed(t.studioId, query.q));
  if (query.due) where.push(dueCondition(actor, query.due));
  return and(...where)!;
}

/** The assessments of the actor's scope: latest year first, then by district and studio. */
export async function listAssessments(
  actor: Actor,
  query: z.output<typeof AssessmentQuery>,
): Promise<AssessmentPage> {
  requireAccess(actor, 'studio:read');
  return db.readTransaction(async (tx) => {
    const condition = await filterOf(tx, actor, query);
    const [total] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(studioAssessments)
      .where(condition);
    const rows = await tx
      .select()
      .from(studioAssessments)
      .where(condition)
      .orderBy(desc(studioAssessments.year), asc(studioAssessments.orgPath), asc(studioAssessments.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    return { items: await presentAssessments(tx, actor, rows), total: Number(total?.n ?? 0) };
  });
}

/** Every assessment matching the filters, for the reports (a year of a city is a few hundred). */
export async function assessmentsFor(
  tx: Db,
  actor: Actor,
  query: Filter,
): Promise<{ rows: AssessmentRow[]; views: AssessmentView[] }> {
  const rows = await tx
    .select()
    .from(studioAssessments)
    .where(await filterOf(tx, actor, query))
    .orderBy(asc(studioAssessments.orgPath), asc(studioAssessments.id));
  return { rows, views: await presentAssessments(tx, actor, rows) };
}

/** The year at a glance (the latest year with a sheet by default), with its filters' choices. */
export async function assessmentSummary(actor: Actor, query: SummaryQuery): Promise<SummaryView> {
  requireAccess(actor, 'studio:read');
  return db.readTransaction(async (tx) => {
    const sheets = await tx
      .select({ id: assessmentSheets.id, name: assessmentSheets.name, year: assessmentSheets.year })
      .from(assessmentSheets)
      .orderBy(desc(assessmentSheets.year));
    const year = query.year !== undefined ? Number(query.year) : (sheets[0]?.year ?? null);
    const sheet = sheets.find((s) => s.year === year);
    const t = studioAssessments;
    const where = and(scopeFilter(actor, t.orgPath), eq(t.year, year ?? -1));
    const [c] = await tx
      .select({
        total: sql<number>`count(*)::int`,
        open: sql<number>`count(*) filter (where ${t.state} = 'open')::int`,
        scored: sql<number>`count(*) filter (where ${t.state} = 'scored')::int`,
        reviewed: sql<number>`count(*) filter (where ${t.state} = 'reviewed')::int`,
        excellent: sql<number>`count(*) filter (where ${t.finalResult} = 'excellent')::int`,
        pass: sql<number>`count(*) filter (where ${t.finalResult} = 'pass')::int`,
        fail: sql<number>`count(*) filter (where ${t.finalResult} = 'fail')::int`,
        revoked: sql<number>`count(*) filter (where ${t.revokedStudio})::int`,
        flagged: sql<number>`count(*) filter (where ${t.flagged})::int`,
      })
      .from(t)
      .where(where);
    const batchIds = await tx
      .selectDistinct({ id: t.batchId })
      .from(t)
      .where(and(where, sql`${t.batchId} is not null`));
    const batchNames = await studioBatchNames(
      tx,
      batchIds.map((b) => b.id!),
    );
    const paths = await tx.selectDistinct({ path: t.orgPath }).from(t).where(where);
    const districtPaths = [...new Set(paths.flatMap((p) => studioDistrictPath(p.path) ?? []))];
    const districts = [...(await orgsOnPaths(tx, districtPaths)).values()]
      .filter((o) => districtPaths.includes(o.path))
      .sort((a, b) => a.path.localeCompare(b.path));
    return {
      years: sheets.map((s) => s.year),
      year,
      sheet: sheet ? { id: sheet.id, name: sheet.name } : null,
      counts: {
        total: Number(c?.total ?? 0),
        open: Number(c?.open ?? 0),
        scored: Number(c?.scored ?? 0),
        reviewed: Number(c?.reviewed ?? 0),
        excellent: Number(c?.excellent ?? 0),
        pass: Number(c?.pass ?? 0),
        fail: Number(c?.fail ?? 0),
        revoked: Number(c?.revoked ?? 0),
        flagged: Number(c?.flagged ?? 0),
      },
      batches: [...batchNames.entries()]
        .map(([id, name]) => ({ id, name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
      districts: districts.map((d) => ({ id: d.id, name: d.name })),
    };
  });
}

/** Most adopted items the picker offers at once. */
const ITEM_PICKER_LIMIT = 30;

/** Adopted bulletin items of the actor's scope to link to an excellent studio (the city's picker). */
export async function searchBulletinItems(actor: Actor, q: string | undefined): Promise<BulletinItemList> {
  requireAccess(actor, 'studio:manage');
  return db.readTransaction(async (tx) => ({
    items: (await searchAdoptedItems(tx, actor.scopePath, q, ITEM_PICKER_LIMIT)).map(itemView),
  }));
}

/** Adopted items by id as views; those not adopted are left out. */
export async function adoptedItemViews(tx: Db, ids: string[]): Promise<Map<string, BulletinItemView>> {
  const items = await adoptedItemsByIds(tx, ids);
  return new Map([...items.entries()].map(([id, i]) => [id, itemView(i)]));
}
