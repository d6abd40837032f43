// The kept worklists (three-category enterprises, due-date alerts) equal the direct derivation
// from the registry and its facts: after random sequences of the writes users make, after the
// clock moves past contract ends, terms, reminder windows, a survey's three years and a new
// year, and after more writes on the new day. Totals and first pages are compared as the API
// serves them, for every organisation of the scene, with the default reminder window and another.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { buildOrg, setupTestApp, system } from '../../tests/test-app';
import { applyWrites, buildWriteScene, WORKLIST_KINDS, writeArb } from '../../tests/random-writes';
import { enterpriseDueDates, listPriority, refreshSummaries } from '../enterprises/service';
import { moveOrg } from '../orgs/service';
import type { OrgDetail } from '../orgs/contract';
import { execute, type Db } from '../platform/db/client';
import { addDays, addYears, chinaToday } from '../platform/shared/dates';
import { PRIORITY_REASONS, type PriorityReason } from './contract';
import { ALERT_KINDS, isContractAlert, type AlertState } from './alerts-contract';
import { alertCondition, alertDueColumn } from './alert-conditions';
import { getAlertSummary, listAlerts } from './alerts';
import { listPriorityEnterprises } from './service';
import { advanceWorklist, buildWorklist, loadPriorityRule, worklistToday } from './worklist-store';
import { setPriorityRule } from './priority-rule';
import { waitForJob } from '../platform/jobs';

const ctx = setupTestApp();
let orgs: OrgDetail[];
let towns: OrgDetail[];
let joints: OrgDetail[];

beforeAll(async () => {
  const scene = await buildWriteScene();
  ({ towns, joints } = scene);
  // The city, a district and a township of each district: every level a list is asked for at.
  orgs = [scene.root, scene.districts[0]!, towns[0]!, towns[2]!];
});

afterEach(() => {
  vi.useRealTimers();
});

class Rollback extends Error {}

/** Runs `read` in a transaction that is then undone, whatever `read` wrote. */
async function undone<T>(read: (tx: Db) => Promise<T>): Promise<T> {
  let out: T | undefined;
  await ctx.database
    .transaction(async (tx) => {
      out = await read(tx);
      throw new Rollback();
    })
    .catch((err: unknown) => {
      if (!(err instanceof Rollback)) throw err;
    });
  return out!;
}

async function pathOf(org: OrgDetail): Promise<string> {
  const [row] = await ctx.database.rows<{ path: string }>('select path from orgs where id = $1', [org.id]);
  return row!.path;
}

const snapshot = (tx: Db) =>
  Promise.all([
    execute(tx, sql`select * from coverage_worklist order by enterprise_id`),
    execute(
      tx,
      sql`select org_path, item, n from coverage_worklist_counts where n <> 0 order by item, org_path`,
    ),
  ]);

/**
 * What the lists must hold, derived directly: summary columns brought to today first (in a
 * transaction that is undone), then the three categories and the due dates of the subtree.
 */
async function direct(path: string, today: string) {
  return undone(async (tx) => {
    await refreshSummaries(tx, sql`true`);
    const where = sql`e.org_path like ${path + '%'}`;
    const { rule } = await loadPriorityRule(tx);
    const priority = await listPriority(tx, where, {}, { limit: 100000, offset: 0 }, today, rule);
    const alerts = new Map<string, string[]>();
    for (const withinDays of [30, 90]) {
      const w = { today, withinDays };
      for (const kind of ALERT_KINDS) {
        for (const state of isContractAlert(kind)
          ? (['expiring', 'expired', undefined] as const)
          : [undefined]) {
          const due = alertDueColumn(kind);
          const rows = await execute<{ id: string }>(
            tx,
            sql`select d.id from (${enterpriseDueDates(where, today)}) d where ${alertCondition(kind, state, w)}
                order by ${due} asc nulls last, d.last_evaluation_year asc nulls first, d.employees desc nulls last, d.id`,
          );
          alerts.set(
            `${kind}/${state ?? ''}/${withinDays}`,
            rows.map((r) => r.id),
          );
        }
      }
    }
    return { priority: priority.rows, alerts };
  });
}

/** The API's lists and totals of every organisation equal the direct derivation as of today. */
async function expectListsDirect() {
  const today = chinaToday();
  expect(await worklistToday()).toBe(today);
  for (const org of orgs) {
    const want = await direct(await pathOf(org), today);
    const withReason = (code: PriorityReason | undefined, category: number | undefined) =>
      want.priority.filter((r) =>
        r.reasons.some(
          (x) =>
            (code === undefined || x.code === code) && (category === undefined || x.category === category),
        ),
      );
    for (const category of [undefined, 1, 2, 3]) {
      const page = await listPriorityEnterprises(system, { orgId: org.id, category, page: 1, pageSize: 500 });
      const expected = withReason(undefined, category);
      expect(page.total, `${org.name} category ${category} on ${today}`).toBe(expected.length);
      expect(page.items.map((i) => [i.enterprise.id, i.urgency, i.categories, i.reasons])).toEqual(
        expected.map((r) => [r.id, r.urgency, r.categories, r.reasons]),
      );
    }
    for (const reason of PRIORITY_REASONS) {
      const page = await listPriorityEnterprises(system, { orgId: org.id, reason, page: 1, pageSize: 500 });
      expect(page.total, `${org.name} ${reason} on ${today}`).toBe(withReason(reason, undefined).length);
    }
    for (const withinDays of [30, 90]) {
      const summary = await getAlertSummary(system, { orgId: org.id, withinDays });
      for (const count of summary.kinds) {
        const ids = (state: AlertState | undefined) =>
          want.alerts.get(`${count.kind}/${state ?? ''}/${withinDays}`)!;
        const label = `${org.name} ${count.kind} within ${withinDays} on ${today}`;
        expect(count.total, label).toBe(ids(undefined).length);
        if (isContractAlert(count.kind)) {
          expect(count.expiring, label).toBe(ids('expiring').length);
          expect(count.expired, label).toBe(ids('expired').length);
        }
        for (const state of isContractAlert(count.kind)
          ? (['expiring', 'expired', undefined] as const)
          : [undefined]) {
          const page = await listAlerts(system, {
            orgId: org.id,
            kind: count.kind,
            state,
            withinDays,
            page: 1,
            pageSize: 500,
          });
          expect(page.total, `${label} ${state}`).toBe(ids(state).length);
          expect(
            page.items.map((i) => i.enterprise.id),
            `${label} ${state}`,
          ).toEqual(ids(state));
        }
      }
    }
  }
}

/** The kept rows and counts equal a rebuild from scratch (which is then undone). */
async function expectEqualToRebuild() {
  const kept = await ctx.database.transaction(snapshot);
  expect(kept[0].length).toBeGreaterThan(0);
  const rebuilt = await undone(async (tx) => {
    await buildWorklist(tx, { full: true });
    return snapshot(tx);
  });
  expect(kept[0]).toEqual(rebuilt[0]);
  expect(kept[1]).toEqual(rebuilt[1]);
}

async function randomWrites(count: number, seed: number) {
  const writes = fc.sample(
    fc.array(writeArb(WORKLIST_KINDS, towns.length, joints.length), { minLength: count, maxLength: count }),
    { numRuns: 1, seed },
  )[0]!;
  const { applied } = await applyWrites(writes, {
    towns,
    joints,
    today: chinaToday(),
    prefix: `清单${seed}`,
  });
  expect(applied).toBeGreaterThan(count * 0.7);
}

/** Sets the clock to noon, China time, of a day. */
function clockAt(day: string) {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(`${day}T12:00:00+08:00`) });
}

describe('the kept worklists', () => {
  it('equal the direct derivation after random writes, as the clock moves, and after more writes', async () => {
    const start = chinaToday();
    await randomWrites(250, 11);
    await expectListsDirect();
    await expectEqualToRebuild();
    // Days on which much turns: tomorrow, a reminder window later, across a year's end, past
    // contracts' and terms' ends, past a survey's three years.
    const days = [
      addDays(start, 1),
      addDays(start, 7),
      addDays(start, 20),
      addDays(start, 30),
      addDays(start, 31),
      addDays(start, 45),
      `${Number(start.slice(0, 4)) + 1}-01-01`,
      addDays(start, 400),
      addYears(start, 3),
      addDays(addYears(start, 3), 200),
    ].sort();
    for (const [i, day] of days.entries()) {
      clockAt(day);
      await expectListsDirect();
      if (i === 5) {
        await randomWrites(60, 12);
        await expectListsDirect();
      }
    }
    await expectEqualToRebuild();
    vi.useRealTimers();
  }, 300_000);

  it('follow the priority rule: category 3 and the order change with it, by a rebuild in a job', async () => {
    const before = await listPriorityEnterprises(system, {
      orgId: orgs[0]!.id,
      category: 3,
      page: 1,
      pageSize: 1,
    });
    const weights = Object.fromEntries(PRIORITY_REASONS.map((r) => [r, 1])) as Record<PriorityReason, number>;
    // Any one failing: the old reading, a longer list.
    let saved = await setPriorityRule(system, {
      weakFailings: ['noWageAgreement', 'noCollectiveContract', 'lowSatisfaction'],
      weakMin: 1,
      weights: { ...weights, noWageAgreement: 30 },
      global500Weight: 0,
    });
    expect((await waitForJob(system, saved.jobId)).state).toBe('succeeded');
    const looser = await listPriorityEnterprises(system, {
      orgId: orgs[0]!.id,
      category: 3,
      page: 1,
      pageSize: 1,
    });
    expect(looser.total).toBeGreaterThan(before.total);
    await expectListsDirect();
    await expectEqualToRebuild();
    // All of two failings: a shorter one.
    saved = await setPriorityRule(system, {
      weakFailings: ['noWorkersCongress', 'electionOverdue'],
      weakMin: 2,
      weights,
      global500Weight: 5,
      version: saved.version,
    });
    expect((await waitForJob(system, saved.jobId)).state).toBe('succeeded');
    const stricter = await listPriorityEnterprises(system, {
      orgId: orgs[0]!.id,
      category: 3,
      page: 1,
      pageSize: 500,
    });
    expect(stricter.total).toBeLessThan(looser.total);
    for (const item of stricter.items) {
      expect(item.reasons.map((r) => r.code)).toEqual(
        expect.arrayContaining(['noWorkersCongress', 'electionOverdue']),
      );
    }
    await expectListsDirect();
    await expectEqualToRebuild();
    await randomWrites(40, 13);
    await expectListsDirect();
    await expectEqualToRebuild();
  }, 300_000);

  it('move with a township moved to another district', async () => {
    const district = await buildOrg({ name: '丙区总工会' });
    await moveOrg(system, towns[1]!.id, { parentId: district.id, version: towns[1]!.version });
    orgs.push(district);
    await expectListsDirect();
    await expectEqualToRebuild();
  }, 120_000);

  it('run the day’s refresh once: a second call on the same day finds nothing to do', async () => {
    clockAt(addDays(chinaToday(), 45));
    const today = chinaToday();
    const first = await ctx.database.transaction((tx) => advanceWorklist(tx, today));
    expect(first).toBeGreaterThan(0);
    const before = await ctx.database.transaction(snapshot);
    expect(await ctx.database.transaction((tx) => advanceWorklist(tx, today))).toBe(0);
    expect(await ctx.database.transaction(snapshot)).toEqual(before);
    await expectListsDirect();
  }, 120_000);
});
