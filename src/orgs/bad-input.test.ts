// Every route answers bad input with 400 and names the field; nothing is a 500.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildOrg,
  buildUser,
  clientFor,
  json,
  loginAs,
  rootFederation,
  setupTestApp,
  type Client,
} from '../../tests/test-app';
import type { OrgDetail, UserView } from './contract';

const ctx = setupTestApp();
let admin: Client;
let district: OrgDetail;
let user: UserView;

beforeAll(async () => {
  admin = await loginAs(ctx, await buildUser({ role: 'admin', org: await rootFederation() }));
  district = await buildOrg();
  user = await buildUser({ org: district });
});

interface ErrorShape {
  error: { code: string; message: string; details?: { field: string; message: string }[] };
}

async function expect400(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  body: unknown,
  field: string,
) {
  const res = await admin.request(method, url, body);
  expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)}: ${res.body}`).toBe(400);
  const err = json<ErrorShape>(res);
  expect(err.error.code).toBe('VALIDATION_FAILED');
  expect(err.error.details?.map((d) => d.field)).toContain(field);
  expect(err.error.message).toMatch(/[\u4e00-\u9fff]/); // a Chinese explanation
  return err;
}

const long = (n: number) => '工'.repeat(n);

describe('bad input', () => {
  it('organisations: missing, wrong types, overlong, invalid codes', async () => {
    const base = { parentId: district.id, name: '新街道工会', kind: 'townshipUnion' };
    await expect400('POST', '/api/orgs', { ...base, name: undefined }, 'name');
    await expect400('POST', '/api/orgs', { ...base, name: '   ' }, 'name');
    await expect400('POST', '/api/orgs', { ...base, name: 42 }, 'name');
    await expect400('POST', '/api/orgs', { ...base, name: long(101) }, 'name');
    await expect400('POST', '/api/orgs', { ...base, kind: 'castle' }, 'kind');
    await expect400('POST', '/api/orgs', { ...base, parentId: 'not-a-uuid' }, 'parentId');
    await expect400('POST', '/api/orgs', { ...base, divisionCode: '32050' }, 'divisionCode');
    await expect400('POST', '/api/orgs', { ...base, address: long(201) }, 'address');
    await expect400('POST', '/api/orgs', { ...base, sortOrder: 'first' }, 'sortOrder');
    const bad = await expect400(
      'POST',
      '/api/orgs',
      { ...base, kind: 'grassrootsUnion', uscc: '81320500MA1000011X' },
      'uscc',
    );
    expect(bad.error.details?.[0]?.message).toMatch(/校验位/);
    await expect400('POST', '/api/orgs', { ...base, uscc: '91320500MA1W8YFA1O' }, 'uscc');
    await expect400('POST', '/api/orgs', { ...base, uscc: '1234' }, 'uscc');
    // Domain rules also name their field.
    await expect400('POST', '/api/orgs', { ...base, kind: 'districtFederation' }, 'kind');
    await expect400(
      'POST',
      '/api/orgs',
      { parentId: null, name: '第二个市总', kind: 'cityFederation' },
      'parentId',
    );
    // A grassroots union's code must begin with 81.
    await expect400(
      'POST',
      '/api/orgs',
      { ...base, kind: 'grassrootsUnion', uscc: '91320500MA1W8YFA1T' },
      'uscc',
    );
  });

  it('organisation edits, moves and deactivation', async () => {
    const org = await buildOrg({ parent: district });
    await expect400('PATCH', `/api/orgs/${org.id}`, { name: '无版本' }, 'version');
    await expect400('PATCH', `/api/orgs/${org.id}`, { version: 'one' }, 'version');
    await expect400('PATCH', `/api/orgs/${org.id}`, { version: org.version, name: long(101) }, 'name');
    await expect400('PATCH', `/api/orgs/${org.id}`, { version: org.version, active: 'yes' }, 'active');
    await expect400('PATCH', '/api/orgs/123', { version: 1 }, 'id');
    await expect400('POST', `/api/orgs/${org.id}/move`, { version: org.version }, 'parentId');
    await expect400(
      'POST',
      `/api/orgs/${org.id}/move`,
      { parentId: org.id, version: org.version },
      'parentId',
    );
    await expect400('DELETE', `/api/orgs/${org.id}`, undefined, 'version');
    await expect400('GET', '/api/orgs?page=0', undefined, 'page');
    await expect400('GET', '/api/orgs?pageSize=100000', undefined, 'pageSize');
    await expect400('GET', `/api/orgs?q=${long(51)}`, undefined, 'q');
    await expect400('GET', '/api/orgs?active=maybe', undefined, 'active');
    await expect400('GET', '/api/orgs/not-a-uuid', undefined, 'id');
  });

  it('users', async () => {
    const base = {
      username: 'new_user',
      displayName: '新用户',
      role: 'unionStaff',
      orgId: district.id,
      password: 'Passw0rd2026',
    };
    await expect400('POST', '/api/users', { ...base, username: undefined }, 'username');
    await expect400('POST', '/api/users', { ...base, username: '中文名' }, 'username');
    await expect400('POST', '/api/users', { ...base, username: 'ab' }, 'username');
    await expect400('POST', '/api/users', { ...base, displayName: long(51) }, 'displayName');
    await expect400('POST', '/api/users', { ...base, role: 'emperor' }, 'role');
    await expect400('POST', '/api/users', { ...base, password: 'short1' }, 'password');
    await expect400('POST', '/api/users', { ...base, password: 'onlyletters' }, 'password');
    await expect400('POST', '/api/users', { ...base, orgId: 7 }, 'orgId');
    await expect400('POST', '/api/users', { ...base, role: 'federationStaff' }, 'department');
    await expect400('POST', '/api/users', { ...base, department: 'office' }, 'department');
    await expect400('POST', '/api/users', { ...base, username: user.username }, 'username');
    await expect400('PATCH', `/api/users/${user.id}`, { displayName: 'x' }, 'version');
    await expect400('PATCH', `/api/users/${user.id}`, { version: user.version, phone: long(41) }, 'phone');
    await expect400(
      'POST',
      `/api/users/${user.id}/password`,
      { version: user.version, password: '1' },
      'password',
    );
    await expect400('DELETE', `/api/users/${user.id}?version=x`, undefined, 'version');
    await expect400('GET', '/api/users?role=king', undefined, 'role');
  });

  it('sign-in and audit queries', async () => {
    const anon = clientFor(ctx);
    const res = await anon.post('/api/auth/login', { username: '', password: 'x' });
    expect(res.statusCode).toBe(400);
    expect(json<ErrorShape>(res).error.details?.[0]?.field).toBe('username');
    const noPass = await anon.post('/api/auth/login', { username: 'x' });
    expect(json<ErrorShape>(noPass).error.details?.[0]?.field).toBe('password');
    await expect400('GET', '/api/audit?from=2011-02-30x', undefined, 'from');
    await expect400(
      'POST',
      '/api/auth/password',
      { currentPassword: 'x', newPassword: 'weak' },
      'newPassword',
    );
  });

  it('malformed bodies, unknown routes and wrong content types answer JSON errors', async () => {
    const broken = await ctx.app.inject({
      method: 'POST',
      url: '/api/orgs',
      headers: { cookie: admin.cookie, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(broken.statusCode).toBe(400);
    expect(json<ErrorShape>(broken).error.code).toBe('BAD_JSON');
    const unknown = await admin.get('/api/nothing-here');
    expect(unknown.statusCode).toBe(404);
    expect(json<ErrorShape>(unknown).error.code).toBe('NOT_FOUND');
    const xml = await ctx.app.inject({
      method: 'POST',
      url: '/api/orgs',
      headers: { cookie: admin.cookie, 'content-type': 'application/xml' },
      payload: '<org/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.body).not.toMatch(/at .*\.ts/); // no stack traces
  });

  it('serves the OpenAPI description', async () => {
    const spec = json<{ paths: Record<string, unknown> }>(await clientFor(ctx).get('/api/docs/json'));
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/orgs', '/api/orgs/{id}', '/api/users', '/api/auth/login', '/api/health']),
    );
  });
});
