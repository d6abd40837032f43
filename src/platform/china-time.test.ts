// The server's clock at 23:30 UTC is 07:30 the next morning in China: every "today" the
// platform computes (the dashboard's default date, due-date alerts, a new issue's date, the
// export's file name) is China's day, and day filters cover China's days.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  buildDistrictScene,
  buildEnterprise,
  buildUser,
  json,
  loginAs,
  rootFederation,
  setupTestApp,
  system,
  type Client,
} from '../../tests/test-app';
import { addFact } from '../enterprises/service';
import type { AlertPage } from '../coverage/alerts-contract';
import type { CoverageView } from '../coverage/contract';
import {
  addDays,
  addYears,
  chinaDay,
  chinaDayRange,
  chinaToday,
  chineseDate,
  daysBetween,
  isCalendarDay,
  monthEnd,
} from './shared/dates';

// 2026-03-01 23:30 UTC = 2026-03-02 07:30 in Beijing.
const CLOCK = new Date('2026-03-01T23:30:00Z');

describe('the dates module', () => {
  it('counts days in China whatever the zone', () => {
    expect(chinaToday(new Date('2026-03-01T23:00:00Z'))).toBe('2026-03-02');
    expect(chinaToday(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(chinaToday(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    expect(chinaDay(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
    const { start, end } = chinaDayRange('2026-03-02', '2026-03-02');
    expect(start.toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(end.toISOString()).toBe('2026-03-02T16:00:00.000Z');
  });

  it('knows the calendar', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2025-02-29')).toBe(false);
    expect(isCalendarDay('2025-02-31')).toBe(false);
    expect(isCalendarDay('0000-01-01')).toBe(true); // a real day, refused by dayText's range
    expect(isCalendarDay('2011-13-01')).toBe(false);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addYears('2012-02-29', 3)).toBe('2015-02-29');
    expect(daysBetween('2026-03-02', '2026-04-01')).toBe(30);
    expect(monthEnd(2024, 2)).toBe('2024-02-29');
    expect(monthEnd(2026, 0)).toBe('2025-12-31');
    expect(chineseDate('2012-08-03')).toBe('2012年8月3日');
    expect(chineseDate(null)).toBe('');
  });
});

describe('with the server’s clock at 23:30 UTC', () => {
  const ctx = setupTestApp();
  let city: Client;
  let staff: Client;
  let districtId: string;

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: CLOCK });
    city = await loginAs(ctx, await buildUser({ role: 'admin', org: await rootFederation() }));
    const scene = await buildDistrictScene(ctx);
    staff = scene.staff;
    districtId = scene.district.id;
    const enterprise = await buildEnterprise({ org: scene.town });
    await addFact(system, enterprise.id, {
      kind: 'unionFounded',
      eventDate: '2015-01-01',
      validFrom: null,
      validTo: null,
      value: 30,
      data: null,
      explanation: null,
    });
    // The wage agreement's last day is 1 March: valid through UTC's today, expired in China's.
    await addFact(system, enterprise.id, {
      kind: 'wageAgreement',
      eventDate: '2025-02-20',
      validFrom: '2025-03-02',
      validTo: '2026-03-01',
      value: null,
      data: null,
      explanation: null,
    });
  });

  afterAll(() => {
    vi.useRealTimers();
  });

  it('the dashboard answers as of China’s today', async () => {
    const view = json<CoverageView>(await staff.get('/api/coverage'));
    expect(view.date).toBe('2026-03-02');
  });

  it('a contract whose last day was 1 March has expired', async () => {
    const page = json<AlertPage>(
      await staff.get(`/api/coverage/alerts?orgId=${districtId}&kind=wageAgreement&pageSize=50`),
    );
    expect(page.items.map((i) => [i.state, i.daysLeft])).toEqual([['expired', -1]]);
  });

  it('a new issue is dated China’s today; the export is named by it', async () => {
    const editor = await loginAs(
      ctx,
      await buildUser({ role: 'federationStaff', department: 'office', org: await rootFederation() }),
    );
    const created = json<{ id: string }>(await editor.post('/api/bulletin/issues', {}));
    const compile = json<{ date: string | null }>(
      await editor.get(`/api/bulletin/issues/${created.id}/compile`),
    );
    expect(compile.date).toBe('2026-03-02');
    const exported = await city.get('/api/enterprises/export.xlsx');
    expect(decodeURIComponent(String(exported.headers['content-disposition']))).toContain(
      '企业名单-2026-03-02.xlsx',
    );
  });

  it('the audit filter’s days are China’s days', async () => {
    await ctx.database.rows(
      `insert into audit_log (id, actor_name, action, entity, entity_id, org_path, at)
       select '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', '测试', 'test.clock', 'test', 'x', path, '2026-03-01T23:30:00Z' from orgs where parent_id is null`,
    );
    const on = (day: string) => city.get(`/api/audit?action=test.clock&from=${day}&to=${day}`);
    const second = json<{ total: number }>(await on('2026-03-02'));
    const first = json<{ total: number }>(await on('2026-03-01'));
    expect([first.total, second.total]).toEqual([0, 1]);
  });
});
