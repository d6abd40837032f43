// A judged contest through the API: a district and the city run their own contests and each sees
// what the scope rule allows; the organiser sets up a knowledge contest of 17 teams with 7 judges
// (one a contest-only login) and two rounds; judges score and see only their own scores; the live
// screen hides single scores; a changed score needs a reason and is kept; the results are released
// only when complete, with the trimmed mean and the prize tiers; the notice and the certificates.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDistrictScene,
  buildOrg,
  buildUser,
  clientFor,
  loginAs,
  rootFederation,
  setupTestApp,
  type Client,
} from '../../../tests/test-app';
import type { OrgDetail } from '../../orgs/contract';
import type { WaitingList } from '../../platform/shared/waiting-contract';
import { docxParagraphs } from '../../bulletin/legacy/docx-text';
import type {
  CertificateView,
  ContestDetail,
  ContestPage,
  CorrectionView,
  JudgeSheet,
  ResultsView,
} from './contract';

const ctx = setupTestApp();
let district: OrgDetail;
let otherDistrict: OrgDetail;
let staff: Client;
let otherStaff: Client;
let city: Client;
let dir: string;

function ok<T>(res: { statusCode: number; body: string }): T {
  expect(res.statusCode, res.body).toBe(200);
  return JSON.parse(res.body) as T;
}

const errorOf = (res: { body: string }) =>
  (JSON.parse(res.body) as { error: { code: string; message: string; details?: { field: string }[] } }).error;

const newContest = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  category: 'knowledge',
  heldOn: '2026-11-20',
  venue: '工人文化宫',
  organisers: '吴中区总工会、吴中区司法局',
  entryKind: 'team',
  ...extra,
});

beforeAll(async () => {
  ({ district, staff } = await buildDistrictScene(ctx));
  otherDistrict = await buildOrg({ name: '相城区总工会' });
  otherStaff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: otherDistrict }));
  city = await loginAs(
    ctx,
    await buildUser({ role: 'federationStaff', department: 'production', org: await rootFederation() }),
  );
  dir = await mkdtemp(path.join(tmpdir(), 'gonghui-contests-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('who runs and sees a contest', () => {
  let own: ContestDetail;
  let cityContest: ContestDetail;

  beforeAll(async () => {
    own = ok(await staff.post('/api/contests', newContest('吴中区调解员知识竞赛')));
    cityContest = ok(
      await city.post(
        '/api/contests',
        newContest('全市职工歌咏比赛', { category: 'performance', entryKind: 'unit' }),
      ),
    );
  });

  it('asks for a login', async () => {
    expect((await clientFor(ctx).get('/api/contests')).statusCode).toBe(401);
  });

  it('shows a district its own contests and the city’s, never another district’s', async () => {
    const mine = ok<ContestPage>(await staff.get('/api/contests?pageSize=100')).items.map((c) => c.name);
    expect(mine).toEqual(expect.arrayContaining(['吴中区调解员知识竞赛', '全市职工歌咏比赛']));
    const theirs = ok<ContestPage>(await otherStaff.get('/api/contests?pageSize=100')).items.map(
      (c) => c.name,
    );
    expect(theirs).toContain('全市职工歌咏比赛');
    expect(theirs).not.toContain('吴中区调解员知识竞赛');
    expect((await otherStaff.get(`/api/contests/${own.id}`)).statusCode).toBe(404);
  });

  it('lets a district read the city’s contest but not run it', async () => {
    const seen = ok<ContestDetail>(await staff.get(`/api/contests/${cityContest.id}`));
    expect(seen.mayManage).toBe(false);
    const res = await staff.patch(`/api/contests/${cityContest.id}`, { version: seen.version, name: '改名' });
    expect(res.statusCode).toBe(403);
    expect(ok<ContestDetail>(await city.get(`/api/contests/${own.id}`)).mayManage).toBe(true);
  });

  it('refuses bad input with the field and a reason', async () => {
    const res = await staff.post('/api/contests', newContest('', { heldOn: '2026-02-30' }));
    expect(res.statusCode).toBe(400);
    const fields = errorOf(res)
      .details!.map((d) => d.field)
      .sort();
    expect(fields).toEqual(['heldOn', 'name']);
    const rounds = await staff.post(
      '/api/contests',
      newContest('两轮', {
        rounds: [
          { id: 'a', name: '笔试' },
          { id: 'a', name: '抢答' },
        ],
      }),
    );
    expect(rounds.statusCode).toBe(400);
    expect(errorOf(rounds).message + JSON.stringify(errorOf(rounds).details)).toContain('轮次编号重复');
  });

  it('deletes a contest without scores, with the version seen', async () => {
    const c = ok<ContestDetail>(await staff.post('/api/contests', newContest('待删除')));
    expect((await staff.delete(`/api/contests/${c.id}?version=${c.version + 1}`)).statusCode).toBe(409);
    expect((await staff.delete(`/api/contests/${c.id}?version=${c.version}`)).statusCode).toBe(204);
    expect((await staff.get(`/api/contests/${c.id}`)).statusCode).toBe(404);
  });
});

describe('the knowledge contest of 17 teams, 7 judges and two rounds', () => {
  let contest: ContestDetail;
  const judges: Client[] = [];
  let guest: Client;

  // Judge j's score of team t in a round: every team differs, judges spread around it.
  const written = (t: number, j: number) => 60 + t * 2 + ((j * 3) % 7) - 3;
  const quick = (t: number, j: number) => 70 + ((t * 5) % 17) + ((j * 5) % 7) - 3;

  beforeAll(async () => {
    contest = ok(
      await staff.post(
        '/api/contests',
        newContest('2026年吴中区人民调解员法律知识竞赛', {
          rounds: [
            { id: 'written', name: '笔试', weight: 0.4, criteria: [] },
            {
              id: 'quick',
              name: '抢答',
              weight: 0.6,
              criteria: [
                { id: 'acc', name: '准确性', weight: 70 },
                { id: 'exp', name: '表达', weight: 30 },
              ],
            },
          ],
          rules: {
            prizes: {
              mode: 'count',
              tiers: [
                { prize: 'first', count: 1 },
                { prize: 'second', count: 2 },
                { prize: 'third', count: 3 },
              ],
            },
          },
        }),
      ),
    );
    contest = ok(
      await staff.post(`/api/contests/${contest.id}/entries`, {
        entries: Array.from({ length: 17 }, (_, i) => ({
          name: `第${i + 1}代表队`,
          unitName: `${i + 1}号街道调委会`,
        })),
      }),
    );
    for (let j = 0; j < 6; j++) {
      // Cadres of the district: judges who do not run contests themselves.
      const user = await buildUser({ role: 'serviceCadre', org: district });
      contest = ok(
        await staff.post(`/api/contests/${contest.id}/judges`, { userId: user.id, chief: j === 0 }),
      );
      judges.push(await loginAs(ctx, user));
    }
    contest = ok(
      await staff.post(`/api/contests/${contest.id}/judges`, {
        newUser: { username: 'judge_guest', displayName: '外聘评委', password: 'Guest2026pw', phone: null },
        affiliation: '苏州大学王健法学院',
      }),
    );
    guest = await loginAs(ctx, { username: 'judge_guest' }, 'Guest2026pw');
    judges.push(guest);
  });

  it('makes a contest-only login that can do nothing but judge', async () => {
    const j = contest.judgeList.find((x) => x.username === 'judge_guest')!;
    expect(j).toMatchObject({ contestOnly: true, unit: '苏州大学王健法学院', name: '外聘评委' });
    expect((await guest.get('/api/enterprises')).statusCode).toBe(403);
    expect((await guest.get('/api/contests')).statusCode).toBe(200);
    // Before scoring opens there is no sheet.
    expect((await guest.get(`/api/contests/${contest.id}/sheet`)).statusCode).toBe(409);
  });

  it('refuses to open scoring without the version seen, then opens it', async () => {
    expect(contest.progress).toEqual({ expected: 17 * 7 + 17 * 7 * 2, given: 0 });
    expect(
      (await staff.post(`/api/contests/${contest.id}/open`, { version: contest.version + 5 })).statusCode,
    ).toBe(409);
    contest = ok(await staff.post(`/api/contests/${contest.id}/open`, { version: contest.version }));
    expect(contest.state).toBe('scoring');
    const edit = await staff.patch(`/api/contests/${contest.id}`, {
      version: contest.version,
      rounds: [{ id: 'x', name: '新轮次' }],
    });
    expect(edit.statusCode).toBe(409);
  });

  it('takes scores from judges and checks them', async () => {
    const teams = contest.entryList;
    const url = `/api/contests/${contest.id}/scores`;
    // A score outside the round's range, a missing criterion, a stranger: refused.
    const high = await judges[0]!.put(url, {
      roundId: 'written',
      entryId: teams[0]!.id,
      scores: [{ value: 100.5 }],
    });
    expect(high.statusCode).toBe(400);
    expect(errorOf(high).details![0]!.field).toBe('scores.0.value');
    const part = await judges[0]!.put(url, {
      roundId: 'quick',
      entryId: teams[0]!.id,
      scores: [{ criterionId: 'acc', value: 80 }],
    });
    expect(part.statusCode).toBe(400);
    expect(errorOf(part).message + JSON.stringify(errorOf(part).details)).toContain('表达');
    expect(
      (await otherStaff.put(url, { roundId: 'written', entryId: teams[0]!.id, scores: [{ value: 80 }] }))
        .statusCode,
    ).toBe(404);

    for (const [j, judge] of judges.entries())
      for (const [t, team] of teams.entries()) {
        // The last judge leaves the last team's quick round for later.
        ok(
          await judge.put(url, { roundId: 'written', entryId: team.id, scores: [{ value: written(t, j) }] }),
        );
        if (j === 6 && t === 16) continue;
        ok(
          await judge.put(url, {
            roundId: 'quick',
            entryId: team.id,
            scores: [
              { criterionId: 'acc', value: quick(t, j) },
              { criterionId: 'exp', value: quick(t, j) - 2 },
            ],
          }),
        );
      }
  });

  it('shows a judge only their own scores and owes them on the home page', async () => {
    const sheet = ok<JudgeSheet>(await guest.get(`/api/contests/${contest.id}/sheet`));
    expect(new Set(sheet.scores.map((s) => s.judgeId))).toEqual(new Set([sheet.judgeId]));
    expect(sheet.scores).toHaveLength(17 + 16 * 2);
    expect((await guest.get(`/api/contests/${contest.id}/results`)).statusCode).toBe(409);
    const home = ok<WaitingList>(await guest.get('/api/home/waiting'));
    expect(home.items.find((i) => i.key === 'contests.scores')).toMatchObject({ count: 2 });
  });

  it('shows the live screen round results without single scores', async () => {
    const live = ok<ResultsView>(await staff.get(`/api/contests/${contest.id}/live`));
    expect(live.judgeScoresShown).toBe(false);
    expect(live.scored).toBe(live.expected - 2);
    expect(
      live.results.entries.flatMap((e) => e.rounds.flatMap((r) => r.judges.map((j) => j.score))),
    ).toEqual(expect.arrayContaining([null]));
    expect(
      live.results.entries.every((e) => e.rounds.every((r) => r.judges.every((j) => j.score === null))),
    ).toBe(true);
    const ranked = live.results.entries.filter((e) => e.rank !== null);
    expect(ranked).toHaveLength(16);
    expect(live.results.final).toBe(false);
    expect((await judges[1]!.get(`/api/contests/${contest.id}/live`)).statusCode).toBe(403);
  });

  it('will not release with a score missing', async () => {
    const res = await staff.post(`/api/contests/${contest.id}/release`, { version: contest.version });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).message).toContain('1 项评分未完成');
  });

  it('changes a given score only with a reason, and keeps the correction', async () => {
    const url = `/api/contests/${contest.id}/scores`;
    const team = contest.entryList[16]!;
    ok(
      await guest.put(url, {
        roundId: 'quick',
        entryId: team.id,
        scores: [
          { criterionId: 'acc', value: quick(16, 6) },
          { criterionId: 'exp', value: quick(16, 6) - 2 },
        ],
      }),
    );
    const again = { roundId: 'written', entryId: team.id, scores: [{ value: written(16, 6) + 1 }] };
    const bare = await guest.put(url, again);
    expect(bare.statusCode).toBe(400);
    expect(errorOf(bare).details![0]!.field).toBe('reason');
    expect(
      ok<{ corrected: number }>(await guest.put(url, { ...again, reason: '誊写错误，按评分表更正' }))
        .corrected,
    ).toBe(1);
    // The organiser corrects it back for the judge, also with a reason.
    const judgeId = contest.judgeList.find((j) => j.username === 'judge_guest')!.id;
    const other = await judges[0]!.put(url, {
      ...again,
      judgeId,
      scores: [{ value: written(16, 6) }],
      reason: '复核',
    });
    expect(other.statusCode).toBe(403);
    const notOrganiser = await judges[0]!.put(`${url}/correction`, {
      ...again,
      judgeId,
      scores: [{ value: written(16, 6) }],
      reason: '复核',
    });
    expect(notOrganiser.statusCode).toBe(403);
    const noReason = await staff.put(`${url}/correction`, {
      ...again,
      judgeId,
      scores: [{ value: written(16, 6) }],
    });
    expect(errorOf(noReason).details![0]!.field).toBe('reason');
    // The organiser is no judge: the judges' own route does not know the contest for them.
    expect((await staff.put(url, { ...again, reason: '复核' })).statusCode).toBe(404);
    ok(
      await staff.put(`${url}/correction`, {
        ...again,
        judgeId,
        scores: [{ value: written(16, 6) }],
        reason: '复核评分表后恢复原分',
      }),
    );
    const corrections = ok<{ items: CorrectionView[] }>(
      await staff.get(`/api/contests/${contest.id}/corrections`),
    ).items;
    expect(corrections).toHaveLength(2);
    expect(corrections.map((c) => [c.before, c.after])).toEqual(
      expect.arrayContaining([
        [written(16, 6), written(16, 6) + 1],
        [written(16, 6) + 1, written(16, 6)],
      ]),
    );
    expect(corrections.map((c) => c.reason)).toContain('誊写错误，按评分表更正');
    expect((await guest.get(`/api/contests/${contest.id}/corrections`)).statusCode).toBe(403);
  });

  it('releases complete results: trimmed means, one first, two second and three third prizes', async () => {
    contest = ok(await staff.get(`/api/contests/${contest.id}`));
    contest = ok(await staff.post(`/api/contests/${contest.id}/release`, { version: contest.version }));
    expect(contest.state).toBe('released');
    const view = ok<ResultsView>(await guest.get(`/api/contests/${contest.id}/results`));
    expect(view.results.final).toBe(true);
    expect(view.judgeScoresShown).toBe(true);
    const prizes = view.results.entries.map((e) => e.prize);
    expect(prizes.filter((p) => p === 'first')).toHaveLength(1);
    expect(prizes.filter((p) => p === 'second')).toHaveLength(2);
    expect(prizes.filter((p) => p === 'third')).toHaveLength(3);
    // Team 1's written round: seven scores, the highest and the lowest dropped, five averaged.
    const team = view.results.entries.find((e) => e.entryId === contest.entryList[0]!.id)!;
    const round = team.rounds.find((r) => r.roundId === 'written')!;
    const all = [0, 1, 2, 3, 4, 5, 6].map((j) => written(0, j)).sort((a, b) => a - b);
    const kept = all.slice(1, 6);
    expect(round.judges.filter((j) => j.dropped === 'high')).toHaveLength(1);
    expect(round.judges.filter((j) => j.dropped === 'low')).toHaveLength(1);
    expect(round.result!.value).toBeCloseTo(kept.reduce((a, b) => a + b, 0) / 5, 2);
    expect(view.ruleTexts[0]).toContain('去掉一个最高分和一个最低分后取平均');
    // Nothing changes after the release.
    const late = await guest.put(`/api/contests/${contest.id}/scores`, {
      roundId: 'written',
      entryId: contest.entryList[0]!.id,
      scores: [{ value: 99 }],
      reason: '迟到的更正',
    });
    expect(late.statusCode).toBe(409);
  });

  it('writes the results notice and the certificates', async () => {
    const notice = await staff.get(`/api/contests/${contest.id}/notice.docx`);
    expect(notice.statusCode, notice.body.slice(0, 200)).toBe(200);
    const file = path.join(dir, 'notice.docx');
    await writeFile(file, notice.rawPayload);
    const text = (await docxParagraphs(file)).join('\n');
    expect(text).toContain('关于2026年吴中区人民调解员法律知识竞赛结果的通报');
    expect(text).toMatch(/一等奖（1 个）/);
    expect(text).toMatch(/二等奖（2 个）/);
    expect(text).toMatch(/三等奖（3 个）/);
    expect(text).toContain('去掉一个最高分和一个最低分后取平均');

    const certificates = ok<{ items: CertificateView[] }>(
      await staff.get(`/api/contests/${contest.id}/certificates`),
    ).items;
    expect(certificates).toHaveLength(6);
    const first = certificates[0]!;
    expect(first.prize).toBe('一等奖');
    const one = await staff.get(`/api/contests/${contest.id}/entries/${first.entryId}/certificate.docx`);
    expect(one.statusCode).toBe(200);
    await writeFile(path.join(dir, 'one.docx'), one.rawPayload);
    const words = (await docxParagraphs(path.join(dir, 'one.docx'))).join('\n');
    expect(words).toContain(first.recipient);
    expect(words).toContain('在2026年吴中区人民调解员法律知识竞赛中荣获一等奖');
    const none = contest.entryList.find((e) => !certificates.some((c) => c.entryId === e.id))!;
    expect(
      (await staff.get(`/api/contests/${contest.id}/entries/${none.id}/certificate.docx`)).statusCode,
    ).toBe(404);
    // A district outside sees nothing of it.
    expect((await otherStaff.get(`/api/contests/${contest.id}/notice.docx`)).statusCode).toBe(404);
  });
});
