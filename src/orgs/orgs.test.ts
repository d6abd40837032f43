import { describe, expect, it } from 'vitest';
import {
  buildOrg,
  buildUser,
  clientFor,
  json,
  loginAs,
  rootFederation,
  setupTestApp,
} from '../../tests/test-app';
import type { OrgDetail, OrgPage } from './contract';

const ctx = setupTestApp();

describe('organisation tree', () => {
  it('health answers without a session; API answers 401 without one', async () => {
    const anon = clientFor(ctx);
    expect(json(await anon.get('/api/health'))).toEqual({ status: 'ok' });
    const res = await anon.get('/api/orgs');
    expect(res.statusCode).toBe(401);
    expect(json(res)).toMatchObject({ error: { code: 'UNAUTHENTICATED', message: '请先登录' } });
  });

  it('creates a township under a district and lists it as a child', async () => {
    const district = await buildOrg({ name: '吴中区总工会' });
    const staff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: district }));
    const res = await staff.post('/api/orgs', {
      parentId: district.id,
      name: '长桥街道工会',
      kind: 'townshipUnion',
    });
    expect(res.statusCode).toBe(200);
    const created = json<OrgDetail>(res);
    expect(created).toMatchObject({ name: '长桥街道工会', parentId: district.id, depth: 2, version: 1 });
    expect(created.ancestors.map((a) => a.name)).toEqual(['吴中区总工会']);
    const list = json<OrgPage>(await staff.get(`/api/orgs?parentId=${district.id}`));
    expect(list.items.map((o) => o.name)).toEqual(['长桥街道工会']);
    expect(list.total).toBe(1);
  });

  it('moves a subtree and rewrites every path below it', async () => {
    const root = await rootFederation();
    const a = await buildOrg();
    const b = await buildOrg();
    const town = await buildOrg({ parent: a });
    const union = await buildOrg({ parent: town, kind: 'grassrootsUnion' });
    const admin = await loginAs(ctx, await buildUser({ role: 'admin', org: root }));
    const moved = await admin.post(`/api/orgs/${town.id}/move`, { parentId: b.id, version: town.version });
    expect(moved.statusCode).toBe(200);
    const unionAfter = json<OrgDetail>(await admin.get(`/api/orgs/${union.id}`));
    expect(unionAfter.ancestors.map((x) => x.id)).toEqual([root.id, b.id, town.id]);
    const under = await admin.post(`/api/orgs/${b.id}/move`, { parentId: town.id, version: 1 });
    expect(under.statusCode).toBe(400);
    expect(json(under)).toMatchObject({ error: { details: [{ field: 'parentId' }] } });
  });
});
