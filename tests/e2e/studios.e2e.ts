// Journey of a model workers' innovation studio (劳模创新工作室): the union of a 吴中 enterprise
// (苏州宝丽洁) applies for a studio led by a model worker of the register; 吴中区总工会 recommends
// it; the city's production department approves it, sets up a new batch with its plaque date and
// designates the studio into it; the studio's union enters its four-clarity plan on a phone and
// reports a milestone done after its due date; 吴中区总工会 finds it flagged as late; at year end
// the district scores the studio against the year's score sheet and the city reviews the result;
// the batch's assessment report is exported and read back.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  apiSession,
  chromiumAvailable,
  launchBrowser,
  login,
  newPage,
  screenshot,
  startApp,
  waitForText,
  type RunningApp,
} from './server';

const PHONE = { width: 390, height: 844 };
const STUDIO = '许建国日化工艺劳模创新工作室';
const BATCH = '2026年第二批';

describe.skipIf(!chromiumAvailable())('a studio: applied, recommended, designated, planned, assessed', () => {
  let app: RunningApp;
  let browser: Browser;
  let studioId = '';
  let today = '';
  let leader = '';

  const signIn = async (username: string, viewport?: { width: number; height: number }): Promise<Page> => {
    const page = await newPage(browser, viewport);
    await page.goto(`${app.url}/login`);
    await login(page, username);
    return page;
  };

  /** Opens the studio's page and clicks one of its step buttons. */
  const openStep = async (page: Page, label: RegExp) => {
    await page.goto(`${app.url}/studios/${studioId}`);
    await page.getByTestId('studio-actions').getByRole('button', { name: label }).click();
  };

  /** Types a date into an antd date picker of the dialog and confirms it. */
  const typeDate = async (page: Page, label: string, value: string) => {
    const input = page.getByLabel(label);
    await input.click();
    await input.fill(value);
    await input.press('Enter');
  };

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    // China's today: the app runs on the wall clock.
    today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    // A model worker of the register who leads no studio yet, found the way the form finds one.
    const chair = await apiSession(app.url, 'baolijie');
    const found = await chair.get<{ id: string; name: string }[]>(
      `/api/studios/workers/lookup?q=${encodeURIComponent('张')}`,
    );
    leader = found[0]!.name;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('the enterprise union applies for a studio led by a registered model worker', async () => {
    const page = await signIn('baolijie');
    await page.goto(`${app.url}/studios`);
    await page.getByTestId('studio-new').click();
    const dialog = page.getByRole('dialog', { name: '申报劳模创新工作室' });
    // Sent empty, the form says what is missing.
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await waitForText(dialog, '请填写工作室名称');
    await dialog.getByLabel('工作室名称').fill(STUDIO);
    await dialog.getByTestId('studio-leader').click();
    await page.keyboard.type(leader);
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: leader })
      .first()
      .click();
    await dialog.getByLabel('直接填写').check();
    await dialog.getByPlaceholder('承载单位名称').fill('苏州宝丽洁日用品有限公司');
    await dialog.getByLabel('所属领域').fill('日用化工');
    await dialog.getByLabel('工作室简介（可不填）').fill('攻关洗涤剂配方工艺，带徒传技。');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await page.waitForURL(/\/studios\/[0-9a-f-]{36}/);
    studioId = page.url().split('/studios/')[1]!.split(/[?#]/)[0]!;
    await waitForText(page.getByTestId('studio-page'), '已申报');
    await screenshot(page, 'studios-01-applied');
    await page.close();
  });

  it('吴中区总工会 finds the application on its home page and recommends it', async () => {
    const page = await signIn('wuzhong');
    await waitForText(page.locator('body'), '待推荐的劳模创新工作室申报');
    await openStep(page, /^推\s*荐$/);
    const dialog = page.getByRole('dialog', { name: '推荐申报' });
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await waitForText(page.getByTestId('studio-page'), '已推荐');
    await page.close();
  });

  it('the city approves it, sets up a batch with its plaque date and designates the studio', async () => {
    const page = await signIn('production');
    await openStep(page, /^审\s*核$/);
    const review = page.getByRole('dialog', { name: '审核申报' });
    await review.getByLabel('审核通过').check();
    await review.getByRole('button', { name: /确\s*定/ }).click();
    await waitForText(page.getByTestId('studio-page'), '审核通过');

    await page.goto(`${app.url}/studios/batches`);
    await page.getByTestId('batch-new').click();
    const batch = page.getByRole('dialog', { name: '设立命名批次' });
    await batch.getByLabel('年度').fill(today.slice(0, 4));
    await batch.getByLabel('批次名称').fill(BATCH);
    await batch.getByLabel('市级劳模创新工作室').check();
    await typeDate(page, '挂牌日期', today);
    await batch.getByLabel('挂牌仪式（可不填）').fill('市总工会、市劳模协会举行挂牌仪式');
    await batch.getByRole('button', { name: /确\s*定/ }).click();
    await waitForText(page.getByTestId('batch-table'), BATCH);

    await openStep(page, /^命名挂牌$/);
    const designate = page.getByRole('dialog', { name: '命名挂牌' });
    await designate.getByTestId('studio-batch').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: BATCH })
      .click();
    await designate.getByRole('button', { name: /确\s*定/ }).click();
    await waitForText(page.getByTestId('studio-page'), '已命名挂牌');
    await waitForText(page.getByTestId('studio-page'), BATCH);
    await screenshot(page, 'studios-02-designated');
    await page.close();
  });

  it('the studio enters its four-clarity plan on a phone and reports a milestone late', async () => {
    const page = await signIn('baolijie', PHONE);
    await page.goto(`${app.url}/studios/${studioId}?tab=plan`);
    const tab = page.getByTestId('studio-plan-tab');
    await tab.getByRole('button', { name: /制定计划/ }).click();
    const form = page.getByRole('dialog', { name: '制定计划（四明确）' });
    await form.getByLabel('计划名称').fill(`${today.slice(0, 4)}年度工作计划`);
    const year = today.slice(0, 4);
    await typeDate(page, '计划期', `${year}-01-01`);
    const end = form.locator('.ant-picker-input input').nth(1);
    await end.click();
    await end.fill(`${year}-12-31`);
    await end.press('Enter');
    await form.getByLabel('目标明确').fill('完成两项配方工艺改进，申请一项发明专利');
    await form.getByLabel('任务明确').fill('组织技术攻关，开展带徒传技');
    await form.getByLabel('要求明确').fill('每季度报告进度，年底总结');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await waitForText(tab.getByTestId('plan-clarities'), '完成两项配方工艺改进');

    // A milestone due some days ago, reported done today: done after its due date.
    const due = `${year}-${today.slice(5, 7)}-01`;
    await tab.getByTestId('milestone-add').click();
    const milestone = page.getByRole('dialog', { name: '添加安排' });
    await milestone.getByLabel('安排内容').fill('完成第一项配方工艺改进');
    await typeDate(page, '完成时限', due);
    await milestone.getByLabel('责任人').fill('许建国');
    await milestone.getByRole('button', { name: /保\s*存/ }).click();
    await waitForText(tab.getByTestId('milestone-list'), '完成第一项配方工艺改进');

    await tab.getByTestId('milestone-report').first().click();
    const report = page.getByRole('dialog', { name: '报告进度' });
    await report.getByLabel('已完成').check();
    await report.getByLabel('进展情况').fill('改进后的配方已投产，能耗下降一成');
    await report.getByRole('button', { name: /提\s*交/ }).click();
    await waitForText(tab.getByTestId('milestone-list'), '逾期完成');
    await screenshot(page, 'studios-03-plan-phone');
    // Nothing on the phone page is wider than the phone.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await page.close();
  });

  it('吴中区总工会 sees the late milestone flagged', async () => {
    const page = await signIn('wuzhong');
    await page.goto(`${app.url}/studios/milestones?due=doneLate&studioId=${studioId}`);
    const row = page.locator('tbody tr.ant-table-row').filter({ hasText: STUDIO });
    await waitForText(row, '逾期完成');
    await screenshot(page, 'studios-04-late-flagged');
    await page.close();
  });

  it('at year end the district scores the studio and the city reviews the result', async () => {
    const year = Number(today.slice(0, 4));
    // The year's score sheet, as the city keeps it (its editor is tested in the API suite).
    const production = await apiSession(app.url, 'production');
    await production.send('POST', '/api/studios/assessment-sheets', {
      name: `${year}年度劳模创新工作室督察考核表`,
      year,
      criteria: [
        { key: 'plan', label: '四明确计划落实', weight: 40, maxScore: 100, evidence: '计划及进度报告' },
        { key: 'results', label: '创新成果与效益', weight: 60, maxScore: 100, evidence: '成果证明材料' },
      ],
      excellentFrom: 90,
      passFrom: 60,
      failsToRevoke: 2,
    });

    const city = await signIn('production');
    await city.goto(`${app.url}/studios/assessments?year=${year}&q=${encodeURIComponent(STUDIO)}`);
    await city.getByTestId('assessment-open-year').click();
    await city
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /启\s*动/ })
      .click();
    await waitForText(city.getByTestId('assessment-table'), STUDIO);

    // The district scores on site, on a phone.
    const district = await signIn('wuzhong', PHONE);
    await district.goto(`${app.url}/studios/assessments?year=${year}&q=${encodeURIComponent(STUDIO)}`);
    await district.getByTestId('assessment-open').filter({ hasText: STUDIO }).click();
    await district.getByTestId('assessment-score').click();
    await district.locator('input[data-testid="score-plan"], [data-testid="score-plan"] input').fill('95');
    await district
      .locator('input[data-testid="score-results"], [data-testid="score-results"] input')
      .fill('90');
    // 95 × 40% + 90 × 60% = 92.00: excellent.
    await waitForText(district.getByTestId('score-total'), '92');
    await waitForText(district.getByTestId('score-proposed'), '优秀');
    await district.getByTestId('score-save').click();
    await waitForText(district.getByTestId('assessment-drawer'), '待审定');
    await screenshot(district, 'studios-05-scored-phone');
    await district.close();

    await city.goto(`${app.url}/studios/assessments?year=${year}&q=${encodeURIComponent(STUDIO)}`);
    await city.getByTestId('assessment-open').filter({ hasText: STUDIO }).click();
    await city.getByTestId('assessment-review').click();
    const review = city.getByRole('dialog', { name: '审定考核结果' });
    await review.getByLabel('审定意见').fill('计划落实到位，成果效益显著');
    await review.getByRole('button', { name: /确\s*定/ }).click();
    await waitForText(city.getByTestId('assessment-drawer'), '已审定');
    await screenshot(city, 'studios-06-reviewed');
    await city.close();
  });

  it('the batch’s assessment report is exported with the studio’s scores and result', async () => {
    const year = Number(today.slice(0, 4));
    const page = await signIn('production');
    const production = await apiSession(app.url, 'production');
    const batches = await production.get<{ items: { id: string; name: string }[] }>('/api/studios/batches');
    const batch = batches.items.find((b) => b.name === BATCH)!;
    await page.goto(`${app.url}/studios/assessments?year=${year}&batchId=${batch.id}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-xlsx').click(),
    ]);
    const file = await download.path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const rows: string[] = [];
    book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).map(String).join('|')));
    const line = rows.find((r) => r.includes(STUDIO));
    expect(line).toBeDefined();
    expect(line).toContain('92');
    expect(line).toContain('优秀');
    // The batch's report holds the batch's studios only, not those of the demo's batches.
    const others = await production.get<{ items: { name: string; batch: { name: string } | null }[] }>(
      '/api/studios?state=designated&pageSize=20',
    );
    const other = others.items.find((s) => s.batch && s.batch.name !== BATCH)!;
    expect(rows.some((r) => r.includes(other.name))).toBe(false);
    await page.close();
  });
});
