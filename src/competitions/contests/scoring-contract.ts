// The scoring rule of judged contests (评比、竞赛现场评分): the contest as the scorer sees it (rounds,
// judges, weighted criteria, entries, the judges' scores and the contest's rules) and the results
// computeResults() in scoring.ts gives for it. Pure schemas and labels: the server and the web app
// (the live scoring screen) import them alike.
import { z } from 'zod';
import { str, text } from '../../platform/shared/api';

// ---------- numbers ----------

/** Scores carry at most this many decimals (hundredths). */
export const SCORE_DECIMALS = 2;
/** Weights (of criteria and of rounds) carry at most this many decimals. */
export const WEIGHT_DECIMALS = 4;
/** The largest score, in absolute value, a contest may use. */
export const MAX_ABS_SCORE = 100_000;

/** Whether `value` has at most `decimals` decimals (read from its shortest decimal form). */
export function hasAtMostDecimals(value: number, decimals: number): boolean {
  const scaled = value * 10 ** decimals;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

const Id = str({ error: '编号必须是文本' })
  .min(1, { error: '编号不能为空' })
  .max(64, { error: '编号不能超过 64 个字符' });

const Score = z
  .number({ error: '分数必须是数字' })
  .min(-MAX_ABS_SCORE, { error: `分数不能小于 -${MAX_ABS_SCORE}` })
  .max(MAX_ABS_SCORE, { error: `分数不能大于 ${MAX_ABS_SCORE}` })
  .refine((v) => hasAtMostDecimals(v, SCORE_DECIMALS), { error: '分数最多保留两位小数' });

const Weight = z
  .number({ error: '权重必须是数字' })
  .positive({ error: '权重必须大于 0' })
  .max(10_000, { error: '权重不能大于 10000' })
  .refine((v) => hasAtMostDecimals(v, WEIGHT_DECIMALS), { error: '权重最多保留四位小数' });

// ---------- the drop rule (去掉最高分和最低分) ----------

export const TrimRule = z
  .object({
    /** Whether extreme scores are dropped at all. */
    enabled: z.boolean().default(true),
    /** Scores are dropped only when at least this many judges score the entry in the round. */
    minJudges: z.number().int().min(1).max(99).default(5),
    /** How many scores are dropped at each end (the highest ones and the lowest ones). */
    dropEach: z.number().int().min(1).max(9).default(1),
  })
  .refine((r) => !r.enabled || r.minJudges >= 2 * r.dropEach + 1, {
    error: '去掉最高分和最低分后至少要留下一个分数：最少评委人数须大于去掉的分数个数',
    path: ['minJudges'],
  });
export type TrimRule = z.output<typeof TrimRule>;
export const DEFAULT_TRIM: TrimRule = { enabled: true, minJudges: 5, dropEach: 1 };

// ---------- prizes ----------

export const PRIZES = ['special', 'first', 'second', 'third', 'excellence', 'organisation'] as const;
export type Prize = (typeof PRIZES)[number];
export const PRIZE_LABELS: Record<Prize, string> = {
  special: '特等奖',
  first: '一等奖',
  second: '二等奖',
  third: '三等奖',
  excellence: '优秀奖',
  // Given to organising units rather than earned by a score; a contest may still name it a tier.
  organisation: '优秀组织奖',
};

const PrizeKey = z.enum(PRIZES, { error: '奖项不存在' });

export const PrizeRule = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('none') }),
  z.object({
    /**
     * Tiers by places, from the best down: `[{ prize: 'first', count: 1 }, { prize: 'second', count: 2 }]`.
     * An entry whose rank is within the first n places (n the counts of its tier and of the tiers above
     * added up) gets the highest such tier; entries tied across a boundary all get the higher prize,
     * and the tiers below shrink by as many (see scoring.ts).
     */
    mode: z.literal('count'),
    tiers: z
      .array(z.object({ prize: PrizeKey, count: z.number().int().min(1).max(10_000) }))
      .min(1)
      .max(10),
    /** The prize of every ranked entry beyond the tiers (e.g. 优秀奖); none when absent. */
    rest: PrizeKey.optional(),
  }),
  z.object({
    /** Tiers by score, from the highest threshold down: `[{ prize: 'first', minTotal: 90 }, …]`. */
    mode: z.literal('threshold'),
    tiers: z
      .array(z.object({ prize: PrizeKey, minTotal: Score }))
      .min(1)
      .max(10)
      .refine((tiers) => tiers.every((t, i) => i === 0 || t.minTotal < tiers[i - 1]!.minTotal), {
        error: '分数线须从高到低排列',
      }),
    rest: PrizeKey.optional(),
  }),
]);
export type PrizeRule = z.output<typeof PrizeRule>;

// ---------- tie-breaking ----------

export const TIE_BREAKS = [
  'lastRound',
  'round',
  'highestKeptScore',
  'lowestKeptScore',
  'untrimmedTotal',
] as const;
export type TieBreakBy = (typeof TIE_BREAKS)[number];

export const TieBreak = z.discriminatedUnion('by', [
  /** The higher result in the last round. */
  z.object({ by: z.literal('lastRound') }),
  /** The higher result in the named round (e.g. 笔试成绩高者列前). */
  z.object({ by: z.literal('round'), roundId: Id }),
  /** The higher single kept judge's score, compared in the last round, then the round before, … */
  z.object({ by: z.literal('highestKeptScore') }),
  /** The higher lowest kept judge's score (the steadier entry), compared from the last round back. */
  z.object({ by: z.literal('lowestKeptScore') }),
  /** The higher total computed with no score dropped. */
  z.object({ by: z.literal('untrimmedTotal') }),
]);
export type TieBreak = z.output<typeof TieBreak>;
export const DEFAULT_TIE_BREAK: TieBreak[] = [{ by: 'lastRound' }, { by: 'highestKeptScore' }];

// ---------- the contest ----------

/** How totals are compared: the exact values, or the values as published (rounded). */
export const RANK_BASES = ['exact', 'rounded'] as const;
export type RankBasis = (typeof RANK_BASES)[number];

export const ContestRules = z.object({
  /** The drop rule of every round that sets none of its own. */
  trim: TrimRule.default(DEFAULT_TRIM),
  /** Decimals of the published results (四舍五入). */
  decimals: z.union([z.literal(2), z.literal(3)]).default(2),
  rankBasis: z.enum(RANK_BASES).default('exact'),
  /** Applied in order when totals are equal; entries equal under all of them share a rank (并列). */
  tieBreak: z.array(TieBreak).max(5).default(DEFAULT_TIE_BREAK),
  prizes: PrizeRule.default({ mode: 'none' }),
});
export type ContestRules = z.output<typeof ContestRules>;

export const Criterion = z.object({ id: Id, name: text('评分项名称', 50), weight: Weight });

export const Round = z
  .object({
    id: Id,
    name: text('轮次名称', 50),
    /** The round result counts this many times in the total. */
    weight: Weight.default(1),
    /** The judges of this round, in the order the live screen shows them. */
    judgeIds: z.array(Id).min(1).max(50),
    /** Weighted criteria; none means one score per judge per entry. */
    criteria: z.array(Criterion).max(20).default([]),
    trim: TrimRule.optional(),
    minScore: Score.default(0),
    maxScore: Score.default(100),
  })
  .refine((r) => r.minScore < r.maxScore, { error: '最低分须小于最高分', path: ['maxScore'] });

export const Entry = z.object({ id: Id, name: text('参赛名称', 100) });

/** One judge's score of one entry in one round, on one criterion when the round has criteria. */
export const ScoreItem = z.object({
  roundId: Id,
  entryId: Id,
  judgeId: Id,
  criterionId: Id.optional(),
  value: Score,
});

/** Beyond this many problems the check stops listing them. */
const MAX_ISSUES = 20;

export const ContestInput = z
  .object({
    rounds: z.array(Round).min(1).max(10),
    entries: z.array(Entry).min(1).max(1000),
    scores: z.array(ScoreItem).max(500_000),
    rules: ContestRules.default(ContestRules.parse({})),
  })
  .superRefine((c, ctx) => {
    let issues = 0;
    const issue = (path: (string | number)[], message: string) => {
      if (issues++ < MAX_ISSUES) ctx.addIssue({ code: 'custom', path, message });
    };
    const repeated = <T>(ids: T[]) => ids.find((id, i) => ids.indexOf(id) !== i);

    const roundIds = c.rounds.map((r) => r.id);
    const dupRound = repeated(roundIds);
    if (dupRound !== undefined) issue(['rounds'], `轮次编号重复：${dupRound}`);
    const dupEntry = repeated(c.entries.map((e) => e.id));
    if (dupEntry !== undefined) issue(['entries'], `参赛编号重复：${dupEntry}`);
    c.rounds.forEach((r, i) => {
      const dupJudge = repeated(r.judgeIds);
      if (dupJudge !== undefined) issue(['rounds', i, 'judgeIds'], `评委重复：${dupJudge}`);
      const dupCriterion = repeated(r.criteria.map((k) => k.id));
      if (dupCriterion !== undefined) issue(['rounds', i, 'criteria'], `评分项编号重复：${dupCriterion}`);
    });
    c.rules.tieBreak.forEach((t, i) => {
      if (t.by === 'round' && !roundIds.includes(t.roundId)) {
        issue(['rules', 'tieBreak', i, 'roundId'], `轮次不存在：${t.roundId}`);
      }
    });
    if (c.rules.prizes.mode !== 'none') {
      const prizes = c.rules.prizes.tiers.map((t) => t.prize);
      if (c.rules.prizes.rest !== undefined) prizes.push(c.rules.prizes.rest);
      const dupPrize = repeated(prizes);
      if (dupPrize !== undefined) issue(['rules', 'prizes'], `奖项重复：${PRIZE_LABELS[dupPrize]}`);
    }

    const rounds = new Map(c.rounds.map((r) => [r.id, r]));
    const entries = new Set(c.entries.map((e) => e.id));
    const seen = new Set<string>();
    c.scores.forEach((s, i) => {
      const round = rounds.get(s.roundId);
      if (!round) return issue(['scores', i, 'roundId'], `轮次不存在：${s.roundId}`);
      if (!entries.has(s.entryId)) issue(['scores', i, 'entryId'], `参赛者不存在：${s.entryId}`);
      if (!round.judgeIds.includes(s.judgeId)) {
        issue(['scores', i, 'judgeId'], `评委不在${round.name}的评委名单中：${s.judgeId}`);
      }
      if (round.criteria.length === 0 && s.criterionId !== undefined) {
        issue(['scores', i, 'criterionId'], `${round.name}不分评分项`);
      } else if (round.criteria.length > 0 && !round.criteria.some((k) => k.id === s.criterionId)) {
        issue(['scores', i, 'criterionId'], `${round.name}的评分项不存在：${s.criterionId ?? '（未填）'}`);
      }
      if (s.value < round.minScore || s.value > round.maxScore) {
        issue(['scores', i, 'value'], `${round.name}的分数须在 ${round.minScore} 到 ${round.maxScore} 之间`);
      }
      // Ids hold no NUL (str() refuses it), so it separates them safely.
      const key = [s.roundId, s.entryId, s.judgeId, s.criterionId ?? ''].join('\u0000');
      if (seen.has(key)) issue(['scores', i], '同一评委对同一参赛者的同一评分项重复评分');
      seen.add(key);
    });
  });
export type ContestInput = z.input<typeof ContestInput>;
export type ParsedContest = z.output<typeof ContestInput>;

// ---------- results ----------

/** A judge's score as published, with the exact value (a reduced fraction, "p/q") it rounds. */
const Value = z.object({ value: z.number(), display: str(), exact: str() });
export type Value = z.output<typeof Value>;

export const JudgeScoreView = z.object({
  judgeId: Id,
  /** The weighted score of the criteria (or the single score); null while a score is missing. */
  score: Value.nullable(),
  /** Which end dropped it (去掉的最高分 / 最低分); null when it counts. */
  dropped: z.enum(['high', 'low']).nullable(),
  /** Criteria this judge has not scored yet, in the round's order ([] when none is missing or the round has none). */
  missingCriteria: z.array(Id),
});

export const RoundResultView = z.object({
  roundId: Id,
  /** Every judge has scored the entry on every criterion. */
  complete: z.boolean(),
  /** The judges in the round's order. */
  judges: z.array(JudgeScoreView),
  /** The mean of the kept scores; null while incomplete. */
  result: Value.nullable(),
});

export const EntryResultView = z.object({
  entryId: Id,
  name: str(),
  rounds: z.array(RoundResultView),
  /** The sum of the weighted round results; null while any round is incomplete. */
  total: Value.nullable(),
  /** 1, 2, 2, 4 …; null while the total is unknown. */
  rank: z.number().int().nullable(),
  /** Another entry holds the same rank (并列). */
  sharedRank: z.boolean(),
  /** The rule that placed this entry below the one ahead of it with an equal total. */
  tieBrokenBy: z.enum(TIE_BREAKS).nullable(),
  /** Null when none, and for every entry until all scores are in. */
  prize: PrizeKey.nullable(),
});
export type EntryResultView = z.output<typeof EntryResultView>;

export const MissingScore = z.object({
  roundId: Id,
  entryId: Id,
  judgeId: Id,
  /** The criteria not scored, in the round's order; [] in a round without criteria. */
  criterionIds: z.array(Id),
});
export type MissingScore = z.output<typeof MissingScore>;

export const RoundSummary = z.object({
  roundId: Id,
  name: str(),
  weight: z.number(),
  judgeIds: z.array(Id),
  trim: z.object({ enabled: z.boolean(), minJudges: z.number().int(), dropEach: z.number().int() }),
  /** Whether the panel is large enough for the drop rule to apply. */
  trimApplies: z.boolean(),
  /** The rule in words for the live screen. */
  ruleText: str(),
});

export const ContestResults = z.object({
  /** No score is missing: ranks are final and prizes are given. */
  final: z.boolean(),
  decimals: z.number().int(),
  rankBasis: z.enum(RANK_BASES),
  rounds: z.array(RoundSummary),
  /** Ranked entries in ranking order (equal ranks by entry id), then entries without a total by id. */
  entries: z.array(EntryResultView),
  /** The ranked entries' ids in ranking order. */
  ranking: z.array(Id),
  /** Sorted by round order, then entry id, then judge id. */
  missing: z.array(MissingScore),
});
export type ContestResults = z.output<typeof ContestResults>;

// ---------- words for the screen ----------

const CHINESE_COUNTS = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九'];

/** The default drop rule in words. */
export const TRIM_RULE_TEXT = '去掉一个最高分和一个最低分后取平均';
export const NO_TRIM_TEXT = '取全部评委评分的平均分';

/** A round's drop rule in words, e.g. “去掉一个最高分和一个最低分后取平均”. */
export function describeTrim(rule: TrimRule, judges: number): string {
  if (!rule.enabled || judges < rule.minJudges) return NO_TRIM_TEXT;
  const n = CHINESE_COUNTS[rule.dropEach] ?? String(rule.dropEach);
  return `去掉${n}个最高分和${n}个最低分后取平均`;
}

export const RANK_BASIS_LABELS: Record<RankBasis, string> = {
  exact: '按未经四舍五入的精确得分排名',
  rounded: '按四舍五入后公布的得分排名',
};

export const ROUNDING_TEXT: Record<2 | 3, string> = {
  2: '得分保留两位小数（四舍五入）',
  3: '得分保留三位小数（四舍五入）',
};

export const TIE_BREAK_LABELS: Record<TieBreakBy, string> = {
  lastRound: '总分相同时，最后一轮得分高者列前',
  round: '总分相同时，指定轮次得分高者列前',
  highestKeptScore: '总分相同时，有效分中的最高分高者列前',
  lowestKeptScore: '总分相同时，有效分中的最低分高者列前',
  untrimmedTotal: '总分相同时，不去分的总分高者列前',
};

/** A tie-break rule in words, naming the round for `round`. */
export function describeTieBreak(rule: TieBreak, roundName?: string): string {
  if (rule.by === 'round' && roundName) return `总分相同时，${roundName}得分高者列前`;
  return TIE_BREAK_LABELS[rule.by];
}

export const SHARED_RANK_LABEL = '并列';
export const MISSING_SCORE_LABEL = '缺少评分';
export const INCOMPLETE_LABEL = '评分未完成';
export const PRIZES_PENDING_LABEL = '评分全部完成后评定奖项';
