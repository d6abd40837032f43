// The web app's weight, checked after every build from Vite's manifest: the JavaScript the login
// page loads (the entry and the login chunk with what they import statically), the signed-in
// frame (the shell: the entry and the layout), and each page the router loads lazily, counted
// beyond the shell; a part that a page itself loads lazily (a chart, a dialog) is counted beyond
// the shell and that page. Sizes are gzip as the server sends the build's files, against budgets.
// ECharts must not be in the login page or the shell; the table says which chunks hold it.
//
//   node --import tsx scripts/check-bundle.ts [--dir dist/web] [--login KB] [--shell KB] [--page KB]
//
// Exits 1 when a budget is exceeded, ECharts is in the login page or the shell, or there is no build.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { brotli, gzip } from './precompress';

/**
 * Budgets in KB of gzip (1 KB = 1024 bytes). The shell has one too, a little above its size, so
 * that the pages' weight does not move into it unnoticed.
 */
export const BUDGETS = { login: 150, shell: 270, page: 250 };

const LOGIN = 'src/web/pages/login.tsx';
const SHELL = 'src/web/shell.tsx';
/** ECharts' DOM attribute: found in a chunk only when echarts/core is in it. */
const ECHARTS_MARK = '_echarts_instance_';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

function load(dir: string) {
  const file = path.join(dir, '.vite/manifest.json');
  if (!existsSync(file)) throw new Error(`no build manifest at ${file}: run \`vite build\` first`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  const sizes = new Map<string, Sizes>();
  const sizeOf = (name: string): Sizes => {
    let s = sizes.get(name);
    if (!s) {
      const bytes = readFileSync(path.join(dir, name));
      s = { raw: bytes.length, gzip: gzip(bytes).length, brotli: brotli(bytes).length };
      sizes.set(name, s);
    }
    return s;
  };
  /** The chunk and what it imports statically, transitively: what loading it fetches. */
  const closure = (key: string, into = new Set<string>()): Set<string> => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest`);
    if (into.has(chunk.file)) return into;
    into.add(chunk.file);
    for (const dep of chunk.imports ?? []) closure(dep, into);
    return into;
  };
  const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  if (!entry) throw new Error('the build manifest names no entry');
  return { manifest, entry, sizeOf, closure };
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

function main(): number {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string', default: 'dist/web' },
      login: { type: 'string' },
      shell: { type: 'string' },
      page: { type: 'string' },
    },
  });
  const budgets = {
    login: Number(values.login ?? BUDGETS.login),
    shell: Number(values.shell ?? BUDGETS.shell),
    page: Number(values.page ?? BUDGETS.page),
  };
  const dir = path.resolve(values.dir);
  const { manifest, entry, sizeOf, closure } = load(dir);
  const js = (files: Set<string>) => [...files].filter((f) => f.endsWith('.js'));
  const total = (files: string[]) =>
    files.reduce(
      (sum, f) => {
        const s = sizeOf(f);
        return { raw: sum.raw + s.raw, gzip: sum.gzip + s.gzip, brotli: sum.brotli + s.brotli };
      },
      { raw: 0, gzip: 0, brotli: 0 },
    );
  const hasECharts = (files: string[]) =>
    files.filter((f) => readFileSync(path.join(dir, f), 'utf8').includes(ECHARTS_MARK));

  const loginFiles = js(closure(LOGIN, closure(entry)));
  const shellSet = closure(SHELL, closure(entry));
  const shellFiles = js(shellSet);
  const rows: { name: string; files: string[]; budget: number | null }[] = [
    { name: 'login page (entry + login)', files: loginFiles, budget: budgets.login },
    { name: 'shell (entry + signed-in frame)', files: shellFiles, budget: budgets.shell },
  ];
  // A page loaded by the router counts beyond the shell; a part a page loads lazily (a chart, a
  // dialog) counts beyond the shell and that page.
  const lazyParents = (key: string) =>
    Object.keys(manifest).filter((k) => manifest[k]?.dynamicImports?.includes(key));
  const lazy = Object.keys(manifest)
    .filter((key) => manifest[key]?.isDynamicEntry && key !== LOGIN && key !== SHELL)
    .sort();
  const pages = lazy.filter((key) => lazyParents(key).includes(entry));
  for (const page of pages) {
    rows.push({
      name: `  ${page}`,
      files: js(closure(page)).filter((f) => !shellSet.has(f)),
      budget: budgets.page,
    });
    for (const part of lazy.filter((key) => !pages.includes(key) && lazyParents(key).includes(page))) {
      const loaded = closure(page, new Set(shellSet));
      rows.push({
        name: `    + ${part} (lazy)`,
        files: js(closure(part)).filter((f) => !loaded.has(f)),
        budget: budgets.page,
      });
    }
  }
  const problems: string[] = [];
  const line = (cells: string[]) =>
    console.log(
      cells[0]!.padEnd(52) +
        cells
          .slice(1)
          .map((c) => c.padStart(10))
          .join(''),
    );
  line([
    'JS loaded, gzip as sent (pages: beyond the shell)',
    'files',
    'raw KB',
    'gzip KB',
    'br KB',
    'budget',
  ]);
  for (const row of rows) {
    const t = total(row.files);
    const over = row.budget !== null && t.gzip > row.budget * 1024;
    line([
      row.name,
      String(row.files.length),
      kb(t.raw),
      kb(t.gzip),
      kb(t.brotli),
      row.budget === null ? '' : `${row.budget}${over ? ' OVER' : ''}`,
    ]);
    if (over) problems.push(`${row.name.trim()}: ${kb(t.gzip)} KB gzip, budget ${row.budget} KB`);
  }
  const chartChunks = hasECharts(js(new Set(Object.values(manifest).map((c) => c.file))));
  console.log(`\nECharts is in: ${chartChunks.join(', ') || 'no chunk'}`);
  for (const [name, files] of [
    ['the login page', loginFiles],
    ['the shell', shellFiles],
  ] as const) {
    const leaked = hasECharts(files);
    if (leaked.length) problems.push(`ECharts is loaded by ${name}: ${leaked.join(', ')}`);
  }

  if (problems.length) {
    console.error(`\nBundle budgets exceeded:\n  ${problems.join('\n  ')}`);
    return 1;
  }
  console.log('\nAll bundle budgets kept.');
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
