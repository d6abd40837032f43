// The demo's achievements: every designated studio gets records over the last three years of every
// kind, each valid, some with a benefit and its basis; studios not designated get none.
import { describe, expect, it } from 'vitest';
import { buildOrg, buildUser, json, loginAs, rootFederation, setupTestApp } from '../../../tests/test-app';
import { buildStudio } from '../../../tests/studio-factories';
import { now } from '../../platform/clock';
import { chinaToday } from '../../platform/shared/dates';
import { ACHIEVEMENT_KINDS, type AchievementTotalsView, type StudioAchievementsView } from './contract';
import { seedDemoAchievements } from './demo';

const ctx = setupTestApp();

describe('demo achievements', () => {
  it('records every kind over three years for the designated studios', async () => {
    const district = await buildOrg({ name: '吴中区总工会' });
    const town = await buildOrg({ parent: district });
    const studios = [];
    for (let i = 0; i < 12; i++)
      studios.push(
        await buildStudio({ org: await buildOrg({ parent: town, kind: 'grassrootsUnion' }), year: 2015 }),
      );
    const applied = await buildStudio({ org: town, state: 'applied' });
    const made = await seedDemoAchievements();
    expect(made).toBeGreaterThan(12 * 8);
    const admin = await loginAs(ctx, await buildUser({ role: 'admin', org: await rootFederation() }));
    const byYear = json<AchievementTotalsView>(await admin.get('/api/studios/achievements/totals?by=year'));
    const thisYear = Number(chinaToday(now()).slice(0, 4));
    expect(byYear.rows.map((r) => r.key)).toEqual([thisYear, thisYear - 1, thisYear - 2].map(String));
    expect(byYear.total.records).toBe(made);
    for (const kind of ACHIEVEMENT_KINDS) expect(byYear.total.kinds[kind], kind).toBeGreaterThan(0);
    expect(byYear.total.benefitFen).toBeGreaterThan(0);
    const one = json<StudioAchievementsView>(await admin.get(`/api/studios/${studios[0]!.id}/achievements`));
    expect(one.items.length).toBeGreaterThan(0);
    for (const item of one.items.filter((i) => i.benefitFen !== null)) expect(item.benefitBasis).toBeTruthy();
    const none = json<StudioAchievementsView>(await admin.get(`/api/studios/${applied.id}/achievements`));
    expect(none.items).toEqual([]);
  }, 120_000);
});
