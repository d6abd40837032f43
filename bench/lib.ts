// Helpers shared by the benchmarks: machine facts, medians, and writing a section of RESULTS.md.
import { cpus, totalmem } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const resultsFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** Replaces the section `## title` of RESULTS.md (or appends it). */
export function writeSection(title: string, body: string) {
  const header = `## ${title}`;
  let text = existsSync(resultsFile)
    ? readFileSync(resultsFile, 'utf8')
    : '# Benchmark results\n\nEach section is written by its script under `bench/`; rerun the script to refresh it.\n';
  const start = text.indexOf(header);
  const section = `${header}\n\n${body.trim()}\n`;
  if (start >= 0) {
    const next = text.indexOf('\n## ', start + header.length);
    text = text.slice(0, start) + section + (next >= 0 ? text.slice(next + 1) : '');
  } else {
    text = `${text.trimEnd()}\n\n${section}`;
  }
  writeFileSync(resultsFile, text);
}
