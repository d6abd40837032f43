// Journey of a judged contest (评比竞赛): 吴中区总工会 sets up a knowledge contest of 17 teams with
// two rounds (笔试 and 抢答) and 7 judges with contest-only logins, and opens the scoring; the venue's
// live screen follows the scores; each judge scores on a 390 px phone (the first team by hand, the
// rest through the same API), one corrects a score with a reason; after the release the ranking
// gives one first, two second and three third prizes with the trimmed mean shown; the results
// notice and a certificate are exported and read back through LibreOffice.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { docxToPdf, pdfToolsAvailable } from '../pdf';
import {
  apiSession,
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

const PHONE = { width: 390, height: 844 };
const NAME = '2026年吴中区职工安全生产知识竞赛';
const TEAMS = 17;
const JUDGES = 7;
const JUDGE_PASSWORD = 'Judge2026pass';

// Team t's scores by judge j: written round and the two criteria of the quick-answer round. Each
// team's scores differ enough from its neighbours' that the ranking is team 1, 2, 3, …
const written = (t: number, j: number) => 95 - t * 2 + ((j * 3) % 5) - 2;
const accuracy = (t: number, j: number) => 94 - t * 2 + ((j * 2) % 5) - 2;
const speed = (t: number, j: number) => 90 - t * 2 + (j % 3) - 1;

interface Sheet {
  judgeId: string;
  rounds: { id: string; name: string; criteria: { id: string; name: string }[] }[];
  entries: { id: string; seq: number; name: string }[];
}

describe.skipIf(!chromiumAvailable())('a judged contest: set up, scored on phones, released, printed', () => {
  let app: RunningApp;
  let browser: Browser;
  let organiser: Page;
  let live: Page;
  let contestUrl = '';
  let contestId = '';

  const confirm = async (page: Page, ok: RegExp) => {
    const pop = page
      .locator('.ant-popover, .ant-popconfirm')
      .filter({ has: page.getByRole('button', { name: ok }) });
    await pop.getByRole('button', { name: ok }).click();
  };

  /** Chooses `option` in the select of the form item labelled `label`. */
  const pick = async (scope: Locator, label: string, option: string) => {
    await scope.locator('.ant-form-item').filter({ hasText: label }).locator('.ant-select-selector').click();
    await organiser
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: option })
      .click();
  };

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    organiser = await newPage(browser);
    await organiser.goto(`${app.url}/login`);
    await login(organiser, 'wuzhong');
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('the organiser sets up 17 teams, two rounds, 7 judges and the prize tiers', async () => {
    await organiser.goto(`${app.url}/contests`);
    await organiser.getByRole('button', { name: '新建比赛' }).click();
    const dialog = organiser.getByRole('dialog', { name: '新建比赛' });
    // Nothing is lost on a bad form: the name is required.
    await dialog.getByRole('button', { name: /建\s*立/ }).click();
    await waitForText(dialog, '请填写比赛名称');
    await dialog.getByLabel('比赛名称').fill(NAME);
    await pick(dialog, '比赛类别', '知识竞赛');
    await pick(dialog, '参赛对象', '参赛队伍');
    await dialog.getByLabel('比赛地点').fill('吴中区职工服务中心');
    await dialog.getByRole('button', { name: /建\s*立/ }).click();
    await organiser.waitForURL(/\/contests\/[0-9a-f-]{36}/);
    contestUrl = organiser.url().split('?')[0]!;
    contestId = contestUrl.split('/').pop()!;

    // Rounds: 笔试 (weight 0.4) and 抢答 (weight 0.6) with two weighted criteria.
    await organiser.getByRole('tab', { name: '轮次与评分项' }).click();
    const rounds = organiser.getByRole('tabpanel');
    await rounds.getByLabel('轮次名称').first().fill('笔试');
    await rounds.getByLabel('计入总分权重').first().fill('0.4');
    await rounds.getByRole('button', { name: '增加轮次' }).click();
    await rounds.getByLabel('轮次名称').nth(1).fill('抢答');
    await rounds.getByLabel('计入总分权重').nth(1).fill('0.6');
    const second = rounds.locator('.ant-card').nth(1);
    await second.getByRole('button', { name: '增加评分项' }).click();
    await second.getByPlaceholder('如：演唱水平').fill('准确');
    await second.getByPlaceholder('权重').fill('70');
    await second.getByRole('button', { name: '增加评分项' }).click();
    await second.getByPlaceholder('如：演唱水平').nth(1).fill('速度');
    await second.getByPlaceholder('权重').nth(1).fill('30');
    await rounds.getByRole('button', { name: '保存轮次与评分项' }).click();
    await waitForText(organiser.locator('.ant-message'), '轮次与评分项已保存');

    // The teams, pasted as two columns from Excel.
    await organiser.getByRole('tab', { name: /参赛名单/ }).click();
    await organiser.getByRole('button', { name: '添加参赛队伍' }).click();
    const paste = Array.from({ length: TEAMS }, (_, i) => `第${i + 1}代表队\t${i + 1}号车间工会`).join('\n');
    await organiser.getByRole('textbox', { name: '参赛名单' }).fill(paste);
    await organiser.getByRole('button', { name: `添加 ${TEAMS} 个` }).click();
    await waitForText(organiser.getByRole('tab', { name: /参赛名单/ }), `参赛名单（${TEAMS}）`);

    // Seven judges from outside: contest-only logins.
    await organiser.getByRole('tab', { name: /评委/ }).click();
    for (let j = 1; j <= JUDGES; j++) {
      await organiser.getByRole('button', { name: '新建评委账号' }).click();
      const form = organiser.getByRole('dialog', { name: /新建评委账号/ });
      await form.getByLabel('评委姓名').fill(`评委${j}`);
      await form.getByLabel('工作单位').fill('吴中区应急管理局');
      await form.getByLabel('登录用户名').fill(`safety_judge${j}`);
      await form.getByLabel('初始密码').fill(JUDGE_PASSWORD);
      await form.getByRole('button', { name: /建\s*立/ }).click();
      await waitForText(organiser.getByRole('tab', { name: /评委/ }), `评委（${j}）`);
    }

    // Prizes by count: 1 first, 2 second, 3 third (the form's first offer).
    await organiser.getByRole('tab', { name: '基本信息与规则' }).click();
    await organiser.getByLabel('按名额（如一等奖 1 名）').check();
    await organiser.getByRole('button', { name: '保存规则' }).click();
    await waitForText(organiser.locator('.ant-message'), '比赛规则已保存');
    await screenshot(organiser, 'contest-rules');

    await organiser.getByRole('tab', { name: '评分与成绩' }).click();
    await organiser.getByRole('button', { name: '开始评分' }).click();
    await confirm(organiser, /开始评分/);
    await waitForText(organiser.locator('.ant-tag'), '评分中');
  });

  it('the judges score on phones; the live screen follows; one score is corrected with a reason', async () => {
    live = await newPage(browser);
    await live.goto(`${app.url}/login?next=${encodeURIComponent(`/contests/${contestId}/live`)}`);
    await login(live, 'wuzhong');
    await live.goto(`${contestUrl}/live`);
    const total = TEAMS * JUDGES + TEAMS * JUDGES * 2;
    await waitForText(live.getByTestId('live-screen'), `已评 0/${total}`);

    for (let j = 0; j < JUDGES; j++) {
      const username = `safety_judge${j + 1}`;
      // Team 1 by hand on the phone, both rounds.
      const phone = await newPage(browser, PHONE);
      await phone.goto(`${app.url}/login`);
      await login(phone, username, JUDGE_PASSWORD);
      await waitForText(phone.locator('body'), '待我评分的比赛');
      await phone.goto(`${app.url}/contests/judging`);
      await phone.getByRole('link', { name: '去评分' }).click();
      const card = phone.getByTestId('entry-1');
      await card.getByLabel('第1代表队分数').fill(String(written(0, j)));
      await card.getByRole('button', { name: /提\s*交/ }).click();
      await waitForText(phone.locator('.ant-message'), '第1代表队：评分已提交');
      await phone.getByText('抢答', { exact: true }).click();
      const quick = phone.getByTestId('entry-1');
      await quick.getByLabel('第1代表队准确').fill(String(accuracy(0, j)));
      await quick.getByLabel('第1代表队速度').fill(String(speed(0, j)));
      await quick.getByRole('button', { name: /提\s*交/ }).click();
      await waitForText(phone.locator('.ant-message'), '第1代表队：评分已提交');
      if (j === 0) await screenshot(phone, 'contest-judge-phone');
      // The rest through the API the page uses.
      const api = await apiSession(app.url, username, JUDGE_PASSWORD);
      const sheet = await api.get<Sheet>(`/api/contests/${contestId}/sheet`);
      // Only this judge's own scores are on the sheet.
      const own = await api.get<{ scores: { judgeId: string }[] }>(`/api/contests/${contestId}/sheet`);
      expect(new Set(own.scores.map((s) => s.judgeId))).toEqual(new Set([sheet.judgeId]));
      for (const entry of sheet.entries.filter((e) => e.seq > 1)) {
        const t = entry.seq - 1;
        await api.send('PUT', `/api/contests/${contestId}/scores`, {
          roundId: sheet.rounds[0]!.id,
          entryId: entry.id,
          scores: [{ value: j === 6 && t === 3 ? written(t, j) - 10 : written(t, j) }],
        });
        await api.send('PUT', `/api/contests/${contestId}/scores`, {
          roundId: sheet.rounds[1]!.id,
          entryId: entry.id,
          scores: [
            { criterionId: sheet.rounds[1]!.criteria[0]!.id, value: accuracy(t, j) },
            { criterionId: sheet.rounds[1]!.criteria[1]!.id, value: speed(t, j) },
          ],
        });
      }
      if (j === 6) {
        // The last judge mistyped team 4's written score; the correction needs a reason.
        await phone.reload();
        await phone.getByText('笔试', { exact: true }).click();
        const card4 = phone.getByTestId('entry-4');
        await card4.getByLabel('第4代表队分数').fill(String(written(3, j)));
        await card4.getByRole('button', { name: '更正评分' }).click();
        const ask = phone.getByRole('dialog', { name: '更正已提交的评分' });
        await ask.getByLabel('更正理由').fill('录入时多按了一位，按评分表更正');
        await ask.getByRole('button', { name: '提交更正' }).click();
        await waitForText(phone.locator('.ant-message'), '第4代表队：评分已提交');
      }
      await phone.close();
      if (j === 0) {
        // One judge in: the screen counts the scores, shows no single score, and no result yet.
        await waitForText(live.getByTestId('live-screen'), `已评 ${TEAMS * 3}/${total}`);
        expect(await live.getByTestId('judge-scores').count()).toBe(0);
      }
    }
    await waitForText(live.getByTestId('live-screen'), `已评 ${total}/${total}`);
    // Every round result is in, still without the judges' single scores.
    await waitForText(live.getByTestId('results-table'), '第1代表队');
    expect(await live.getByTestId('judge-scores').count()).toBe(0);
    await screenshot(live, 'contest-live');
  });

  it('after the release: 1 first, 2 second, 3 third prizes, the trimmed mean shown, the correction kept', async () => {
    await organiser.reload();
    await organiser.getByRole('tab', { name: '评分与成绩' }).click();
    await organiser.getByRole('button', { name: /发布成绩/ }).click();
    await confirm(organiser, /发布成绩/);
    await waitForText(organiser.locator('.ant-tag'), '成绩已发布');
    const table = organiser.getByTestId('results-table');
    await waitForText(table, '一等奖');
    expect(await table.getByText('一等奖', { exact: true }).count()).toBe(1);
    expect(await table.getByText('二等奖', { exact: true }).count()).toBe(2);
    expect(await table.getByText('三等奖', { exact: true }).count()).toBe(3);
    await waitForText(
      organiser.getByTestId('rule-texts'),
      '7 位评委评分，去掉一个最高分和一个最低分后取平均',
    );
    // Each round shows the judges' scores with one highest and one lowest struck through.
    const firstRow = table.locator('tbody tr.ant-table-row').first();
    await waitForText(firstRow, '第1代表队');
    const struck = firstRow.getByTestId('judge-scores').first().locator('span[style*="line-through"]');
    expect(await struck.count()).toBe(2);
    await waitForText(organiser.locator('body'), '录入时多按了一位，按评分表更正');
    await screenshot(organiser, 'contest-results');
    // The live screen now shows the final results.
    await waitForText(live.getByTestId('live-screen'), '最终成绩');
  });

  it('the results notice and a certificate, read back through LibreOffice', async () => {
    const [notice] = await Promise.all([
      organiser.waitForEvent('download'),
      organiser.getByRole('link', { name: /导出结果通报/ }).click(),
    ]);
    const noticeFile = path.join(ARTIFACTS, 'contest-notice.docx');
    await notice.saveAs(noticeFile);
    await organiser.getByRole('button', { name: /奖\s*状/ }).click();
    await organiser.waitForURL(/\/certificates$/);
    await expect.poll(() => organiser.getByTestId('certificate').count()).toBe(6);
    await screenshot(organiser, 'contest-certificates');
    const [one] = await Promise.all([
      organiser.waitForEvent('download'),
      organiser.getByTestId('certificate').first().getByRole('link', { name: '单独导出 Word' }).click(),
    ]);
    const certificateFile = path.join(ARTIFACTS, 'contest-certificate.docx');
    await one.saveAs(certificateFile);
    if (!(await pdfToolsAvailable())) return;
    const read = await docxToPdf(noticeFile, ARTIFACTS, path.join(ARTIFACTS, 'contest-notice-docx'));
    const flat = read.text.replace(/\s+/g, '');
    for (const expected of [
      `关于${NAME}结果的通报`,
      '一等奖（1个）',
      '二等奖（2个）',
      '三等奖（3个）',
      '第1代表队（1号车间工会）',
      '去掉一个最高分和一个最低分后取平均',
      '吴中区总工会',
    ])
      expect(flat).toContain(expected);
    const cert = await docxToPdf(
      certificateFile,
      ARTIFACTS,
      path.join(ARTIFACTS, 'contest-certificate-docx'),
    );
    const words = cert.text.replace(/\s+/g, '');
    expect(words).toContain('第1代表队（1号车间工会）');
    expect(words).toContain(`在${NAME}中荣获一等奖`);
    expect(cert.pages).toBe(1);
  });
});
