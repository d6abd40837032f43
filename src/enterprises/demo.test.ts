import { describe, expect, it } from 'vitest';
import { json, loginAs, setupTestApp } from '../../tests/test-app';
import { seedDemoOrgs, DEMO_PASSWORD } from '../orgs/demo';
import { usccProblem } from '../platform/shared/uscc';
import type { EnterprisePage } from './contract';
import { seedDemoEnterprises } from './demo';

const ctx = setupTestApp();

describe('demo registry', () => {
  it('spreads valid enterprises with histories over the townships, each district seeing its own', async () => {
    await seedDemoOrgs();
    const made = await seedDemoEnterprises(600);
    expect(made.enterprises).toBe(600);
    expect(made.facts).toBeGreaterThan(600);
    const rows = await ctx.database.rows<{ uscc: string; name: string }>(
      'select uscc, name from enterprises',
    );
    expect(rows).toHaveLength(600);
    expect(rows.filter((r) => usccProblem(r.uscc) !== null)).toEqual([]);
    expect(new Set(rows.map((r) => r.name)).size).toBe(600);
    const city = await loginAs(ctx, { username: 'city' }, DEMO_PASSWORD);
    const wuzhong = await loginAs(ctx, { username: 'wuzhong' }, DEMO_PASSWORD);
    const all = json<EnterprisePage>(await city.get('/api/enterprises?pageSize=1')).total;
    const own = json<EnterprisePage>(await wuzhong.get('/api/enterprises?pageSize=500'));
    expect(all).toBe(600);
    expect(own.total).toBeGreaterThan(0);
    expect(own.total).toBeLessThan(600);
    expect(new Set(own.items.map((e) => e.district?.name))).toEqual(new Set(['吴中区总工会']));
    const unionised = json<EnterprisePage>(await city.get('/api/enterprises?pageSize=1&hasUnion=true')).total;
    expect(unionised / all).toBeGreaterThan(0.3);
    expect(unionised / all).toBeLessThan(0.95);
  });
});
