import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../platform/tables';
import {
  buildOrg,
  buildUser,
  json,
  loginAs,
  rootFederation,
  setupTestApp,
  type Client,
} from '../../tests/test-app';
import type { OrgDetail, UserView } from './contract';
import { chinaToday } from '../platform/shared/dates';

const ctx = setupTestApp();
let admin: Client;

beforeAll(async () => {
  admin = await loginAs(ctx, await buildUser({ role: 'admin', org: await rootFederation() }));
});

async function auditRows(entityId: string) {
  return ctx.database.orm
    .select()
    .from(auditLog)
    .where(eq(auditLog.entityId, entityId))
    .orderBy(auditLog.at, auditLog.id);
}

describe('versions and the audit trail', () => {
  it('a stale organisation update answers 409 and changes nothing', async () => {
    const org = await buildOrg();
    expect(
      (await admin.patch(`/api/orgs/${org.id}`, { version: org.version, address: '甲' })).statusCode,
    ).toBe(200);
    const stale = await admin.patch(`/api/orgs/${org.id}`, { version: org.version, address: '乙' });
    expect(stale.statusCode).toBe(409);
    expect(json(stale)).toMatchObject({ error: { code: 'STALE_VERSION' } });
    const now = json<OrgDetail>(await admin.get(`/api/orgs/${org.id}`));
    expect(now.address).toBe('甲');
    expect(now.version).toBe(org.version + 1);
  });

  it('a stale user update, reset or deactivation answers 409', async () => {
    const user = await buildUser();
    expect(
      (await admin.patch(`/api/users/${user.id}`, { version: user.version, displayName: '新名字' }))
        .statusCode,
    ).toBe(200);
    expect(
      (await admin.patch(`/api/users/${user.id}`, { version: user.version, displayName: '旧' })).statusCode,
    ).toBe(409);
    expect(
      (await admin.post(`/api/users/${user.id}/password`, { version: user.version, password: 'Abcdefg123' }))
        .statusCode,
    ).toBe(409);
    expect((await admin.delete(`/api/users/${user.id}?version=${user.version}`)).statusCode).toBe(409);
  });

  it('each write leaves exactly one audit row with the right before and after', async () => {
    const parent = await buildOrg();
    const other = await buildOrg();
    const created = json<OrgDetail>(
      await admin.post('/api/orgs', { parentId: parent.id, name: '审计街道工会', kind: 'townshipUnion' }),
    );
    let rows = await auditRows(created.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'org.create', entity: 'org', before: null });
    expect(rows[0]!.after).toMatchObject({ name: '审计街道工会', version: 1 });
    expect(rows[0]!.actorName).toContain('测试用户');

    const updated = json<OrgDetail>(
      await admin.patch(`/api/orgs/${created.id}`, { version: 1, name: '审计街道总工会' }),
    );
    rows = await auditRows(created.id);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.before).toMatchObject({ name: '审计街道工会', version: 1 });
    expect(rows[1]!.after).toMatchObject({ name: '审计街道总工会', version: 2 });

    const moved = json<OrgDetail>(
      await admin.post(`/api/orgs/${created.id}/move`, { parentId: other.id, version: updated.version }),
    );
    rows = await auditRows(created.id);
    expect(rows).toHaveLength(3);
    expect(rows[2]).toMatchObject({ action: 'org.move' });
    expect((rows[2]!.before as { parentId: string }).parentId).toBe(parent.id);
    expect((rows[2]!.after as { parentId: string }).parentId).toBe(other.id);

    await admin.delete(`/api/orgs/${created.id}?version=${moved.version}`);
    rows = await auditRows(created.id);
    expect(rows).toHaveLength(4);
    expect(rows[3]).toMatchObject({ action: 'org.deactivate' });
    expect((rows[3]!.after as { active: boolean }).active).toBe(false);

    // A refused write leaves no audit row.
    await admin.patch(`/api/orgs/${created.id}`, { version: 1, name: 'x' });
    expect(await auditRows(created.id)).toHaveLength(4);
  });

  it('user writes are audited without the password hash', async () => {
    const org = await buildOrg();
    const res = await admin.post('/api/users', {
      username: 'audited_user',
      displayName: '被审计',
      role: 'unionStaff',
      orgId: org.id,
      password: 'Secret2026',
    });
    const user = json<UserView>(res);
    await admin.post(`/api/users/${user.id}/password`, { version: user.version, password: 'Secret2027' });
    const rows = await auditRows(user.id);
    expect(rows.map((r) => r.action)).toEqual(['user.create', 'user.resetPassword']);
    expect(JSON.stringify(rows)).not.toMatch(/scrypt|Secret20/);
    const listed = json<{ items: { action: string }[] }>(
      await admin.get(`/api/audit?entity=user&entityId=${user.id}`),
    );
    expect(listed.items.map((i) => i.action)).toEqual(['user.resetPassword', 'user.create']);
  });

  it('the audit list filters by operator, action and date', async () => {
    const today = chinaToday();
    const byAction = json<{ items: { action: string }[]; total: number }>(
      await admin.get(`/api/audit?action=org.create&from=${today}&to=${today}`),
    );
    expect(byAction.total).toBeGreaterThan(0);
    expect(new Set(byAction.items.map((i) => i.action))).toEqual(new Set(['org.create']));
    const future = json<{ total: number }>(await admin.get('/api/audit?from=2099-01-01'));
    expect(future.total).toBe(0);
    const byActor = json<{ total: number }>(
      await admin.get(`/api/audit?actor=${encodeURIComponent('系统')}`),
    );
    expect(byActor.total).toBeGreaterThan(0);
  });

  it('a move rewrites descendants in the same transaction as the audit row', async () => {
    const a = await buildOrg();
    const b = await buildOrg();
    const town = await buildOrg({ parent: a });
    const union = await buildOrg({ parent: town, kind: 'grassrootsUnion' });
    await admin.post(`/api/orgs/${town.id}/move`, { parentId: b.id, version: town.version });
    const unionNow = json<OrgDetail>(await admin.get(`/api/orgs/${union.id}`));
    expect(unionNow.depth).toBe(3);
    expect(unionNow.ancestors.map((x) => x.id)).toContain(b.id);
    const moves = await ctx.database.orm
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, town.id), eq(auditLog.action, 'org.move')));
    expect(moves).toHaveLength(1);
  });
});
