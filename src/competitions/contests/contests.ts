// Setting up a judged contest: the contest with its rounds and rules, its entries in order of
// appearance, its judges (users of the organiser's subtree, or contest-only logins made here), and
// its states: 筹备中 → 评分中 (scores are taken) → 成绩已发布 (see scores.ts).
//
// Who sees what: a contest belongs to the organisation that runs it. Staff with competition:manage
// manage the contests owned within their subtree; everyone sees those and the ones owned by the
// organisations above them (a district sees its own and the city's, never another district's);
// a judge sees the contests on whose panel they sit.
import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { can, inScope, requireAccess, type Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { db, type Db } from '../../platform/db/client';
import { updateVersioned } from '../../platform/db/versioned';
import { conflict, forbidden, invalidField, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { likeText, loadOrg, orgRefs } from '../../orgs/service';
import { createContestJudgeUser, userRefs, usersWithPermission } from '../../orgs/users-service';
import {
  ContestCreateBody,
  ContestPatchBody,
  ContestQuery,
  EntriesBody,
  EntryPatchBody,
  JudgeBody,
  type ContestDetail,
  type ContestCategory,
  type ContestRoundSetting,
  type ContestState,
  type ContestView,
  type EntryKind,
  type EntryView,
  type JudgeView,
} from './contract';
import { contestEntries, contestJudges, contests, contestScores } from './tables';

export type ContestRow = typeof contests.$inferSelect;
type Parsed<T extends { parse: (v: unknown) => unknown }> = ReturnType<T['parse']>;

/** The paths of the organisations above and at `scopePath` ('/1/12/' → '/1/', '/1/12/'). */
export function ancestorPaths(scopePath: string): string[] {
  const parts = scopePath.split('/').filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
}

/** Whether the actor runs contests owned at `path`. */
export const managesPath = (actor: Actor, path: string) =>
  can(actor, 'competition:manage') && inScope(actor, path);

/** Whether the contest owned at `path` is shown to the actor (own subtree or an ancestor). */
const seesPath = (actor: Actor, path: string) =>
  inScope(actor, path) || ancestorPaths(actor.scopePath).includes(path);

/** The judge row of the actor on a contest's panel, if any. */
export async function judgeOf(tx: Db, contestId: string, userId: string) {
  const [row] = await tx
    .select()
    .from(contestJudges)
    .where(and(eq(contestJudges.contestId, contestId), eq(contestJudges.userId, userId)));
  return row ?? null;
}

/**
 * Loads a contest for an action. `manage`: 403 without competition:manage, 404 when it is not
 * shown to the actor, 403 when shown but run above them. `read`: 404 unless shown or judged by them.
 */
export async function loadContest(
  tx: Db,
  actor: Actor,
  id: string,
  mode: 'read' | 'manage',
  lock = false,
): Promise<ContestRow> {
  if (mode === 'manage') requireAccess(actor, 'competition:manage');
  const q = tx.select().from(contests).where(eq(contests.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('比赛');
  if (mode === 'manage') {
    if (inScope(actor, row.orgPath)) return row;
    if (seesPath(actor, row.orgPath)) throw forbidden('该比赛由上级单位组织，您只能查看');
    throw notFound('比赛');
  }
  if (seesPath(actor, row.orgPath) && (can(actor, 'competition:manage') || can(actor, 'org:read')))
    return row;
  if (await judgeOf(tx, id, actor.id)) return row;
  throw notFound('比赛');
}

/** The ids of a contest's judges in panel order. */
export async function judgeIdsOf(tx: Db, contestId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: contestJudges.id })
    .from(contestJudges)
    .where(eq(contestJudges.contestId, contestId))
    .orderBy(asc(contestJudges.seq), asc(contestJudges.id));
  return rows.map((r) => r.id);
}

/** The judges of each round: its own choice or every judge of the contest, in panel order. */
export function roundPanels(rounds: ContestRoundSetting[], judgeIds: string[]): Map<string, string[]> {
  return new Map(
    rounds.map((r) => [r.id, r.judgeIds ? judgeIds.filter((j) => r.judgeIds!.includes(j)) : judgeIds]),
  );
}

/** How many scores a contest expects: round × entry × judge of the round × criterion. */
export function expectedScores(rounds: ContestRoundSetting[], judgeIds: string[], entries: number): number {
  const panels = roundPanels(rounds, judgeIds);
  return rounds.reduce(
    (n, r) => n + entries * (panels.get(r.id)?.length ?? 0) * Math.max(1, r.criteria.length),
    0,
  );
}

async function counts(tx: Db, ids: string[]) {
  if (!ids.length) return { entries: new Map<string, number>(), judges: new Map<string, number>() };
  const [e, j] = await Promise.all([
    tx
      .select({ id: contestEntries.contestId, n: count() })
      .from(contestEntries)
      .where(inArray(contestEntries.contestId, ids))
      .groupBy(contestEntries.contestId),
    tx
      .select({ id: contestJudges.contestId, n: count() })
      .from(contestJudges)
      .where(inArray(contestJudges.contestId, ids))
      .groupBy(contestJudges.contestId),
  ]);
  return {
    entries: new Map(e.map((r) => [r.id, Number(r.n)])),
    judges: new Map(j.map((r) => [r.id, Number(r.n)])),
  };
}

async function presentList(tx: Db, actor: Actor, rows: ContestRow[]): Promise<ContestView[]> {
  const units = await orgRefs(
    tx,
    rows.map((r) => r.orgId),
  );
  const n = await counts(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    category: r.category as ContestCategory,
    heldOn: r.heldOn,
    venue: r.venue,
    org: { id: r.orgId, name: units.get(r.orgId)?.name ?? '' },
    state: r.state as ContestState,
    entries: n.entries.get(r.id) ?? 0,
    judges: n.judges.get(r.id) ?? 0,
    mayManage: managesPath(actor, r.orgPath),
    version: r.version,
  }));
}

/** The contests shown to the actor, newest first, by name, state and year. */
export async function listContests(actor: Actor, query: Parsed<typeof ContestQuery>) {
  requireAccess(actor, ['competition:manage', 'org:read']);
  const where: SQL[] = [
    or(
      sql`${contests.orgPath} like ${actor.scopePath + '%'}`,
      inArray(contests.orgPath, ancestorPaths(actor.scopePath)),
    )!,
  ];
  if (query.q) where.push(sql`${contests.name} ilike ${likeText(query.q)}`);
  if (query.state) where.push(eq(contests.state, query.state));
  if (query.year)
    where.push(
      sql`${contests.heldOn} >= ${`${query.year}-01-01`} and ${contests.heldOn} <= ${`${query.year}-12-31`}`,
    );
  return db.readTransaction(async (tx) => {
    const [total] = await tx
      .select({ n: count() })
      .from(contests)
      .where(and(...where));
    const rows = await tx
      .select()
      .from(contests)
      .where(and(...where))
      .orderBy(desc(contests.heldOn), desc(contests.createdAt))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    return { items: await presentList(tx, actor, rows), total: Number(total?.n ?? 0) };
  });
}

export async function entryViews(tx: Db, contestId: string): Promise<EntryView[]> {
  const rows = await tx
    .select()
    .from(contestEntries)
    .where(eq(contestEntries.contestId, contestId))
    .orderBy(asc(contestEntries.seq), asc(contestEntries.id));
  const units = await orgRefs(
    tx,
    rows.flatMap((r) => (r.orgId ? [r.orgId] : [])),
  );
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    name: r.name,
    unitName: r.unitName,
    org: r.orgId ? { id: r.orgId, name: units.get(r.orgId)?.name ?? '' } : null,
    members: r.members,
    version: r.version,
  }));
}

export async function judgeViews(tx: Db, contestId: string): Promise<JudgeView[]> {
  const rows = await tx
    .select()
    .from(contestJudges)
    .where(eq(contestJudges.contestId, contestId))
    .orderBy(asc(contestJudges.seq), asc(contestJudges.id));
  const people = await userRefs(
    tx,
    rows.map((r) => r.userId),
  );
  const scored = await tx
    .select({ judgeId: contestScores.judgeId, n: count() })
    .from(contestScores)
    .where(eq(contestScores.contestId, contestId))
    .groupBy(contestScores.judgeId);
  const given = new Map(scored.map((s) => [s.judgeId, Number(s.n)]));
  return rows.map((r) => {
    const u = people.get(r.userId);
    return {
      id: r.id,
      userId: r.userId,
      name: u?.name ?? '',
      username: u?.username ?? '',
      unit: r.affiliation ?? u?.orgName ?? '',
      contestOnly: u?.role === 'judge',
      chief: r.chief,
      seq: r.seq,
      scored: given.get(r.id) ?? 0,
    };
  });
}

async function presentDetail(tx: Db, actor: Actor, row: ContestRow): Promise<ContestDetail> {
  const [view] = await presentList(tx, actor, [row]);
  const entryList = await entryViews(tx, row.id);
  const judgeList = await judgeViews(tx, row.id);
  const [given] = await tx
    .select({ n: count() })
    .from(contestScores)
    .where(eq(contestScores.contestId, row.id));
  return {
    ...view!,
    organisers: row.organisers,
    entryKind: row.entryKind as EntryKind,
    noticeNo: row.noticeNo,
    rounds: row.rounds,
    rules: row.rules,
    extraAwards: row.extraAwards,
    entryList,
    judgeList,
    progress: {
      expected: expectedScores(
        row.rounds,
        judgeList.map((j) => j.id),
        entryList.length,
      ),
      given: Number(given?.n ?? 0),
    },
    releasedAt: row.releasedAt?.toISOString() ?? null,
  };
}

/** One contest as its organiser or a reader sees it. */
export async function getContest(actor: Actor, id: string): Promise<ContestDetail> {
  return db.transaction(async (tx) => {
    const row = await loadContest(tx, actor, id, 'read');
    return presentDetail(tx, actor, row);
  });
}

const snapshot = (row: ContestRow) => ({ ...row, rounds: row.rounds, rules: row.rules });

/** Creates a contest run by the actor's organisation (or one of its subtree). */
export async function createContest(
  actor: Actor,
  input: Parsed<typeof ContestCreateBody>,
): Promise<ContestDetail> {
  requireAccess(actor, 'competition:manage');
  return db.transaction(async (tx) => {
    const org = await loadOrg(tx, actor, input.orgId ?? actor.orgId, '主办单位');
    input.rules.tieBreak.forEach((t, i) => {
      if (t.by === 'round' && !input.rounds.some((r) => r.id === t.roundId))
        throw invalidField(`rules.tieBreak.${i}.roundId`, `轮次不存在：${t.roundId}`);
    });
    const [row] = await tx
      .insert(contests)
      .values({
        id: newId(),
        orgId: org.id,
        orgPath: org.path,
        name: input.name,
        category: input.category,
        heldOn: input.heldOn,
        venue: input.venue,
        organisers: input.organisers,
        entryKind: input.entryKind,
        noticeNo: input.noticeNo,
        rounds: input.rounds,
        rules: input.rules,
        extraAwards: [],
        state: 'setup',
        createdBy: actor.id,
      })
      .returning();
    await audit(tx, actor, {
      action: 'contest.create',
      entity: 'contest',
      entityId: row!.id,
      orgPath: org.path,
      after: row,
    });
    return presentDetail(tx, actor, row!);
  });
}

/** Checks that every panel names judges of the contest and every extra award names its entries. */
async function checkReferences(
  tx: Db,
  row: ContestRow,
  rounds: ContestRoundSetting[],
  awards: ContestRow['extraAwards'],
) {
  const judges = new Set(
    (
      await tx.select({ id: contestJudges.id }).from(contestJudges).where(eq(contestJudges.contestId, row.id))
    ).map((j) => j.id),
  );
  rounds.forEach((r, i) =>
    (r.judgeIds ?? []).forEach((j, k) => {
      if (!judges.has(j)) throw invalidField(`rounds.${i}.judgeIds.${k}`, '所选评委不在本比赛的评委名单中');
    }),
  );
  const entries = new Set(
    (
      await tx
        .select({ id: contestEntries.id })
        .from(contestEntries)
        .where(eq(contestEntries.contestId, row.id))
    ).map((e) => e.id),
  );
  awards.forEach((a, i) =>
    a.entryIds.forEach((e, k) => {
      if (!entries.has(e))
        throw invalidField(`extraAwards.${i}.entryIds.${k}`, '获奖者不在本比赛的参赛名单中');
    }),
  );
  const ids = new Set<string>();
  awards.forEach((a, i) => {
    if (a.id === 'prize' || ids.has(a.id)) throw invalidField(`extraAwards.${i}.id`, `奖项编号重复：${a.id}`);
    ids.add(a.id);
  });
  const tie = rounds.map((r) => r.id);
  row.rules.tieBreak.forEach((t, i) => {
    if (t.by === 'round' && !tie.includes(t.roundId))
      throw invalidField(`rules.tieBreak.${i}.roundId`, `轮次不存在：${t.roundId}`);
  });
}

/**
 * Changes a contest. Rounds (the scoring sheet) change only before scoring starts; the rules,
 * names and extra awards until the results are released.
 */
export async function updateContest(
  actor: Actor,
  id: string,
  input: Parsed<typeof ContestPatchBody>,
): Promise<ContestDetail> {
  return db.transaction(async (tx) => {
    const row = await loadContest(tx, actor, id, 'manage', true);
    if (row.state === 'released') throw conflict('成绩已发布，比赛不能再修改');
    if (input.rounds && row.state !== 'setup')
      throw conflict('评分已开始，轮次和评分项不能再修改', [{ field: 'rounds', message: '评分已开始' }]);
    const rounds = input.rounds ?? row.rounds;
    const rules = input.rules ?? row.rules;
    const extraAwards = input.extraAwards ?? row.extraAwards;
    await checkReferences(tx, { ...row, rules }, rounds, extraAwards);
    const { version, ...changes } = input;
    const updated = await updateVersioned(tx, contests, id, version, {
      ...changes,
      rounds,
      rules,
      extraAwards,
    });
    await audit(tx, actor, {
      action: 'contest.update',
      entity: 'contest',
      entityId: id,
      orgPath: row.orgPath,
      before: snapshot(row),
      after: snapshot(updated),
    });
    return presentDetail(tx, actor, updated);
  });
}

/** Deletes a contest that has no score yet. */
export async function deleteContest(actor: Actor, id: string, version: number): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await loadContest(tx, actor, id, 'manage', true);
    const [scored] = await tx
      .select({ n: count() })
      .from(contestScores)
      .where(eq(contestScores.contestId, id));
    if (Number(scored?.n ?? 0) > 0) throw conflict('比赛已有评分，不能删除');
    if (row.version !== version) throw conflict('比赛已被他人修改，请刷新后重试');
    await tx.delete(contests).where(eq(contests.id, id));
    await audit(tx, actor, {
      action: 'contest.delete',
      entity: 'contest',
      entityId: id,
      orgPath: row.orgPath,
      before: snapshot(row),
    });
  });
}

/** Entries and judges belong to the contest: changing them makes the contest's version new. */
async function touch(tx: Db, id: string): Promise<ContestRow> {
  const [row] = await tx
    .update(contests)
    .set({ version: sql`${contests.version} + 1`, updatedAt: new Date() })
    .where(eq(contests.id, id))
    .returning();
  return row!;
}

/** Checks that an entry's organisation lies in the contest organiser's subtree. */
async function checkEntryOrg(tx: Db, row: ContestRow, orgId: string | null, field: string) {
  if (!orgId) return;
  const org = (await orgRefs(tx, [orgId])).get(orgId);
  if (!org || !org.path.startsWith(row.orgPath))
    throw invalidField(field, '所属组织须为主办单位及其下级单位');
}

/** Adds entries after the last one, in the given order. */
export async function addEntries(
  actor: Actor,
  id: string,
  input: Parsed<typeof EntriesBody>,
): Promise<ContestDetail> {
  return db.transaction(async (tx) => {
    const row = await loadContest(tx, actor, id, 'manage', true);
    if (row.state !== 'setup') throw conflict('评分已开始，参赛名单不能再增加');
    for (const [i, e] of input.entries.entries()) await checkEntryOrg(tx, row, e.orgId, `entries.${i}.orgId`);
    const [last] = await tx
      .select({ seq: sql<number>`coalesce(max(${contestEntries.seq}), 0)::int` })
      .from(contestEntries)
      .where(eq(contestEntries.contestId, id));
    const start = Number(last?.seq ?? 0);
    const values = input.entries.map((e, i) => ({
      id: newId(),
      contestId: id,
      seq: start + i + 1,
      name: e.name,
      unitName: e.unitName,
      orgId: e.orgId,
      members: e.members,
    }));
    await tx.insert(contestEntries).values(values);
    await audit(tx, actor, {
      action: 'contest.entries.add',
      entity: 'contest',
      entityId: id,
      orgPath: row.orgPath,
      after: values,
    });
    return presentDetail(tx, actor, await touch(tx, id));
  });
}

async function loadEntry(tx: Db, contestId: string, entryId: string) {
  const [entry] = await tx
    .select()
    .from(contestEntries)
    .where(and(eq(contestEntries.id, entryId), eq(contestEntries.contestId, contestId)));
  if (!entry) throw notFound('参赛者');
  return entry;
}

/** Changes an entry (its name, unit, members or place in the order of appearance). */
export async function updateEntry(
  actor: Actor,
  id: string,
  entryId: string,
  input: Parsed<typeof EntryPatchBody>,
): Promise<ContestDetail> {
  return db.transaction(async (tx) => {
    const row = await loadContest(tx, actor, id, 'manage', true);
    if (row.state === 'released') throw conflict('成绩已发布，参赛名单不能再修改');
    const entry = await loadEntry(tx, id, entryId);
    if (input.orgId !== undefined) await checkEntryOrg(tx, row, input.orgId, 'orgId');
    const { version, ...changes } = input;
    const [updated] = await tx
      .update(contestEntries)
      .set({ ...changes, version: sql`${contestEntries.version} + 1` })
      .where(and(eq(contestEntries.id, entryId), eq(contestEntries.version, version)))
      .returning();
    if (!updated) throw conflict('参赛者已被他人修改，请刷新后重试');
    await audit(tx, actor, {
      action: 'contest.entry.update',
      entity: 'contest',
      entityId: id,
      orgPath: row.orgPath,
      before: entry,
      after: updated,
    });
    return presentDetail(tx, actor, await touch(tx, id));
  });
}

/** Removes an entry that has no score. */
export async function deleteEntry(
  actor: Actor,
  id: string,
  entryId: string,
  version: number,
): Promise<ContestDetail> {
  return db.transaction(async (tx) => {
    const row = await loadContest(tx, actor, id, 'manage', true);
    if (row.state !== 'setup') throw conflict('评分已开始，参赛者不能删除');
    const entry = await loadEntry(tx, id, entryId);
    if (entry.version !== version) throw conflict('参赛者已被他人修改，请刷新后重试');
    if (row.extraAwards.some((a) => a.entryIds.includes(entryId)))
      throw conflict('该参赛者已获其他奖项，请先在奖项中移除');
    await tx.delete(contestEntries).where(eq(contestEntries.id, entryId));
    await audit(tx, actor, {
      action: 'contest.entry.delete',
      entity: 'contest',
      entityId: id,
      orgPath: row.orgPath,
      before: entry,
    });
    return presentDetail(tx, actor, await touch(tx, id));
  });
}

/** Users of the organiser's subtree who may be judges (any active user), matching `q`. */
export async function judgeCandidates(actor: Actor, id: string, q: string | undefined) {
  return db.transaction(async (tx) => {
    const row = await loadContest(tx, actor, id, 'manage');
    const found = await usersWithPermission(tx, row.orgPath, 'org:read', q, 20);
    return { items: found.map((u) => ({ id: u.id, name: u.name, username: u.username, unit: u.orgName })) };
  });
}

/**
 * Puts a judge on the panel: a user of the organiser's subtree, or a new contest-only login (role
 * 评委, which may do nothing but judge) made in the organiser's organisation.
 */
export async function addJudge(
  actor: Actor,
  id: string,
  input: Parsed<typeof JudgeBody>,
): Promise<ContestDetail> {
  return db.transaction(async (tx) => {
    const row = await loadContest(tx, actor, id, 'manage', true);
    if (row.state === 'released') throw conflict('成绩已发布，评委不能再增加');
    let userId: string;
    if ('userId' in input) {
      const u = (await userRefs(tx, [input.userId])).get(input.userId);
      if (!u || !u.active || !u.scopePath.startsWith(row.orgPath))
        throw invalidField('userId', '评委须为主办单位及其下级单位的在用账号');
      userId = u.id;
    } else {
      userId = await createContestJudgeUser(tx, actor, { ...input.newUser, orgId: row.orgId });
    }
    if (await judgeOf(tx, id, userId)) throw invalidField('userId', '该用户已在评委名单中');
    const [last] = await tx
      .select({ seq: sql<number>`coalesce(max(${contestJudges.seq}), 0)::int` })
      .from(contestJudges)
      .where(eq(contestJudges.contestId, id));
    const judge = {
      id: newId(),
      contestId: id,
      userId,
      seq: Number(last?.seq ?? 0) + 1,
      chief: input.chief,
      affiliation: input.affiliation,
    };
    await tx.insert(contestJudges).values(judge);
    await audit(tx, actor, {
      action: 'contest.judge.add',
      entity: 'contest',
      entityId: id,
      orgPath: row.orgPath,
      after: judge,
    });
    return presentDetail(tx, actor, await touch(tx, id));
  });
}

/** Takes a judge off the panel while they have given no score. */
export async function removeJudge(
  actor: Actor,
  id: string,
  judgeId: string,
  version: number,
): Promise<ContestDetail> {
  return db.transaction(async (tx) => {
    const row = await loadContest(tx, actor, id, 'manage', true);
    const [judge] = await tx
      .select()
      .from(contestJudges)
      .where(and(eq(contestJudges.id, judgeId), eq(contestJudges.contestId, id)));
    if (!judge) throw notFound('评委');
    if (row.version !== version) throw conflict('比赛已被他人修改，请刷新后重试');
    const [scored] = await tx
      .select({ n: count() })
      .from(contestScores)
      .where(eq(contestScores.judgeId, judgeId));
    if (Number(scored?.n ?? 0) > 0) throw conflict('该评委已评分，不能移出评委名单');
    if (row.rounds.some((r) => r.judgeIds?.includes(judgeId)))
      throw conflict('该评委在轮次的评委名单中，请先在轮次设置中移除');
    await tx.delete(contestJudges).where(eq(contestJudges.id, judgeId));
    await audit(tx, actor, {
      action: 'contest.judge.remove',
      entity: 'contest',
      entityId: id,
      orgPath: row.orgPath,
      before: judge,
    });
    return presentDetail(tx, actor, await touch(tx, id));
  });
}

/** Opens the scoring (筹备中 → 评分中): every round needs judges, and there must be entries. */
export async function openScoring(actor: Actor, id: string, version: number): Promise<ContestDetail> {
  return db.transaction(async (tx) => {
    const row = await loadContest(tx, actor, id, 'manage', true);
    if (row.state !== 'setup') throw conflict('比赛不在筹备阶段');
    const judges = (await judgeViews(tx, id)).map((j) => j.id);
    const [entries] = await tx
      .select({ n: count() })
      .from(contestEntries)
      .where(eq(contestEntries.contestId, id));
    if (Number(entries?.n ?? 0) === 0) throw conflict('请先添加参赛名单');
    const panels = roundPanels(row.rounds, judges);
    for (const r of row.rounds)
      if (!panels.get(r.id)?.length) throw conflict(`${r.name}还没有评委，请先添加评委`);
    const updated = await updateVersioned(tx, contests, id, version, { state: 'scoring' });
    await audit(tx, actor, {
      action: 'contest.open',
      entity: 'contest',
      entityId: id,
      orgPath: row.orgPath,
      before: { state: row.state },
      after: { state: updated.state },
    });
    return presentDetail(tx, actor, updated);
  });
}

export { presentDetail };
