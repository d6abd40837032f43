// The home page's waiting items (首页待办) per role: each count equals the total of the list it
// links to, and a role with nothing waiting gets nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildDistrictScene,
  buildEnterprise,
  buildUser,
  json,
  loginAs,
  rootFederation,
  setupTestApp,
  type Client,
} from '../../tests/test-app';
import type { OrgDetail, UserView } from '../orgs/contract';
import type { WaitingList } from '../platform/shared/waiting-contract';
import { addDays, chinaToday } from '../platform/shared/dates';

const ctx = setupTestApp();
let district: OrgDetail;
let town: OrgDetail;
let staff: Client;
let cadreUser: UserView;
let cadre: Client;
let editor: Client;
let officer: Client;
const today = chinaToday();
const year = today.slice(0, 4);

function ok<T>(res: { statusCode: number; body: string }): T {
  expect(res.statusCode, res.body).toBe(200);
  return JSON.parse(res.body) as T;
}

async function waiting(
  client: Client,
): Promise<Map<string, { count: number; link: string; urgent: boolean }>> {
  const list = ok<WaitingList>(await client.get('/api/home/waiting'));
  return new Map(list.items.map((i) => [i.key, i]));
}

/** The total of the list a waiting item links to (its path and query, as the API takes them). */
async function totalOf(client: Client, api: string): Promise<number> {
  return json<{ total: number }>(await client.get(api)).total;
}

beforeAll(async () => {
  ({ district, town, staff } = await buildDistrictScene(ctx));
  cadreUser = await buildUser({ role: 'serviceCadre', org: town });
  cadre = await loginAs(ctx, cadreUser);
  editor = await loginAs(
    ctx,
    await buildUser({ role: 'federationStaff', department: 'office', org: await rootFederation() }),
  );
  officer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: district }));
  const programme = ok<{ id: string }>(
    await staff.post('/api/service/programmes', {
      name: '服务企业',
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
      levels: ['district', 'township'],
      visitEveryDays: 7,
    }),
  );
  const firms = [];
  for (let i = 0; i < 3; i++) firms.push(await buildEnterprise({ org: town, employees: 150 + i }));
  ok(
    await staff.post(`/api/service/programmes/${programme.id}/pairings`, {
      cadreId: cadreUser.id,
      enterpriseIds: firms.map((f) => f.id),
    }),
  );
  // A need handed to the cadre, and one of the district past its day.
  const need = ok<{ id: string }>(
    await staff.post('/api/service/needs', {
      enterpriseId: firms[0]!.id,
      kind: 'training',
      description: '培训',
      ownerId: cadreUser.id,
    }),
  );
  expect(need.id).toBeTruthy();
  ok(
    await staff.post('/api/service/needs', {
      enterpriseId: firms[1]!.id,
      kind: 'hiring',
      description: '招工',
      dueOn: addDays(today, -1),
    }),
  );
});

describe('what waits on the home page', () => {
  it('for a cadre: visits soon due, the needs handed to them, overdue needs of their scope', async () => {
    const items = await waiting(cadre);
    // Paired today with a seven-day rhythm: all three fall due within 14 days.
    expect(items.get('service.visitsDue')).toMatchObject({ count: 3, link: '/service/my?due=due' });
    expect(await totalOf(cadre, '/api/service/pairings?mine=true&due=due')).toBe(3);
    expect(items.has('service.visitsOverdue')).toBe(false);
    expect(items.get('service.myNeeds')?.count).toBe(1);
    expect(items.get('service.needsOverdue')).toMatchObject({ count: 1, urgent: true });
    expect(items.get('service.unpaired')?.count ?? 0).toBe(
      await totalOf(cadre, '/api/service/unpaired?pageSize=1'),
    );
    expect(items.has('bulletin.queue')).toBe(false);
  });

  it('for district staff: overdue needs and unpaired priority enterprises, each its list’s total', async () => {
    await buildEnterprise({ org: town, employees: 900, ownership: 'foreign' });
    const items = await waiting(staff);
    expect(items.get('service.needsOverdue')?.count).toBe(
      await totalOf(staff, '/api/service/needs?overdue=true&pageSize=1'),
    );
    const unpaired = items.get('service.unpaired');
    expect(unpaired?.count).toBeGreaterThan(0);
    expect(unpaired?.count).toBe(await totalOf(staff, '/api/service/unpaired?pageSize=1'));
    expect(items.has('service.visitsDue')).toBe(false);
  });

  it('for the editor: the queue; for the officer: the item returned to them', async () => {
    const draft = ok<{ id: string; version: number }>(
      await officer.post('/api/bulletin/submissions', {
        title: '区总工会召开推进会',
        body: '　　近日召开推进会。',
      }),
    );
    const sent = ok<{ id: string; version: number }>(
      await officer.post(`/api/bulletin/submissions/${draft.id}/submit`, { version: draft.version }),
    );
    const queue = (await waiting(editor)).get('bulletin.queue');
    expect(queue).toMatchObject({ count: 1, link: '/bulletin/desk' });
    expect(await totalOf(editor, '/api/bulletin/submissions?state=submitted&pageSize=1')).toBe(1);
    ok(
      await editor.post(`/api/bulletin/submissions/${sent.id}/return`, {
        version: sent.version,
        comment: '请补充数据',
      }),
    );
    expect((await waiting(editor)).has('bulletin.queue')).toBe(false);
    const mine = await waiting(officer);
    expect(mine.get('bulletin.returned')).toMatchObject({ count: 1, urgent: true });
    expect(mine.get('bulletin.unread')?.count).toBeGreaterThan(0);
    expect(mine.has('service.needsOverdue')).toBe(false);
  });

  it('for a judge: nothing; without a session: 401', async () => {
    const judge = await loginAs(ctx, await buildUser({ role: 'judge', org: district }));
    expect((await waiting(judge)).size).toBe(0);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/home/waiting' })).statusCode).toBe(401);
  });
});
