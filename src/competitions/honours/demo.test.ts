// The demo's honours: a few hundred conferred across the years and the districts, and
// nominations in every state, so that wuzhong and production can click the workflow through.
import { describe, expect, it } from 'vitest';
import { json, loginAs, setupTestApp } from '../../../tests/test-app';
import { DEMO_PASSWORD, seedDemoOrgs } from '../../orgs/demo';
import { seedDemoEnterprises } from '../../enterprises/demo';
import type { WaitingList } from '../../platform/shared/waiting-contract';
import { HONOUR_STATES, type HonourCountsView, type HonourPage } from './contract';
import { seedDemoHonours } from './demo';

const ctx = setupTestApp();

describe('demo honours', () => {
  it('confers honours over the years and districts, and leaves nominations in every state', async () => {
    await seedDemoOrgs();
    await seedDemoEnterprises(600);
    const made = await seedDemoHonours(300);
    expect(made).toBeGreaterThan(300);
    const production = await loginAs(ctx, { username: 'production' }, DEMO_PASSWORD);
    const wuzhong = await loginAs(ctx, { username: 'wuzhong' }, DEMO_PASSWORD);
    const total = async (query: string) =>
      json<HonourPage>(await production.get(`/api/competitions/honours?pageSize=1&${query}`)).total;
    for (const state of HONOUR_STATES) expect(await total(`state=${state}`), state).toBeGreaterThan(0);
    const counts = json<HonourCountsView>(await production.get('/api/competitions/honours/counts'));
    expect(counts.years[0]).toBe(2015);
    expect(counts.rows.filter((r) => r.total > 0).length).toBeGreaterThanOrEqual(6);
    expect(counts.total).toBe(await total('state=conferred'));
    const waiting = (list: WaitingList) => Object.fromEntries(list.items.map((i) => [i.key, i.count]));
    const forProduction = waiting(json<WaitingList>(await production.get('/api/home/waiting')));
    // 吴中区's two, and the two of its township, which the city may review too.
    expect(forProduction['honours.review']).toBe(4);
    expect(forProduction['honours.confer']).toBe(1);
    const forWuzhong = waiting(json<WaitingList>(await wuzhong.get('/api/home/waiting')));
    expect(forWuzhong['honours.review']).toBe(2);
  }, 120_000);
});
