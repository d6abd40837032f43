import { describe, expect, it } from 'vitest';
import { json, loginAs, setupTestApp } from '../../tests/test-app';
import { DEMO_PASSWORD, seedDemoOrgs } from '../orgs/demo';
import type { IssuePage, SearchPage } from './contract';
import type { RankingView } from './points-contract';
import { chinaToday } from '../platform/shared/dates';
import { seedDemoBulletin } from './demo';

const ctx = setupTestApp();

describe('demo information work', () => {
  it('gives the ranking page points this month and silent districts, an issue out and an archived one', async () => {
    await seedDemoOrgs();
    expect(await seedDemoBulletin()).toEqual({ items: 10 });
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

    // One issue of this year is out, made of the oldest adopted items; the 2012 sample is archived.
    const issues = json<IssuePage>(await editor.get('/api/bulletin/issues'));
    expect(issues.items.map((i) => [i.state, i.items])).toEqual([
      ['published', 2],
      ['archived', 6],
    ]);
    const found = json<SearchPage>(await editor.get(`/api/bulletin/search?q=${encodeURIComponent('竞赛')}`));
    expect(found.items.some((i) => i.source === 'issue_item' && i.title.includes('安康杯'))).toBe(true);
  });
});
