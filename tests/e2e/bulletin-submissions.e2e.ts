// Journey of an item (信息报送): an information officer writes and submits it (an empty title is
// explained first), the editor returns it with a comment, the officer reads the comment, revises
// and resubmits, the editor adopts it as a brief (简讯) into 工作简讯 with an edited title and sees
// the comparison; the notification bells count along. Then the editor compiles the next issue
// with the brief and two more adopted items (one placed by drag and drop), previews and publishes
// it, downloads the Word file and reads it through LibreOffice; the points of 吴中区总工会 and
// its officer appear in the monthly ranking, which names the units that submitted nothing.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { docxToPdf, pdfToolsAvailable } from '../pdf';
import {
  ARTIFACTS,
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

const TITLE = '吴中区总工会举办职工技能竞赛';
const EDITED_TITLE = '吴中区举办首届职工技能竞赛';
const BODY = '　　11月18日，吴中区总工会在木渎镇举办职工技能竞赛，来自32家企业的156名职工参赛。';
const MORE = '竞赛设数控车工、电工两个项目。';
const COMMENT = '请补充竞赛项目设置情况';

interface Unread {
  unread: number;
}

describe.skipIf(!chromiumAvailable())('information reporting: submit, return, revise, adopt', () => {
  let app: RunningApp;
  let browser: Browser;
  let officer: Page;
  let editor: Page;
  let itemUrl = '';

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    officer = await newPage(browser);
    editor = await newPage(browser);
    await officer.goto(`${app.url}/login`);
    await login(officer, 'info_wuzhong');
    await editor.goto(`${app.url}/login`);
    await login(editor, 'editor');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const unreadOf = async (username: string) =>
    (await (await apiSession(app.url, username)).get<Unread>('/api/notifications?pageSize=1')).unread;

  /** The number the header bell shows once it has loaded (0 when it shows none). */
  const bellCount = async (page: Page) => {
    await page.reload();
    const bell = page.locator('[data-testid="notification-bell"][data-unread]');
    await bell.waitFor();
    const count = Number(await bell.getAttribute('data-unread'));
    const badge = bell.locator('.ant-badge-count');
    expect(await badge.count()).toBe(count > 0 ? 1 : 0);
    if (count > 0) expect(await badge.getAttribute('title')).toBe(String(count));
    return count;
  };

  const confirmModal = async (page: Page, ok: RegExp) => {
    const dialog = page.locator('.ant-modal-confirm');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: ok }).click();
  };

  it('the officer is told an empty title is missing, then submits the item', async () => {
    const editorUnreadBefore = await unreadOf('editor');
    await officer.goto(`${app.url}/bulletin/submissions`);
    await waitForText(officer.locator('h4'), '我的信息');
    await officer.getByTestId('new-submission').click();
    await officer.locator('#submission-form_body').fill(BODY);
    await waitForText(officer.locator('.ant-input-data-count'), `${Array.from(BODY).length} / 20000 字`);
    await officer.getByRole('button', { name: /报\s*送/ }).click();
    await waitForText(officer.locator('#submission-form_title_help'), '标题不能为空');
    await screenshot(officer, 'bulletin-empty-title');

    await officer.locator('#submission-form_title').fill(TITLE);
    await officer.locator('#submission-form_suggestedColumnId').click();
    await officer.locator('.ant-select-item-option[title="工作动态"]').click();
    await officer.locator('#submission-form_authors').fill('赵信息');
    await officer.keyboard.press('Enter');
    await officer.getByRole('button', { name: /报\s*送/ }).click();
    await confirmModal(officer, /^报\s*送$/);
    await officer.waitForURL(/\/bulletin\/submissions\/[0-9a-f-]{36}$/);
    itemUrl = officer.url();
    await waitForText(officer.getByTestId('submission-state'), '已报送');
    await waitForText(officer.getByTestId('submission-facts'), '赵信息');
    await screenshot(officer, 'bulletin-submitted');

    expect(await unreadOf('editor')).toBe(editorUnreadBefore + 1);
    expect(await bellCount(editor)).toBe(editorUnreadBefore + 1);
  });

  const openOnDesk = async (shot?: string) => {
    await editor.goto(`${app.url}/bulletin/desk`);
    if (shot) {
      await editor.getByTestId('desk-table').getByText(TITLE, { exact: true }).waitFor();
      await editor.waitForTimeout(400);
      await screenshot(editor, shot);
    }
    await editor.getByTestId('desk-table').getByText(TITLE, { exact: true }).click();
    await editor.getByTestId('desk-drawer').getByTestId('editor-actions').waitFor();
  };

  it('the editor returns it with a comment', async () => {
    await openOnDesk('bulletin-desk');
    await editor.waitForTimeout(500); // the drawer slides in
    await screenshot(editor, 'bulletin-desk-drawer');
    await editor.getByTestId('desk-drawer').getByTestId('action-return').click();
    const modal = editor.locator('.return-modal');
    await modal.getByRole('button', { name: /退\s*回/ }).click();
    await waitForText(modal, '请填写退回意见');
    await modal.locator('textarea').fill(COMMENT);
    await modal.getByRole('button', { name: /退\s*回/ }).click();
    await waitForText(editor.getByTestId('desk-drawer').getByTestId('submission-state'), '退回修改');
  });

  it('the officer sees the comment, revises and resubmits', async () => {
    const before = await unreadOf('info_wuzhong');
    expect(before).toBeGreaterThanOrEqual(1);
    expect(await bellCount(officer)).toBe(before);
    await officer.getByTestId('notification-bell').click();
    const panel = officer.getByTestId('notification-panel');
    await waitForText(panel, `稿件《${TITLE}》被退回修改：${COMMENT}`);
    await officer.waitForTimeout(400); // the dropdown fades in
    await screenshot(officer, 'bulletin-bell');
    await panel.getByText(`稿件《${TITLE}》被退回修改：${COMMENT}`).click();
    await officer.waitForURL(itemUrl);
    await waitForText(officer.getByTestId('editor-comment'), COMMENT);
    expect(await unreadOf('info_wuzhong')).toBe(before - 1);

    await officer.goto(`${app.url}/bulletin/submissions`);
    await waitForText(officer.getByTestId('row-editor-comment'), `退回意见：${COMMENT}`);
    await officer.waitForTimeout(400);
    await screenshot(officer, 'bulletin-my-list');

    await officer.goto(itemUrl);
    await officer.getByRole('button', { name: /修\s*改/ }).click();
    await officer.locator('#submission-form_body').waitFor();
    await waitForText(officer.getByTestId('editor-comment'), COMMENT);
    await officer.locator('#submission-form_body').press('End');
    await officer.locator('#submission-form_body').pressSequentially(MORE);
    await officer.getByRole('button', { name: /重新报送/ }).click();
    await confirmModal(officer, /重新报送/);
    await officer.waitForURL(itemUrl);
    await waitForText(officer.getByTestId('submission-state'), '已报送');
    await waitForText(officer.getByTestId('submission-text'), MORE);
  });

  it('the editor adopts it as a brief into 工作简讯 with an edited title and sees the comparison', async () => {
    const officerUnread = await unreadOf('info_wuzhong');
    await openOnDesk();
    await editor.getByTestId('desk-drawer').getByTestId('action-adopt').click();
    const modal = editor.locator('.adopt-modal');
    // The suggested column is chosen already; open the select to change it.
    await modal.locator('.ant-select-selector', { has: editor.locator('#adopt-form_columnId') }).click();
    await editor.locator('.ant-select-item-option[title="工作简讯"]').click();
    await modal.getByText('简讯', { exact: true }).click();
    await modal.locator('#adopt-form_editedTitle').fill(EDITED_TITLE);
    await waitForText(modal.getByTestId('diff-edited').locator('ins'), '首届');
    await waitForText(modal.getByTestId('diff-stats'), '与原稿相比');
    await screenshot(editor, 'bulletin-adopt-modal');
    await modal.getByRole('button', { name: /^采\s*用$/ }).click();
    const drawer = editor.getByTestId('desk-drawer');
    await waitForText(drawer.getByTestId('submission-state'), '已采用');
    await waitForText(drawer.getByTestId('diff-original'), TITLE);
    await waitForText(drawer.getByTestId('diff-edited'), EDITED_TITLE);
    await waitForText(drawer.getByTestId('submission-facts'), '工作简讯（简讯）');
    await screenshot(editor, 'bulletin-adopted');

    expect(await unreadOf('info_wuzhong')).toBe(officerUnread + 1);
    expect(await bellCount(officer)).toBe(officerUnread + 1);
    await officer.goto(itemUrl);
    await waitForText(officer.getByTestId('submission-state'), '已采用');
    await waitForText(officer.getByTestId('diff-edited'), EDITED_TITLE);
    await screenshot(officer, 'bulletin-officer-adopted');
  });

  it('the editor compiles the next issue with the brief and two more items, publishes it and downloads the Word file', async () => {
    await editor.goto(`${app.url}/bulletin/archive`);
    await editor.getByTestId('issue-new').click();
    await editor.waitForURL(/\/bulletin\/issues\/[0-9a-f-]{36}\/compile$/);
    const heading = (await editor.getByTestId('compile-title').textContent()) ?? '';
    const [, year, number] = /(\d{4})年第(\d+)期/.exec(heading) ?? [];
    expect(number).toBeDefined();
    // The demo city has this year's first issue out already: this one is the next.
    expect(Number(number)).toBeGreaterThan(1);

    const candidates = editor.getByTestId('compile-candidate');
    await candidates.filter({ hasText: EDITED_TITLE }).getByTestId('compile-add').click();
    const others = candidates.filter({ hasNotText: EDITED_TITLE });
    const second = (await others.first().locator('.ant-typography strong').textContent()) ?? '';
    await others.first().getByTestId('compile-add').click();
    // The third is dragged from the waiting list onto the layout.
    const third = (await others.first().locator('.ant-typography strong').textContent()) ?? '';
    await others.first().dragTo(editor.getByTestId('compile-column').first());
    await expect.poll(() => editor.getByTestId('compile-item').count()).toBe(3);
    const placed = await editor.getByTestId('compile-layout').textContent();
    for (const t of [EDITED_TITLE, second, third]) expect(placed).toContain(t);

    await editor.getByTestId('compile-report').fill('省总工会办公室，市委办公室、市政府办公室');
    await screenshot(editor, 'bulletin-compile');
    await editor.getByTestId('compile-save').click();
    await waitForText(editor.locator('.ant-message'), '已保存本期编排');

    await editor.getByTestId('compile-preview').click();
    await editor.waitForURL(/\/bulletin\/issues\/[0-9a-f-]{36}$/);
    const sheet = editor.getByTestId('issue-sheet');
    await waitForText(editor.getByTestId('issue-masthead'), `第${number}期`);
    await waitForText(sheet, '【工作简讯】');
    await waitForText(sheet, `${EDITED_TITLE}。`);
    await waitForText(sheet, '（吴中区总工会）');
    await screenshot(editor, 'bulletin-preview');
    await editor.goBack();

    await editor.getByTestId('compile-publish').click();
    await confirmModal(editor, /^出\s*刊$/);
    await editor.waitForURL(/\/bulletin\/issues\/[0-9a-f-]{36}$/);
    await waitForText(editor.locator('.ant-tag'), '已出刊');
    await waitForText(editor.getByTestId('issue-distribution'), '省总工会办公室');
    await screenshot(editor, 'bulletin-published');

    // The officer's item is published now.
    await officer.goto(itemUrl);
    await waitForText(officer.getByTestId('submission-state'), '已刊发');

    const [download] = await Promise.all([
      editor.waitForEvent('download'),
      editor.getByTestId('issue-word').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^工作动态${year}年第${number}期(（总第\\d+期）)?\\.docx$`),
    );
    const docx = path.join(ARTIFACTS, 'bulletin-issue.docx');
    await download.saveAs(docx);
    if (!(await pdfToolsAvailable())) return;
    const { text, pages } = await docxToPdf(docx, ARTIFACTS, path.join(ARTIFACTS, 'bulletin-issue-docx'));
    const flat = text.replace(/\s+/g, '');
    expect(pages).toBeGreaterThanOrEqual(1);
    for (const expected of [
      '工作动态',
      `第${number}期`,
      '苏州市总工会编',
      '【工作简讯】',
      `${EDITED_TITLE}。`,
      '（吴中区总工会）',
      '报：省总工会办公室',
    ])
      expect(flat).toContain(expected);
  });

  it('points appear for 吴中区总工会 and its officer; the monthly ranking names the units that sent nothing', async () => {
    await editor.goto(`${app.url}/bulletin/rankings`);
    const table = editor.getByTestId('ranking-table');
    await waitForText(table, '吴中区总工会');
    const row = table.locator('tr', { hasText: '吴中区总工会' });
    const points = Number((await row.locator('td').last().textContent()) ?? '0');
    expect(points).toBeGreaterThanOrEqual(5);
    await waitForText(editor.getByTestId('ranking-silent'), '未报送信息的单位');
    await screenshot(editor, 'bulletin-ranking');
    await editor.getByTestId('ranking-by').getByText('按信息员').click();
    await waitForText(table, '赵信息');
    await screenshot(editor, 'bulletin-ranking-officers');
  });
});
