// Chinese full-text search on PostgreSQL without a server extension: the app segments the text
// and hands PostgreSQL ready-made tokens, separated by spaces, for `to_tsvector('simple', …)`.
//
// Tokens of a text:
// - every overlapping pair of characters (bigram) of each run of Han characters, in order, so
//   that consecutive bigrams have consecutive positions and a query can ask for them in a row
//   with `<->`. A two-character word is thus found wherever it occurs, also where the
//   segmenter glued it into a longer word (工会 in 吴中区总工会: the segmenter cuts 吴|中区|总|工会
//   here, and sometimes 总工会 as one word);
// - after all bigrams (so that they never sit between two bigrams of one run): the words of
//   three or more characters the segmenter found (two-character words already are bigrams), the
//   last character of each run and every one-character run, so that a one-character query finds
//   every occurrence with a prefix match (`会:*` matches 会 itself and every bigram starting
//   with 会);
// - other letters and digits as lower-cased words ([\p{L}\p{N}]+ outside Han runs).
//
// A query is segmented the same way: its Han runs are cut into words by the segmenter, a
// one-character word is joined to its neighbour (吴|中区|总|工会 → 吴中区, 总工会), and each
// word becomes the conjunction of its bigrams (吴中 & 中区); everything is ANDed. Not a phrase
// (吴中 <-> 中区): a phrase makes PostgreSQL recheck every row the GIN index returns against its
// stored tsvector, which on PGlite costs ~30 µs a row (the vector is TOASTed), while a plain
// conjunction is answered by the index alone; ts_rank_cd still ranks texts where the bigrams
// stand together first. Tokens consist of letters and digits only and are quoted, so no input
// can break the tsquery.

import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

const HAN = /\p{Script=Han}/u;
/** Runs of Han characters, or runs of other letters and digits. */
const RUNS = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;

/** PostgreSQL keeps positions up to 16383 and at most 256 per lexeme; longer texts still match. */
function chars(run: string): string[] {
  return Array.from(run);
}

function bigrams(run: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < run.length; i++) out.push(run[i]! + run[i + 1]!);
  return out;
}

function normalise(text: string): string {
  // Full-width letters and digits (ＡＢＣ１２３) as their ASCII forms; same length per character.
  return text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) =>
    String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/**
 * The token text of a title or body for `to_tsvector('simple', …)`: bigrams of Han runs first,
 * then longer segmenter words, run ends and single characters, then other words lower-cased.
 */
export function searchTokens(text: string): string {
  const grams: string[] = [];
  const extra: string[] = [];
  for (const m of normalise(text).matchAll(RUNS)) {
    if (m[1]) {
      const run = chars(m[1]);
      grams.push(...bigrams(run));
      extra.push(run[run.length - 1]!);
      if (run.length > 2)
        for (const s of segmenter.segment(m[1])) if (chars(s.segment).length > 2) extra.push(s.segment);
    } else if (m[2]) {
      grams.push(m[2].toLowerCase());
    }
  }
  return [...grams, ...extra].join(' ');
}

/** One part of a query: Han characters that must occur in a row, or a word of letters/digits. */
export interface QueryTerm {
  kind: 'han' | 'word';
  text: string;
}

/** The query's terms: segmented Han words (one-character words joined to a neighbour), other words. */
export function queryTerms(query: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  for (const m of normalise(query).matchAll(RUNS)) {
    if (m[2]) {
      terms.push({ kind: 'word', text: m[2].toLowerCase() });
      continue;
    }
    const words = [...segmenter.segment(m[1]!)].map((s) => s.segment);
    const groups: string[] = [];
    let pending = '';
    for (const w of words) {
      pending += w;
      if (chars(pending).length >= 2) {
        groups.push(pending);
        pending = '';
      }
    }
    if (pending) {
      // A trailing single character joins the previous group; alone it stays a one-character term.
      if (groups.length) groups[groups.length - 1] += pending;
      else groups.push(pending);
    }
    for (const g of groups) terms.push({ kind: 'han', text: g });
  }
  // The same term twice adds nothing.
  const seen = new Set<string>();
  return terms.filter((t) => !seen.has(t.kind + t.text) && seen.add(t.kind + t.text));
}

function quote(token: string): string {
  return `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * The tsquery text of a query for `to_tsquery('simple', …)`, or null when it holds nothing
 * searchable (only punctuation or operators).
 */
export function buildTsQuery(query: string): string | null {
  const parts = queryTerms(query).map((t) => {
    if (t.kind === 'word') return quote(t.text);
    const run = chars(t.text);
    if (run.length === 1) return `${quote(run[0]!)}:*`;
    return bigrams(run).map(quote).join(' & ');
  });
  // The same bigram from two words is asked once.
  const unique = [...new Set(parts.join(' & ').split(' & '))];
  return unique.length && unique[0] ? unique.join(' & ') : null;
}

/** Merges overlapping or touching [start, end) ranges. */
function merge(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

const WORDISH = /[\p{L}\p{N}]/u;

/**
 * Where the query's terms occur in `text`, as [start, end) offsets in UTF-16 code units (string
 * indices in JavaScript), merged and in order.
 */
export function highlightRanges(text: string, terms: QueryTerm[]): [number, number][] {
  const haystack = normalise(text).toLowerCase();
  // toLowerCase keeps lengths for the scripts we index (checked: otherwise no highlights).
  if (haystack.length !== text.length) return [];
  const found: [number, number][] = [];
  const find = (t: QueryTerm): number => {
    const before = found.length;
    let from = 0;
    for (;;) {
      const at = haystack.indexOf(t.text, from);
      if (at < 0) break;
      const end = at + t.text.length;
      from = at + 1;
      if (t.kind === 'word') {
        // A word matches whole words only, as the index does (no Han or letters glued on).
        const before = at > 0 ? haystack[at - 1]! : '';
        const after = end < haystack.length ? haystack[end]! : '';
        if (
          (before && WORDISH.test(before) && !HAN.test(before)) ||
          (after && WORDISH.test(after) && !HAN.test(after))
        )
          continue;
      }
      found.push([at, end]);
    }
    return found.length - before;
  };
  for (const t of terms) {
    if (!t.text) continue;
    // A word found by its bigrams apart (not a phrase, see above): mark the bigrams.
    if (!find(t) && t.kind === 'han')
      for (const gram of bigrams(chars(t.text))) find({ kind: 'han', text: gram });
  }
  return merge(found);
}

/**
 * A window of about `size` characters of `text` around the first highlighted range, with the
 * ranges shifted into it; "…" marks cut ends.
 */
export function snippetAround(
  text: string,
  ranges: [number, number][],
  size = 80,
): { text: string; highlights: [number, number][] } {
  const flat = text.replace(/\s+/g, (s) => ' '.repeat(s.length)); // same offsets, one line
  const first = ranges[0];
  let start = first ? Math.max(0, first[0] - Math.floor(size / 4)) : 0;
  let end = Math.min(flat.length, start + size);
  start = Math.max(0, Math.min(start, end - size));
  // Leading blanks (the indent of a paragraph) are not worth showing.
  while (start < end && flat[start] === ' ') start++;
  end = Math.min(flat.length, Math.max(end, start));
  const prefix = flat.slice(0, start).trim() ? '…' : '';
  const suffix = flat.slice(end).trim() ? '…' : '';
  const body = flat.slice(start, end);
  const shift = prefix.length - start;
  const highlights = ranges
    .filter(([s, e]) => e > start && s < end)
    .map(([s, e]): [number, number] => [Math.max(s, start) + shift, Math.min(e, end) + shift]);
  return { text: prefix + body + suffix, highlights };
}

/** A LIKE pattern for text containing `text` (its wildcards escaped). */
export function likeText(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The distinct pairs of adjacent characters of a lower-cased text, as the SQL function
 * char_pairs (migration 0038) stores them for a short name.
 */
export function charPairs(text: string): string[] {
  const run = chars(text.toLowerCase());
  return [...new Set(bigrams(run))];
}

/** Pairs of characters that stand in most enterprises' names (有限公司, 有限责任公司, 股份, 集团). */
const COMMON_NAME_PAIRS = new Set(['有限', '限公', '公司', '限责', '责任', '任公', '股份', '份有', '集团']);

/**
 * A search for part of a short name (an enterprise's): the stored pairs (`pairs`, a GIN-indexed
 * char_pairs column) must hold every pair of the query, which the index answers, and the name must
 * contain the query itself, checked on the few rows left. A one-character query has no pair and
 * is checked on the name alone.
 */
export function partOfName(pairs: SQLWrapper, name: SQLWrapper, query: string): SQL {
  const contains = sql`${name} ilike ${likeText(query)}`;
  const all = charPairs(query);
  // Pairs most names hold narrow nothing and cost the index most: asked only when nothing else is.
  const rare = all.filter((p) => !COMMON_NAME_PAIRS.has(p));
  const wanted = rare.length ? rare : all;
  if (!wanted.length) return contains;
  return sql`${pairs} @> array[${sql.join(
    wanted.map((p) => sql`${p}`),
    sql`, `,
  )}]::text[] and ${contains}`;
}
