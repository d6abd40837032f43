// The demo's assessments: two years over the studios in the database, mostly pass, some excellent
// (a few flagged), a few fails, one studio revoked after failing both years, and the last year
// leaving work waiting for the districts and the city.
import { describe, expect, it } from 'vitest';
import { loginAs, setupTestApp, system } from '../../../tests/test-app';
import { buildStudio } from '../../../tests/studio-factories';
import { DEMO_PASSWORD, seedDemoOrgs } from '../../orgs/demo';
import { getOrg } from '../../orgs/service';
import { db } from '../../platform/db/client';
import type { WaitingList } from '../../platform/shared/waiting-contract';
import type { SummaryView } from './contract';
import { seedDemoAssessments } from './demo';

const ctx = setupTestApp();

describe('demo assessments', () => {
  it('assesses the designated studios over two years, with a revocation', async () => {
    await seedDemoOrgs();
    const towns = await db.rows<{ id: string }>(
      `select id from orgs where kind = 'townshipUnion' and active order by path limit 12`,
    );
    for (const [i, t] of towns.entries())
      for (let k = 0; k < 3; k++)
        await buildStudio({ org: await getOrg(system, t.id), name: `演示工作室${i}-${k}`, year: 2011 + k });
    const made = await seedDemoAssessments();
    expect(made).toBe(36 + 36);
    const production = await loginAs(ctx, { username: 'production' }, DEMO_PASSWORD);
    const summary = async (year: number) =>
      (await production.get(`/api/studios/assessments/summary?year=${year}`)).json<SummaryView>();
    const years = (await summary(2000)).years;
    expect(years).toHaveLength(2);
    const [last, first] = [await summary(years[0]!), await summary(years[1]!)];
    expect(first.counts).toMatchObject({ total: 36, reviewed: 36 });
    expect(first.counts.pass).toBeGreaterThan(first.counts.excellent);
    expect(first.counts.excellent).toBeGreaterThan(0);
    expect(first.counts.fail).toBeGreaterThan(0);
    expect(last.counts.revoked).toBe(1);
    expect(last.counts.open).toBeGreaterThan(0);
    expect(last.counts.scored).toBeGreaterThan(0);
    expect(first.counts.flagged + last.counts.flagged).toBeGreaterThan(0);
    const [revoked] = await db.rows<{ n: number }>(
      `select count(*)::int as n from studios where state = 'revoked'`,
    );
    expect(revoked!.n).toBe(1);
    const waiting = (await production.get('/api/home/waiting')).json<WaitingList>();
    expect(waiting.items.find((i) => i.key === 'studioAssessments.review')?.count).toBe(last.counts.scored);
  }, 180_000);
});
