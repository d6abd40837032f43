// Scoring a judged contest: a judge gives scores from a phone, seeing only their own until the
// results are released; a score once given changes only with a reason (更正), recorded and audited;
// the live screen shows the round results and the provisional ranking as scores come in, the
// judges' own scores only after the release; the organiser releases the results when no score is
// missing. The results themselves come from the pure scoring rule (scoring.ts).
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { type Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { db, type Db } from '../../platform/db/client';
import { updateVersioned } from '../../platform/db/versioned';
import { conflict, forbidden, invalidField, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { orgRefs } from '../../orgs/service';
import { userRefs } from '../../orgs/users-service';
import {
  ScoreBody,
  type ContestDetail,
  type CorrectionView,
  type JudgeSheet,
  type ResultsView,
} from './contract';
import {
  entryViews,
  expectedScores,
  judgeOf,
  judgeIdsOf,
  judgeViews,
  loadContest,
  managesPath,
  presentDetail,
  roundPanels,
  type ContestRow,
} from './contests';
import { computeResults } from './scoring';
import {
  describeTieBreak,
  describeTrim,
  PRIZE_LABELS,
  RANK_BASIS_LABELS,
  ROUNDING_TEXT,
  type ContestResults,
} from './scoring-contract';
import { contestEntries, contestJudges, contests, contestScoreCorrections, contestScores } from './tables';

type Parsed<T extends { parse: (v: unknown) => unknown }> = ReturnType<T['parse']>;
type ScoreRow = typeof contestScores.$inferSelect;

const toPoints = (value: number) => Math.round(value * 100);
const fromPoints = (points: number) => points / 100;

async function scoresOf(tx: Db, contestId: string, judgeId?: string): Promise<ScoreRow[]> {
  return tx
    .select()
    .from(contestScores)
    .where(
      and(eq(contestScores.contestId, contestId), judgeId ? eq(contestScores.judgeId, judgeId) : undefined),
    );
}

/** The contests on whose panels the actor sits, with the scores they still owe. */
export async function myJudging(actor: Actor) {
  return db.transaction(async (tx) => {
    const panels = await tx
      .select({ judge: contestJudges, contest: contests })
      .from(contestJudges)
      .innerJoin(contests, eq(contests.id, contestJudges.contestId))
      .where(and(eq(contestJudges.userId, actor.id), inArray(contests.state, ['scoring', 'released'])))
      .orderBy(desc(contests.heldOn));
    const items = [];
    for (const { judge, contest } of panels) {
      const [entries] = await tx
        .select({ n: count() })
        .from(contestEntries)
        .where(eq(contestEntries.contestId, contest.id));
      const judges = await judgeIdsOf(tx, contest.id);
      const panelRounds = contest.rounds.filter((r) =>
        roundPanels(contest.rounds, judges).get(r.id)?.includes(judge.id),
      );
      const owed = panelRounds.reduce(
        (n, r) => n + Number(entries?.n ?? 0) * Math.max(1, r.criteria.length),
        0,
      );
      const [given] = await tx
        .select({ n: count() })
        .from(contestScores)
        .where(eq(contestScores.judgeId, judge.id));
      items.push({
        id: contest.id,
        name: contest.name,
        heldOn: contest.heldOn,
        state: contest.state as JudgeSheet['contest']['state'],
        missing: contest.state === 'scoring' ? Math.max(0, owed - Number(given?.n ?? 0)) : 0,
      });
    }
    return { items };
  });
}

/** How many scores the actor owes as a judge over open contests (the home page's item). */
export async function scoresOwed(actor: Actor): Promise<{ contests: number; scores: number }> {
  const { items } = await myJudging(actor);
  const open = items.filter((i) => i.missing > 0);
  return { contests: open.length, scores: open.reduce((n, i) => n + i.missing, 0) };
}

/** A judge's sheet: the rounds of their panels, the entries and their own scores. */
export async function judgeSheet(actor: Actor, id: string): Promise<JudgeSheet> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(contests).where(eq(contests.id, id));
    const judge = row ? await judgeOf(tx, id, actor.id) : null;
    if (!row || !judge) throw notFound('比赛');
    if (row.state === 'setup') throw conflict('比赛尚未开始评分');
    const panels = roundPanels(row.rounds, await judgeIdsOf(tx, id));
    const scores = await scoresOf(tx, id, judge.id);
    return {
      contest: {
        id: row.id,
        name: row.name,
        heldOn: row.heldOn,
        venue: row.venue,
        state: row.state as 'scoring',
      },
      judgeId: judge.id,
      rounds: row.rounds.filter((r) => panels.get(r.id)?.includes(judge.id)),
      entries: await entryViews(tx, id),
      scores: scores.map((s) => ({
        roundId: s.roundId,
        entryId: s.entryId,
        judgeId: s.judgeId,
        criterionId: s.criterionId || null,
        value: fromPoints(s.points),
      })),
    };
  });
}

/**
 * Records one judge's scores of one entry in one round (every criterion of the round at once): a
 * judge scores for themselves (`judgeId` absent); the organiser corrects a judge's score
 * (`judgeId` given, `correction`). A score that changes needs a reason and is kept in the
 * corrections with its old value.
 */
export async function submitScores(
  actor: Actor,
  id: string,
  input: Parsed<typeof ScoreBody>,
  correction = false,
): Promise<{ corrected: number; given: number }> {
  return db.transaction(async (tx) => {
    let row: ContestRow;
    let judgeId: string;
    if (correction) {
      row = await loadContest(tx, actor, id, 'manage', true);
      if (!input.judgeId) throw invalidField('judgeId', '请选择要更正的评委');
      if (!input.reason) throw invalidField('reason', '更正评分须填写理由');
      judgeId = input.judgeId;
    } else {
      // Only the contest's judges score; to anyone else the contest is not there.
      const [found] = await tx.select().from(contests).where(eq(contests.id, id)).for('update');
      const own = found ? await judgeOf(tx, id, actor.id) : null;
      if (!found || !own) throw notFound('比赛');
      if (input.judgeId && input.judgeId !== own.id) throw forbidden('评委只能提交本人的评分');
      row = found;
      judgeId = own.id;
    }
    if (row.state === 'setup') throw conflict('比赛尚未开始评分');
    if (row.state === 'released') throw conflict('成绩已发布，评分不能再修改');
    const judges = await judgeIdsOf(tx, id);
    if (!judges.includes(judgeId)) throw invalidField('judgeId', '评委不在本比赛的评委名单中');
    const round = row.rounds.find((r) => r.id === input.roundId);
    if (!round) throw invalidField('roundId', '轮次不存在');
    if (!roundPanels(row.rounds, judges).get(round.id)?.includes(judgeId))
      throw invalidField('roundId', `该评委不在${round.name}的评委名单中`);
    const [entry] = await tx
      .select({ id: contestEntries.id, name: contestEntries.name })
      .from(contestEntries)
      .where(and(eq(contestEntries.id, input.entryId), eq(contestEntries.contestId, id)));
    if (!entry) throw invalidField('entryId', '参赛者不在本比赛的参赛名单中');

    // The scores must cover the round's criteria exactly (or be one score when it has none).
    const wanted = round.criteria.length ? round.criteria.map((k) => k.id) : [''];
    const given = new Map<string, number>();
    input.scores.forEach((s, i) => {
      const key = s.criterionId ?? '';
      if (!wanted.includes(key))
        throw invalidField(
          `scores.${i}.criterionId`,
          round.criteria.length ? '评分项不存在' : `${round.name}不分评分项`,
        );
      if (given.has(key)) throw invalidField(`scores.${i}.criterionId`, '评分项重复');
      if (s.value < round.minScore || s.value > round.maxScore)
        throw invalidField(`scores.${i}.value`, `分数须在 ${round.minScore} 到 ${round.maxScore} 之间`);
      given.set(key, toPoints(s.value));
    });
    const missing = wanted.filter((k) => !given.has(k));
    if (missing.length) {
      const names = missing.map((k) => round.criteria.find((c) => c.id === k)?.name ?? k);
      throw invalidField('scores', `请为每个评分项打分，尚缺：${names.join('、')}`);
    }

    const before = new Map(
      (
        await tx
          .select()
          .from(contestScores)
          .where(
            and(
              eq(contestScores.contestId, id),
              eq(contestScores.roundId, round.id),
              eq(contestScores.entryId, entry.id),
              eq(contestScores.judgeId, judgeId),
            ),
          )
      ).map((s) => [s.criterionId, s]),
    );
    const changed = [...given].filter(([k, p]) => before.has(k) && before.get(k)!.points !== p);
    if (changed.length && !input.reason) throw invalidField('reason', '评分已提交，修改须填写更正理由');
    if (before.size && !changed.length && before.size === given.size) return { corrected: 0, given: 0 };

    for (const [criterionId, points] of given) {
      const old = before.get(criterionId);
      if (old && old.points === points) continue;
      await tx
        .insert(contestScores)
        .values({
          contestId: id,
          roundId: round.id,
          entryId: entry.id,
          judgeId,
          criterionId,
          points,
          scoredBy: actor.id,
          scoredAt: new Date(),
        })
        .onConflictDoUpdate({
          target: [
            contestScores.contestId,
            contestScores.roundId,
            contestScores.entryId,
            contestScores.judgeId,
            contestScores.criterionId,
          ],
          set: { points, scoredBy: actor.id, scoredAt: new Date() },
        });
      if (old) {
        await tx.insert(contestScoreCorrections).values({
          id: newId(),
          contestId: id,
          roundId: round.id,
          entryId: entry.id,
          judgeId,
          criterionId,
          before: old.points,
          after: points,
          reason: input.reason!,
          correctedBy: actor.id,
        });
      }
    }
    await audit(tx, actor, {
      action: changed.length ? 'contest.score.correct' : 'contest.score',
      entity: 'contest',
      entityId: id,
      orgPath: row.orgPath,
      before: changed.length
        ? Object.fromEntries(changed.map(([k]) => [k || 'score', fromPoints(before.get(k)!.points)]))
        : undefined,
      after: {
        round: round.name,
        entry: entry.name,
        judgeId,
        scores: Object.fromEntries([...given].map(([k, p]) => [k || 'score', fromPoints(p)])),
        reason: input.reason,
      },
    });
    return { corrected: changed.length, given: given.size - changed.length };
  });
}

/** The contest's results by the scoring rule, from its rows. */
function resultsOf(
  row: ContestRow,
  entryIds: { id: string; name: string }[],
  judgeIds: string[],
  scores: ScoreRow[],
): ContestResults {
  const panels = roundPanels(row.rounds, judgeIds);
  return computeResults({
    rounds: row.rounds.map((r) => ({
      id: r.id,
      name: r.name,
      weight: r.weight,
      judgeIds: panels.get(r.id) ?? [],
      criteria: r.criteria,
      trim: r.trim,
      minScore: r.minScore,
      maxScore: r.maxScore,
    })),
    entries: entryIds,
    scores: scores.map((s) => ({
      roundId: s.roundId,
      entryId: s.entryId,
      judgeId: s.judgeId,
      criterionId: s.criterionId || undefined,
      value: fromPoints(s.points),
    })),
    rules: row.rules,
  });
}

/** The rules in the words of the notice: the drop rule per round, rounding, ranking, tie-breaks, prizes. */
export function ruleTexts(row: ContestRow, judgeCount: (roundId: string) => number): string[] {
  const texts: string[] = [];
  for (const r of row.rounds) {
    const trim = r.trim ?? row.rules.trim;
    const weight = row.rounds.length > 1 ? `，计入总分的权重为 ${r.weight}` : '';
    texts.push(`${r.name}：${judgeCount(r.id)} 位评委评分，${describeTrim(trim, judgeCount(r.id))}${weight}`);
  }
  texts.push(ROUNDING_TEXT[row.rules.decimals]);
  texts.push(RANK_BASIS_LABELS[row.rules.rankBasis]);
  for (const t of row.rules.tieBreak)
    texts.push(
      describeTieBreak(t, t.by === 'round' ? row.rounds.find((r) => r.id === t.roundId)?.name : undefined),
    );
  const prizes = row.rules.prizes;
  if (prizes.mode === 'count')
    texts.push(
      `奖项：${prizes.tiers.map((t) => `${PRIZE_LABELS[t.prize]} ${t.count} 名`).join('，')}${prizes.rest ? `，其余为${PRIZE_LABELS[prizes.rest]}` : ''}`,
    );
  if (prizes.mode === 'threshold')
    texts.push(
      `奖项：${prizes.tiers.map((t) => `${PRIZE_LABELS[t.prize]}（${t.minTotal} 分及以上）`).join('，')}${prizes.rest ? `，其余为${PRIZE_LABELS[prizes.rest]}` : ''}`,
    );
  return texts;
}

/** The results as the organiser, the live screen or (after the release) a judge sees them. */
async function resultsView(tx: Db, row: ContestRow, showJudgeScores: boolean): Promise<ResultsView> {
  const entries = await entryViews(tx, row.id);
  const judges = await judgeViews(tx, row.id);
  const scores = await scoresOf(tx, row.id);
  const judgeIds = judges.map((j) => j.id);
  let results = resultsOf(row, entries, judgeIds, scores);
  if (!showJudgeScores) {
    // Before the release nobody but the organiser sees one judge's score: the screen shows whether
    // each judge has scored, and the round result once all have.
    results = {
      ...results,
      entries: results.entries.map((e) => ({
        ...e,
        rounds: e.rounds.map((r) => ({
          ...r,
          judges: r.judges.map((j) => ({ ...j, score: null, dropped: null })),
        })),
      })),
    };
  }
  const panels = roundPanels(row.rounds, judgeIds);
  const org = (await orgRefs(tx, [row.orgId])).get(row.orgId);
  return {
    contest: {
      id: row.id,
      name: row.name,
      heldOn: row.heldOn,
      venue: row.venue,
      organisers: row.organisers,
      orgName: org?.name ?? '',
      state: row.state as ResultsView['contest']['state'],
      entryKind: row.entryKind as ResultsView['contest']['entryKind'],
      noticeNo: row.noticeNo,
    },
    results,
    entries,
    judges: judges.map((j) => ({ id: j.id, name: j.name, seq: j.seq })),
    ruleTexts: ruleTexts(row, (r) => panels.get(r)?.length ?? 0),
    extraAwards: row.extraAwards,
    judgeScoresShown: showJudgeScores,
    scored: scores.length,
    expected: expectedScores(row.rounds, judgeIds, entries.length),
  };
}

/**
 * The results: the organiser sees every score; readers and judges see the results once released.
 * `live`: the venue screen, which hides each judge's score until the release even from the organiser.
 */
export async function contestResults(actor: Actor, id: string, live = false): Promise<ResultsView> {
  return db.transaction(async (tx) => {
    const row = await loadContest(tx, actor, id, live ? 'manage' : 'read');
    const manages = managesPath(actor, row.orgPath);
    if (row.state === 'setup') throw conflict('比赛尚未开始评分');
    if (!manages && row.state !== 'released') throw conflict('成绩尚未发布');
    return resultsView(tx, row, row.state === 'released' || (manages && !live));
  });
}

/** The released results of a contest, for the notice and the certificates. */
export async function releasedResults(actor: Actor, id: string): Promise<ResultsView> {
  return db.transaction(async (tx) => {
    const row = await loadContest(tx, actor, id, 'read');
    if (row.state !== 'released') throw conflict('成绩发布后才能生成通报和奖状');
    return resultsView(tx, row, true);
  });
}

/** Releases the results (评分中 → 成绩已发布) once no score is missing; judges then see them all. */
export async function releaseResults(actor: Actor, id: string, version: number): Promise<ContestDetail> {
  return db.transaction(async (tx) => {
    const row = await loadContest(tx, actor, id, 'manage', true);
    if (row.state !== 'scoring') throw conflict(row.state === 'setup' ? '比赛尚未开始评分' : '成绩已发布');
    const view = await resultsView(tx, row, true);
    if (!view.results.final)
      throw conflict(`还有 ${view.results.missing.length} 项评分未完成，不能发布成绩`, [
        { field: 'missing', message: `缺少评分 ${view.results.missing.length} 项` },
      ]);
    const updated = await updateVersioned(tx, contests, id, version, {
      state: 'released',
      releasedAt: new Date(),
    });
    await audit(tx, actor, {
      action: 'contest.release',
      entity: 'contest',
      entityId: id,
      orgPath: row.orgPath,
      before: { state: row.state },
      after: { state: 'released', ranking: view.results.ranking },
    });
    return presentDetail(tx, actor, updated);
  });
}

/** The corrections of a contest's scores, newest first (the organiser's). */
export async function listCorrections(actor: Actor, id: string): Promise<{ items: CorrectionView[] }> {
  return db.transaction(async (tx) => {
    const row = await loadContest(tx, actor, id, 'manage');
    const rows = await tx
      .select()
      .from(contestScoreCorrections)
      .where(eq(contestScoreCorrections.contestId, id))
      .orderBy(desc(contestScoreCorrections.correctedAt), asc(contestScoreCorrections.id));
    const entries = new Map((await entryViews(tx, id)).map((e) => [e.id, e.name]));
    const judges = new Map((await judgeViews(tx, id)).map((j) => [j.id, j.name]));
    const people = await userRefs(
      tx,
      rows.map((r) => r.correctedBy),
    );
    return {
      items: rows.map((r) => {
        const round = row.rounds.find((x) => x.id === r.roundId);
        return {
          id: r.id,
          round: round?.name ?? r.roundId,
          entry: entries.get(r.entryId) ?? '',
          judge: judges.get(r.judgeId) ?? '',
          criterion: r.criterionId
            ? (round?.criteria.find((k) => k.id === r.criterionId)?.name ?? r.criterionId)
            : null,
          before: fromPoints(r.before),
          after: fromPoints(r.after),
          reason: r.reason,
          by: people.get(r.correctedBy)?.name ?? '',
          at: r.correctedAt.toISOString(),
        };
      }),
    };
  });
}
