// Journey: the city federation's staff (city) reads the "two universals" dashboard, drills down
// to a district, opens the enterprises behind a count, and looks at an earlier date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  ARTIFACTS,
  chromiumAvailable,
  launchBrowser,
  login,
  newPage,
  screenshot,
  startApp,
  waitForText,
  type RunningApp,
} from './server';

const COUNTIES = [
  '常熟市总工会',
  '张家港市总工会',
  '昆山市总工会',
  '吴江市总工会',
  '太仓市总工会',
  '沧浪区总工会',
  '平江区总工会',
  '金阊区总工会',
  '虎丘区总工会',
  '吴中区总工会',
  '相城区总工会',
  '苏州工业园区工会工作委员会',
];

const digits = (text: string) => Number(text.replace(/[^\d]/g, ''));

/** The trend chart's canvas, once drawn with a real size. */
async function trendCanvas(page: Page) {
  const canvas = page.getByTestId('coverage-trend-chart').locator('canvas').first();
  await canvas.waitFor();
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  expect(box).not.toBeNull();
  if (!box) throw new Error('no trend chart');
  expect(box.width).toBeGreaterThan(600);
  expect(box.height).toBeGreaterThan(250);
  return box;
}

/** Pixels of the canvas near the 建会率 line's colour (#1677ff): how much of that line is drawn. */
function establishmentLinePixels(page: Page): Promise<number> {
  return page
    .getByTestId('coverage-trend-chart')
    .locator('canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement) => {
      const context = canvas.getContext('2d');
      if (!context) return 0;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        const r = data[i] ?? 0;
        const g = data[i + 1] ?? 0;
        const b = data[i + 2] ?? 0;
        if (Math.abs(r - 22) < 40 && Math.abs(g - 119) < 40 && Math.abs(b - 255) < 40) n++;
      }
      return n;
    });
}

/**
 * Hovers the trend chart's first or last point and reads its tooltip ('' when none showed). The
 * plot area's edges depend on the axis labels, so the mouse walks in from the chosen side until
 * the tooltip of that side's point appears.
 */
async function trendTooltip(page: Page, side: 'first' | 'last'): Promise<string> {
  const box = await trendCanvas(page);
  const chart = page.getByTestId('coverage-trend-chart');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, box.y - 40);
  for (let dx = 4; dx < 160; dx += 8) {
    await page.mouse.move(side === 'first' ? box.x + dx : box.x + box.width - dx, y);
    const text = await chart.innerText();
    if (side === 'last' ? text.includes('（统计日期）') : text.includes('月末')) return text;
  }
  return '';
}

describe.skipIf(!chromiumAvailable())('coverage: the two-universals dashboard (city)', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    page = await newPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the city with its 12 county-level units and the industry unions', async () => {
    await page.goto(`${app.url}/coverage`);
    await page.waitForURL(/\/login/);
    await login(page, 'city');
    expect(new URL(page.url()).pathname).toBe('/coverage');
    await waitForText(page.getByTestId('coverage-title'), '苏州市总工会');
    await waitForText(page.getByTestId('coverage-rule'), '口径：职工 10 人以上');
    const children = await page.getByTestId('coverage-child').allTextContents();
    for (const name of COUNTIES) expect(children).toContain(name);
    expect(
      children.filter((n) => n.includes('市') && n.endsWith('工会') && !COUNTIES.includes(n)).length,
    ).toBeGreaterThan(0);
    expect(await page.getByTestId('rate-establishmentRate').innerText()).toMatch(/^\d{1,3}\.\d%$/);
    expect(await page.locator('.ant-menu-root').innerText()).toContain('两个普遍');

    // The trend: a drawn chart whose 建会率 line is visible, and a tooltip in Chinese with the
    // counts behind each rate, the last point being the chosen date itself.
    await trendCanvas(page);
    await expect.poll(() => establishmentLinePixels(page)).toBeGreaterThan(400);
    let tip = '';
    await expect.poll(async () => (tip = await trendTooltip(page, 'last'))).toContain('（统计日期）');
    for (const label of ['建会率', '职工覆盖率', '职工入会率', '工资集体协商建制率'])
      expect(tip).toContain(label);
    expect(tip).toMatch(/已建会 [\d,]+ \/ 应建会 [\d,]+ 家/);
    const cityRate = await page.getByTestId('rate-establishmentRate').innerText();
    expect(tip).toMatch(new RegExp(`建会率 ${cityRate.replace('.', '\\.')}`));
    await expect.poll(() => trendTooltip(page, 'first')).toMatch(/\d{4}-\d{2} 月末/);
    await expect.poll(() => trendTooltip(page, 'last')).toContain('（统计日期）');
    await page.getByTestId('coverage-trend').screenshot({ path: `${ARTIFACTS}/coverage-trend.png` });
    // The whole page, so that the chart below the cards is in the picture, without a tooltip.
    await page.mouse.move(0, 0);
    await expect.poll(() => page.getByTestId('coverage-trend-chart').innerText()).toBe('');
    await page.screenshot({ path: `${ARTIFACTS}/coverage-city.png`, fullPage: true });
  });

  it('sets a target for 吴中区总工会 and shows it coloured in the table', async () => {
    const row = page.getByTestId('coverage-table').locator('tr').filter({ hasText: '吴中区总工会' });
    await row.getByTestId('set-targets').click();
    const modal = page.locator('.ant-modal').filter({ hasText: '设置目标' });
    await waitForText(modal, '设置目标 · 吴中区总工会');
    await modal.locator('input#establishmentRate').fill('90');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await modal.waitFor({ state: 'hidden' });
    const tag = row.getByTestId('target-establishmentRate');
    await waitForText(tag, '目标 90%');
    expect(await tag.getAttribute('data-progress')).toMatch(/^(green|gold|red)$/);
    await screenshot(page, 'coverage-targets');
  });

  it('drills down to 吴中区总工会 and its townships', async () => {
    await page.getByTestId('coverage-child').filter({ hasText: '吴中区总工会' }).click();
    await waitForText(page.getByTestId('coverage-title'), '吴中区总工会');
    expect(page.url()).toMatch(/orgId=[0-9a-f-]{36}/);
    await waitForText(page.getByTestId('coverage-breadcrumb'), '苏州市总工会');
    await waitForText(page.getByTestId('coverage-table'), '木渎镇工会');
    const children = await page.getByTestId('coverage-child').allTextContents();
    expect(children).toContain('长桥街道工会');
    expect(children.join('|')).not.toMatch(/吴江|常熟/);
    // The trend follows the drill-down: its last point is the district's own 建会率, with the
    // target set above (drawn as a dashed line too).
    const rate = await page.getByTestId('rate-establishmentRate').innerText();
    await expect
      .poll(() => trendTooltip(page, 'last'))
      .toMatch(new RegExp(`建会率 ${rate.replace('.', '\\.')}（目标 90%）`));
    await screenshot(page, 'coverage-wuzhong');
  });

  it('opens exactly the enterprises behind a township’s 已建会 count', async () => {
    const row = page.getByTestId('coverage-table').locator('tr').filter({ hasText: '木渎镇工会' });
    const link = row.getByTestId('count-unionised');
    const count = digits(await link.innerText());
    expect(count).toBeGreaterThan(0);
    await link.click();
    const drawer = page.getByTestId('coverage-drawer');
    await waitForText(drawer, '已建会企业');
    await waitForText(page.getByTestId('coverage-list-total'), `共 ${count} 家`);
    expect(await page.getByTestId('coverage-enterprise-link').count()).toBe(Math.min(count, 20));
    await screenshot(page, 'coverage-list');
    await page.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
  });

  it('shows other figures as of 2015-06-30', async () => {
    const before = await page.getByTestId('coverage-cards').innerText();
    const input = page.getByTestId('coverage-date').locator('input');
    await input.click();
    await input.fill('2015-06-30');
    await input.press('Enter');
    await page.waitForURL(/date=2015-06-30/);
    await waitForText(page.getByTestId('coverage-title'), '吴中区总工会');
    await expect.poll(() => page.getByTestId('coverage-cards').innerText()).not.toBe(before);
    expect(await input.inputValue()).toBe('2015-06-30');
    // The trend ends on the new date and starts 23 month ends before it.
    await expect.poll(() => trendTooltip(page, 'last')).toContain('2015-06-30（统计日期）');
    await expect.poll(() => trendTooltip(page, 'first')).toContain('2013-07 月末');
    await screenshot(page, 'coverage-2015');
  });

  it('at 07:00 in China (23:00 UTC the day before) the default date is China’s today', async () => {
    const early = await newPage(browser);
    await early.clock.setFixedTime(new Date('2026-03-01T23:00:00Z'));
    await early.goto(`${app.url}/login`);
    await login(early, 'city');
    await early.goto(`${app.url}/coverage`);
    const input = early.getByTestId('coverage-date').locator('input');
    await expect.poll(() => input.inputValue()).toBe('2026-03-02');
    await early.close();
  });
});
