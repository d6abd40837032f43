// The scoring rule of judged contests: from the judges' scores to each entry's round results, total,
// rank and prize. Pure: no database, no clock, no I/O; the server and the live screen run the same code.
//
// The rules, as decided here:
//
// - A judge's score of an entry in a round is the weighted mean of the criteria scores, the weights
//   normalised by their sum (40/30/30 and 0.4/0.3/0.3 are the same rule); without criteria it is the
//   judge's one score.
// - The round result is the mean of the judges' scores after the drop rule: with at least `minJudges`
//   judges, exactly `dropEach` highest and `dropEach` lowest scores are dropped, even when several
//   judges gave the same extreme value. Which of equal scores is marked dropped changes no value; it
//   is decided by judge id (code-unit order) so that the input order never matters: the low end drops
//   the first such judges, the high end the last ones.
// - The total is the sum of the round results, each times its round's weight.
// - Arithmetic is exact: scores are read as integer hundredths, weights as integer ten-thousandths, and
//   every mean and weighted sum is kept as a reduced fraction of big integers. Nothing is rounded
//   before the published values.
// - Published values (judges' scores, round results, totals) are rounded once, to 2 (or 3) decimals,
//   half away from zero (四舍五入: 80.005 → 80.01, −0.005 → −0.01). The exact fraction is published too.
// - Ranking compares the exact totals by default (`rankBasis: 'exact'`): two entries published as 87.35
//   may then be ranked apart, and the order is invariant under adding a constant to, or multiplying by
//   a positive constant, every score of a round. With `rankBasis: 'rounded'` the published (rounded)
//   values are compared, for contests whose rules rank on the announced score; tie-breaks and score
//   thresholds then also compare rounded values.
// - Equal totals go through the contest's tie-break rules in order; entries equal under all of them
//   share a rank (1, 2, 2, 4). Tied entries are listed by entry id.
// - Missing scores are never read as 0. Every missing (round, entry, judge) is listed with the criteria
//   not scored. A round result exists only when every judge of the round has scored the entry on every
//   criterion, a total only when every round result exists. Entries with a total are ranked among
//   themselves (a provisional ranking for the live screen); the others get no rank and follow, by id.
//   Prizes are given only when nothing is missing (`final`), since any missing score could change them.
// - Prizes by count: an entry gets the highest tier whose places, counted from the top, reach its rank.
//   Entries tied across a boundary all get the higher prize and the tiers below shrink by as many
//   (1 first, 2 second, 3 third with ranks 1, 2, 2, 2, 5, 6, 7: three seconds, two thirds); a tie across
//   the last boundary gives every tied entry the last prize. A tier may end up empty.
// - Prizes by threshold: an entry gets the highest tier whose minimum its total (exact or rounded, by
//   the rank basis) reaches.
import {
  ContestInput,
  type ContestResults,
  describeTrim,
  type EntryResultView,
  type MissingScore,
  type Prize,
  type TieBreak,
  type TieBreakBy,
  type TrimRule,
  type Value,
} from './scoring-contract';

// ---------- exact fractions ----------

/** A reduced fraction n/d with d > 0. */
export interface Fraction {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function fraction(n: bigint, d: bigint = 1n): Fraction {
  if (d === 0n) throw new RangeError('denominator 0');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

const ZERO = fraction(0n);
const add = (a: Fraction, b: Fraction) => fraction(a.n * b.d + b.n * a.d, a.d * b.d);
const mul = (a: Fraction, b: Fraction) => fraction(a.n * b.n, a.d * b.d);
const divInt = (a: Fraction, k: number) => fraction(a.n, a.d * BigInt(k));
const sum = (values: Fraction[]) => values.reduce(add, ZERO);

/** −1, 0 or 1 as a is less than, equal to or greater than b. */
export function compareFractions(a: Fraction, b: Fraction): number {
  const diff = a.n * b.d - b.n * a.d;
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}

/** A decimal number with at most `decimals` decimals as an exact fraction. */
export function fromDecimal(value: number, decimals: number): Fraction {
  const scale = 10 ** decimals;
  return fraction(BigInt(Math.round(value * scale)), BigInt(scale));
}

/** The fraction rounded half away from zero to `decimals` decimals, as an integer of that unit. */
function roundedUnits(f: Fraction, decimals: number): bigint {
  const scale = 10n ** BigInt(decimals);
  const abs = f.n < 0n ? -f.n : f.n;
  const units = (2n * abs * scale + f.d) / (2n * f.d);
  return f.n < 0n ? -units : units;
}

/** The fraction rounded half away from zero (四舍五入) to `decimals` decimals. */
export function roundFraction(f: Fraction, decimals: number): Fraction {
  return fraction(roundedUnits(f, decimals), 10n ** BigInt(decimals));
}

/** "87.35" for 8735/100 at 2 decimals, "-0.01" for −1/100. */
export function formatFraction(f: Fraction, decimals: number): string {
  const units = roundedUnits(f, decimals);
  const abs = (units < 0n ? -units : units).toString().padStart(decimals + 1, '0');
  const text = `${abs.slice(0, abs.length - decimals)}.${abs.slice(abs.length - decimals)}`;
  return units < 0n ? `-${text}` : text;
}

function valueOf(f: Fraction, decimals: number): Value {
  const display = formatFraction(f, decimals);
  return { value: Number(display), display, exact: `${f.n}/${f.d}` };
}

// ---------- computing ----------

interface JudgeWork {
  judgeId: string;
  score: Fraction | null;
  dropped: 'high' | 'low' | null;
  missingCriteria: string[];
}

interface RoundWork {
  roundId: string;
  judges: JudgeWork[];
  /** The trimmed mean; null while incomplete. */
  result: Fraction | null;
  /** The mean of all judges' scores; null while incomplete. */
  untrimmed: Fraction | null;
  kept: Fraction[];
}

interface EntryWork {
  entryId: string;
  name: string;
  rounds: RoundWork[];
  total: Fraction | null;
  untrimmedTotal: Fraction | null;
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Marks the dropped judges of one complete (entry, round): exactly `dropEach` at each end when the
 * panel has at least `minJudges` judges, equal scores taken in judge-id order.
 */
function applyTrim(judges: JudgeWork[], rule: TrimRule): void {
  if (!rule.enabled || judges.length < rule.minJudges) return;
  const order = [...judges].sort(
    (a, b) => compareFractions(a.score!, b.score!) || byCodeUnits(a.judgeId, b.judgeId),
  );
  for (const j of order.slice(0, rule.dropEach)) j.dropped = 'low';
  for (const j of order.slice(order.length - rule.dropEach)) j.dropped = 'high';
}

/** The contest's results from its rounds, entries, scores and rules; refuses invalid input (ZodError). */
export function computeResults(raw: ContestInput): ContestResults {
  const contest = ContestInput.parse(raw);
  const { rules } = contest;
  const { decimals } = rules;

  // scores[roundId][entryId][judgeId][criterionId or ''] in hundredths
  const scores = new Map<string, Fraction>();
  const key = (...parts: string[]) => parts.join('\u0000');
  for (const s of contest.scores) {
    scores.set(key(s.roundId, s.entryId, s.judgeId, s.criterionId ?? ''), fromDecimal(s.value, 2));
  }

  const missing: MissingScore[] = [];
  const roundTrim = contest.rounds.map((r) => r.trim ?? rules.trim);

  const entries: EntryWork[] = contest.entries.map((entry) => {
    const rounds = contest.rounds.map((round, r): RoundWork => {
      const weights = round.criteria.map((k) => fromDecimal(k.weight, 4));
      const weightSum = sum(weights);
      const judges = round.judgeIds.map((judgeId): JudgeWork => {
        if (round.criteria.length === 0) {
          const score = scores.get(key(round.id, entry.id, judgeId, '')) ?? null;
          return { judgeId, score, dropped: null, missingCriteria: [] };
        }
        const missingCriteria: string[] = [];
        let weighted = ZERO;
        round.criteria.forEach((k, i) => {
          const s = scores.get(key(round.id, entry.id, judgeId, k.id));
          if (s === undefined) missingCriteria.push(k.id);
          else weighted = add(weighted, mul(s, weights[i]!));
        });
        const score =
          missingCriteria.length === 0 ? fraction(weighted.n * weightSum.d, weighted.d * weightSum.n) : null;
        return { judgeId, score, dropped: null, missingCriteria };
      });
      for (const j of judges) {
        if (j.score === null) {
          missing.push({
            roundId: round.id,
            entryId: entry.id,
            judgeId: j.judgeId,
            criterionIds: j.missingCriteria,
          });
        }
      }
      if (judges.some((j) => j.score === null)) {
        return { roundId: round.id, judges, result: null, untrimmed: null, kept: [] };
      }
      applyTrim(judges, roundTrim[r]!);
      const all = judges.map((j) => j.score!);
      const kept = judges.filter((j) => j.dropped === null).map((j) => j.score!);
      return {
        roundId: round.id,
        judges,
        result: divInt(sum(kept), kept.length),
        untrimmed: divInt(sum(all), all.length),
        kept,
      };
    });
    const complete = rounds.every((r) => r.result !== null);
    const weighted = (pick: (r: RoundWork) => Fraction) =>
      sum(rounds.map((r, i) => mul(pick(r), fromDecimal(contest.rounds[i]!.weight, 4))));
    return {
      entryId: entry.id,
      name: entry.name,
      rounds,
      total: complete ? weighted((r) => r.result!) : null,
      untrimmedTotal: complete ? weighted((r) => r.untrimmed!) : null,
    };
  });

  // ---- ranking ----

  const basis = (f: Fraction) => (rules.rankBasis === 'rounded' ? roundFraction(f, decimals) : f);
  const cmp = (a: Fraction, b: Fraction) => compareFractions(basis(a), basis(b));
  const lastRound = contest.rounds.length - 1;
  const roundIndex = new Map(contest.rounds.map((r, i) => [r.id, i]));
  /** From the last round back, compare the picked value of each round; the first difference decides. */
  const fromLastRound = (a: EntryWork, b: EntryWork, pick: (kept: Fraction[]) => Fraction) => {
    for (let i = lastRound; i >= 0; i--) {
      const c = cmp(pick(a.rounds[i]!.kept), pick(b.rounds[i]!.kept));
      if (c !== 0) return c;
    }
    return 0;
  };
  const maxOf = (kept: Fraction[]) => kept.reduce((m, f) => (compareFractions(f, m) > 0 ? f : m));
  const minOf = (kept: Fraction[]) => kept.reduce((m, f) => (compareFractions(f, m) < 0 ? f : m));

  /** Positive when a goes ahead of b under the rule. */
  const tieBreak = (rule: TieBreak, a: EntryWork, b: EntryWork): number => {
    switch (rule.by) {
      case 'lastRound':
        return cmp(a.rounds[lastRound]!.result!, b.rounds[lastRound]!.result!);
      case 'round': {
        const i = roundIndex.get(rule.roundId)!;
        return cmp(a.rounds[i]!.result!, b.rounds[i]!.result!);
      }
      case 'highestKeptScore':
        return fromLastRound(a, b, maxOf);
      case 'lowestKeptScore':
        return fromLastRound(a, b, minOf);
      case 'untrimmedTotal':
        return cmp(a.untrimmedTotal!, b.untrimmedTotal!);
    }
  };

  /** The outcome of comparing two ranked entries: who goes ahead, and which rule decided. */
  const decide = (a: EntryWork, b: EntryWork): { order: number; by: TieBreakBy | 'total' | null } => {
    const t = cmp(a.total!, b.total!);
    if (t !== 0) return { order: t, by: 'total' };
    for (const rule of rules.tieBreak) {
      const c = tieBreak(rule, a, b);
      if (c !== 0) return { order: c, by: rule.by };
    }
    return { order: 0, by: null };
  };

  const ranked = entries
    .filter((e) => e.total !== null)
    .sort((a, b) => -decide(a, b).order || byCodeUnits(a.entryId, b.entryId));
  const unranked = entries.filter((e) => e.total === null).sort((a, b) => byCodeUnits(a.entryId, b.entryId));

  const ranks: number[] = [];
  const brokenBy: (TieBreakBy | null)[] = [];
  ranked.forEach((e, i) => {
    const d = i === 0 ? null : decide(ranked[i - 1]!, e);
    ranks.push(d === null || d.order !== 0 ? i + 1 : ranks[i - 1]!);
    brokenBy.push(d !== null && d.by !== 'total' ? d.by : null);
  });

  // ---- prizes ----

  const final = missing.length === 0;
  const prizeOf = (e: EntryWork, rank: number): Prize | null => {
    const rule = rules.prizes;
    if (!final) return null;
    switch (rule.mode) {
      case 'none':
        return null;
      case 'count': {
        let places = 0;
        for (const tier of rule.tiers) {
          places += tier.count;
          if (rank <= places) return tier.prize;
        }
        return rule.rest ?? null;
      }
      case 'threshold': {
        const tier = rule.tiers.find((t) => cmp(e.total!, fromDecimal(t.minTotal, 2)) >= 0);
        return tier?.prize ?? rule.rest ?? null;
      }
    }
  };

  const view = (e: EntryWork, i: number | null): EntryResultView => {
    const rank = i === null ? null : ranks[i]!;
    return {
      entryId: e.entryId,
      name: e.name,
      rounds: e.rounds.map((r) => ({
        roundId: r.roundId,
        complete: r.result !== null,
        judges: r.judges.map((j) => ({
          judgeId: j.judgeId,
          score: j.score === null ? null : valueOf(j.score, decimals),
          dropped: j.dropped,
          missingCriteria: j.missingCriteria,
        })),
        result: r.result === null ? null : valueOf(r.result, decimals),
      })),
      total: e.total === null ? null : valueOf(e.total, decimals),
      rank,
      sharedRank: rank !== null && ranks.filter((x) => x === rank).length > 1,
      tieBrokenBy: i === null ? null : brokenBy[i]!,
      prize: rank === null ? null : prizeOf(e, rank),
    };
  };

  const roundOrder = new Map(contest.rounds.map((r, i) => [r.id, i]));
  missing.sort(
    (a, b) =>
      roundOrder.get(a.roundId)! - roundOrder.get(b.roundId)! ||
      byCodeUnits(a.entryId, b.entryId) ||
      byCodeUnits(a.judgeId, b.judgeId),
  );

  return {
    final,
    decimals,
    rankBasis: rules.rankBasis,
    rounds: contest.rounds.map((r, i) => {
      const trim = roundTrim[i]!;
      return {
        roundId: r.id,
        name: r.name,
        weight: r.weight,
        judgeIds: r.judgeIds,
        trim,
        trimApplies: trim.enabled && r.judgeIds.length >= trim.minJudges,
        ruleText: describeTrim(trim, r.judgeIds.length),
      };
    }),
    entries: [...ranked.map((e, i) => view(e, i)), ...unranked.map((e) => view(e, null))],
    ranking: ranked.map((e) => e.entryId),
    missing,
  };
}

/** How many entries got each prize. */
export function prizeCounts(results: ContestResults): Partial<Record<Prize, number>> {
  const counts: Partial<Record<Prize, number>> = {};
  for (const e of results.entries) if (e.prize !== null) counts[e.prize] = (counts[e.prize] ?? 0) + 1;
  return counts;
}
