// Word export of a bulletin issue: renderIssueDocx on a 20-item issue (3 columns: 8 full items,
// 6 full items, 6 briefs, bodies of 300–700 characters), timed after a warm-up. Target: p50 ≤ 500 ms.
// When LibreOffice is installed, the file is also converted to PDF once to record its page count.
// Run: npm run bench:bulletin-word   (RUNS=20 timed runs by default)
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { PrintableIssue } from '../src/bulletin/archive';
import { renderIssueDocx } from '../src/bulletin/word';
import { machine, median, percentile, writeSection } from './lib';

const RUNS = Number(process.env.RUNS ?? 20);
const TARGET_MS = 500;
const run = promisify(execFile);

const SENTENCES = [
  '会议听取了各县级市、区总工会关于工资集体协商和职代会建制工作的进展情况。',
  '会议要求，各地要对照年度目标逐项梳理，确保年底前完成建制任务。',
  '要加强对新建工会的跟踪指导，帮助基层工会规范换届选举，落实会员代表大会制度。',
  '活动覆盖企业560余家，受教育职工达2.3万人次，发放宣传资料1.2万份。',
  '与会人员表示，将进一步加强职工书屋和活动阵地建设，丰富职工精神文化生活。',
  '下一步，将围绕“两个普遍”目标，持续推进非公企业建会入会工作。',
  '现场还为20名优秀一线职工颁发了荣誉证书，并开展了法律咨询和健康义诊服务。',
];
const UNITS = ['吴中区总工会', '相城区总工会', '昆山市总工会', '市总生产部', '市总宣教部', '张家港市总工会'];

/** A body of about `chars` characters in paragraphs of three to four sentences. */
function body(seed: number, chars: number): string {
  const paragraphs: string[] = [];
  let current = '';
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const sentence = SENTENCES[(seed * 3 + i) % SENTENCES.length]!;
    current += sentence;
    length += sentence.length;
    if (i % 4 === 3) {
      paragraphs.push(current);
      current = '';
    }
  }
  if (current) paragraphs.push(current);
  return paragraphs.join('\n');
}

function item(n: number, kind: 'full' | 'brief'): PrintableIssue['columns'][number]['items'][number] {
  return {
    title: `${UNITS[n % UNITS.length]!.replace(/总工会|部$/, '')}开展第${n + 1}项重点工作推进活动`,
    body: body(n, kind === 'brief' ? 120 + (n % 3) * 40 : 300 + (n % 5) * 100),
    sources:
      n % 3 === 0 ? [UNITS[n % UNITS.length]!, UNITS[(n + 3) % UNITS.length]!] : [UNITS[n % UNITS.length]!],
    kind,
    flagged: null,
  };
}

function benchIssue(): PrintableIssue {
  let n = 0;
  const column = (name: string, count: number, kind: 'full' | 'brief') => ({
    name,
    items: Array.from({ length: count }, () => item(n++, kind)),
  });
  return {
    id: '00000000-0000-4000-8000-000000000000',
    series: '工作动态',
    year: 2026,
    number: 5,
    totalNumber: 123,
    supplement: false,
    date: '2026-05-08',
    state: 'published',
    editingUnit: '苏州市总工会',
    columns: [column('工作动态', 8, 'full'), column('创先争优', 6, 'full'), column('工作简讯', 6, 'brief')],
    distribution: {
      issuedTo: null,
      report: '省总工会办公室，市委办公室、市政府办公室',
      send: '市人大常委会办公室、市政协办公室',
      issue: '各市（县）、区总工会，市各产业（系统）工会，各直属单位工会',
    },
    printCount: 120,
    warnings: [],
  };
}

/** Page count of the file as LibreOffice prints it, or null without LibreOffice and poppler. */
async function pageCount(docx: Buffer): Promise<number | null> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gonghui-bench-word-'));
  try {
    const file = path.join(dir, 'issue.docx');
    writeFileSync(file, docx);
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        file,
      ],
      { timeout: 120_000 },
    );
    const { stdout } = await run('pdfinfo', [path.join(dir, 'issue.pdf')]);
    return Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1] ?? 0) || null;
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function main() {
  const load = loadavg()[0]!.toFixed(1);
  const issue = benchIssue();
  const items = issue.columns.reduce((sum, c) => sum + c.items.length, 0);
  const chars = issue.columns.reduce(
    (sum, c) => sum + c.items.reduce((s, i) => s + i.title.length + i.body.length, 0),
    0,
  );
  let docx = await renderIssueDocx(issue); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    docx = await renderIssueDocx(issue);
    times.push(performance.now() - started);
  }
  const pages = await pageCount(docx);
  const p50 = median(times);
  const today = new Date().toISOString().slice(0, 10);
  const body = `Machine: ${machine()}. Date: ${today}. Load average (1 min) at the start: ${load}
(the 2 cores are shared with other work).
An issue of ${items} items in ${issue.columns.length} columns (14 full items, 6 briefs; ${chars.toLocaleString('en')} characters of
titles and bodies), built in memory and rendered by \`renderIssueDocx\` (docx package, official layout,
no database or HTTP). ${RUNS} timed runs after one warm-up; p50 is the median.

| Figure | p50 | p95 | min | max | Target |
| --- | --- | --- | --- | --- | --- |
| renderIssueDocx, ${items} items | ${fmt(p50)} | ${fmt(percentile(times, 95))} | ${fmt(Math.min(...times))} | ${fmt(Math.max(...times))} | ≤ ${TARGET_MS} ms ${p50 <= TARGET_MS ? '(met)' : '(missed)'} |

- File size: ${(docx.length / 1024).toFixed(1)} KiB; ${pages === null ? 'page count not measured (LibreOffice or poppler missing)' : `${pages} A4 pages as LibreOffice prints it`}.`;
  writeSection('Bulletin Word export (bench/bulletin-word.ts)', body);
  console.log(body);
}

await main();
