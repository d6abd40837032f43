// A browser that sends a request from another site says so in Origin (or Referer): every
// state-changing operation of the OpenAPI document refuses it with 403, uploads included, while
// the app's own pages (same Origin) and programs that send no Origin pass.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildUser,
  loginAs,
  multipartFile,
  rootFederation,
  setupTestApp,
  type Client,
} from '../../tests/test-app';
import { operationsOf, type Operation } from '../../tests/hostile';

const ctx = setupTestApp();
let admin: Client;

beforeAll(async () => {
  admin = await loginAs(ctx, await buildUser({ role: 'admin', org: await rootFederation() }));
});

const SOME_ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

function send(op: Operation, headers: Record<string, string>) {
  const url = op.path.replace(/\{year\}/g, '2026').replace(/\{\w+\}/g, SOME_ID);
  const body = op.multipart ? multipartFile('名单.csv', '企业名称\r\n测试') : { payload: {}, headers: {} };
  return ctx.app.inject({
    method: op.method,
    url,
    headers: { cookie: admin.cookie, ...body.headers, ...headers },
    payload: body.payload,
  });
}

describe('cross-site requests', () => {
  it('every state-changing operation refuses a foreign Origin or Referer with 403', async () => {
    const changing = operationsOf(ctx.app.swagger()).filter((op) => op.method !== 'GET');
    expect(changing.length).toBeGreaterThanOrEqual(35);
    expect(changing.filter((op) => op.multipart).length).toBeGreaterThanOrEqual(4);
    const let_through: string[] = [];
    for (const op of changing) {
      const foreign: Record<string, string>[] = [
        { origin: 'http://evil.example' },
        { origin: 'null' },
        { origin: 'http://localhost.evil.example' },
        { referer: 'http://evil.example/form.html' },
      ];
      for (const headers of foreign) {
        const res = await send(op, headers);
        if (res.statusCode !== 403 || !res.body.includes('CROSS_SITE'))
          let_through.push(`${op.method} ${op.path} ${JSON.stringify(headers)}: ${res.statusCode}`);
      }
    }
    expect(let_through).toEqual([]);
  });

  it('the same site and programs without Origin are not refused', async () => {
    const changing = operationsOf(ctx.app.swagger()).filter((op) => op.method !== 'GET');
    for (const op of changing) {
      if (op.path === '/api/auth/logout') continue;
      const own: Record<string, string>[] = [
        {},
        { origin: 'http://localhost' },
        { origin: 'http://localhost:80' },
        { referer: 'http://localhost/enterprises/import' },
      ];
      for (const headers of own) {
        const res = await send(op, headers);
        expect(res.body, `${op.method} ${op.path} ${JSON.stringify(headers)}`).not.toContain('CROSS_SITE');
      }
    }
  });

  it('a form POST of a file from another site is refused before the file is read', async () => {
    const count = async () =>
      (await ctx.database.rows<{ n: number }>('select count(*)::int as n from jobs'))[0]?.n;
    const before = await count();
    const form = multipartFile('名单.csv', '企业名称\r\n测试');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/enterprises/imports',
      headers: { cookie: admin.cookie, origin: 'http://evil.example', ...form.headers },
      payload: form.payload,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'CROSS_SITE' } });
    expect(await count()).toBe(before);
  });
});
