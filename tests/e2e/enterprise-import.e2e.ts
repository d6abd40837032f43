// Journey: a district union's staff member (wuzhong) imports an enterprise list. A first file
// has a mistyped USCC and a township of another district: the page shows the progress, then
// rejects the file with row numbers and reasons and writes nothing. The corrected file is checked
// and imported; the enterprise is then found in the list by name and opened.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { completeUscc } from '../../src/platform/shared/uscc';
import {
  chromiumAvailable,
  launchBrowser,
  login,
  newPage,
  screenshot,
  startApp,
  waitForText,
  type RunningApp,
} from './server';

const A = { uscc: completeUscc('91320506', 'MA1E2EA1'), name: '苏州长桥晨光精密电子有限公司' };
const B = { uscc: completeUscc('91320506', 'MA1E2EB2'), name: '苏州越溪云帆物流有限公司' };
const C = { uscc: completeUscc('91320506', 'MA1E2EC3'), name: '苏州木渎青禾食品有限公司' };
/** B's code with a wrong check character. */
const BAD_B = B.uscc.slice(0, 17) + (B.uscc.endsWith('1') ? '2' : '1');

/** A collective contract still valid for a while, whatever the day the suite runs. */
const UNTIL = `${new Date().getFullYear() + 2}-12-31`;

const HEADER = [
  '统一社会信用代码',
  '企业名称',
  '所属乡镇(街道)',
  '经济类型',
  '职工人数',
  '建会日期',
  '会员人数',
  '任期年限',
  '集体合同生效日期',
  '集体合同到期日期',
];

function csv(rows: string[][]): string {
  return [HEADER, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';
}

const rowA = [A.uscc, A.name, '长桥街道', '私营', '120', '2015-03-01', '96', '5', '2024-01-01', UNTIL];
const rowB = (uscc: string) => [uscc, B.name, '越溪街道', '外商投资', '45', '', '', '', '', ''];
const rowC = (township: string) => [C.uscc, C.name, township, '私营', '30', '2020-06-01', '25', '3', '', ''];

describe.skipIf(!chromiumAvailable())('wuzhong imports an enterprise list', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'gonghui-import-'));
    app = await startApp();
    browser = await launchBrowser();
    page = await newPage(browser);
    await page.goto(`${app.url}/login`);
    await login(page, 'wuzhong');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const upload = async (name: string, content: string, mode: '先校验（不写入）' | '导入') => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    await page.getByTestId('import-mode').getByText(mode, { exact: true }).click();
    await page.getByTestId('import-dragger').locator('input[type=file]').setInputFiles(file);
  };

  it('rejects a file with a wrong check character and a township of 吴江, naming rows and reasons', async () => {
    await page.goto(`${app.url}/enterprises`);
    await page.getByRole('button', { name: /导\s*入/ }).click();
    await page.waitForURL(/\/enterprises\/import$/);
    await waitForText(page.locator('h4'), '导入企业名单');
    expect(await page.getByTestId('import-template').getAttribute('href')).toBe(
      '/api/enterprises/import-template.xlsx',
    );

    await upload('企业名单-有错.csv', csv([rowA, rowB(BAD_B), rowC('盛泽镇')]), '先校验（不写入）');
    const progress = page.getByTestId('import-progress');
    await progress.waitFor();
    await waitForText(page.getByTestId('import-rows'), '已读取 3 行');
    await waitForText(page.getByTestId('import-message'), '发现 2 处错误，未导入任何数据');

    const errors = page.getByTestId('import-errors');
    const rows = errors.locator('tbody tr');
    await rows.first().waitFor();
    const texts = await rows.allInnerTexts();
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/^3\s+统一社会信用代码/);
    expect(texts[0]).toContain(BAD_B);
    expect(texts[0]).toContain(`统一社会信用代码校验位错误，第 18 位应为 ${B.uscc[17]}`);
    expect(texts[1]).toMatch(/^4\s+所属乡镇\(街道\)\s+盛泽镇/);
    expect(texts[1]).toContain('找不到该乡镇(街道)，或不在您的管理范围内');
    const report = page.getByTestId('import-error-report');
    expect(await report.getAttribute('href')).toMatch(
      /^\/api\/enterprises\/imports\/[0-9a-f-]{36}\/errors\.xlsx$/,
    );
    const [download] = await Promise.all([page.waitForEvent('download'), report.click()]);
    expect(download.suggestedFilename()).toBe('导入错误明细.xlsx');
    await screenshot(page, 'import-rejected');
  });

  it('checks the corrected file, then imports it and reports what was written', async () => {
    await upload('企业名单-改正.csv', csv([rowA, rowB(B.uscc), rowC('木渎镇')]), '先校验（不写入）');
    await waitForText(page.getByTestId('import-result'), '校验通过，尚未写入');
    await waitForText(page.getByTestId('import-summary'), '将新增 3 家，更新 0 家');
    // Nothing written by the check: the list does not know the enterprise yet.
    const probe = await page.evaluate(
      async (q) =>
        (await (await fetch(`/api/enterprises?q=${encodeURIComponent(q)}`)).json()) as { total: number },
      A.name,
    );
    expect(probe.total).toBe(0);
    await screenshot(page, 'import-checked');

    await page.getByRole('button', { name: '导入此文件' }).click();
    await waitForText(page.getByTestId('import-result'), '导入完成');
    await waitForText(page.getByTestId('import-summary'), '新增 3 家，更新 0 家，事项');
    const summary = await page.getByTestId('import-summary').innerText();
    // A: founded, term… ; C: founded, term; plus A's collective contract: at least four facts.
    expect(Number(/事项 (\d+) 条/.exec(summary)?.[1])).toBeGreaterThanOrEqual(4);
    await screenshot(page, 'import-succeeded');
  });

  it('finds the imported enterprise in the list by name and opens it', async () => {
    await page.getByRole('button', { name: '查看企业名单' }).click();
    await page.waitForURL(/\/enterprises$/);
    await page.getByTestId('enterprise-search').fill('晨光精密');
    await page.getByTestId('enterprise-search').press('Enter');
    await page.waitForURL(/q=/);
    await waitForText(page.getByTestId('enterprise-total'), '共 1 家');
    const table = page.getByTestId('enterprise-table');
    const row = table.locator('tbody tr.ant-table-row');
    await waitForText(row, A.uscc);
    const text = await row.innerText();
    expect(text).toContain('长桥街道工会');
    expect(text).toContain('2015-03-01');
    expect(text).toContain(`至 ${UNTIL}`);
    // Founded in 2015 with a five-year term and no election since.
    expect(text).toContain('换届逾期');
    await screenshot(page, 'import-found');

    await row.getByText(A.name).click();
    await page.waitForURL(/\/enterprises\/[0-9a-f-]{36}$/);
    await waitForText(page.getByTestId('enterprise-title'), A.name);
    await waitForText(page.getByTestId('enterprise-header'), A.uscc);
    await waitForText(page.getByTestId('union-summary'), '2015-03-01 建会');
    await waitForText(page.getByTestId('union-summary'), '96 人（入会率 80.0%）');
    await waitForText(page.getByTestId('fact-timeline'), '批量导入');
    await screenshot(page, 'import-opened');
  });
});
