// Every operation of the OpenAPI document, as an administrator of the city and as the staff of a
// district, gets hostile values in each parameter and body field (one at a time, the rest valid),
// hostile whole bodies and broken uploads. No answer may be a 5xx, every error must have the
// platform's shape, and a 200 download must arrive whole. New routes are covered by being in
// the document: nothing here names a route except to supply real ids for its path. A schema
// refusal is deterministic: once a field refused a value by its schema, a field of the same name
// and schema on another operation is not sent that value again (about 40 % of the requests).
//
// The operations are dealt into shards, each a test file of its own (src/platform/openapi-fuzz*.test.ts)
// with its own database, so that the run's workers share the fuzz instead of one worker carrying it.
import { beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import {
  buildEnterprise,
  buildOrg,
  buildUscc,
  buildUser,
  json,
  loginAs,
  PASSWORD,
  rootFederation,
  setupTestApp,
  type Client,
} from './test-app';
import { png } from './images';
import { buildBatch, buildModelWorker, buildStudio } from './studio-factories';
import { hashPassword } from '../src/platform/passwords';
import {
  HOSTILE_BODIES,
  HOSTILE_URL_VALUES,
  hostileUploads,
  hostileValues,
  operationsOf,
  sample,
  type Known,
  type Operation,
  type Schema,
} from './hostile';

const ctx = setupTestApp();

/** Requests come from this address, so the sign-in throttling of the fuzz never meets the clients'. */
const FUZZ_ADDRESS = '198.51.100.7';

interface Role {
  name: string;
  username: string;
  client: Client;
  /**
   * Send every n-th attempt of each operation (and always its valid body). Schema refusals do
   * not depend on the role, so the second role needs only a sample to reach its own code paths.
   */
  every: number;
}

let roles: Role[] = [];
const pathIds: [RegExp, string][] = [];
const known = new Map<string, unknown>();

function ok<T>(res: LightMyRequestResponse): T {
  if (res.statusCode !== 200) throw new Error(`scene: ${res.statusCode} ${res.body}`);
  return json<T>(res);
}

const LEGACY = [
  '【工作动态】',
  '市总工会召开三季度工作推进会',
  '　　8月3日，市总工会召开三季度工作推进会。（市总办公室）',
  '【工作简讯】',
  '张家港市总工会开展夏季送清凉活动。送去防暑降温物品价值15万元。（张家港市总工会）',
].join('\n');

beforeAll(async () => {
  const root = await rootFederation();
  const district = await buildOrg({ name: '吴中区总工会' });
  const town = await buildOrg({ parent: district, name: '长桥街道工会' });
  const victimOrg = await buildOrg({ parent: town, kind: 'grassrootsUnion', name: '被测基层工会' });
  await buildOrg({ name: '吴江市总工会' });
  const adminUser = await buildUser({ role: 'admin', org: root, username: 'fuzz_admin' });
  const staffUser = await buildUser({ role: 'unionStaff', org: district, username: 'fuzz_staff' });
  const victimUser = await buildUser({ role: 'unionStaff', org: district, username: 'fuzz_victim' });
  await buildUser({ role: 'unionStaff', org: district, username: 'fuzz_login' });
  const officer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: district }));
  const admin = await loginAs(ctx, adminUser);
  roles = [
    { name: 'admin', username: adminUser.username, client: admin, every: 1 },
    { name: 'district staff', username: staffUser.username, client: await loginAs(ctx, staffUser), every: 3 },
  ];

  const enterprise = await buildEnterprise({ org: town });
  const fact = ok<{ facts: { id: string }[] }>(
    await admin.post(`/api/enterprises/${enterprise.id}/facts`, {
      kind: 'unionFounded',
      eventDate: '2010-05-01',
    }),
  );
  const columns = ok<{ items: { id: string }[] }>(await officer.get('/api/bulletin/columns'));
  const columnId = columns.items[0]!.id;
  const draft = (title: string) =>
    officer.post('/api/bulletin/submissions', {
      title,
      body: '　　近日，吴中区总工会召开工资集体协商推进会。',
      authors: ['赵信息'],
      suggestedColumnId: columnId,
    });
  const sub = ok<{ id: string; version: number }>(await draft('被测稿件'));
  const image = ok<{ id: string }>(
    await officer.upload(`/api/bulletin/submissions/${sub.id}/images`, '图.png', png(1, 1)),
  );
  const submitted = ok<{ id: string; version: number }>(
    await officer.post(`/api/bulletin/submissions/${sub.id}/submit`, { version: sub.version }),
  );
  const other = ok<{ id: string; version: number }>(await draft('另一篇稿件'));
  const otherSubmitted = ok<{ id: string; version: number }>(
    await officer.post(`/api/bulletin/submissions/${other.id}/submit`, { version: other.version }),
  );
  const adopted = ok<{ id: string; version: number }>(
    await admin.post(`/api/bulletin/submissions/${otherSubmitted.id}/adopt`, {
      version: otherSubmitted.version,
      adoptionKind: 'full',
    }),
  );
  const events = ok<{ items: { id: string }[] }>(
    await admin.get(`/api/bulletin/submissions/${adopted.id}/points-events`),
  );
  const issue = ok<{ id: string }>(await admin.post('/api/bulletin/issues', {}));
  const archived = ok<{ id: string }>(
    await admin.upload('/api/bulletin/issues/import?year=2012&number=8', '简报.txt', LEGACY),
  );
  const job = ok<{ id: string }>(
    await admin.upload(
      '/api/enterprises/imports?dryRun=true',
      '名单.csv',
      '企业名称,统一社会信用代码\r\n测试企业,x',
    ),
  );
  const achievingStudio = await buildStudio({ org: victimOrg });
  const achievement = ok<{ id: string }>(
    await admin.post(`/api/studios/${achievingStudio.id}/achievements`, {
      year: 2025,
      kind: 'project',
      title: '被测成果',
    }),
  );
  const achievementFile = ok<{ id: string }>(
    await admin.upload(`/api/studios/achievements/${achievement.id}/attachments`, '验收.png', png(1, 1)),
  );

  const modelWorker = ok<{ id: string }>(
    await admin.post('/api/studios/workers', {
      name: '沈建新',
      level: 'province',
      year: 2015,
      unitName: '苏州东吴精密机械有限公司',
      status: 'active',
      phone: '13912345678',
      orgId: town.id,
    }),
  );
  const plannedStudio = await buildStudio({ org: town });
  const studioPlan = ok<{ id: string }>(
    await admin.post(`/api/studios/${plannedStudio.id}/plans`, {
      title: '年度计划',
      periodFrom: '2026-01-01',
      periodTo: '2026-12-31',
      goals: '目标',
      tasks: '任务',
      requirements: '要求',
    }),
  );
  const studioMilestone = ok<{ id: string }>(
    await admin.post(`/api/studios/plans/${studioPlan.id}/milestones`, {
      title: '安排',
      dueOn: '2026-06-30',
      owner: '张明',
    }),
  );

  const leader = await buildModelWorker({ org: district });
  const studio = ok<{ id: string; members: { id: string }[] }>(
    await admin.post('/api/studios', {
      name: '被测劳模创新工作室',
      leaderId: leader.id,
      orgId: town.id,
      hostUnitName: '被测机械厂',
      field: '机械制造',
      members: [{ name: '被测成员' }],
    }),
  );
  const studioBatch = await buildBatch({ name: '被测命名批次' });

  const assessedStudio = await buildStudio({ org: town, name: '被测考核工作室' });
  const sheet = ok<{ id: string }>(
    await admin.post('/api/studios/assessment-sheets', {
      name: '2026年度督察考核表',
      year: 2026,
      criteria: [{ key: 'plan', label: '计划落实', weight: 100, maxScore: 100, evidence: null }],
      excellentFrom: 90,
      passFrom: 60,
      failsToRevoke: 2,
    }),
  );
  ok(await admin.post('/api/studios/assessments/open', { year: 2026, sheetId: sheet.id }));
  const assessment = ok<{ items: { id: string }[] }>(
    await admin.get(`/api/studios/assessments?studioId=${assessedStudio.id}`),
  ).items[0]!;

  pathIds.push(
    [/^\/api\/studios\/\{id\}\/achievements/, achievingStudio.id],
    [/^\/api\/studios\/achievements\/\{achievementId\}/, achievement.id],
    [/^\/api\/studios\/achievements\/\{achievementId\}\/attachments\/\{attachmentId\}/, achievementFile.id],
    [/^\/api\/studios\/assessments\/\{id\}/, assessment.id],
    [/^\/api\/studios\/assessment-sheets\/\{id\}/, sheet.id],
    [/^\/api\/studios\/workers\/\{id\}/, modelWorker.id],
    [/^\/api\/studios\/\{id\}\/plans/, plannedStudio.id],
    [/\{planId\}/, studioPlan.id],
    [/\{milestoneId\}/, studioMilestone.id],
    [/^\/api\/studios\/batches\/\{id\}/, studioBatch.id],
    [/\/members\/\{memberId\}/, studio.members[1]!.id],
    [/^\/api\/studios\/\{id\}/, studio.id],
    [/^\/api\/orgs\/\{id\}/, victimOrg.id],
    [/^\/api\/users\/\{id\}/, victimUser.id],
    [/^\/api\/enterprises\/\{id\}\/facts\/\{factId\}/, fact.facts[0]!.id],
    [/^\/api\/enterprises\/\{id\}/, enterprise.id],
    [/\{jobId\}|^\/api\/jobs\/\{id\}/, job.id],
    [/\/images\/\{imageId\}/, image.id],
    [/\/points-events\/\{eventId\}/, events.items[0]!.id],
    [/^\/api\/bulletin\/submissions\/\{id\}\/points-events/, adopted.id],
    [/^\/api\/bulletin\/submissions\/\{id\}/, submitted.id],
    [/^\/api\/bulletin\/issues\/\{id\}\/export/, archived.id],
    [/^\/api\/bulletin\/issues\/\{id\}/, issue.id],
    [/\{orgId\}/, district.id],
    [/\{year\}/, '2027'],
  );
  const ids: Record<string, unknown> = {
    orgId: town.id,
    parentId: town.id,
    jointUnionOrgId: null,
    coOrgIds: [district.id],
    columnId,
    suggestedColumnId: columnId,
    ids: [submitted.id],
    submissionIds: [submitted.id],
    items: [adopted.id],
    username: 'fuzz_login',
    password: PASSWORD,
    currentPassword: PASSWORD,
    newPassword: PASSWORD,
    uscc: buildUscc('91'),
    unionUscc: null,
    divisionCode: null,
    department: null,
    role: 'unionStaff',
    kind: 'grassrootsUnion',
    authors: ['赵信息'],
    leaderId: leader.id,
    modelWorkerId: leader.id,
    hostOrgId: null,
    batchId: studioBatch.id,
  };
  for (const [k, v] of Object.entries(ids)) known.set(k, v);
}, 120_000);

const knownValue: Known = (name, schema) => {
  if (!known.has(name)) return undefined;
  const value = known.get(name);
  return schema.enum && value !== null && !schema.enum.includes(value) ? undefined : value;
};

function pathFor(op: Operation, override?: { name: string; value: string }): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (override?.name === name) return override.value;
    for (const [re, id] of pathIds)
      if (re.test(op.path) && op.path.match(re)?.[0].includes(`{${name}}`)) return id;
    const param = op.parameters.find((p) => p.in === 'path' && p.name === name);
    return String(sample(param?.schema ?? {}, name, knownValue));
  });
}

function queryFor(op: Operation, override?: { name: string; raw: string }): string {
  const parts: string[] = [];
  for (const p of op.parameters.filter((x) => x.in === 'query')) {
    if (override?.name === p.name) {
      parts.push(`${p.name}=${override.raw}`);
      continue;
    }
    if (!p.required && p.name !== 'version') continue;
    parts.push(`${p.name}=${encodeURIComponent(String(sample(p.schema, p.name, knownValue)))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** The version the record at this path has now, from its own GET (or its parent's). */
async function currentVersion(client: Client, path: string): Promise<number | undefined> {
  for (const url of [path, path.replace(/\/[^/]+$/, ''), path.replace(/\/[^/]+$/, '/compile')]) {
    const res = await client.get(url);
    if (res.statusCode !== 200) continue;
    try {
      const v = (JSON.parse(res.body) as { version?: unknown }).version;
      if (typeof v === 'number') return v;
    } catch {
      // not JSON: a download
    }
  }
  return undefined;
}

const ZIP_TYPES = /spreadsheetml|wordprocessingml|zip/;

/** Why this answer is not acceptable, or null. */
function problem(res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `status ${res.statusCode}: ${res.body.slice(0, 300)}`;
  const type = String(res.headers['content-type'] ?? '');
  const length = res.headers['content-length'];
  if (length !== undefined && Number(length) !== res.rawPayload.length)
    return `cut body: ${res.rawPayload.length} of ${length} bytes`;
  if (res.statusCode >= 400) {
    try {
      const body = JSON.parse(res.body) as { error?: { code?: unknown; message?: unknown } };
      if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string')
        return `error without the platform's shape: ${res.body.slice(0, 200)}`;
    } catch {
      return `error not JSON (${type}): ${res.body.slice(0, 200)}`;
    }
    return null;
  }
  if (type.startsWith('application/json')) {
    try {
      JSON.parse(res.body);
    } catch {
      return `cut JSON body (${res.rawPayload.length} bytes)`;
    }
  } else if (ZIP_TYPES.test(type)) {
    // A whole zip ends with its end-of-central-directory record.
    const tail = res.rawPayload.subarray(-22 - 1024);
    if (!tail.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06])))
      return `cut download (${res.rawPayload.length} bytes)`;
  }
  return null;
}

interface Attempt {
  what: string;
  url: string;
  payload?: string | Buffer;
  contentType?: string;
  /** One hostile value in one named field: where it is, the field's name as the error names it, its schema, the value. */
  field?: { key: string; name: string };
}

/**
 * The schema refusals seen so far, by field: where, name, schema and value. A field of the same
 * name and schema refuses the same value alike on every operation, before any handler runs, so
 * it is sent once; a value a field accepted, or that a handler or the database refused, is sent
 * to every operation again.
 */
const refusedBySchema = new Set<string>();

const fieldKey = (where: string, name: string, schema: unknown, value: unknown) =>
  `${where}|${name}|${JSON.stringify(schema)}|${typeof value === 'string' ? value : JSON.stringify(value)}`;

/** The field a schema validation refusal names (platform/http-errors.ts), or null. */
function schemaRefusal(res: LightMyRequestResponse): string | null {
  if (res.statusCode !== 400) return null;
  try {
    const { error } = JSON.parse(res.body) as { error?: { code?: string; message?: string } };
    if (error?.code !== 'VALIDATION_FAILED') return null;
    return /^(?:查询参数|路径参数)?字段 (\S+) 不正确：/.exec(error.message ?? '')?.[1] ?? null;
  } catch {
    return null;
  }
}

async function send(role: Role, op: Operation, attempt: Attempt): Promise<string | null> {
  const headers: Record<string, string> = { cookie: role.client.cookie };
  if (attempt.contentType) headers['content-type'] = attempt.contentType;
  let res: LightMyRequestResponse;
  try {
    res = await ctx.app.inject({
      method: op.method,
      url: attempt.url,
      headers,
      remoteAddress: FUZZ_ADDRESS,
      ...(attempt.payload === undefined ? {} : { payload: attempt.payload }),
    });
  } catch (err) {
    return `${op.method} ${op.path} [${attempt.what}] threw ${String(err)}`;
  }
  // FUZZ_TRACE=1 shows how each operation answers its valid body: how deep the fuzz reaches.
  if (process.env.FUZZ_TRACE && attempt.what === 'valid body')
    console.info(`TRACE ${role.name} ${op.method} ${op.path} ${res.statusCode} ${res.body.slice(0, 160)}`);
  const refused = attempt.field && schemaRefusal(res);
  if (refused && (refused === attempt.field!.name || refused.startsWith(`${attempt.field!.name}.`)))
    refusedBySchema.add(attempt.field!.key);
  const why = problem(res);
  return why ? `${role.name} ${op.method} ${attempt.url.slice(0, 120)} [${attempt.what}]: ${why}` : null;
}

function describeValue(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  return s.length > 40 ? `${s.slice(0, 37)}…(${s.length})` : s;
}

/** Every hostile request for one operation, built lazily so each sees the current version. */
async function* attempts(role: Role, op: Operation): AsyncGenerator<Attempt> {
  const path = pathFor(op);
  const version = await currentVersion(role.client, path);
  // An organisation that is a legal person has a union's code (81…), an enterprise its own (91…).
  const orgUscc = op.path.startsWith('/api/orgs') ? buildUscc('81') : undefined;
  const withVersion = (name: string, schema: Schema) =>
    name === 'version' && version !== undefined
      ? version
      : name === 'uscc' && orgUscc
        ? orgUscc
        : knownValue(name, schema);
  const query = () => {
    const q = queryFor(op);
    return version !== undefined ? q.replace(/version=\d+/, `version=${version}`) : q;
  };
  const base = op.jsonBody ? (sample(op.jsonBody, '', withVersion) as Record<string, unknown>) : undefined;
  const body = (b: unknown) => ({ payload: JSON.stringify(b), contentType: 'application/json' });

  for (const p of op.parameters) {
    if (p.in === 'path') {
      for (const v of HOSTILE_URL_VALUES)
        yield {
          what: `path ${p.name}=${v.slice(0, 30)}`,
          field: { key: fieldKey('path', p.name, p.schema, v), name: p.name },
          url: pathFor(op, { name: p.name, value: v }) + query(),
          ...(base ? body(base) : {}),
        };
    } else if (p.in === 'query') {
      const raws = [...HOSTILE_URL_VALUES, `a&${p.name}=b`, `x&${p.name}[__proto__][polluted]=1`];
      for (const raw of raws)
        yield {
          what: `query ${p.name}=${raw.slice(0, 30)}`,
          field: { key: fieldKey('query', p.name, p.schema, raw), name: p.name },
          url: path + queryFor(op, { name: p.name, raw }),
          ...(base ? body(base) : {}),
        };
    }
  }
  yield {
    what: 'query pollution',
    url: `${path}${query() || '?'}&__proto__[polluted]=1&constructor[prototype][polluted]=1`,
  };

  if (op.jsonBody && base && typeof base === 'object') {
    yield { what: 'valid body', url: path + query(), ...body(base) };
    const fields = Object.entries(
      op.jsonBody.properties ?? (op.jsonBody.oneOf ?? op.jsonBody.anyOf)?.[0]?.properties ?? {},
    );
    for (const [name, schema] of fields) {
      const nested = schema.properties ? Object.entries(schema.properties) : [];
      for (const v of hostileValues(schema, base[name]))
        yield {
          what: `${name}=${describeValue(v)}`,
          field: { key: fieldKey('body', name, schema, v), name },
          url: path + query(),
          ...body({ ...base, [name]: v }),
        };
      for (const [sub, subSchema] of nested) {
        const inner = (base[name] ?? {}) as Record<string, unknown>;
        for (const v of hostileValues(subSchema, inner[sub]))
          yield {
            what: `${name}.${sub}=${describeValue(v)}`,
            field: { key: fieldKey('body', `${name}.${sub}`, subSchema, v), name: `${name}.${sub}` },
            url: path + query(),
            ...body({ ...base, [name]: { ...inner, [sub]: v } }),
          };
      }
    }
    yield {
      what: 'extra keys',
      url: path + query(),
      ...body({ ...base, ...JSON.parse('{"__proto__":{"polluted":1},"x\\u0000":1}') }),
    };
  }
  if (op.method !== 'GET' && !op.multipart)
    for (const b of HOSTILE_BODIES)
      yield {
        what: `body ${String(b.payload).slice(0, 20)} as ${b.contentType}`,
        url: path + query(),
        payload: b.payload,
        contentType: b.contentType,
      };
  if (op.multipart)
    for (const u of hostileUploads())
      yield {
        what: `upload: ${u.what}`,
        url: path + query(),
        payload: u.payload,
        contentType: u.contentType,
      };
}

/** Runs every attempt of every operation as `role`, logging in again when an attempt ended the session. */
async function fuzz(
  role: Role,
  operations: Operation[],
): Promise<{ failures: string[]; sent: number; known: number }> {
  const failures: string[] = [];
  let sent = 0;
  let known = 0;
  for (const op of operations) {
    let index = 0;
    for await (const attempt of attempts(role, op)) {
      if (index++ % role.every !== 0 && attempt.what !== 'valid body') continue;
      if (attempt.field && refusedBySchema.has(attempt.field.key)) {
        known += 1;
        continue;
      }
      const failure = await send(role, op, attempt);
      sent += 1;
      if (failure) failures.push(failure);
    }
    const me = await role.client.get('/api/auth/me');
    if (me.statusCode === 401) {
      // A hostile value may be a valid new password: put the known one back, then sign in again.
      await ctx.database.rows('update users set password_hash = $1 where username = $2', [
        await hashPassword(PASSWORD),
        role.username,
      ]);
      role.client = await loginAs(ctx, { username: role.username });
    }
  }
  expect(Object.keys(Object.prototype)).toEqual([]); // nothing polluted the prototype
  return { failures, sent, known };
}

/** State-changing operations last, ending sessions very last, so reads see the scene intact. */
function ordered(operations: Operation[]): Operation[] {
  const rank = (op: Operation) =>
    op.path === '/api/auth/logout'
      ? 5
      : op.method === 'GET'
        ? 0
        : op.method === 'DELETE'
          ? 4
          : op.path.startsWith('/api/auth')
            ? 3
            : 1;
  return [...operations].sort((a, b) => rank(a) - rank(b));
}

/** Registers the fuzz of every `shards`-th operation, from the `shard`-th on (0-based). */
export function fuzzShard(shard: number, shards: number) {
  describe(`hostile input on every operation of the OpenAPI document (part ${shard + 1} of ${shards})`, () => {
    it('never answers 5xx, always in the error shape, never a cut body (admin, then district staff)', async () => {
      const all = ordered(operationsOf(ctx.app.swagger()));
      expect(all.length).toBeGreaterThan(70);
      expect(all.filter((o) => o.multipart).length).toBeGreaterThanOrEqual(4);
      const operations = all.filter((_, i) => i % shards === shard);
      const failures: string[] = [];
      let sent = 0;
      let known = 0;
      for (const role of roles) {
        const result = await fuzz(role, operations);
        failures.push(...result.failures);
        sent += result.sent;
        known += result.known;
      }
      console.info(
        `fuzz: ${sent} requests over ${operations.length} operations (${known} more were schema refusals already seen), ${failures.length} failures`,
      );
      expect(failures.slice(0, 60), `${failures.length} failures`).toEqual([]);
    }, 900_000);
  });
}
