// Journey of the early-warning system (劳动关系矛盾预警): a 吴中 township cadre reports wage
// arrears at a registered enterprise on a phone (80 workers, 2 months, 1.2 million yuan) and sees
// the grade and why; 吴中区总工会 is notified with its deadline; time passes (the app restarts with
// its clock ahead) beyond the deadline: the report is overdue and waits at the city, where the
// legal department sees it; 吴中区总工会 acknowledges it late, logs coordination with labour
// inspection and closes it with the amount recovered; the enterprise counts in category 2 while
// the report is open; a month later the follow-up is due on the home page.
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

/** A one-page PDF, as a scanned wage list would be sent. */
const WAGE_LIST_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

interface Firm {
  id: string;
  name: string;
}

describe.skipIf(!chromiumAvailable())(
  'early warning: report, deadline, escalation, handling, follow-up',
  () => {
    let app: RunningApp;
    let browser: Browser;
    let firm: Firm;
    let reportId = '';
    /** Hours the app's clock runs ahead after each restart. */
    const LATE = 13;

    const signIn = async (username: string, viewport?: { width: number; height: number }): Promise<Page> => {
      const page = await newPage(browser, viewport);
      await page.goto(`${app.url}/login`);
      await login(page, username);
      return page;
    };

    /** Whether the three-category list of 长桥街道 holds the enterprise under category 2. */
    const inCategory2 = async () => {
      const api = await apiSession(app.url, 'wuzhong');
      const page = await api.get<{
        items: { enterprise: { id: string }; reasons: { code: string; text: string }[] }[];
      }>(`/api/coverage/priority?reason=tenseRelations&category=2&pageSize=500`);
      return page.items
        .find((i) => i.enterprise.id === firm.id)
        ?.reasons.find((r) => r.code === 'tenseRelations');
    };

    beforeAll(async () => {
      app = await startApp();
      browser = await launchBrowser();
      // An enterprise of 长桥街道 that no demo report names…
      const cadreApi = await apiSession(app.url, 'cadre_wuzhong');
      const firms = await cadreApi.get<{ items: Firm[] }>('/api/enterprises?pageSize=50&sort=name');
      const reported = await cadreApi.get<{ items: { enterprise: { id: string | null } }[] }>(
        '/api/labor/reports?pageSize=100',
      );
      const taken = new Set(reported.items.map((r) => r.enterprise.id));
      firm = firms.items.find((f) => !taken.has(f.id))!;
    }, 240_000);

    afterAll(async () => {
      await browser?.close();
      await app?.stop();
    });

    it('the township reports on a phone, with the wage list attached, and sees the grade with its reasons', async () => {
      expect(await inCategory2()).toBeUndefined();
      const cadre = await signIn('cadre_wuzhong', PHONE);
      await cadre.goto(`${app.url}/labor/reports/new`);
      await cadre.getByTestId('report-enterprise').click();
      await cadre.keyboard.type(firm.name.slice(0, 8));
      await cadre.locator('.ant-select-item-option', { hasText: firm.name }).first().click();
      await cadre.getByLabel('欠薪', { exact: true }).check();
      await cadre.getByTestId('report-workers').fill('80');
      await cadre.getByTestId('report-months').fill('2');
      await cadre.getByTestId('report-amount').fill('120');
      await cadre
        .getByTestId('report-description')
        .fill('企业资金链断裂，拖欠 80 名职工两个月工资约 120 万元。');
      const grade = cadre.getByTestId('report-grade');
      await waitForText(grade, '橙色预警');
      await waitForText(grade, '涉及职工 80 人（橙色标准 50 人以上）');
      await waitForText(grade, '涉及金额 120 万元（橙色标准 100 万元以上）');
      expect(await cadre.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      // The wage list goes with it, as a PDF chosen on the phone.
      const chooser = cadre.waitForEvent('filechooser');
      await cadre.getByTestId('report-files').click();
      await (
        await chooser
      ).setFiles({ name: '欠薪名单.pdf', mimeType: 'application/pdf', buffer: WAGE_LIST_PDF });
      await screenshot(cadre, 'labor-phone-report');
      await cadre.getByTestId('report-submit').click();
      await cadre.waitForURL(/\/labor\?report=/);
      reportId = new URL(cadre.url()).searchParams.get('report')!;
      const drawer = cadre.getByTestId('report-drawer');
      await waitForText(drawer, '吴中区总工会');
      await waitForText(drawer, /前签收（剩余/);
      await waitForText(drawer.getByTestId('report-attachments'), '欠薪名单.pdf');
      await screenshot(cadre, 'labor-phone-reported');
      // Open, so the enterprise counts in category 2 with the reason.
      expect((await inCategory2())?.text).toMatch(/劳动关系风险预警：\d{4}-\d{2}-\d{2} 起有风险报告/);
      await cadre.close();
    });

    it('吴中区总工会 is notified with the deadline', async () => {
      const district = await signIn('wuzhong');
      await waitForText(district.getByTestId('waiting-labor.awaiting'), '待本单位签收的风险报告');
      await district.getByTestId('notification-bell').click();
      const notice = district.getByTestId('notification-item').filter({ hasText: firm.name });
      await waitForText(notice, /橙色预警：.*请于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 前签收/);
      await screenshot(district, 'labor-district-notified');
      await district.close();
    });

    it('past the deadline the report is overdue and waits at the city for the legal department', async () => {
      await app.restart({ GONGHUI_CLOCK_OFFSET_HOURS: String(LATE) });
      const legal = await signIn('legal');
      await waitForText(legal.getByTestId('waiting-labor.overdue'), '超时未签收的风险报告');
      await legal.getByTestId('waiting-labor.overdue').getByRole('link').first().click();
      await legal.waitForURL(/due=overdue/);
      const row = legal.getByTestId('report-table').locator('tr', { hasText: firm.name });
      await waitForText(row, '超时');
      await row.getByTestId('report-open').click();
      const drawer = legal.getByTestId('report-drawer');
      await waitForText(drawer, '超时未签收，已自动上报至苏州市总工会');
      await waitForText(drawer.getByTestId('report-trail'), '吴中区总工会未在时限');
      await screenshot(legal, 'labor-city-overdue');
      await legal.close();
    });

    it('吴中区总工会 acknowledges it late, logs coordination and closes it with the amount recovered', async () => {
      const district = await signIn('wuzhong');
      await district.goto(`${app.url}/labor?report=${reportId}`);
      const drawer = district.getByTestId('report-drawer');
      const actions = drawer.getByTestId('report-actions');
      await actions.getByRole('button', { name: /签\s*收/ }).click();
      let dialog = district.getByRole('dialog', { name: '签收风险报告' });
      await dialog.getByLabel('签收意见（可不填）').fill('已安排专人对接，会同长桥街道核实');
      await dialog.getByRole('button', { name: /确\s*定/ }).click();
      await waitForText(drawer.getByTestId('report-state'), '已签收');
      await waitForText(drawer.getByTestId('report-trail'), '吴中区总工会签收（已超时）');

      await actions.getByRole('button', { name: '登记协调处置' }).click();
      dialog = district.getByRole('dialog', { name: '登记协调处置情况' });
      // Refused until the form is complete.
      await dialog.getByRole('button', { name: /确\s*定/ }).click();
      await waitForText(dialog, '请选择会同部门');
      await dialog.getByLabel('会同部门').click();
      await district.locator('.ant-select-item-option', { hasText: '劳动保障监察' }).click();
      await dialog.getByLabel('部门名称（可不填）').fill('吴中区劳动保障监察大队');
      await dialog.getByLabel('协调处置情况').fill('会同监察大队约谈企业负责人，责令限期支付拖欠工资');
      await dialog.getByRole('button', { name: /确\s*定/ }).click();
      await waitForText(drawer.getByTestId('report-state'), '处置中');
      await waitForText(drawer.getByTestId('report-trail'), '吴中区劳动保障监察大队');

      await actions.getByRole('button', { name: /销\s*号/ }).click();
      dialog = district.getByRole('dialog', { name: '销号' });
      await dialog.getByLabel('已支付工资（元）').fill('1200000');
      await dialog.getByLabel('追回金额（元）').fill('1200000');
      await dialog.getByLabel('销号情况').fill('企业筹资支付全部拖欠工资，职工情绪稳定');
      await dialog.getByRole('button', { name: /确\s*定/ }).click();
      await waitForText(drawer.getByTestId('report-state'), '已销号');
      await waitForText(drawer, '追回金额 120 万元');
      await screenshot(district, 'labor-district-closed');
      // Closed but not yet followed up: still category 2.
      expect(await inCategory2()).toBeDefined();
      await district.close();
    });

    it('a month later the follow-up is due on the home page', async () => {
      await app.restart({ GONGHUI_CLOCK_OFFSET_HOURS: String(LATE + 31 * 24) });
      const cadre = await signIn('cadre_wuzhong', PHONE);
      await waitForText(cadre.getByTestId('waiting-labor.followUp'), '到期待回访的风险报告');
      await screenshot(cadre, 'labor-phone-follow-up-due');
      await cadre.close();
    });
  },
);
