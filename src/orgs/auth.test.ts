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
import { pairWait, THROTTLE } from '../platform/sign-in-throttle';
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

  it('six wrong passwords hold back that address only: the user signs in from another', async () => {
    const user = await buildUser({ username: 'wujiang_t' });
    for (let i = 0; i < 5; i++)
      expect((await attempt(user.username, 'wrong-pass1', '10.1.0.1')).statusCode).toBe(401);
    const sixth = await attempt(user.username, 'wrong-pass1', '10.1.0.1');
    expect(sixth.statusCode).toBe(429);
    expect(json(sixth)).toMatchObject({
      error: { code: 'TOO_MANY_REQUESTS', message: '登录失败次数过多，请 1 分钟后再试' },
    });
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    // The guesser's address waits even with the right password…
    expect((await attempt(user.username, PASSWORD, '10.1.0.1')).statusCode).toBe(429);
    // …the user elsewhere does not.
    expect((await attempt(user.username, PASSWORD, '10.1.0.2')).statusCode).toBe(200);
  });

  it('each failure past five doubles the wait of its pair, up to an hour', () => {
    const last = new Date(1_000_000_000_000);
    const at = last.getTime();
    expect(pairWait(4, last, at)).toBe(0);
    expect(pairWait(5, last, at)).toBe(60_000);
    expect(pairWait(6, last, at)).toBe(120_000);
    expect(pairWait(8, last, at)).toBe(480_000);
    expect(pairWait(20, last, at)).toBe(3_600_000);
    expect(pairWait(5, last, at + 60_000)).toBe(0);
  });

  it('an address guessing many names stops only the names that never signed in from it', async () => {
    const office = '10.2.0.1';
    const regular = await buildUser();
    expect((await attempt(regular.username, PASSWORD, office)).statusCode).toBe(200);
    const newcomer = await buildUser();
    for (let i = 0; i < THROTTLE.perAddress; i++) await attempt(`guess${i}`, 'wrong-pass1', office);
    expect((await attempt(regular.username, PASSWORD, office)).statusCode).toBe(200);
    expect((await attempt(newcomer.username, PASSWORD, office)).statusCode).toBe(429);
    expect((await attempt(newcomer.username, PASSWORD, '10.2.0.2')).statusCode).toBe(200);
  });

  it('guessing one account from many addresses holds back only addresses it never used', async () => {
    const user = await buildUser();
    expect((await attempt(user.username, PASSWORD, '10.6.0.1')).statusCode).toBe(200);
    for (let i = 0; i < THROTTLE.perAccount; i++)
      await attempt(user.username, 'wrong-pass1', `10.7.${Math.floor(i / 200)}.${i % 200}`);
    expect((await attempt(user.username, PASSWORD, '10.8.0.1')).statusCode).toBe(429);
    expect((await attempt(user.username, PASSWORD, '10.6.0.1')).statusCode).toBe(200);
  });

  it('the current password of a change is throttled like sign-in; the change ends the other sessions', async () => {
    const user = await buildUser();
    const laptop = await loginAs(ctx, user);
    const phone = await loginAs(ctx, user);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push(
        (
          await laptop.post('/api/auth/password', {
            currentPassword: 'wrong-pass1',
            newPassword: 'Another2026',
          })
        ).statusCode,
      );
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429, 429, 429, 429]);
    // From another address the user can still prove it.
    const change = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: laptop.cookie },
      payload: { currentPassword: PASSWORD, newPassword: 'Another2026' },
      remoteAddress: '10.9.0.1',
    });
    expect(change.statusCode, change.body).toBe(200);
    expect((await laptop.get('/api/auth/me')).statusCode).toBe(200);
    expect((await phone.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('housekeeping purges expired sessions, old failures and addresses unused for 90 days', async () => {
    const user = await buildUser();
    await loginAs(ctx, user);
    await ctx.database.rows(
      `insert into sessions (token_hash, user_id, expires_at) values ('expired-token', $1, now() - interval '1 minute')`,
      [user.id],
    );
    await ctx.database.rows(
      `insert into login_failures (id, username, ip, at) values ($1, 'old', '10.10.0.1', now() - interval '25 hours')`,
      ['0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'],
    );
    await ctx.database.rows(
      `insert into login_addresses (username, ip, last_at) values ('old', '10.10.0.1', now() - interval '91 days')`,
    );
    await ctx.app.runMaintenance();
    const [left] = await ctx.database.rows<{
      sessions: number;
      failures: number;
      addresses: number;
      live: number;
    }>(
      `select (select count(*)::int from sessions where token_hash = 'expired-token') as sessions,
              (select count(*)::int from login_failures where username = 'old') as failures,
              (select count(*)::int from login_addresses where username = 'old') as addresses,
              (select count(*)::int from sessions where user_id = $1) as live`,
      [user.id],
    );
    expect(left).toEqual({ sessions: 0, failures: 0, addresses: 0, live: 1 });
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
