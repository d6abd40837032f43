// What the editor changed in an item: a character-level diff (longest common subsequence) of the
// original and the edited text, for the side-by-side comparison. Common head and tail are cut
// first, so a few changes in a long text stay cheap; when what is left is still long, the diff
// falls back to whole lines.

export type DiffOp = 'equal' | 'delete' | 'insert';

export interface DiffPart {
  op: DiffOp;
  text: string;
}

/** Above this many characters in the changed middle, compare lines instead of characters. */
export const CHAR_DIFF_LIMIT = 5000;
/** The character table's size cap (4 bytes a cell: 36 MB), for two long texts rewritten throughout. */
const MAX_CELLS = 9_000_000;

function push(parts: DiffPart[], op: DiffOp, text: string) {
  if (!text) return;
  const last = parts.at(-1);
  if (last && last.op === op) last.text += text;
  else parts.push({ op, text });
}

/** LCS of two token lists; returns the operations turning `a` into `b`, token by token. */
function lcsOps(a: readonly string[], b: readonly string[]): { op: DiffOp; token: string }[] {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  // lengths[i][j]: LCS of a[i..] and b[j..]; 32-bit, as a line diff may pass 65535 cells deep.
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? lengths[(i + 1) * width + j + 1]! + 1
          : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const ops: { op: DiffOp; token: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ op: 'equal', token: a[i]! });
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      ops.push({ op: 'delete', token: a[i]! });
      i++;
    } else {
      ops.push({ op: 'insert', token: b[j]! });
      j++;
    }
  }
  for (; i < n; i++) ops.push({ op: 'delete', token: a[i]! });
  for (; j < m; j++) ops.push({ op: 'insert', token: b[j]! });
  return ops;
}

/** Lines with their line breaks kept, so that joining them gives the text back. */
function lines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+/g) ?? [];
}

/**
 * The parts of `before` and `after`: `equal` text in both, `delete` only in `before`, `insert` only
 * in `after`. Characters are whole code points (a rare CJK character outside the BMP stays one).
 */
export function diffText(before: string, after: string): DiffPart[] {
  const a = Array.from(before);
  const b = Array.from(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  const byLine = Math.max(n, m) > CHAR_DIFF_LIMIT || n * m > MAX_CELLS;
  if (byLine) {
    // Whole lines only: the common head ends, and the common tail starts, at a line break.
    head = a.lastIndexOf('\n', head - 1) + 1;
    const breakInTail = a.indexOf('\n', a.length - tail);
    tail = breakInTail < 0 ? 0 : a.length - breakInTail - 1;
  }
  const parts: DiffPart[] = [];
  push(parts, 'equal', a.slice(0, head).join(''));
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const tokensA = byLine ? lines(midA.join('')) : midA;
  const tokensB = byLine ? lines(midB.join('')) : midB;
  for (const { op, token } of lcsOps(tokensA, tokensB)) push(parts, op, token);
  push(parts, 'equal', a.slice(a.length - tail).join(''));
  return parts;
}

/** How much changed: characters removed from `before` and added in `after`. */
export function diffStats(parts: readonly DiffPart[]): { deleted: number; inserted: number } {
  let deleted = 0;
  let inserted = 0;
  for (const p of parts) {
    const n = Array.from(p.text).length;
    if (p.op === 'delete') deleted += n;
    if (p.op === 'insert') inserted += n;
  }
  return { deleted, inserted };
}
