// Journey: an administrator creates a grassroots union; a mistyped USCC and a duplicate name are
// explained under their fields, the first before sending, the second by the server.
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

const NAME = '苏州长桥精密机械有限公司工会委员会';
const USCC = completeUscc('81320500', 'MA1E2E01');
/** The same code with a wrong check character. */
const BAD_USCC = USCC.slice(0, 17) + (USCC.endsWith('1') ? '2' : '1');

describe.skipIf(!chromiumAvailable())('admin creates an organisation', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    page = await newPage(browser);
    await page.goto(`${app.url}/login`);
    await login(page, 'admin');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const openCreateUnder = async (parent: string) => {
    await page.goto(`${app.url}/orgs`);
    await page.getByTestId('org-search').fill(parent);
    await page.getByTestId('org-search-results').getByText(parent, { exact: true }).click();
    await waitForText(page.getByTestId('org-title'), parent);
    await page.getByRole('button', { name: /新建下级组织/ }).click();
    await page.locator('#org-form_name').waitFor();
  };

  const chooseKind = async (label: string) => {
    await page.locator('#org-form_kind').click();
    await page.locator(`.ant-select-item-option[title="${label}"]`).click();
  };

  it('explains a wrong USCC check character under the field, then saves the corrected code', async () => {
    await openCreateUnder('长桥街道工会');
    await page.locator('#org-form_name').fill(NAME);
    await chooseKind('基层工会');
    await page.locator('#org-form_uscc').fill(BAD_USCC.toLowerCase());
    const help = page.locator('#org-form_uscc_help');
    await waitForText(help, `统一社会信用代码校验位错误，第 18 位应为 ${USCC[17]}`);
    await page.locator('#org-form_divisionCode').fill('32050');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await waitForText(page.locator('#org-form_divisionCode_help'), '行政区划代码应为 6 位数字');
    await screenshot(page, 'create-bad-uscc');

    await page.locator('#org-form_divisionCode').fill('');
    await page.locator('#org-form_uscc').fill(USCC);
    await help.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /保\s*存/ }).click();

    await waitForText(page.getByTestId('org-title'), NAME);
    await waitForText(page.getByTestId('org-detail'), USCC);
    await waitForText(page.getByTestId('org-detail'), '基层工会');
    // Back from the search to the tree: it has unfolded down to the new organisation.
    await page.getByTestId('org-search').fill('');
    await waitForText(page.getByTestId('org-tree'), NAME);
    const breadcrumb = await page.locator('.ant-breadcrumb').innerText();
    expect(breadcrumb).toContain('长桥街道工会');
    await screenshot(page, 'create-saved');
  });

  it("shows the server's refusal of a duplicate name under the name field", async () => {
    await openCreateUnder('长桥街道工会');
    await page.locator('#org-form_name').fill(NAME);
    await chooseKind('基层工会');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await waitForText(page.locator('#org-form_name_help'), `同一上级下已有名为“${NAME}”的组织`);
    await screenshot(page, 'create-duplicate-name');
  });
});
