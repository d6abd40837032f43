// For every role: read and write an organisation and a user inside and outside its scope.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildOrg,
  buildUser,
  json,
  loginAs,
  rootFederation,
  setupTestApp,
  type Client,
} from '../../tests/test-app';
import type { Role } from '../platform/shared/access-catalog';
import type { OrgDetail, UserView } from './contract';

const ctx = setupTestApp();

type Code = 200 | 403 | 404;
interface Expectation {
  readOrg: Code;
  writeOrg: Code;
  readUser: Code;
  writeUser: Code;
}

/**
 * Inside the actor's own subtree: what each role may do. Outside it, what the role may do answers
 * 404 (as for a record that does not exist) and what it may never do 403, before any lookup.
 */
const INSIDE: Record<string, Expectation> = {
  admin: { readOrg: 200, writeOrg: 200, readUser: 200, writeUser: 200 },
  'federationStaff/organisation': { readOrg: 200, writeOrg: 200, readUser: 200, writeUser: 403 },
  'federationStaff/office': { readOrg: 200, writeOrg: 403, readUser: 200, writeUser: 403 },
  unionStaff: { readOrg: 200, writeOrg: 200, readUser: 200, writeUser: 403 },
  grassrootsChair: { readOrg: 200, writeOrg: 200, readUser: 403, writeUser: 403 },
  infoOfficer: { readOrg: 200, writeOrg: 403, readUser: 403, writeUser: 403 },
  serviceCadre: { readOrg: 200, writeOrg: 403, readUser: 403, writeUser: 403 },
  mediator: { readOrg: 200, writeOrg: 403, readUser: 403, writeUser: 403 },
  judge: { readOrg: 200, writeOrg: 403, readUser: 403, writeUser: 403 },
};
const outside = (inside: Expectation): Expectation =>
  Object.fromEntries(
    Object.entries(inside).map(([k, code]) => [k, code === 200 ? 404 : 403]),
  ) as unknown as Expectation;

let root: OrgDetail;
let district: OrgDetail;
let sibling: OrgDetail;
let township: OrgDetail;
let grassroots: OrgDetail;
let siblingTown: OrgDetail;

beforeAll(async () => {
  root = await rootFederation();
  district = await buildOrg({ name: '吴中区总工会' });
  sibling = await buildOrg({ name: '吴江市总工会' });
  township = await buildOrg({ parent: district, name: '长桥街道工会' });
  grassroots = await buildOrg({ parent: township, kind: 'grassrootsUnion', name: '某公司工会' });
  siblingTown = await buildOrg({ parent: sibling, name: '盛泽镇工会' });
});

async function probe(client: Client, org: OrgDetail, user: UserView, asAdmin: Client) {
  const freshOrg = json<OrgDetail>(await asAdmin.get(`/api/orgs/${org.id}`));
  const freshUser = json<UserView>(await asAdmin.get(`/api/users/${user.id}`));
  return {
    readOrg: (await client.get(`/api/orgs/${org.id}`)).statusCode,
    writeOrg: (
      await client.patch(`/api/orgs/${org.id}`, { version: freshOrg.version, contactPhone: '0512-1234567' })
    ).statusCode,
    readUser: (await client.get(`/api/users/${user.id}`)).statusCode,
    writeUser: (
      await client.patch(`/api/users/${user.id}`, { version: freshUser.version, phone: '13800000000' })
    ).statusCode,
  };
}

describe('access matrix', () => {
  const cases: { key: string; role: Role; department?: 'organisation' | 'office' }[] = [
    { key: 'admin', role: 'admin' },
    { key: 'federationStaff/organisation', role: 'federationStaff', department: 'organisation' },
    { key: 'federationStaff/office', role: 'federationStaff', department: 'office' },
    { key: 'unionStaff', role: 'unionStaff' },
    { key: 'grassrootsChair', role: 'grassrootsChair' },
    { key: 'infoOfficer', role: 'infoOfficer' },
    { key: 'serviceCadre', role: 'serviceCadre' },
    { key: 'mediator', role: 'mediator' },
    { key: 'judge', role: 'judge' },
  ];

  for (const c of cases) {
    it(`${c.key}: inside and outside its scope`, async () => {
      const admin = await loginAs(ctx, await buildUser({ role: 'admin', org: root }));
      const atCity = c.role === 'admin' || c.role === 'federationStaff';
      const home = atCity ? root : c.role === 'grassrootsChair' ? grassroots : district;
      const actor = await loginAs(
        ctx,
        await buildUser({ role: c.role, org: home, department: c.department ?? null }),
      );
      // A target inside: for a grassroots chair its own union, else a township below.
      const insideOrg = c.role === 'grassrootsChair' ? grassroots : township;
      const insideUser = await buildUser({
        role: c.role === 'grassrootsChair' ? 'grassrootsChair' : 'infoOfficer',
        org: insideOrg,
      });
      expect(await probe(actor, insideOrg, insideUser, admin)).toEqual(INSIDE[c.key]);
      if (!atCity) {
        const outsideUser = await buildUser({ role: 'infoOfficer', org: siblingTown });
        expect(await probe(actor, siblingTown, outsideUser, admin)).toEqual(outside(INSIDE[c.key]!));
        // The parent above the scope is outside too.
        expect((await actor.get(`/api/orgs/${root.id}`)).statusCode).toBe(404);
      }
    });
  }

  it('lists only the subtree: a district sees its own nodes and users, never a sibling’s', async () => {
    const staff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: district }));
    await buildUser({ role: 'infoOfficer', org: siblingTown, username: 'outsider_user' });
    const orgs = json<{ items: OrgDetail[]; total: number }>(await staff.get('/api/orgs?pageSize=500'));
    expect(orgs.items.length).toBeGreaterThan(0);
    for (const o of orgs.items) expect([district.id, ...o.ancestors.map((a) => a.id)]).toContain(district.id);
    expect(orgs.items.map((o) => o.id)).not.toContain(sibling.id);
    expect(orgs.items.map((o) => o.id)).not.toContain(root.id);
    const search = json<{ items: OrgDetail[] }>(await staff.get(`/api/orgs?q=${encodeURIComponent('盛泽')}`));
    expect(search.items).toEqual([]);
    const users = json<{ items: UserView[] }>(await staff.get('/api/users?pageSize=500'));
    expect(users.items.map((u) => u.username)).not.toContain('outsider_user');
    expect((await staff.get(`/api/orgs?parentId=${sibling.id}`)).statusCode).toBe(404);
    expect((await staff.get(`/api/users?orgId=${sibling.id}`)).statusCode).toBe(404);
  });

  it('a district cannot create under, or move into, a sibling district', async () => {
    const staff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: district }));
    const create = await staff.post('/api/orgs', {
      parentId: sibling.id,
      name: '越界工会',
      kind: 'townshipUnion',
    });
    expect(create.statusCode).toBe(404);
    const town = await buildOrg({ parent: district });
    const move = await staff.post(`/api/orgs/${town.id}/move`, {
      parentId: sibling.id,
      version: town.version,
    });
    expect(move.statusCode).toBe(404);
    const steal = await staff.post(`/api/orgs/${siblingTown.id}/move`, { parentId: district.id, version: 1 });
    expect(steal.statusCode).toBe(404);
    const ownRoot = await staff.delete(`/api/orgs/${district.id}?version=${district.version}`);
    expect(ownRoot.statusCode).toBe(409);
  });

  it('audit is for administrators and scoped', async () => {
    const staff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: district }));
    expect((await staff.get('/api/audit')).statusCode).toBe(403);
    const districtAdmin = await loginAs(ctx, await buildUser({ role: 'admin', org: district }));
    const page = json<{ items: { entityId: string }[] }>(
      await districtAdmin.get('/api/audit?pageSize=500&entity=org'),
    );
    expect(page.items.map((e) => e.entityId)).not.toContain(sibling.id);
    expect(page.items.map((e) => e.entityId)).toContain(township.id);
  });
});
