// The demo's model workers: about two hundred over the districts, the industry unions and the city,
// of every level and status, some linked to the demo honours; contacts for the association only.
import { describe, expect, it } from 'vitest';
import { json, loginAs, setupTestApp } from '../../../tests/test-app';
import { DEMO_PASSWORD, seedDemoOrgs } from '../../orgs/demo';
import { seedDemoEnterprises } from '../../enterprises/demo';
import { seedDemoHonours } from '../../competitions/honours/demo';
import {
  MODEL_WORKER_LEVELS,
  MODEL_WORKER_STATUSES,
  type ModelWorkerPage,
  type ModelWorkerRef,
} from './contract';
import { seedDemoModelWorkers } from './demo';

const ctx = setupTestApp();

describe('demo model workers', () => {
  it('fills the register across the city, its levels, years and statuses', async () => {
    await seedDemoOrgs();
    await seedDemoEnterprises(300);
    await seedDemoHonours(120);
    expect(await seedDemoModelWorkers()).toBe(200);
    const laomo = await loginAs(ctx, { username: 'laomo' }, DEMO_PASSWORD);
    const wuzhong = await loginAs(ctx, { username: 'wuzhong' }, DEMO_PASSWORD);
    const city = await loginAs(ctx, { username: 'city' }, DEMO_PASSWORD);
    const baolijie = await loginAs(ctx, { username: 'baolijie' }, DEMO_PASSWORD);
    const list = async (client: typeof laomo, query: string) =>
      json<ModelWorkerPage>(await client.get(`/api/studios/workers?pageSize=500&${query}`));
    expect((await list(laomo, '')).total).toBe(200);
    for (const level of MODEL_WORKER_LEVELS)
      expect((await list(laomo, `level=${level}`)).total).toBeGreaterThan(5);
    for (const status of MODEL_WORKER_STATUSES)
      expect((await list(laomo, `status=${status}`)).total).toBeGreaterThan(0);
    expect((await list(laomo, 'yearTo=2000')).total).toBeGreaterThan(0);
    expect((await list(laomo, 'yearFrom=2024')).total).toBeGreaterThan(0);
    expect((await list(laomo, 'hasHonour=true')).total).toBeGreaterThan(0);
    expect((await list(laomo, `field=${encodeURIComponent('教育')}`)).total).toBeGreaterThan(5);
    const mine = await list(wuzhong, '');
    expect(mine.total).toBeGreaterThan(5);
    expect(mine.total).toBeLessThan(200);
    expect(mine.items.every((w) => w.district === '吴中区总工会' && w.phone === null)).toBe(true);
    expect((await list(laomo, '')).items.every((w) => w.phone !== null)).toBe(true);
    const seen = await city.get('/api/studios/workers?pageSize=500');
    expect(json<ModelWorkerPage>(seen).total).toBe(200);
    expect(seen.body).not.toMatch(/"phone":"\d/);
    // The enterprise union's chair picks a leader from the whole register.
    expect(json<ModelWorkerRef[]>(await baolijie.get('/api/studios/workers/lookup')).length).toBe(20);
  }, 180_000);
});
