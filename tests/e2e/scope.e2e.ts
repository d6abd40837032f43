// Journey: a district union's staff member sees their own subtree and nothing of a sibling
// district, finds organisations by name, and leaves through logout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { OrgPage } from '../../src/orgs/contract';
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

describe.skipIf(!chromiumAvailable())('scope: 吴中区总工会 staff (wuzhong)', () => {
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

  it('asks for login first and then opens the page that was asked for', async () => {
    await page.goto(`${app.url}/orgs`);
    await page.waitForURL(/\/login\?next=%2Forgs/);
    await login(page, 'wuzhong');
    expect(new URL(page.url()).pathname).toBe('/orgs');
    await waitForText(page.getByTestId('user-menu'), '张吴中');
  });

  it('shows 吴中区总工会 as the root of the tree with its townships, and nothing of 吴江', async () => {
    const tree = page.getByTestId('org-tree');
    await waitForText(tree, '长桥街道工会');
    const nodes = await tree.getByTestId('org-node').allTextContents();
    expect(nodes[0]).toBe('吴中区总工会');
    expect(nodes).toContain('木渎镇工会');
    expect(nodes.join('|')).not.toMatch(/吴江|盛泽|苏州市总工会/);
    await waitForText(page.getByTestId('org-title'), '吴中区总工会');
    await screenshot(page, 'scope-tree');
  });

  it('finds organisations by name with the path to them, and not those of another district', async () => {
    const search = page.getByTestId('org-search');
    await search.fill('长桥');
    const results = page.getByTestId('org-search-results');
    await waitForText(results, '苏州吴中长桥小学工会');
    await waitForText(results, '吴中区总工会 / 长桥街道工会');
    await results.getByText('苏州吴中长桥小学工会').click();
    await waitForText(page.getByTestId('org-title'), '苏州吴中长桥小学工会');
    expect(page.url()).toMatch(/\/orgs\/[0-9a-f-]{36}$/);
    await waitForText(page.getByTestId('org-detail'), '81320500MA1');

    await search.fill('盛泽');
    await waitForText(page.locator('.ant-empty'), '没有名称包含“盛泽”的组织');
    await screenshot(page, 'scope-search');
    await search.fill('');
    await waitForText(page.getByTestId('org-tree'), '苏州吴中长桥小学工会');
  });

  it('answers a link to a 吴江 organisation with "not found or outside your scope"', async () => {
    const admin = await apiSession(app.url, 'admin');
    const found = await admin.get<OrgPage>(`/api/orgs?q=${encodeURIComponent('盛泽镇工会')}`);
    const shengze = found.items.find((o) => o.name === '盛泽镇工会');
    expect(shengze?.ancestors.map((a) => a.name)).toContain('吴江市总工会');

    await page.goto(`${app.url}/orgs/${shengze?.id}`);
    await waitForText(page.getByTestId('org-detail-error'), '组织不存在，或不在您的管理范围内');
    expect(await page.getByTestId('org-title').count()).toBe(0);
    await screenshot(page, 'scope-not-found');
  });

  it('hides what the role may not do', async () => {
    await page.goto(`${app.url}/`);
    await waitForText(page.getByTestId('welcome'), '张吴中');
    const menu = await page.locator('.ant-menu-root').innerText();
    expect(menu).toContain('组织体系');
    expect(menu).not.toContain('操作日志');
    await page.goto(`${app.url}/admin/audit`);
    await waitForText(page.locator('.ant-result'), '没有权限');
  });

  it('logs out to the login page, and the session is gone', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${app.url}/orgs`);
    await page.waitForURL(/\/login\?next=/);
    await screenshot(page, 'scope-logged-out');
  });
});
