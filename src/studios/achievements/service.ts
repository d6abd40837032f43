// A studio's achievements: the studio's own records (read by whoever sees the studio, written by its
// own side with studio:apply or by studio staff with studio:manage), and their totals over the
// reader's scope per studio, district, level and year. The totals are SQL aggregates over the
// records themselves: a city has hundreds of studios and some thousands of records, which one
// indexed prefix scan sums in milliseconds, so there is no derived table to keep exact.
import { and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { can, requireAccess, scopeFilter, type Actor, type Permission } from '../../platform/access';
import { attachmentView, discardStoredFile } from '../../platform/attachments';
import { audit } from '../../platform/audit';
import { now } from '../../platform/clock';
import { db, type Db } from '../../platform/db/client';
import { conflict, invalidField, notFound, staleVersion } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { chinaToday } from '../../platform/shared/dates';
import type { AttachmentView } from '../../platform/shared/attachments-contract';
import { loadOrg, orgsOnPaths } from '../../orgs/service';
import {
  isDesignated,
  loadStudioFor,
  studioDistrictPath,
  studioRefs,
  type StudioRow,
} from '../register/studios-service';
import {
  STUDIO_LEVEL_LABELS,
  STUDIO_LEVEL_RANK,
  STUDIO_LEVELS,
  type StudioLevel,
} from '../register/contract';
import {
  ACHIEVEMENT_KINDS,
  KIND_FIELDS,
  PATENT_KINDS,
  emptyTotals,
  fenToYuan,
  type AchievementBody,
  type AchievementEditBody,
  type AchievementKind,
  type AchievementTotals,
  type AchievementTotalsQuery,
  type AchievementTotalsView,
  type AchievementView,
  type AwardLevel,
  type PatentKind,
  type StudioAchievementsQuery,
  type StudioAchievementsView,
} from './contract';
import { studioAchievementAttachments, studioAchievements } from './tables';
import type { z } from 'zod';

export type AchievementRow = typeof studioAchievements.$inferSelect;
type Parsed<T extends z.ZodType> = z.output<T>;
type Fields = Parsed<typeof AchievementBody>;

/** Who writes a studio's records: its own side (the applicant's union and those above), or studio staff. */
export const WRITE: readonly Permission[] = ['studio:apply', 'studio:manage'];

const t = studioAchievements;

/** Why the studio's records are closed to writes now; null when they are open. */
export function closedBecause(studio: Pick<StudioRow, 'level' | 'state'>): string | null {
  if (isDesignated(studio)) return null;
  return studio.state === 'revoked'
    ? '该工作室已摘牌，成果记录不再增改'
    : '该工作室尚未命名挂牌，命名后方可登记成果';
}

/** The studio of a write, loaded for it: 403, 404, then 409 when its records are closed. */
async function studioForWrite(tx: Db, actor: Actor, studioId: string): Promise<StudioRow> {
  requireAccess(actor, WRITE);
  const studio = await loadStudioFor(tx, actor, studioId, WRITE);
  const closed = closedBecause(studio);
  if (closed) throw conflict(closed);
  return studio;
}

/** An achievement of the actor's scope (404 otherwise), locked when it is to change. */
export async function loadAchievement(
  tx: Db,
  actor: Actor,
  id: string,
  lock = false,
): Promise<AchievementRow> {
  const query = tx.select().from(t).where(eq(t.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row || !row.orgPath.startsWith(actor.scopePath)) throw notFound('成果记录');
  return row;
}

/** An achievement and its studio, for a change to the record or its files. */
export async function achievementForWrite(
  tx: Db,
  actor: Actor,
  id: string,
): Promise<{ row: AchievementRow; studio: StudioRow }> {
  requireAccess(actor, WRITE);
  const row = await loadAchievement(tx, actor, id, true);
  const studio = await studioForWrite(tx, actor, row.studioId);
  return { row, studio };
}

/** The columns of the record: only the fields of its kind are kept, the others cleared. */
function columnsOf(input: Fields) {
  const own = new Set(KIND_FIELDS[input.kind]);
  const keep = <V>(field: string, value: V | null | undefined): V | null =>
    own.has(field) ? (value ?? null) : null;
  return {
    year: input.year,
    kind: input.kind,
    title: input.title,
    achievedOn: input.achievedOn ?? null,
    patentNumber: keep('patentNumber', input.patentNumber),
    patentKind: keep('patentKind', input.patentKind),
    patentDate: keep('patentDate', input.patentDate),
    peopleTrained: keep('peopleTrained', input.peopleTrained),
    proposalsCount: keep('proposalsCount', input.proposalsCount),
    benefitFen: input.benefitFen ?? null,
    benefitBasis: input.benefitFen === null || input.benefitFen === undefined ? null : input.benefitBasis,
    awardName: keep('awardName', input.awardName),
    awardLevel: keep('awardLevel', input.awardLevel),
    note: input.note,
  };
}

/** The checks that need today or the database: nothing in the future, one patent recorded once. */
async function checkColumns(
  tx: Db,
  studioId: string,
  columns: ReturnType<typeof columnsOf>,
  exceptId?: string,
): Promise<void> {
  const today = chinaToday(now());
  if (columns.year > Number(today.slice(0, 4))) throw invalidField('year', '年度不能晚于今年');
  if (columns.achievedOn && columns.achievedOn > today) throw invalidField('achievedOn', '日期不能晚于今天');
  if (columns.patentDate && columns.patentDate > today)
    throw invalidField('patentDate', '授权日期不能晚于今天');
  if (columns.patentNumber) {
    const [same] = await tx
      .select({ id: t.id })
      .from(t)
      .where(
        and(
          eq(t.studioId, studioId),
          eq(t.patentNumber, columns.patentNumber),
          exceptId ? ne(t.id, exceptId) : undefined,
        ),
      )
      .limit(1);
    if (same)
      throw conflict(`该工作室已登记过专利 ${columns.patentNumber}`, [
        { field: 'patentNumber', message: `该工作室已登记过专利 ${columns.patentNumber}` },
      ]);
  }
}

/** The attachments of the records, by record, in the order they were added. */
async function attachmentsOf(tx: Db, ids: string[]): Promise<Map<string, AttachmentView[]>> {
  const out = new Map<string, AttachmentView[]>();
  if (!ids.length) return out;
  const a = studioAchievementAttachments;
  const rows = await tx
    .select()
    .from(a)
    .where(inArray(a.achievementId, ids))
    .orderBy(asc(a.createdAt), asc(a.id));
  for (const r of rows)
    out.set(r.achievementId, [
      ...(out.get(r.achievementId) ?? []),
      attachmentView(r, `/api/studios/achievements/${r.achievementId}/attachments/${r.id}`),
    ]);
  return out;
}

/** Presents records with their attachments. */
export async function presentAchievements(tx: Db, rows: AchievementRow[]): Promise<AchievementView[]> {
  const files = await attachmentsOf(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    studioId: r.studioId,
    year: r.year,
    kind: r.kind as AchievementKind,
    title: r.title,
    achievedOn: r.achievedOn,
    patentNumber: r.patentNumber,
    patentKind: r.patentKind as PatentKind | null,
    patentDate: r.patentDate,
    peopleTrained: r.peopleTrained,
    proposalsCount: r.proposalsCount,
    benefitFen: r.benefitFen === null ? null : Number(r.benefitFen),
    benefitBasis: r.benefitBasis,
    awardName: r.awardName,
    awardLevel: r.awardLevel as AwardLevel | null,
    note: r.note,
    attachments: files.get(r.id) ?? [],
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

// ---------- totals ----------

/** The aggregate columns every total shares. */
const aggregates = sql.join(
  [
    sql`count(*)::int as records`,
    sql`count(distinct ${t.studioId})::int as studios`,
    ...ACHIEVEMENT_KINDS.map(
      (k) => sql`count(*) filter (where ${t.kind} = ${k})::int as ${sql.identifier(`k_${k}`)}`,
    ),
    ...PATENT_KINDS.map(
      (k) =>
        sql`count(*) filter (where ${t.kind} = 'patent' and ${t.patentKind} = ${k})::int as ${sql.identifier(`p_${k}`)}`,
    ),
    sql`coalesce(sum(${t.peopleTrained}), 0)::bigint as people`,
    sql`coalesce(sum(${t.proposalsCount}), 0)::bigint as proposals`,
    sql`coalesce(sum(${t.benefitFen}), 0)::numeric as benefit`,
  ],
  sql`, `,
);

type AggregateRow = Record<string, unknown>;

function totalsOf(r: AggregateRow | undefined): AchievementTotals {
  const totals = emptyTotals();
  if (!r) return totals;
  totals.records = Number(r.records ?? 0);
  for (const k of ACHIEVEMENT_KINDS) totals.kinds[k] = Number(r[`k_${k}`] ?? 0);
  for (const k of PATENT_KINDS) totals.patents[k] = Number(r[`p_${k}`] ?? 0);
  totals.peopleTrained = Number(r.people ?? 0);
  totals.proposals = Number(r.proposals ?? 0);
  totals.benefitFen = Number(r.benefit ?? 0);
  totals.benefitYuan = fenToYuan(totals.benefitFen);
  return totals;
}

/** A studio's records, its totals overall and per year, and what the reader may do. */
export async function listStudioAchievements(
  actor: Actor,
  studioId: string,
  query: Parsed<typeof StudioAchievementsQuery>,
): Promise<StudioAchievementsView> {
  requireAccess(actor, 'studio:read');
  return db.readTransaction(async (tx) => {
    const studio = await loadStudioFor(tx, actor, studioId, 'studio:read');
    const rows = await tx
      .select()
      .from(t)
      .where(
        and(
          eq(t.studioId, studioId),
          query.year !== undefined ? eq(t.year, query.year) : undefined,
          query.kind ? eq(t.kind, query.kind) : undefined,
        ),
      )
      .orderBy(desc(t.year), sql`${t.achievedOn} desc nulls last`, desc(t.createdAt), asc(t.id));
    const byYear = await tx.execute<AggregateRow & { year: number }>(sql`
      select ${t.year} as year, ${aggregates} from ${t}
      where ${t.studioId} = ${studioId} group by 1 order by 1 desc`);
    const ref = (await studioRefs(tx, [studioId])).get(studioId)!;
    const years = byYear.map((r) => ({ year: Number(r.year), totals: totalsOf(r) }));
    const totals = emptyTotals();
    for (const y of years) addTotals(totals, y.totals);
    return {
      studio: {
        id: ref.id,
        name: ref.name,
        hostUnitName: ref.hostUnitName,
        level: ref.level,
        state: ref.state,
      },
      items: await presentAchievements(tx, rows),
      totals,
      byYear: years,
      mayWrite: WRITE.some((p) => can(actor, p)),
      closedBecause: closedBecause(studio),
    };
  });
}

/** Adds `b` into `a`. */
export function addTotals(a: AchievementTotals, b: AchievementTotals): void {
  a.records += b.records;
  for (const k of ACHIEVEMENT_KINDS) a.kinds[k] += b.kinds[k];
  for (const k of PATENT_KINDS) a.patents[k] += b.patents[k];
  a.peopleTrained += b.peopleTrained;
  a.proposals += b.proposals;
  a.benefitFen += b.benefitFen;
  a.benefitYuan = fenToYuan(a.benefitFen);
}

/**
 * The records of the reader's scope totalled per district, level (the studio's current one), year
 * or studio, with the filters; by studio, every studio designated now is a row even without records.
 */
export async function achievementTotals(
  actor: Actor,
  query: Parsed<typeof AchievementTotalsQuery>,
): Promise<AchievementTotalsView> {
  requireAccess(actor, 'studio:read');
  return db.readTransaction(async (tx) => {
    let base = actor.scopePath;
    if (query.orgId) base = (await loadOrg(tx, actor, query.orgId, '地区')).path;
    if (query.studioId) await loadStudioFor(tx, actor, query.studioId, 'studio:read');
    const where: SQL[] = [scopeFilter(actor, t.orgPath), sql`${t.orgPath} like ${base + '%'}`];
    if (query.year !== undefined) where.push(eq(t.year, query.year));
    if (query.studioId) where.push(eq(t.studioId, query.studioId));
    if (query.level) where.push(sql`s.level = ${query.level}`);
    const condition = and(...where)!;
    // The studio's current level is the register's; the join reads it by the table's name.
    const from = sql`${t} join studios s on s.id = ${t.studioId}`;
    const key: Record<typeof query.by, SQL> = {
      district: sql`substring(${t.orgPath} from '^/[^/]+/[^/]+/')`,
      level: sql`s.level`,
      year: sql`${t.year}::text`,
      studio: sql`${t.studioId}::text`,
    };
    const grouped = await tx.execute<AggregateRow & { k: string | null }>(
      sql`select ${key[query.by]} as k, ${aggregates} from ${from} where ${condition} group by 1`,
    );
    const [whole] = await tx.execute<AggregateRow>(sql`select ${aggregates} from ${from} where ${condition}`);
    const rows = await rowsOf(tx, actor, query, base, grouped);
    return { by: query.by, rows, total: totalsOf(whole), studios: Number(whole?.studios ?? 0) };
  });
}

type TotalsRow = AchievementTotalsView['rows'][number];

/** Names the grouped totals and orders them as a reader expects. */
async function rowsOf(
  tx: Db,
  actor: Actor,
  query: Parsed<typeof AchievementTotalsQuery>,
  base: string,
  grouped: (AggregateRow & { k: string | null })[],
): Promise<TotalsRow[]> {
  const row = (g: AggregateRow & { k: string | null }, name: string, extra: Partial<TotalsRow> = {}) => ({
    key: g.k,
    name,
    district: null,
    level: null,
    studios: Number(g.studios),
    totals: totalsOf(g),
    ...extra,
  });
  switch (query.by) {
    case 'district': {
      const names = await orgsOnPaths(
        tx,
        grouped.flatMap((g) => g.k ?? []),
      );
      const byPath = new Map([...names.values()].map((o) => [o.path, o]));
      return grouped
        .map((g) => {
          const org = g.k ? byPath.get(g.k) : undefined;
          return { ...row(g, org?.name ?? '市本级'), key: org?.id ?? null };
        })
        .sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.name.localeCompare(b.name, 'zh')));
    }
    case 'level':
      return grouped
        .map((g) => row(g, g.k ? levelName(g.k) : '未命名', { level: (g.k as StudioLevel | null) ?? null }))
        .sort(
          (a, b) => (b.level ? STUDIO_LEVEL_RANK[b.level] : 0) - (a.level ? STUDIO_LEVEL_RANK[a.level] : 0),
        );
    case 'year':
      return grouped.map((g) => row(g, `${g.k}年`)).sort((a, b) => Number(b.key) - Number(a.key));
    case 'studio':
      return studioRows(tx, actor, query, base, grouped, row);
  }
}

const levelName = (level: string) =>
  (STUDIO_LEVELS as readonly string[]).includes(level) ? STUDIO_LEVEL_LABELS[level as StudioLevel] : level;

/** The rows by studio: each studio with records, and each studio designated now without any. */
async function studioRows(
  tx: Db,
  actor: Actor,
  query: Parsed<typeof AchievementTotalsQuery>,
  base: string,
  grouped: (AggregateRow & { k: string | null })[],
  row: (g: AggregateRow & { k: string | null }, name: string, extra?: Partial<TotalsRow>) => TotalsRow,
): Promise<TotalsRow[]> {
  const quiet = await tx.execute<{ id: string }>(sql`
    select s.id from studios s
    where s.org_path like ${actor.scopePath + '%'} and s.org_path like ${base + '%'}
      and s.level is not null and s.state <> 'revoked'
      ${query.level ? sql`and s.level = ${query.level}` : sql``}
      ${query.studioId ? sql`and s.id = ${query.studioId}` : sql``}`);
  const seen = new Set(grouped.map((g) => g.k));
  const all = [
    ...grouped,
    ...quiet.filter((q) => !seen.has(q.id)).map((q) => ({ k: q.id, records: 0, studios: 0 })),
  ];
  const refs = await studioRefs(
    tx,
    all.map((g) => g.k!),
  );
  const districts = [...refs.values()].flatMap((r) => studioDistrictPath(r.orgPath) ?? []);
  const names = await orgsOnPaths(tx, districts);
  const byPath = new Map([...names.values()].map((o) => [o.path, o.name]));
  return all
    .map((g) => {
      const ref = refs.get(g.k!);
      const district = ref ? studioDistrictPath(ref.orgPath) : null;
      return row(g, ref?.name ?? '', {
        district: district ? (byPath.get(district) ?? '') : '市本级',
        level: ref?.level ?? null,
      });
    })
    .sort(
      (a, b) =>
        (a.district ?? '').localeCompare(b.district ?? '', 'zh') || a.name.localeCompare(b.name, 'zh'),
    );
}

// ---------- writes ----------

/** Records an achievement of a studio. */
export async function createAchievement(
  actor: Actor,
  studioId: string,
  input: Fields,
): Promise<AchievementView> {
  return db.transaction(async (tx) => {
    const studio = await studioForWrite(tx, actor, studioId);
    const columns = columnsOf(input);
    await checkColumns(tx, studio.id, columns);
    const at = now();
    const [row] = await tx
      .insert(t)
      .values({
        id: newId(),
        studioId: studio.id,
        ...columns,
        orgPath: studio.orgPath,
        createdBy: actor.id,
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    await audit(tx, actor, {
      action: 'studio.achievement.create',
      entity: 'studioAchievement',
      entityId: row!.id,
      orgPath: studio.orgPath,
      after: row,
    });
    return (await presentAchievements(tx, [row!]))[0]!;
  });
}

/** Changes an achievement at the version the writer saw (409 when someone saved since). */
export async function updateAchievement(
  actor: Actor,
  id: string,
  input: Parsed<typeof AchievementEditBody>,
): Promise<AchievementView> {
  return db.transaction(async (tx) => {
    const { row, studio } = await achievementForWrite(tx, actor, id);
    if (row.version !== input.version) throw staleVersion();
    const columns = columnsOf(input);
    await checkColumns(tx, studio.id, columns, row.id);
    const [after] = await tx
      .update(t)
      .set({ ...columns, version: row.version + 1, updatedAt: now() })
      .where(and(eq(t.id, row.id), eq(t.version, row.version)))
      .returning();
    if (!after) throw staleVersion();
    await audit(tx, actor, {
      action: 'studio.achievement.update',
      entity: 'studioAchievement',
      entityId: row.id,
      orgPath: row.orgPath,
      before: row,
      after,
    });
    return (await presentAchievements(tx, [after]))[0]!;
  });
}

/** Removes an achievement with its files, at the version the writer saw. */
export async function deleteAchievement(actor: Actor, id: string, version: number): Promise<void> {
  const keys = await db.transaction(async (tx) => {
    const { row } = await achievementForWrite(tx, actor, id);
    if (row.version !== version) throw staleVersion();
    const files = await tx
      .select({ key: studioAchievementAttachments.storageKey })
      .from(studioAchievementAttachments)
      .where(eq(studioAchievementAttachments.achievementId, row.id));
    await tx.delete(t).where(eq(t.id, row.id));
    await audit(tx, actor, {
      action: 'studio.achievement.delete',
      entity: 'studioAchievement',
      entityId: row.id,
      orgPath: row.orgPath,
      before: row,
    });
    return files.map((f) => f.key);
  });
  // The bytes go once their rows are gone.
  for (const key of keys) await discardStoredFile(key);
}
