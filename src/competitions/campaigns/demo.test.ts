// The demo's competitions on the demo organisations: 吴江's investment-attraction competition adds
// up, once checked, to the figures its bulletin item reports (415项, 32.27亿美元, 49位, the last
// accepted from the item), and the home pages show what waits.
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, setupTestApp, type Client } from '../../../tests/test-app';
import { systemActor } from '../../platform/access';
import { PERMISSIONS } from '../../platform/shared/access-catalog';
import type { WaitingList } from '../../platform/shared/waiting-contract';
import { seedDemoOrgs } from '../../orgs/demo';
import type { CampaignDetail, CampaignPage, SourceList, TotalsView } from './contract';
import { seedDemoCompetitions } from './demo';

const ctx = setupTestApp();
let wujiang: Client;
let wuzhong: Client;

function ok<T>(res: { statusCode: number; body: string }): T {
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return JSON.parse(res.body) as T;
}

beforeAll(async () => {
  await seedDemoOrgs(systemActor(PERMISSIONS));
  expect(await seedDemoCompetitions()).toEqual({ campaigns: 2 });
  wujiang = await loginAs(ctx, { username: 'wujiang' }, 'Demo@2011');
  wuzhong = await loginAs(ctx, { username: 'wuzhong' }, 'Demo@2011');
}, 120_000);

describe('the demo competitions', () => {
  it("吴江's competition adds up to the bulletin's figures, the 49位 linked to its item", async () => {
    const list = ok<CampaignPage>(await wujiang.get('/api/competitions/campaigns'));
    expect(list.items.map((c) => c.name).sort()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/吴江区招商引资劳动竞赛$/),
        expect.stringMatching(/重点工程/),
      ]),
    );
    const mine = list.items.find((c) => c.name.endsWith('吴江区招商引资劳动竞赛'))!;
    const c = ok<CampaignDetail>(await wujiang.get(`/api/competitions/campaigns/${mine.id}`));
    expect(c.partners).toEqual(['吴江区商务局']);
    const total = async (name: string) =>
      ok<TotalsView>(
        await wujiang.get(
          `/api/competitions/campaigns/${c.id}/totals?indicatorId=${c.indicators.find((i) => i.name === name)!.id}`,
        ),
      ).overall;
    expect(await total('签约项目')).toBe('415');
    expect(await total('注册资本')).toBe('32.27');
    expect(await total('先进个人')).toBe('49');
    const sources = ok<SourceList>(await wujiang.get(`/api/competitions/campaigns/${c.id}/sources`));
    expect(
      sources.items[0]!.figures.map((f) => [
        f.raw,
        f.suggestion?.value,
        f.acceptedTotal,
        f.acceptedValueId !== null,
      ]),
    ).toEqual([
      ['415项', '415', '415', false],
      ['32.27亿美元', '32.27', '32.27', false],
      ['49位', '49', '49', true],
    ]);
    // 吴中 sees the city's competition, not 吴江's.
    const fromWuzhong = ok<CampaignPage>(await wuzhong.get('/api/competitions/campaigns'));
    expect(fromWuzhong.items.map((i) => i.id)).not.toContain(c.id);
    expect(fromWuzhong.items.some((i) => i.name.includes('重点工程'))).toBe(true);
    const home = ok<WaitingList>(await wuzhong.get('/api/home/waiting'));
    expect(home.items.find((i) => i.key === 'competition.campaign.report')?.count).toBeGreaterThan(0);
    const organiser = ok<WaitingList>(await wujiang.get('/api/home/waiting'));
    expect(organiser.items.find((i) => i.key === 'competition.campaign.check')?.count).toBeGreaterThan(0);
  });
});
