// The demo's studios: five batches with about 120 studios across the districts and industry
// unions, the three 2011 studios of the education system, upgrades to province level, and
// applications in progress waiting for wuzhong's recommendation and production's steps.
import { describe, expect, it } from 'vitest';
import { json, loginAs, setupTestApp } from '../../../tests/test-app';
import { DEMO_PASSWORD, seedDemoOrgs } from '../../orgs/demo';
import { seedDemoEnterprises } from '../../enterprises/demo';
import type { WaitingList } from '../../platform/shared/waiting-contract';
import type { BatchDetail, BatchList, StudioPage } from './contract';
import { seedDemoStudios } from './demo';

const ctx = setupTestApp();

describe('demo studios', () => {
  it('designates about 120 studios in five batches and leaves applications in progress', async () => {
    await seedDemoOrgs();
    await seedDemoEnterprises(600);
    const made = await seedDemoStudios();
    expect(made).toBeGreaterThanOrEqual(115);
    expect(made).toBeLessThanOrEqual(125);
    const production = await loginAs(ctx, { username: 'production' }, DEMO_PASSWORD);
    const wuzhong = await loginAs(ctx, { username: 'wuzhong' }, DEMO_PASSWORD);
    const total = async (query: string) =>
      json<StudioPage>(await production.get(`/api/studios?pageSize=1&${query}`)).total;
    expect(await total('')).toBe(made);
    for (const state of ['applied', 'recommended', 'approved', 'returned', 'designated'])
      expect(await total(`state=${state}`), state).toBeGreaterThan(0);
    expect(await total('state=revoked')).toBe(0);
    const batches = json<BatchList>(await production.get('/api/studios/batches'));
    expect(batches.items.map((b) => b.year).sort()).toEqual([2011, 2013, 2016, 2019, 2022]);
    const first = batches.items.find((b) => b.name === '2011年第一批')!;
    expect(first).toMatchObject({ plaqueOn: '2011-04-28', studioCount: 20 });
    const detail = json<BatchDetail>(await production.get(`/api/studios/batches/${first.id}`));
    const education = detail.studios.filter((s) => s.applicantOrg.name === '苏州市教育工会');
    expect(education.map((s) => s.hostUnitName).sort()).toHaveLength(3);
    // Moved up in the 2016 province batch: counted in both batches, holding province level.
    expect(await total('level=province')).toBeGreaterThanOrEqual(10);
    const districts = new Set(
      json<StudioPage>(await production.get('/api/studios?pageSize=500')).items.map((s) => s.district),
    );
    expect(districts.size).toBeGreaterThanOrEqual(10);
    const waiting = async (client: typeof production) =>
      Object.fromEntries(
        json<WaitingList>(await client.get('/api/home/waiting')).items.map((i) => [i.key, i.count]),
      );
    expect((await waiting(wuzhong))['studios.recommend']).toBe(2);
    const city = await waiting(production);
    expect(city['studios.review']).toBe(2);
    expect(city['studios.designate']).toBe(1);
  }, 180_000);
});
