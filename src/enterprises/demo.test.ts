import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { json, loginAs, setupTestApp } from '../../tests/test-app';
import { seedDemoOrgs, DEMO_PASSWORD } from '../orgs/demo';
import { usccProblem } from '../platform/shared/uscc';
import type { EnterprisePage } from './contract';
import { seedDemoEnterprises, type DemoLoadStep } from './demo';
import { refreshSummaries } from './summary';

const ctx = setupTestApp();

describe('demo registry', () => {
  it('spreads valid enterprises with histories over the townships, each district seeing its own', async () => {
    await seedDemoOrgs();
    const steps: DemoLoadStep[] = [];
    const made = await seedDemoEnterprises(600, { onProgress: (step) => steps.push(step) });
    // Into empty tables: the rows, then the indexes and keys, then the derived tables.
    expect(steps.at(0)).toMatchObject({ step: 'load', made: 600, count: 600 });
    expect(steps.filter((s) => s.step === 'index').length).toBeGreaterThan(3);
    expect(steps.filter((s) => s.step === 'foreign key')).toHaveLength(1);
    expect(steps.some((s) => s.step === 'derived' && s.name === '两个普遍统计缓存')).toBe(true);
    expect(made.enterprises).toBe(600);
    expect(made.facts).toBeGreaterThan(600);
    const rows = await ctx.database.rows<{ uscc: string; name: string }>(
      'select uscc, name from enterprises',
    );
    expect(rows).toHaveLength(600);
    expect(rows.filter((r) => usccProblem(r.uscc) !== null)).toEqual([]);
    expect(new Set(rows.map((r) => r.name)).size).toBe(600);
    // Names as firms are named: no serial numbers to tell them apart.
    expect(rows.filter((r) => /\d/.test(r.name)).map((r) => r.name)).toEqual([]);
    const city = await loginAs(ctx, { username: 'city' }, DEMO_PASSWORD);
    const wuzhong = await loginAs(ctx, { username: 'wuzhong' }, DEMO_PASSWORD);
    const all = json<EnterprisePage>(await city.get('/api/enterprises?pageSize=1')).total;
    const own = json<EnterprisePage>(await wuzhong.get('/api/enterprises?pageSize=500'));
    expect(all).toBe(600);
    expect(own.total).toBeGreaterThan(0);
    expect(own.total).toBeLessThan(600);
    expect(new Set(own.items.map((e) => e.district?.name))).toEqual(new Set(['吴中区总工会']));
    // USCCs carry the area code of the district they are registered in (state-owned: the city's).
    const areas = new Set(own.items.map((e) => e.uscc.slice(2, 8)));
    expect(areas).toEqual(new Set(['320506', '320500']));
    const cityAreas = await ctx.database.rows<{ area: string }>(
      'select distinct substr(uscc, 3, 6) as area from enterprises',
    );
    expect(cityAreas.length).toBeGreaterThan(8);
    const unionised = json<EnterprisePage>(await city.get('/api/enterprises?pageSize=1&hasUnion=true')).total;
    expect(unionised / all).toBeGreaterThan(0.3);
    expect(unionised / all).toBeLessThan(0.95);
  });

  it('writes the summary columns as the facts give them, and rebuilds the derived tables', async () => {
    // The summaries are computed while the rows are made; the SQL from the facts must agree.
    const summary = `select id, employees, joint_union_org_id, union_founded_on, members, last_election_on,
        term_years, workers_congress_on, members_congress_on, collective_contract_to, wage_agreement_to,
        women_contract_to, affairs_disclosure_on from enterprises order by id`;
    const written = await ctx.database.rows(summary);
    expect(written.some((r) => r.joint_union_org_id !== null)).toBe(true);
    await ctx.database.transaction((tx) => refreshSummaries(tx, sql`true`));
    expect(await ctx.database.rows(summary)).toEqual(written);
    // The load went around the tracked writes; the series were rebuilt from what it wrote.
    const [series] = await ctx.database.rows<{ n: number }>(
      'select coalesce(sum(enterprises), 0)::int as n from coverage_daily',
    );
    const [counted] = await ctx.database.rows<{ n: number }>(
      `select count(*)::int as n from enterprises where employees >= 10 and closed_on is null`,
    );
    expect(series!.n).toBe(counted!.n);
    // Wage agreements end all through the year, not all on one day (no reminder wave at once).
    const ends = await ctx.database.rows<{ day: string; n: number }>(
      `select to_char(wage_agreement_to, 'MM-DD') as day, count(*)::int as n from enterprises
        where wage_agreement_to is not null group by 1 order by 2 desc`,
    );
    const agreements = ends.reduce((sum, e) => sum + e.n, 0);
    expect(agreements).toBeGreaterThan(100);
    expect(ends[0]!.n / agreements).toBeLessThan(0.05);
    expect(new Set(ends.map((e) => e.day.slice(0, 2))).size).toBe(12);
  });

  it('loads a second time with the indexes in place, which refuse the same USCCs, and keeps nothing', async () => {
    const steps: DemoLoadStep[] = [];
    await expect(seedDemoEnterprises(30, { onProgress: (s) => steps.push(s) })).rejects.toMatchObject({
      code: '23505',
    });
    expect(steps.filter((s) => s.step !== 'load')).toEqual([]);
    expect(await ctx.database.rows('select count(*)::int as n from enterprises')).toEqual([{ n: 600 }]);
  });
});
