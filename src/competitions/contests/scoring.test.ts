import { describe, expect, it } from 'vitest';
import {
  type ContestInput,
  ContestResults,
  DEFAULT_TRIM,
  describeTieBreak,
  describeTrim,
  NO_TRIM_TEXT,
  PRIZE_LABELS,
  type PrizeRule,
  type TieBreak,
  TRIM_RULE_TEXT,
  type TrimRule,
} from './scoring-contract';
import { computeResults, formatFraction, fraction, prizeCounts, roundFraction } from './scoring';

// ---------- a seeded random generator (mulberry32) ----------

type Rng = () => number;

function seeded(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
/** Hundredths to a 2-decimal number. */
const cents = (c: number) => Math.round(c) / 100;

type Input = Required<Pick<ContestInput, 'rounds' | 'entries' | 'scores'>> & {
  rules: NonNullable<ContestInput['rules']>;
};

/** A random contest: 2–20 entries, 1–3 rounds of 1–9 judges, 0–3 weighted criteria. */
function randomContest(rng: Rng, options: { coarse?: boolean } = {}): Input {
  const entries = range(int(rng, 2, 20)).map((i) => ({ id: `e${i}`, name: `参赛队${i + 1}` }));
  const rounds = range(int(rng, 1, 3)).map((r) => ({
    id: `r${r}`,
    name: `第${r + 1}轮`,
    weight: pick(rng, [1, 0.5, 0.4, 0.6, 1.25, 2, 0.3333]),
    judgeIds: range(int(rng, 1, 9)).map((j) => `r${r}j${j}`),
    criteria: range(pick(rng, [0, 0, 1, 2, 3])).map((k) => ({
      id: `k${k}`,
      name: `评分项${k + 1}`,
      weight: pick(rng, [40, 30, 20, 10, 1, 0.25, 3]),
    })),
    maxScore: 1000,
  }));
  // Coarse scores (whole points from a narrow band) make equal totals and equal extremes common.
  const coarse = options.coarse ?? rng() < 0.4;
  const scores = rounds.flatMap((round) =>
    entries.flatMap((entry) =>
      round.judgeIds.flatMap((judgeId) =>
        (round.criteria.length === 0 ? [undefined] : round.criteria.map((k) => k.id)).map((criterionId) => ({
          roundId: round.id,
          entryId: entry.id,
          judgeId,
          ...(criterionId === undefined ? {} : { criterionId }),
          value: coarse ? int(rng, 85, 88) : cents(int(rng, 6000, 10000)),
        })),
      ),
    ),
  );
  const tieBreak = pick<TieBreak[]>(rng, [
    [{ by: 'lastRound' }, { by: 'highestKeptScore' }],
    [{ by: 'round', roundId: 'r0' }],
    [{ by: 'lowestKeptScore' }, { by: 'untrimmedTotal' }],
    [],
  ]);
  return { rounds, entries, scores, rules: { tieBreak } };
}

/** The ranking as it matters: order, ranks and the rule that broke each tie. */
const rankingOf = (input: ContestInput) =>
  computeResults(input).entries.map((e) => [e.entryId, e.rank, e.tieBrokenBy]);

/** The results with judges and criteria in id order (they follow the order the rounds list them in). */
function normalised(input: ContestInput) {
  const results = computeResults(input);
  const byId = <T extends { judgeId: string }>(list: T[]) =>
    [...list].sort((a, b) => (a.judgeId < b.judgeId ? -1 : 1));
  return {
    ...results,
    rounds: results.rounds.map((r) => ({ ...r, judgeIds: [...r.judgeIds].sort() })),
    entries: results.entries.map((e) => ({
      ...e,
      rounds: e.rounds.map((r) => ({
        ...r,
        judges: byId(r.judges).map((j) => ({ ...j, missingCriteria: [...j.missingCriteria].sort() })),
      })),
    })),
    missing: results.missing.map((m) => ({ ...m, criterionIds: [...m.criterionIds].sort() })),
  };
}

function gcd(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : gcd(b, a % b);
}
/** The exact text "p/q" of sum/count hundredths. */
function exactMean(sumCents: number, count: number): string {
  const g = gcd(sumCents, count * 100);
  return `${sumCents / g}/${(count * 100) / g}`;
}

/** One round, one judge, one score per entry: totals exactly as given. */
function plainContest(values: number[], prizes: PrizeRule, tieBreak: TieBreak[] = []): Input {
  const entries = values.map((_, i) => ({
    id: `e${String(i + 1).padStart(2, '0')}`,
    name: `参赛队${i + 1}`,
  }));
  return {
    rounds: [{ id: 'r', name: '决赛', judgeIds: ['j'] }],
    entries,
    scores: entries.map((e, i) => ({ roundId: 'r', entryId: e.id, judgeId: 'j', value: values[i]! })),
    rules: { tieBreak, prizes },
  };
}

/** One round scored by the given judges; scores[entry][judge]. */
function judgedRound(scores: number[][], trim?: TrimRule, tieBreak?: TieBreak[]): Input {
  const judgeIds = scores[0]!.map((_, j) => `j${j + 1}`);
  return {
    rounds: [{ id: 'r', name: '决赛', judgeIds, ...(trim ? { trim } : {}) }],
    entries: scores.map((_, i) => ({ id: `e${i + 1}`, name: `参赛者${i + 1}` })),
    scores: scores.flatMap((row, i) =>
      row.map((value, j) => ({ roundId: 'r', entryId: `e${i + 1}`, judgeId: judgeIds[j]!, value })),
    ),
    rules: tieBreak ? { tieBreak } : {},
  };
}

const BY_COUNT_1_2_3: PrizeRule = {
  mode: 'count',
  tiers: [
    { prize: 'first', count: 1 },
    { prize: 'second', count: 2 },
    { prize: 'third', count: 3 },
  ],
  rest: 'excellence',
};

// ---------- the realistic case ----------

describe('a knowledge contest of 17 teams, 7 judges, two rounds', () => {
  // The kept judges' offsets from a team's round result add up to 0, so the trimmed mean is the base;
  // −4 and +3 are the extremes every team has dropped.
  const OFFSETS = [-4, -1, -0.5, 0, 0.5, 1, 3];
  // [id, name, 必答题 result, 抢答与风采展示 result, expected total, rank, prize]
  const TEAMS = [
    ['t09', '交通运输系统代表队', 80.5, 82, '81.10', 9, 'excellence'],
    ['t03', '教育系统代表队', 93.5, 91, '92.50', 3, 'second'],
    ['t16', '金融系统代表队', 72, 70, '71.20', 16, 'excellence'],
    ['t01', '鼓楼区总工会代表队', 95.5, 93, '94.50', 1, 'first'],
    ['t12', '卫生健康系统代表队', 77.5, 78, '77.70', 12, 'excellence'],
    ['t06', '高新区总工会代表队', 80, 87.5, '83.00', 6, 'third'],
    ['t14', '商贸流通系统代表队', 76, 75, '75.60', 14, 'excellence'],
    ['t05', '建设系统代表队', 91, 89.5, '90.40', 5, 'third'],
    ['t07', '经开区总工会代表队', 85, 80, '83.00', 7, 'excellence'],
    ['t17', '文旅系统代表队', 68.5, 71, '69.50', 17, 'excellence'],
    ['t02', '台江区总工会代表队', 92, 94.5, '93.00', 2, 'second'],
    ['t11', '机关工委代表队', 78, 79, '78.40', 11, 'excellence'],
    ['t13', '农林水系统代表队', 77.5, 78, '77.70', 12, 'excellence'],
    ['t04', '仓山区总工会代表队', 90, 92, '90.80', 4, 'third'],
    ['t15', '邮政快递代表队', 74, 76.5, '75.00', 15, 'excellence'],
    ['t08', '能源化工系统代表队', 82, 81, '81.60', 8, 'excellence'],
    ['t10', '电子信息产业代表队', 79, 80, '79.40', 10, 'excellence'],
  ] as const;
  const JUDGES = range(7).map((j) => `j${j + 1}`);
  const CRITERIA = [
    { id: 'accuracy', name: '答题准确', weight: 50 },
    { id: 'expression', name: '语言表达', weight: 30 },
    { id: 'teamwork', name: '团队配合', weight: 20 },
  ];
  const offset1 = (t: number, j: number) => OFFSETS[(j + t) % 7]!;
  const offset2 = (t: number, j: number) => OFFSETS[(2 * j + t) % 7]!;

  const input: Input = {
    rounds: [
      { id: 'required', name: '必答题', weight: 0.6, judgeIds: JUDGES },
      { id: 'buzzer', name: '抢答与风采展示', weight: 0.4, judgeIds: JUDGES, criteria: CRITERIA },
    ],
    entries: TEAMS.map(([id, name]) => ({ id, name })),
    scores: TEAMS.flatMap(([entryId, , b1, b2], t) =>
      JUDGES.flatMap((judgeId, j) => {
        const x = b2 + offset2(t, j);
        // 50·(+2) + 30·(−2) + 20·(−2) = 0: the weighted score of the criteria is x.
        const criteria: [string, number][] = [
          ['accuracy', x + 2],
          ['expression', x - 2],
          ['teamwork', x - 2],
        ];
        return [
          { roundId: 'required', entryId, judgeId, value: b1 + offset1(t, j) },
          ...criteria.map(([criterionId, value]) => ({
            roundId: 'buzzer',
            entryId,
            judgeId,
            criterionId,
            value,
          })),
        ];
      }),
    ),
    rules: { prizes: BY_COUNT_1_2_3 },
  };
  const results = computeResults(input);
  const byId = new Map(results.entries.map((e) => [e.entryId, e]));

  it('gives one first, two second and three third prizes, the other eleven teams 优秀奖', () => {
    expect(results.final).toBe(true);
    expect(results.missing).toEqual([]);
    expect(prizeCounts(results)).toEqual({ first: 1, second: 2, third: 3, excellence: 11 });
    expect(results.ranking).toEqual(
      [...TEAMS].sort((a, b) => a[5] - b[5] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id),
    );
    for (const [id, , , , total, rank, prize] of TEAMS) {
      expect(byId.get(id), id).toMatchObject({ total: { display: total }, rank, prize });
    }
    expect(results.entries.slice(0, 6).map((e) => PRIZE_LABELS[e.prize!])).toEqual([
      '一等奖',
      '二等奖',
      '二等奖',
      '三等奖',
      '三等奖',
      '三等奖',
    ]);
  });

  it('computes each round from the kept scores and the weighted criteria', () => {
    TEAMS.forEach(([id, , b1, b2], t) => {
      const [required, buzzer] = byId.get(id)!.rounds;
      expect(required!.result!.value).toBe(b1);
      expect(buzzer!.result!.value).toBe(b2);
      // The dropped scores are the +3 and −4 of each team, one each, in both rounds.
      expect(required!.judges.filter((j) => j.dropped === 'low').map((j) => j.score!.value)).toEqual([
        b1 - 4,
      ]);
      expect(required!.judges.filter((j) => j.dropped === 'high').map((j) => j.score!.value)).toEqual([
        b1 + 3,
      ]);
      expect(buzzer!.judges.filter((j) => j.dropped !== null)).toHaveLength(2);
      buzzer!.judges.forEach((j, k) => expect(j.score!.value).toBe(b2 + offset2(t, k)));
    });
    expect(results.rounds.map((r) => r.ruleText)).toEqual([TRIM_RULE_TEXT, TRIM_RULE_TEXT]);
  });

  it('breaks the tie at the third-prize boundary by the last round and shares the rank at 12', () => {
    // 高新区 and 经开区 both total 83.00; 高新区 scored 87.5 in the last round against 80.
    expect(byId.get('t06')).toMatchObject({ rank: 6, prize: 'third', tieBrokenBy: null, sharedRank: false });
    expect(byId.get('t07')).toMatchObject({ rank: 7, prize: 'excellence', tieBrokenBy: 'lastRound' });
    expect(byId.get('t12')).toMatchObject({ rank: 12, sharedRank: true, tieBrokenBy: null });
    expect(byId.get('t13')).toMatchObject({ rank: 12, sharedRank: true, tieBrokenBy: null });
    expect(byId.get('t14')).toMatchObject({ rank: 14, sharedRank: false });
  });

  it('gives results the contract describes', () => {
    expect(() => ContestResults.parse(results)).not.toThrow();
  });
});

describe('a singing contest with weighted criteria', () => {
  const criteria = (w: [number, number, number]) => [
    { id: 'voice', name: '演唱水平', weight: w[0] },
    { id: 'stage', name: '台风', weight: w[1] },
    { id: 'music', name: '音乐表现', weight: w[2] },
  ];
  // Five judges' criteria scores of one singer.
  const SHEETS = [
    [92, 88, 85], // 36.8 + 26.4 + 25.5 = 88.7
    [90, 90, 90], // 90
    [95, 88, 86], // 38 + 26.4 + 25.8 = 90.2
    [85, 85, 85], // 85
    [86, 84, 84.5], // 34.4 + 25.2 + 25.35 = 84.95
  ];
  const contest = (w: [number, number, number]): Input => ({
    rounds: [{ id: 'final', name: '决赛', judgeIds: ['a', 'b', 'c', 'd', 'e'], criteria: criteria(w) }],
    entries: [{ id: 's1', name: '张晓梅' }],
    scores: SHEETS.flatMap((sheet, j) =>
      criteria(w).map((k, i) => ({
        roundId: 'final',
        entryId: 's1',
        judgeId: 'abcde'[j]!,
        criterionId: k.id,
        value: sheet[i]!,
      })),
    ),
    rules: {},
  });

  it('normalises the weights by their sum and drops the highest and the lowest judge', () => {
    const round = computeResults(contest([40, 30, 30])).entries[0]!.rounds[0]!;
    expect(round.judges.map((j) => j.score!.display)).toEqual(['88.70', '90.00', '90.20', '85.00', '84.95']);
    expect(round.judges.map((j) => j.dropped)).toEqual([null, null, 'high', null, 'low']);
    // (88.7 + 90 + 85) / 3 = 87.9
    expect(round.result).toEqual({ value: 87.9, display: '87.90', exact: '879/10' });
  });

  it('gives the same results for 40/30/30, 0.4/0.3/0.3 and 4/3/3', () => {
    const a = computeResults(contest([40, 30, 30]));
    expect(computeResults(contest([0.4, 0.3, 0.3]))).toEqual(a);
    expect(computeResults(contest([4, 3, 3]))).toEqual(a);
    expect(computeResults(contest([50, 30, 20]))).not.toEqual(a);
  });
});

// ---------- the drop rule ----------

describe('the trimmed mean', () => {
  it('drops exactly one highest and one lowest score even when several judges gave them', () => {
    const round = computeResults(judgedRound([[90, 95, 95, 80, 80, 80, 88]])).entries[0]!.rounds[0]!;
    const dropped = round.judges.filter((j) => j.dropped !== null);
    expect(dropped.map((j) => [j.judgeId, j.dropped, j.score!.value])).toEqual([
      ['j3', 'high', 95],
      ['j4', 'low', 80],
    ]);
    // (90 + 95 + 80 + 80 + 88) / 5 = 86.6
    expect(round.result!.exact).toBe('433/5');
  });

  it('drops nothing when every judge gives the same score, beyond marking one at each end', () => {
    const round = computeResults(judgedRound([[88, 88, 88, 88, 88]])).entries[0]!.rounds[0]!;
    expect(round.judges.map((j) => j.dropped)).toEqual(['low', null, null, null, 'high']);
    expect(round.result!.display).toBe('88.00');
  });

  it('keeps every score with fewer judges than the minimum, or with the rule off', () => {
    const four = computeResults(judgedRound([[70, 80, 90, 100]])).entries[0]!.rounds[0]!;
    expect(four.judges.every((j) => j.dropped === null)).toBe(true);
    expect(four.result!.display).toBe('85.00');
    const off = computeResults(
      judgedRound([[70, 80, 90, 100, 100]], { enabled: false, minJudges: 5, dropEach: 1 }),
    );
    expect(off.entries[0]!.rounds[0]!.judges.every((j) => j.dropped === null)).toBe(true);
    expect(off.entries[0]!.rounds[0]!.result!.display).toBe('88.00');
    expect(off.rounds[0]!.ruleText).toBe(NO_TRIM_TEXT);
  });

  it('drops two at each end when the contest says so', () => {
    const input = judgedRound([[60, 70, 80, 85, 90, 95, 99]], { enabled: true, minJudges: 7, dropEach: 2 });
    const results = computeResults(input);
    const round = results.entries[0]!.rounds[0]!;
    expect(round.judges.map((j) => j.dropped)).toEqual(['low', 'low', null, null, null, 'high', 'high']);
    expect(round.result!.display).toBe('85.00');
    expect(results.rounds[0]!.ruleText).toBe('去掉两个最高分和两个最低分后取平均');
  });

  it('property: exactly dropEach at each end, the extremes, and the mean of the rest', () => {
    const rng = seeded(20240501);
    for (let trial = 0; trial < 200; trial++) {
      const dropEach = int(rng, 1, 2);
      const minJudges = int(rng, 2 * dropEach + 1, 7);
      const judges = int(rng, minJudges, 11);
      // Few distinct values: duplicated extremes in most trials.
      const rows = range(int(rng, 1, 4)).map(() => range(judges).map(() => pick(rng, [7, 8, 8.5, 9, 10])));
      const results = computeResults(judgedRound(rows, { enabled: true, minJudges, dropEach }));
      rows.forEach((row, i) => {
        const round = results.entries.find((e) => e.entryId === `e${i + 1}`)!.rounds[0]!;
        const high = round.judges.filter((j) => j.dropped === 'high').map((j) => j.score!.value);
        const low = round.judges.filter((j) => j.dropped === 'low').map((j) => j.score!.value);
        const kept = round.judges.filter((j) => j.dropped === null).map((j) => j.score!.value);
        expect(high).toHaveLength(dropEach);
        expect(low).toHaveLength(dropEach);
        expect(Math.min(...high)).toBeGreaterThanOrEqual(Math.max(...kept));
        expect(Math.max(...low)).toBeLessThanOrEqual(Math.min(...kept));
        const sorted = [...row].sort((a, b) => a - b);
        const middle = sorted.slice(dropEach, judges - dropEach);
        expect([...kept].sort((a, b) => a - b)).toEqual(middle);
        const sumCents = middle.reduce((s, v) => s + Math.round(v * 100), 0);
        expect(round.result!.exact).toBe(exactMean(sumCents, middle.length));
      });
    }
  });

  it('property: with fewer judges than the minimum nothing is dropped', () => {
    const rng = seeded(7);
    for (let trial = 0; trial < 100; trial++) {
      const minJudges = int(rng, 3, 9);
      const judges = int(rng, 1, minJudges - 1);
      const row = range(judges).map(() => cents(int(rng, 0, 10000)));
      const round = computeResults(judgedRound([row], { enabled: true, minJudges, dropEach: 1 })).entries[0]!
        .rounds[0]!;
      expect(round.judges.filter((j) => j.dropped !== null)).toEqual([]);
      const sumCents = row.reduce((s, v) => s + Math.round(v * 100), 0);
      expect(round.result!.exact).toBe(exactMean(sumCents, judges));
    }
  });
});

// ---------- rounding and exactness ----------

describe('rounding', () => {
  it('rounds half away from zero (四舍五入) and formats the decimals', () => {
    expect(formatFraction(fraction(80005n, 1000n), 2)).toBe('80.01');
    expect(formatFraction(fraction(80004n, 1000n), 2)).toBe('80.00');
    expect(formatFraction(fraction(-5n, 1000n), 2)).toBe('-0.01');
    expect(formatFraction(fraction(-4n, 1000n), 2)).toBe('0.00');
    expect(formatFraction(fraction(1n, 3n), 3)).toBe('0.333');
    expect(formatFraction(fraction(2n, 3n), 2)).toBe('0.67');
    expect(formatFraction(fraction(7n), 2)).toBe('7.00');
    expect(roundFraction(fraction(80005n, 1000n), 2)).toEqual(fraction(8001n, 100n));
  });

  it('rounds the published result once, from the exact mean', () => {
    // (80.00 + 80.01) / 2 = 80.005 exactly (as a double, 80.00499…).
    const half = computeResults(judgedRound([[80, 80.01]])).entries[0]!;
    expect(half.total).toEqual({ value: 80.01, display: '80.01', exact: '16001/200' });
    const three = computeResults({ ...judgedRound([[80, 80.01]]), rules: { decimals: 3 } }).entries[0]!;
    expect(three.total!.display).toBe('80.005');
    const negative = computeResults({
      ...judgedRound([[-0.01, 0]]),
      rounds: [{ id: 'r', name: '抢答', judgeIds: ['j1', 'j2'], minScore: -10 }],
    }).entries[0]!;
    expect(negative.total!.display).toBe('-0.01');
  });

  it('adds 0.1 + 0.2 exactly: no floating drift reorders a tie', () => {
    // 0.1 + 0.2 against 0 + 0.3 is a tie, broken by the last round in favour of 乙. In floating point
    // 0.1 + 0.2 = 0.30000000000000004 would put 甲 ahead on the total.
    const input: Input = {
      rounds: [
        { id: 'a', name: '第一轮', judgeIds: ['j'] },
        { id: 'b', name: '第二轮', judgeIds: ['j'] },
      ],
      entries: [
        { id: 'x', name: '甲' },
        { id: 'y', name: '乙' },
      ],
      scores: [
        { roundId: 'a', entryId: 'x', judgeId: 'j', value: 0.1 },
        { roundId: 'b', entryId: 'x', judgeId: 'j', value: 0.2 },
        { roundId: 'a', entryId: 'y', judgeId: 'j', value: 0 },
        { roundId: 'b', entryId: 'y', judgeId: 'j', value: 0.3 },
      ],
      rules: {},
    };
    const results = computeResults(input);
    expect(results.ranking).toEqual(['y', 'x']);
    expect(results.entries.map((e) => [e.total!.exact, e.rank, e.tieBrokenBy])).toEqual([
      ['3/10', 1, null],
      ['3/10', 2, 'lastRound'],
    ]);
  });

  it('ranks on the exact totals by default, on the published ones when the contest says so', () => {
    // e1: 80.005 and e2: 80.01 are both published as 80.01.
    const rows = [
      [80, 80.01],
      [80.01, 80.01],
    ];
    const exact = computeResults(judgedRound(rows, undefined, [{ by: 'lowestKeptScore' }]));
    expect(exact.entries.map((e) => [e.entryId, e.total!.display, e.rank, e.tieBrokenBy])).toEqual([
      ['e2', '80.01', 1, null],
      ['e1', '80.01', 2, null],
    ]);
    const rounded = (tieBreak: TieBreak[]) =>
      computeResults({ ...judgedRound(rows), rules: { rankBasis: 'rounded', tieBreak } }).entries.map((e) => [
        e.entryId,
        e.rank,
        e.tieBrokenBy,
      ]);
    // Equal as published: shared unless a rule decides (both kept highest scores are 80.01).
    expect(rounded([{ by: 'highestKeptScore' }])).toEqual([
      ['e1', 1, null],
      ['e2', 1, null],
    ]);
    expect(rounded([{ by: 'highestKeptScore' }, { by: 'lowestKeptScore' }])).toEqual([
      ['e2', 1, null],
      ['e1', 2, 'lowestKeptScore'],
    ]);
  });
});

// ---------- ties ----------

describe('ties', () => {
  // Two rounds, one judge: all four total 170.
  const fourTied = (tieBreak?: TieBreak[]): Input => {
    const rows: [string, number, number][] = [
      ['a', 80, 90],
      ['b', 90, 80],
      ['c', 85, 85],
      ['d', 85, 85],
    ];
    return {
      rounds: [
        { id: 'written', name: '笔试', judgeIds: ['j'] },
        { id: 'buzzer', name: '抢答', judgeIds: ['j'] },
      ],
      entries: rows.map(([id]) => ({ id, name: `${id}队` })),
      scores: rows.flatMap(([entryId, w, q]) => [
        { roundId: 'written', entryId, judgeId: 'j', value: w },
        { roundId: 'buzzer', entryId, judgeId: 'j', value: q },
      ]),
      rules: tieBreak ? { tieBreak } : {},
    };
  };
  const ranks = (input: Input) =>
    computeResults(input).entries.map((e) => [e.entryId, e.rank, e.sharedRank, e.tieBrokenBy]);

  it('breaks by the last round by default, then shares the rank: 1, 2, 2, 4', () => {
    expect(ranks(fourTied())).toEqual([
      ['a', 1, false, null],
      ['c', 2, true, 'lastRound'],
      ['d', 2, true, null],
      ['b', 4, false, 'lastRound'],
    ]);
  });

  it('breaks by a named round when declared', () => {
    expect(ranks(fourTied([{ by: 'round', roundId: 'written' }]))).toEqual([
      ['b', 1, false, null],
      ['c', 2, true, 'round'],
      ['d', 2, true, null],
      ['a', 4, false, 'round'],
    ]);
  });

  it('shares the rank of every tie when no rule is declared', () => {
    expect(ranks(fourTied([]))).toEqual([
      ['a', 1, true, null],
      ['b', 1, true, null],
      ['c', 1, true, null],
      ['d', 1, true, null],
    ]);
  });

  it('compares the kept extremes or the untrimmed total as declared', () => {
    // Both 85 after dropping: A keeps 85, 85, 85 (all 86 before dropping), B keeps 80, 85, 90 (84.8).
    const rows = [
      [80, 85, 85, 85, 95],
      [70, 80, 85, 90, 99],
    ];
    const order = (tieBreak: TieBreak[]) =>
      computeResults(judgedRound(rows, undefined, tieBreak)).entries.map((e) => [e.entryId, e.tieBrokenBy]);
    expect(order([{ by: 'lastRound' }, { by: 'highestKeptScore' }])).toEqual([
      ['e2', null],
      ['e1', 'highestKeptScore'],
    ]);
    expect(order([{ by: 'lowestKeptScore' }])).toEqual([
      ['e1', null],
      ['e2', 'lowestKeptScore'],
    ]);
    expect(order([{ by: 'untrimmedTotal' }, { by: 'highestKeptScore' }])).toEqual([
      ['e1', null],
      ['e2', 'untrimmedTotal'],
    ]);
  });

  it('property: ranked entries are in order of total, and equal ranks are equal under every rule', () => {
    const rng = seeded(99);
    for (let trial = 0; trial < 100; trial++) {
      const input = randomContest(rng, { coarse: true });
      const results = computeResults(input);
      const entries = results.entries;
      entries.forEach((e, i) => {
        if (i === 0) return expect(e.rank).toBe(1);
        const prev = entries[i - 1]!;
        const a = fraction(...(prev.total!.exact.split('/').map(BigInt) as [bigint, bigint]));
        const b = fraction(...(e.total!.exact.split('/').map(BigInt) as [bigint, bigint]));
        expect(a.n * b.d >= b.n * a.d).toBe(true);
        if (e.rank === prev.rank) {
          expect(e.total!.exact).toBe(prev.total!.exact);
          expect(e.tieBrokenBy).toBeNull();
        } else {
          expect(e.rank).toBe(i + 1);
          if (e.tieBrokenBy !== null) expect(e.total!.exact).toBe(prev.total!.exact);
        }
      });
    }
  });
});

// ---------- prizes ----------

describe('prizes by count', () => {
  const prizes = (values: number[]) =>
    computeResults(plainContest(values, BY_COUNT_1_2_3)).entries.map((e) => [e.rank, e.prize]);

  it('gives 1 + 2 + 3 prizes to 17 entries without ties', () => {
    const rng = seeded(17);
    for (let trial = 0; trial < 50; trial++) {
      const values = shuffled(rng, range(17)).map((i) => cents(6000 + i * 137 + int(rng, 0, 100)));
      const results = computeResults(plainContest(values, BY_COUNT_1_2_3));
      expect(new Set(results.entries.map((e) => e.rank)).size).toBe(17);
      expect(prizeCounts(results)).toEqual({ first: 1, second: 2, third: 3, excellence: 11 });
      const best = Math.max(...values);
      expect(results.entries.find((e) => e.prize === 'first')!.total!.value).toBe(best);
    }
  });

  it('gives every entry tied across a boundary the higher prize, the next tier shrinking', () => {
    // Ranks 1, 2, 2, 2, 5, 6, 7: three second prizes, two third prizes.
    expect(prizes([99, 95, 95, 95, 90, 89, 88])).toEqual([
      [1, 'first'],
      [2, 'second'],
      [2, 'second'],
      [2, 'second'],
      [5, 'third'],
      [6, 'third'],
      [7, 'excellence'],
    ]);
  });

  it('leaves a tier empty when a tie above fills its places', () => {
    // Two share first: the second prize has one place left.
    expect(prizes([99, 99, 95, 94, 93, 92, 91]).map(([, p]) => p)).toEqual([
      'first',
      'first',
      'second',
      'third',
      'third',
      'third',
      'excellence',
    ]);
    // Four share first: no second prize at all; ranks 5 and 6 are third.
    expect(prizes([99, 99, 99, 99, 95, 94, 93]).map(([, p]) => p)).toEqual([
      'first',
      'first',
      'first',
      'first',
      'third',
      'third',
      'excellence',
    ]);
  });

  it('gives every entry tied across the last boundary the last prize', () => {
    expect(prizes([99, 98, 97, 96, 95, 90, 90, 80]).map(([, p]) => p)).toEqual([
      'first',
      'second',
      'second',
      'third',
      'third',
      'third',
      'third',
      'excellence',
    ]);
  });

  it('gives nothing beyond the tiers when no rest prize is named', () => {
    const rule: PrizeRule = { mode: 'count', tiers: [{ prize: 'first', count: 1 }] };
    const results = computeResults(plainContest([90, 80], rule));
    expect(results.entries.map((e) => e.prize)).toEqual(['first', null]);
  });
});

describe('prizes by threshold', () => {
  const rule: PrizeRule = {
    mode: 'threshold',
    tiers: [
      { prize: 'first', minTotal: 90 },
      { prize: 'second', minTotal: 80 },
      { prize: 'third', minTotal: 70 },
    ],
    rest: 'excellence',
  };
  it('gives the highest tier the total reaches, the threshold itself included', () => {
    const results = computeResults(plainContest([95, 90, 89.99, 80, 70, 69.99], rule));
    expect(results.entries.map((e) => e.prize)).toEqual([
      'first',
      'first',
      'second',
      'second',
      'third',
      'excellence',
    ]);
  });

  it('compares the exact total, or the published one under the rounded basis', () => {
    // (89.99 + 90.00) / 2 = 89.995, published as 90.00.
    const input = { ...judgedRound([[89.99, 90]]), rules: { prizes: rule } };
    expect(computeResults(input).entries[0]!.prize).toBe('second');
    const rounded = { ...input, rules: { prizes: rule, rankBasis: 'rounded' as const } };
    expect(computeResults(rounded).entries[0]).toMatchObject({ prize: 'first', total: { display: '90.00' } });
  });
});

// ---------- missing scores ----------

describe('missing scores', () => {
  const complete = judgedRound([
    [90, 91, 92, 93, 94],
    [80, 81, 82, 83, 84],
    [70, 71, 72, 73, 74],
  ]);
  const withPrizes: Input = { ...complete, rules: { prizes: BY_COUNT_1_2_3 } };

  it('lists a missing score instead of reading it as 0, and ranks only the complete entries', () => {
    const input = {
      ...withPrizes,
      scores: withPrizes.scores.filter((s) => !(s.entryId === 'e1' && s.judgeId === 'j3')),
    };
    const results = computeResults(input);
    expect(results.final).toBe(false);
    expect(results.missing).toEqual([{ roundId: 'r', entryId: 'e1', judgeId: 'j3', criterionIds: [] }]);
    const e1 = results.entries.find((e) => e.entryId === 'e1')!;
    expect(e1).toMatchObject({
      total: null,
      rank: null,
      prize: null,
      rounds: [{ complete: false, result: null }],
    });
    expect(e1.rounds[0]!.judges.map((j) => j.dropped)).toEqual([null, null, null, null, null]);
    // The others are ranked provisionally; no prize is given until every score is in.
    expect(results.ranking).toEqual(['e2', 'e3']);
    expect(results.entries.map((e) => [e.entryId, e.rank, e.prize])).toEqual([
      ['e2', 1, null],
      ['e3', 2, null],
      ['e1', null, null],
    ]);
    expect(computeResults(withPrizes).entries.map((e) => e.prize)).toEqual(['first', 'second', 'second']);
  });

  it('names the criteria a judge has not scored yet', () => {
    const input: Input = {
      rounds: [
        {
          id: 'r',
          name: '决赛',
          judgeIds: ['j1', 'j2'],
          criteria: [
            { id: 'voice', name: '演唱水平', weight: 60 },
            { id: 'stage', name: '台风', weight: 40 },
          ],
        },
      ],
      entries: [{ id: 'e1', name: '甲' }],
      scores: [
        { roundId: 'r', entryId: 'e1', judgeId: 'j1', criterionId: 'voice', value: 90 },
        { roundId: 'r', entryId: 'e1', judgeId: 'j1', criterionId: 'stage', value: 80 },
        { roundId: 'r', entryId: 'e1', judgeId: 'j2', criterionId: 'voice', value: 85 },
      ],
      rules: {},
    };
    const results = computeResults(input);
    expect(results.missing).toEqual([
      { roundId: 'r', entryId: 'e1', judgeId: 'j2', criterionIds: ['stage'] },
    ]);
    const judges = results.entries[0]!.rounds[0]!.judges;
    expect(judges.map((j) => [j.score?.display ?? null, j.missingCriteria])).toEqual([
      ['86.00', []],
      [null, ['stage']],
    ]);
  });

  it('keeps a complete round result while a later round is still being scored', () => {
    const input: Input = {
      ...complete,
      rounds: [...complete.rounds, { id: 'r2', name: '加赛', judgeIds: ['j1'] }],
      scores: [...complete.scores, { roundId: 'r2', entryId: 'e1', judgeId: 'j1', value: 50 }],
    };
    const results = computeResults(input);
    expect(results.missing.map((m) => [m.roundId, m.entryId])).toEqual([
      ['r2', 'e2'],
      ['r2', 'e3'],
    ]);
    const e2 = results.entries.find((e) => e.entryId === 'e2')!;
    expect(e2.rounds.map((r) => r.result?.display ?? null)).toEqual(['82.00', null]);
    expect(e2.total).toBeNull();
    expect(results.ranking).toEqual(['e1']);
  });
});

// ---------- invalid input ----------

describe('invalid input', () => {
  const base = judgedRound([[90, 91, 92]]);
  const withScore = (score: Input['scores'][number]): Input => ({ ...base, scores: [...base.scores, score] });

  it('refuses scores with more than two decimals, out of range, or of an unknown judge, entry or round', () => {
    const bad = [
      { ...base, scores: [{ ...base.scores[0]!, value: 90.005 }, ...base.scores.slice(1)] },
      { ...base, scores: [{ ...base.scores[0]!, value: 100.01 }, ...base.scores.slice(1)] },
      { ...base, scores: [{ ...base.scores[0]!, value: -1 }, ...base.scores.slice(1)] },
      withScore({ roundId: 'r', entryId: 'e1', judgeId: 'j9', value: 90 }),
      withScore({ roundId: 'r', entryId: 'e9', judgeId: 'j1', value: 90 }),
      withScore({ roundId: 'x', entryId: 'e1', judgeId: 'j1', value: 90 }),
      withScore({ roundId: 'r', entryId: 'e1', judgeId: 'j1', value: 90 }),
      withScore({ roundId: 'r', entryId: 'e1', judgeId: 'j1', criterionId: 'voice', value: 90 }),
    ];
    for (const input of bad)
      expect(() => computeResults(input), JSON.stringify(input.scores.at(-1))).toThrow();
    expect(() => computeResults(base)).not.toThrow();
  });

  it('refuses a drop rule that would leave no score, and unknown rounds in tie-breaks', () => {
    expect(() =>
      computeResults(judgedRound([[90, 91]], { enabled: true, minJudges: 2, dropEach: 1 })),
    ).toThrow();
    expect(() => computeResults({ ...base, rules: { tieBreak: [{ by: 'round', roundId: 'x' }] } })).toThrow();
    expect(() =>
      computeResults({
        ...base,
        rules: {
          prizes: {
            mode: 'threshold',
            tiers: [
              { prize: 'second', minTotal: 80 },
              { prize: 'first', minTotal: 90 },
            ],
          },
        },
      }),
    ).toThrow();
  });

  it('says what is wrong in Chinese', () => {
    const input = withScore({ roundId: 'r', entryId: 'e1', judgeId: 'j9', value: 90 });
    expect(() => computeResults(input)).toThrow('评委不在决赛的评委名单中：j9');
  });
});

// ---------- invariances ----------

describe('invariances (seeded random contests)', () => {
  it('adding the same constant to every score of a round changes no ranking', () => {
    const rng = seeded(1);
    for (let trial = 0; trial < 150; trial++) {
      const input = randomContest(rng);
      const round = pick(rng, input.rounds).id;
      const c = cents(int(rng, -5000, 20000));
      const shifted = {
        ...input,
        rounds: input.rounds.map((r) => ({ ...r, minScore: -1000 })),
        scores: input.scores.map((s) =>
          s.roundId === round ? { ...s, value: cents(s.value * 100 + c * 100) } : s,
        ),
      };
      expect(rankingOf(shifted), `trial ${trial}`).toEqual(rankingOf(input));
    }
  });

  it('multiplying every score by a positive constant changes no ranking', () => {
    const rng = seeded(2);
    for (let trial = 0; trial < 150; trial++) {
      const input = randomContest(rng);
      const k = pick(rng, [2, 3, 7, 10]);
      const scaled = {
        ...input,
        rounds: input.rounds.map((r) => ({ ...r, maxScore: 10_000 })),
        scores: input.scores.map((s) => ({ ...s, value: cents(Math.round(s.value * 100) * k) })),
      };
      expect(rankingOf(scaled), `trial ${trial}`).toEqual(rankingOf(input));
    }
  });

  it('permuting entries, judges, criteria and scores changes no result', () => {
    const rng = seeded(3);
    for (let trial = 0; trial < 150; trial++) {
      const full = randomContest(rng);
      // Some trials with scores missing, to check the list of missing scores too.
      const input = rng() < 0.3 ? { ...full, scores: full.scores.filter(() => rng() > 0.05) } : full;
      const permuted: Input = {
        ...input,
        entries: shuffled(rng, input.entries),
        rounds: input.rounds.map((r) => ({
          ...r,
          judgeIds: shuffled(rng, r.judgeIds),
          criteria: shuffled(rng, r.criteria ?? []),
        })),
        scores: shuffled(rng, input.scores),
      };
      expect(normalised(permuted), `trial ${trial}`).toEqual(normalised(input));
    }
  });

  it('the random contests do produce ties, ties broken by a rule and dropped scores', () => {
    // Guards the properties above from passing on contests where nothing interesting happens.
    const rng = seeded(1);
    let shared = 0;
    let broken = 0;
    let dropped = 0;
    for (let trial = 0; trial < 150; trial++) {
      const results = computeResults(randomContest(rng));
      shared += results.entries.filter((e) => e.sharedRank).length;
      broken += results.entries.filter((e) => e.tieBrokenBy !== null).length;
      dropped += results.entries
        .flatMap((e) => e.rounds.flatMap((r) => r.judges))
        .filter((j) => j.dropped).length;
    }
    expect(shared).toBeGreaterThan(20);
    expect(broken).toBeGreaterThan(20);
    expect(dropped).toBeGreaterThan(100);
  });
});

// ---------- words ----------

describe('labels', () => {
  it('describes the rules in Chinese', () => {
    expect(describeTrim(DEFAULT_TRIM, 7)).toBe('去掉一个最高分和一个最低分后取平均');
    expect(describeTrim(DEFAULT_TRIM, 4)).toBe(NO_TRIM_TEXT);
    expect(describeTieBreak({ by: 'round', roundId: 'w' }, '笔试')).toBe('总分相同时，笔试得分高者列前');
    expect(describeTieBreak({ by: 'lastRound' })).toBe('总分相同时，最后一轮得分高者列前');
    expect([PRIZE_LABELS.first, PRIZE_LABELS.second, PRIZE_LABELS.third, PRIZE_LABELS.organisation]).toEqual([
      '一等奖',
      '二等奖',
      '三等奖',
      '优秀组织奖',
    ]);
  });
});
