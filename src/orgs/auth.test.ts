import { describe, expect, it } from 'vitest';
import {
  buildOrg,
  buildUser,
  clientFor,
  json,
  loginAs,
  PASSWORD,
  rootFederation,
  setupTestApp,
} from '../../tests/test-app';
import type { MeView, OrgDetail, UserView } from './contract';

const ctx = setupTestApp();

function attempt(username: string, password: string, ip = '10.0.0.1') {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });
}

describe('sign-in', () => {
  it('logs in with an httpOnly SameSite cookie and answers /api/auth/me', async () => {
    const user = await buildUser({ role: 'unionStaff' });
    const res = await attempt(user.username, PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const client = clientFor(ctx, cookie.split(';')[0]);
    const me = json<MeView>(await client.get('/api/auth/me'));
    expect(me.user.username).toBe(user.username);
    expect(me.permissions).toContain('org:write');
    expect(me.permissions).not.toContain('user:write');
    expect(me.scope.id).toBe(user.org.id);
  });

  it('a wrong password and an unknown user get the same 401', async () => {
    const user = await buildUser();
    const wrong = await attempt(user.username, 'nope12345', '10.0.1.1');
    const unknown = await attempt('no_such_user', 'nope12345', '10.0.1.1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(json(wrong)).toEqual(json(unknown));
  });

  it('throttles a user after 5 failures, even with the right password, and per address', async () => {
    const user = await buildUser();
    for (let i = 0; i < 5; i++)
      expect((await attempt(user.username, 'wrong-pass1', `10.1.0.${i}`)).statusCode).toBe(401);
    const blocked = await attempt(user.username, PASSWORD, '10.1.0.99');
    expect(blocked.statusCode).toBe(429);
    expect(json(blocked)).toMatchObject({ error: { code: 'TOO_MANY_REQUESTS' } });
    // Another user from a fresh address is unaffected.
    const other = await buildUser();
    expect((await attempt(other.username, PASSWORD, '10.1.1.1')).statusCode).toBe(200);
    // One address guessing many names is blocked too.
    for (let i = 0; i < 30; i++) await attempt(`guess${i}`, 'wrong-pass1', '10.2.0.1');
    expect((await attempt(other.username, PASSWORD, '10.2.0.1')).statusCode).toBe(429);
  });

  it('logout ends the session on the server', async () => {
    const client = await loginAs(ctx, await buildUser());
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    expect((await client.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('a deactivated user cannot log in and loses open sessions', async () => {
    const root = await rootFederation();
    const admin = await loginAs(ctx, await buildUser({ role: 'admin', org: root }));
    const user = await buildUser();
    const session = await loginAs(ctx, user);
    const res = await admin.delete(`/api/users/${user.id}?version=${user.version}`);
    expect(res.statusCode).toBe(200);
    expect(json<UserView>(res).active).toBe(false);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    const again = await attempt(user.username, PASSWORD, '10.3.0.1');
    expect(again.statusCode).toBe(401);
    expect(json(again)).toMatchObject({ error: { message: '该账号已停用，请联系管理员' } });
  });

  it('a password reset ends sessions; the new password works, the old does not', async () => {
    const root = await rootFederation();
    const admin = await loginAs(ctx, await buildUser({ role: 'admin', org: root }));
    const user = await buildUser();
    const session = await loginAs(ctx, user);
    const res = await admin.post(`/api/users/${user.id}/password`, {
      version: user.version,
      password: 'NewPass2026',
    });
    expect(res.statusCode).toBe(200);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    expect((await attempt(user.username, PASSWORD, '10.4.0.1')).statusCode).toBe(401);
    expect((await attempt(user.username, 'NewPass2026', '10.4.0.2')).statusCode).toBe(200);
  });

  it('a user changes their own password only by proving the current one', async () => {
    const user = await buildUser();
    const client = await loginAs(ctx, user);
    const bad = await client.post('/api/auth/password', {
      currentPassword: 'wrong',
      newPassword: 'Another2026',
    });
    expect(bad.statusCode).toBe(400);
    expect(json(bad)).toMatchObject({ error: { details: [{ field: 'currentPassword' }] } });
    expect(
      (await client.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'Another2026' }))
        .statusCode,
    ).toBe(200);
    expect((await attempt(user.username, 'Another2026', '10.5.0.1')).statusCode).toBe(200);
  });

  it('a user in a deactivated organisation cannot act', async () => {
    const root = await rootFederation();
    const admin = await loginAs(ctx, await buildUser({ role: 'admin', org: root }));
    const org = await buildOrg();
    const user = await buildUser({ role: 'unionStaff', org });
    const session = await loginAs(ctx, user);
    // Deactivation is refused while the organisation has active users…
    const refused = await admin.delete(`/api/orgs/${org.id}?version=${org.version}`);
    expect(refused.statusCode).toBe(409);
    // …so move the user out first, then deactivate.
    expect(
      (
        await admin.patch(`/api/users/${user.id}`, {
          version: user.version,
          orgId: root.id,
          role: 'federationStaff',
          department: 'office',
        })
      ).statusCode,
    ).toBe(200);
    const fresh = json<OrgDetail>(await admin.get(`/api/orgs/${org.id}`));
    expect((await admin.delete(`/api/orgs/${org.id}?version=${fresh.version}`)).statusCode).toBe(200);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
  });
});
