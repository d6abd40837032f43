// The malformed requests that once answered 500 (or 200 and then a cut body), each as it was
// sent, and the error mapping that now answers them: 400 with the field named, never a 500; a
// real 500 carries a request id that the log line also has.
import { DrizzleQueryError } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  buildDistrictScene,
  buildEnterprise,
  buildOrg,
  buildUser,
  clientFor,
  json,
  loginAs,
  rootFederation,
  setupTestApp,
  type Client,
} from '../../tests/test-app';
import { DbError } from './db/types';
import { errorResponse } from './http-errors';

const ctx = setupTestApp();
let admin: Client;
let enterpriseId: string;
let orgId: string;
let orgVersion: number;

beforeAll(async () => {
  admin = await loginAs(ctx, await buildUser({ role: 'admin', org: await rootFederation() }));
  const org = await buildOrg();
  orgId = org.id;
  orgVersion = org.version;
  enterpriseId = (await buildEnterprise()).id;
});

interface ErrorJson {
  error: {
    code: string;
    message: string;
    details?: { field: string; message: string }[];
    requestId?: string;
  };
}

function expectField(res: { statusCode: number; body: string }, field: string, status = 400) {
  expect(res.statusCode, res.body).toBe(status);
  const err = JSON.parse(res.body) as ErrorJson;
  expect(err.error.details?.map((d) => d.field)).toContain(field);
  expect(err.error.message).toMatch(/[\u4e00-\u9fff]/);
  return err;
}

function multipart(boundary: string, fileName: string, content: string, close = true): Buffer {
  return Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      `Content-Type: text/plain\r\n\r\n${content}\r\n${close ? `--${boundary}--\r\n` : ''}`,
  );
}

describe('input that used to answer 500', () => {
  it('a NUL in the user name of a sign-in, which needs no session', async () => {
    const res = await clientFor(ctx).post('/api/auth/login', { username: 'a\u0000', password: 'x' });
    const err = expectField(res, 'username');
    expect(err.error.message).toMatch(/无法保存的字符/);
  });

  it('a lone surrogate in a fact’s explanation, a NUL in a list’s query text', async () => {
    expectField(
      await admin.post(`/api/enterprises/${enterpriseId}/facts`, {
        kind: 'membership',
        eventDate: '2012-01-01',
        value: 10,
        explanation: '\ud800x',
      }),
      'explanation',
    );
    expectField(await admin.get('/api/enterprises?q=%00'), 'q');
    expectField(await admin.get('/api/orgs?q=a%00b'), 'q');
    expectField(await admin.get('/api/bulletin/submissions?q=%00'), 'q');
  });

  it('year-0 and impossible dates in bodies and in query strings', async () => {
    expectField(await admin.get('/api/coverage?date=0000-01-01'), 'date');
    expectField(await admin.get('/api/coverage?date=2011-13-01'), 'date');
    expectField(await admin.get('/api/coverage/trend?date=2100-12-32'), 'date');
    // 31 February was once read as 3 March.
    const feb = expectField(await admin.get('/api/audit?from=2025-02-31'), 'from');
    expect(feb.error.details?.[0]?.message).toMatch(/不存在/);
    expectField(await admin.get('/api/audit?to=0000-01-01'), 'to');
    expectField(await admin.get('/api/audit?to=9999-12-31'), 'to');
    expectField(
      await admin.post(`/api/enterprises/${enterpriseId}/facts`, {
        kind: 'unionFounded',
        eventDate: '0000-01-01',
      }),
      'eventDate',
    );
    expect((await admin.get('/api/audit?from=2025-02-28&to=2100-12-31')).statusCode).toBe(200);
  });

  it('an integer beyond the column’s range', async () => {
    expectField(await admin.patch(`/api/orgs/${orgId}`, { version: 2147483648, name: '改名' }), 'version');
    expectField(await admin.request('DELETE', `/api/orgs/${orgId}?version=2147483648`), 'version');
    const still = json<{ version: number }>(await admin.get(`/api/orgs/${orgId}`));
    expect(still.version).toBe(orgVersion);
  });

  it('truncated, unbounded, mismatched multipart bodies and NUL file names answer 400', async () => {
    const upload = (contentType: string, payload: Buffer) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/enterprises/imports?dryRun=true',
        headers: { cookie: admin.cookie, 'content-type': contentType },
        payload,
      });
    const whole = multipart('b0', '名单.csv', '企业名称\r\n测试');
    const cases: [string, Buffer][] = [
      ['multipart/form-data; boundary=b0', whole.subarray(0, 70)],
      ['multipart/form-data; boundary=b0', multipart('b0', '名单.csv', 'x', false)],
      ['multipart/form-data', whole],
      ['multipart/form-data; boundary=other', whole],
      ['multipart/form-data; boundary=b0', multipart('b0', 'a\u0000.csv', 'x')],
    ];
    for (const [type, payload] of cases) {
      const res = await upload(type, payload);
      expect(res.statusCode, `${type}: ${res.body}`).toBe(400);
      expect((JSON.parse(res.body) as ErrorJson).error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const archive = await ctx.app.inject({
      method: 'POST',
      url: '/api/bulletin/issues/import',
      headers: { cookie: admin.cookie, 'content-type': 'multipart/form-data; boundary=b0' },
      payload: multipart('b0', '简报\u0000.txt', '【工作动态】'),
    });
    expectField(archive, 'file');
  });

  it('downloads check their query before sending anything', async () => {
    const list = await admin.get('/api/enterprises/export.xlsx?q=%00');
    expectField(list, 'q');
    expect(list.headers['content-type']).toMatch(/json/);
    const { district } = await buildDistrictScene(ctx);
    const behind = await admin.get(
      `/api/coverage/enterprises/export.xlsx?orgId=${district.id}&measure=enterprises&date=0000-01-01`,
    );
    expectField(behind, 'date');
    expect(behind.headers['content-disposition']).toBeUndefined();
    const good = await admin.get(
      `/api/coverage/enterprises/export.xlsx?orgId=${district.id}&measure=enterprises`,
    );
    expect(good.statusCode).toBe(200);
    expect(good.headers['content-disposition']).toMatch(/attachment/);
  });

  it('malformed URLs answer 400 in the platform’s shape', async () => {
    for (const url of ['/api/orgs/%ED%A0%80', '/api/orgs/%FF', `/api/orgs/${'x'.repeat(300)}`]) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(400);
      expect((JSON.parse(res.body) as ErrorJson).error.code).toBe('BAD_URL');
    }
  });
});

describe('the error mapping', () => {
  const request = { id: 'req-test-1', method: 'GET', url: '/api/x?y=1', log: { level: 'silent' } };
  const asRequest = request as unknown as FastifyRequest;
  const wrapped = (fields: ConstructorParameters<typeof DbError>[0]) =>
    new DrizzleQueryError('select 1', [], new DbError(fields));

  it('sees a database error inside the ORM’s wrapper', () => {
    expect(errorResponse(wrapped({ message: 'dup', code: '23505' }), asRequest).status).toBe(409);
    const range = errorResponse(
      wrapped({ message: 'out of range', code: '22003', column: 'print_count' }),
      asRequest,
    );
    expect(range.status).toBe(400);
    expect(range.body.error.details).toEqual([{ field: 'printCount', message: '取值不正确' }]);
    expect(errorResponse(wrapped({ message: 'nul', code: '22021' }), asRequest).status).toBe(400);
    expect(errorResponse(wrapped({ message: 'bad', code: '22P02' }), asRequest).status).toBe(400);
    expect(
      errorResponse(
        new DbError({ message: 'fk', code: '23503', detail: 'Key (x)=(1) is not present in table "y".' }),
        asRequest,
      ).status,
    ).toBe(400);
    expect(
      errorResponse(
        new DbError({
          message: 'fk',
          code: '23503',
          detail: 'Key (x)=(1) is still referenced from table "y".',
        }),
        asRequest,
      ).status,
    ).toBe(409);
  });

  it('answers a fault of the server 500 with a request id, and logs it with that id', () => {
    const writes: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      const out = errorResponse(
        wrapped({ message: 'relation "x" does not exist', code: '42P01' }),
        asRequest,
      );
      expect(out.status).toBe(500);
      expect(out.body.error.requestId).toBe('req-test-1');
      expect(out.body.error.message).toContain('req-test-1');
      expect(out.body.error.message).not.toContain('relation');
    } finally {
      spy.mockRestore();
    }
    const line = JSON.parse(writes.join('')) as {
      requestId: string;
      url: string;
      error: { message: string };
    };
    expect(line.requestId).toBe('req-test-1');
    expect(line.url).toBe('/api/x');
    expect(line.error.message).toMatch(/relation|Failed query/);
  });
});
