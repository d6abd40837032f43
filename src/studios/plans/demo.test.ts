// The demo's plans: each designated studio gets this year's plan with three to five milestones
// inside its period, on time, done late and late ones among them; studios without a designation
// get none, and a second run adds nothing.
import { describe, expect, it } from 'vitest';
import { buildOrg, buildUser, json, loginAs, rootFederation, setupTestApp } from '../../../tests/test-app';
import { buildStudio } from '../../../tests/studio-factories';
import { now } from '../../platform/clock';
import { chinaToday } from '../../platform/shared/dates';
import type { MilestonePage, StudioPlansView } from './contract';
import { seedDemoPlans } from './demo';

const ctx = setupTestApp();

describe('demo plans', () => {
  it('plans the year of every designated studio, with milestones on time, done late and late', async () => {
    const district = await buildOrg({ name: '吴中区总工会' });
    const designated = [];
    for (let i = 0; i < 12; i++) designated.push(await buildStudio({ org: district }));
    const applied = await buildStudio({ org: district, state: 'applied' });
    const revoked = await buildStudio({ org: district, state: 'revoked' });
    expect(await seedDemoPlans()).toBe(12);
    expect(await seedDemoPlans()).toBe(0);
    const admin = await loginAs(ctx, await buildUser({ role: 'admin', org: await rootFederation() }));
    const year = chinaToday(now()).slice(0, 4);
    for (const studio of designated) {
      const view = json<StudioPlansView>(await admin.get(`/api/studios/${studio.id}/plans`));
      expect(view.plans).toHaveLength(1);
      const [plan] = view.plans;
      expect(plan).toMatchObject({ periodFrom: `${year}-01-01`, periodTo: `${year}-12-31` });
      expect(plan!.milestones.length).toBeGreaterThanOrEqual(3);
      expect(plan!.milestones.length).toBeLessThanOrEqual(5);
      for (const m of plan!.milestones) {
        expect(m.dueOn >= plan!.periodFrom && m.dueOn <= plan!.periodTo).toBe(true);
        // The latest report is what the milestone shows.
        expect(m.reportCount).toBe(m.reports.length);
        if (m.reports.length) expect(m.lastReportedOn).toBe(m.reports.at(-1)!.reportedOn);
        for (const r of m.reports) expect(r.reportedOn <= view.today).toBe(true);
      }
    }
    for (const studio of [applied, revoked])
      expect(json<StudioPlansView>(await admin.get(`/api/studios/${studio.id}/plans`)).plans).toEqual([]);
    const all = json<MilestonePage>(await admin.get('/api/studios/milestones?pageSize=100'));
    const statuses = new Set(all.items.map((m) => m.status));
    // Which states occur depends on the day of the year; past ones are mostly done on time.
    const past = all.items.filter((m) => m.dueOn < all.today);
    if (past.length >= 10) {
      expect(statuses.has('doneOnTime')).toBe(true);
      expect(statuses.has('late') || statuses.has('doneLate')).toBe(true);
      expect(past.filter((m) => m.status === 'doneOnTime').length).toBeGreaterThan(past.length / 2);
    }
  }, 120_000);
});
