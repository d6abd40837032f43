// Importing years of old bulletins: 1,000 legacy text files, one issue each, through the same
// service the command and the upload page use (parse, one transaction per issue with its items,
// search documents, figures and audit), on PGlite on disk.
// Run: npm run bench:bulletin-archive   (BULLETINS=1000, RUNS=3 by default; each run on a fresh
// database, the median of the runs reported)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, setDatabase } from '../src/platform/db/client';
import { migrate } from '../src/platform/db/migrate';
import { seedDemoOrgs } from '../src/orgs/demo';
import { actorByName } from '../src/orgs/setup';
import { importLegacyBulletin } from '../src/bulletin/archive';
import { machine, median, percentile, writeSection } from './lib';
import { wireFeatures } from '../src/wiring';

const BULLETINS = Number(process.env.BULLETINS ?? 1000);
const RUNS = Number(process.env.RUNS ?? 3);

interface Run {
  totalS: number;
  each: number[];
  items: number;
  docs: number;
  figures: number;
  flagged: number;
}

const UNITS = [
  '吴中区总工会',
  '相城区总工会',
  '姑苏区总工会',
  '吴江区总工会',
  '昆山市总工会',
  '张家港市总工会',
  '常熟市总工会',
  '太仓市总工会',
  '市总生产部',
  '市总组织部',
  '市总宣教部',
  '市邮政局工会',
];
const DEEDS = [
  '开展职工技能竞赛',
  '召开工资集体协商推进会',
  '举办劳模工匠进校园活动',
  '开展夏季送清凉活动',
  '推进新就业形态劳动者入会',
  '召开职代会建制工作现场会',
  '举办职工书画摄影展',
  '开展安全生产知识竞赛',
  '建设劳模创新工作室',
  '开展困难职工帮扶慰问',
];

function pick<T>(list: T[], n: number): T {
  return list[n % list.length]!;
}

/** One bulletin in the legacy text layout, varied by its number. */
function bulletin(n: number): string {
  const lines = [
    `工作动态`,
    `第${(n % 24) + 1}期`,
    `苏州市总工会办公室编\u3000\u3000\u3000\u3000${2000 + (n % 25)}年8月15日`,
    '',
  ];
  const columns: [string, number][] = [
    ['工作动态', 4 + (n % 3)],
    ['创先争优', 2],
    ['工作简讯', 4 + (n % 4)],
  ];
  let k = n * 7;
  for (const [column, count] of columns) {
    lines.push(`【${column}】`, '');
    for (let i = 0; i < count; i++, k++) {
      const unit = pick(UNITS, k);
      const deed = pick(DEEDS, k * 3 + i);
      const body = `近日，${unit}${deed}，全市共有${100 + (k % 900)}多名职工参加，覆盖企业${10 + (k % 90)}家，投入资金${(k % 50) + 1}.5万元。活动进一步激发了广大职工的劳动热情和创造活力，受到基层职工的普遍欢迎。`;
      const sources = k % 5 === 0 ? `（${unit}、市总生产部）` : `（${unit}）`;
      if (column === '工作简讯') lines.push(`${unit}${deed}。${body}${sources}`);
      else
        lines.push(
          `${unit}${deed}`,
          `\u3000\u3000${body}`,
          `\u3000\u3000下一步，${unit}将认真总结经验，完善长效机制。`,
          sources,
          '',
        );
    }
    lines.push('');
  }
  lines.push(
    '报：省总工会办公室，市委办公室、市政府办公室',
    '送：市人大常委会办公室、市政协办公室',
    '发：各市（县）、区总工会',
    '（共印120份）',
  );
  return lines.join('\n');
}

/** One import of all the bulletins into a fresh database. */
async function once(): Promise<Run> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gonghui-bench-archive-'));
  const database = await openDatabase({ dataDir: path.join(dir, 'data') });
  setDatabase(database);
  wireFeatures();
  await migrate(database);
  try {
    await seedDemoOrgs();
    const editor = await actorByName('editor');
    const files: string[] = [];
    for (let n = 0; n < BULLETINS; n++) {
      const file = path.join(dir, `工作动态-${n}.txt`);
      writeFileSync(file, bulletin(n));
      files.push(file);
    }
    const each: number[] = [];
    let items = 0;
    const started = performance.now();
    for (let n = 0; n < files.length; n++) {
      const t = performance.now();
      // Year and number from the options: 25 years × 40 numbers keeps every issue distinct.
      const result = await importLegacyBulletin(editor, {
        filePath: files[n]!,
        originalName: path.basename(files[n]!),
        year: 2000 + (n % 25),
        number: Math.floor(n / 25) + 1,
      });
      items += result.items;
      each.push(performance.now() - t);
      if ((n + 1) % 200 === 0)
        console.log(`${n + 1} imported, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    const totalS = (performance.now() - started) / 1000;
    const [docs] = await database.rows<{ n: number }>(
      `select count(*)::int as n from bulletin_search_docs where source = 'issue_item'`,
    );
    const [figures] = await database.rows<{ n: number }>(`select count(*)::int as n from text_figures`);
    const [flagged] = await database.rows<{ n: number }>(
      `select count(*)::int as n from bulletin_issue_items where flagged is not null`,
    );
    console.log(`${files.length} bulletins, ${items} items in ${totalS.toFixed(1)} s`);
    return { totalS, each, items, docs: docs?.n ?? 0, figures: figures?.n ?? 0, flagged: flagged?.n ?? 0 };
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const runs: Run[] = [];
  for (let r = 0; r < RUNS; r++) runs.push(await once());
  const totals = runs.map((r) => r.totalS);
  const mid = median(totals);
  const run = runs[0]!;
  const each = runs.flatMap((r) => r.each);
  writeSection(
    'Bulletin archive import (bench/bulletin-archive.ts)',
    `
Machine: ${machine()}. Date: ${new Date().toISOString().slice(0, 10)}. PGlite on disk, a fresh database with the demo organisations for each of ${RUNS} runs; the median run is reported.

${BULLETINS} legacy text bulletins (three columns, ${Math.round(run.items / BULLETINS)} items each on average, ${run.items} items in all) imported one after another through \`importLegacyBulletin\` — the service behind \`npx gonghui bulletin import\` and the upload page: reading and parsing the file, one transaction per issue with its items, search documents (${run.docs}), figures (${run.figures}) and the audit entry. Items flagged for checking: ${run.flagged}.

| measure | result | target |
| --- | --- | --- |
| all ${BULLETINS} bulletins, median of ${RUNS} runs | ${mid.toFixed(1)} s (runs: ${totals.map((t) => t.toFixed(1)).join(' s, ')} s) | ≤ 60 s, ${mid <= 60 ? 'met' : 'not met'} |
| one bulletin, p50 over all runs | ${median(each).toFixed(1)} ms | — |
| one bulletin, p95 over all runs | ${percentile(each, 95).toFixed(1)} ms | — |
`,
  );
}

await main();
