import { describe, expect, it } from 'vitest';
import { json, loginAs, setupTestApp } from '../../tests/test-app';
import { DEMO_PASSWORD, seedDemoOrgs } from '../orgs/demo';
import type { RankingView } from './points-contract';
import { chinaToday } from './points';
import { seedDemoBulletin } from './demo';

const ctx = setupTestApp();

describe('demo information work', () => {
  it('gives the ranking page points this month and silent districts, quickly', async () => {
    await seedDemoOrgs();
    const started = Date.now();
    expect(await seedDemoBulletin()).toEqual({ items: 10 });
    expect(Date.now() - started).toBeLessThan(15_000);
    const editor = await loginAs(ctx, { username: 'editor' }, DEMO_PASSWORD);
    const [year, month] = chinaToday().split('-').map(Number);
    const res = await editor.get(`/api/bulletin/points/rankings?period=month&year=${year}&month=${month}`);
    expect(res.statusCode, res.body).toBe(200);
    const view = json<RankingView>(res);
    expect(view.rows[0]).toMatchObject({ rank: 1, unit: '吴中区总工会', points: 10 + 5 + 25 + 10 });
    expect(view.silentUnits).toContain('太仓市总工会');
    const yearly = json<RankingView>(
      await editor.get(`/api/bulletin/points/rankings?period=year&year=${year}&group=all`),
    );
    expect(yearly.totals.points).toBeGreaterThan(50);
  });
});
