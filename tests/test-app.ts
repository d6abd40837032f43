// The API test harness: a fresh database per test file (in-memory PGlite, or a new database on
// the PostgreSQL server named by TEST_DATABASE_URL), each a copy of the run's migrated database
// (global-setup.ts), the real app, and factories that build missing parents.
import { afterAll, beforeAll, inject } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app';
import { openDatabase, type Database } from '../src/platform/db/client';
import { migrate } from '../src/platform/db/migrate';
import { systemActor } from '../src/platform/access';
import { PERMISSIONS, type Department, type Role } from '../src/platform/shared/access-catalog';
import { completeUscc } from '../src/platform/shared/uscc';
import { createOrg } from '../src/orgs/service';
import { createUser } from '../src/orgs/users-service';
import type { OrgDetail, OrgKind, UserView } from '../src/orgs/contract';
import { EnterprisePatchBody, type EnterpriseDetail, type Ownership } from '../src/enterprises/contract';
import { createEnterprise, getEnterprise, updateEnterprise } from '../src/enterprises/service';
import { createPgDatabase } from './databases';

export { createPgDatabase };

export const system = systemActor(PERMISSIONS);
export const PASSWORD = 'Test@2011pass';

type App = Awaited<ReturnType<typeof buildApp>>;

export interface TestContext {
  app: App;
  database: Database;
  engine: 'pglite' | 'postgres';
}

/**
 * Registers hooks that give the file a fresh database and app; read `ctx` inside tests. With
 * `webRoot` the app also serves the web app built there.
 */
export function setupTestApp(options: { webRoot?: string } = {}): TestContext {
  const ctx = {} as TestContext;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const serverUrl = process.env.TEST_DATABASE_URL;
    let database: Database;
    if (serverUrl) {
      const created = await createPgDatabase(serverUrl, inject('pgTemplate'));
      drop = created.drop;
      database = await openDatabase({ databaseUrl: created.url });
    } else {
      database = await openDatabase({ image: inject('pgliteImage') });
    }
    // Nothing to do on a copy of the migrated database; all of them without the global setup.
    await migrate(database);
    ctx.database = database;
    ctx.engine = database.kind;
    ctx.app = await buildApp({
      database,
      sessionSecret: 'test-secret-'.padEnd(40, 'x'),
      webRoot: options.webRoot ?? null,
    });
    resetFactories();
  });
  afterAll(async () => {
    await ctx.app?.close();
    await ctx.database?.close();
    await drop?.();
  });
  return ctx;
}

// ---------------- factories ----------------

let counter = 0;
let rootOrg: OrgDetail | undefined;

function resetFactories() {
  counter = 0;
  rootOrg = undefined;
}

function unique() {
  counter += 1;
  return counter;
}

/** A valid USCC; `prefix` '81' for grassroots unions. */
export function buildUscc(prefix = '81'): string {
  const n = String(unique() * 7919 + 10000)
    .padStart(8, '0')
    .slice(-8);
  return completeUscc(`${prefix}320500`, `MA${n.slice(2)}`);
}

/** The city federation at the root, created on first use. */
export async function rootFederation(): Promise<OrgDetail> {
  rootOrg ??= await createOrg(system, {
    parentId: null,
    name: '苏州市总工会',
    kind: 'cityFederation',
    divisionCode: '320500',
    uscc: null,
    shortName: null,
    address: null,
    contactPhone: null,
    sortOrder: 0,
  });
  return rootOrg;
}

const CHILD_KIND: Partial<Record<OrgKind, OrgKind>> = {
  cityFederation: 'districtFederation',
  districtFederation: 'townshipUnion',
  townshipUnion: 'grassrootsUnion',
  industryUnion: 'grassrootsUnion',
};

/** An organisation; builds a district under the root when no parent is given. */
export async function buildOrg(
  options: { parent?: OrgDetail; kind?: OrgKind; name?: string } = {},
): Promise<OrgDetail> {
  const parent = options.parent ?? (await rootFederation());
  const kind = options.kind ?? CHILD_KIND[parent.kind] ?? 'grassrootsUnion';
  return createOrg(system, {
    parentId: parent.id,
    name: options.name ?? `测试组织${unique()}`,
    kind,
    divisionCode: null,
    uscc: kind === 'grassrootsUnion' || kind === 'jointUnion' ? buildUscc('81') : null,
    shortName: null,
    address: null,
    contactPhone: null,
    sortOrder: 0,
  });
}

const DEFAULT_ORG_KIND: Record<Role, OrgKind> = {
  admin: 'cityFederation',
  federationStaff: 'cityFederation',
  unionStaff: 'districtFederation',
  grassrootsChair: 'grassrootsUnion',
  infoOfficer: 'districtFederation',
  serviceCadre: 'districtFederation',
  mediator: 'districtFederation',
  judge: 'districtFederation',
};

/** A user with password PASSWORD; builds an organisation of a fitting kind when none is given. */
export async function buildUser(
  options: { role?: Role; org?: OrgDetail; department?: Department | null; username?: string } = {},
): Promise<UserView> {
  const role = options.role ?? 'unionStaff';
  let org = options.org;
  if (!org) {
    const kind = DEFAULT_ORG_KIND[role];
    if (kind === 'cityFederation') org = await rootFederation();
    else if (kind === 'grassrootsUnion')
      org = await buildOrg({ parent: await buildOrg(), kind: 'grassrootsUnion' });
    else org = await buildOrg({ kind });
  }
  const department =
    options.department === undefined
      ? role === 'federationStaff'
        ? 'organisation'
        : null
      : options.department;
  return createUser(system, {
    username: options.username ?? `user${unique()}`,
    displayName: `测试用户${counter}`,
    role,
    department,
    orgId: org.id,
    phone: null,
    password: PASSWORD,
  });
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Client {
  cookie: string;
  request(method: Method, url: string, body?: unknown): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  /** POSTs one file as the multipart field `file`. */
  upload(url: string, fileName: string, content: Buffer | string): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export function clientFor(ctx: TestContext, cookie = ''): Client {
  const request = (method: Method, url: string, body?: unknown) =>
    ctx.app.inject({
      method,
      url,
      headers: cookie ? { cookie } : {},
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    cookie,
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body),
    put: (url, body) => request('PUT', url, body),
    upload: (url, fileName, content) => {
      const body = multipartFile(fileName, content);
      return ctx.app.inject({
        method: 'POST',
        url,
        headers: { ...body.headers, ...(cookie ? { cookie } : {}) },
        payload: body.payload,
      });
    },
    delete: (url) => request('DELETE', url),
  };
}

/** Logs in through the API and returns a client carrying the session cookie. */
export async function loginAs(
  ctx: TestContext,
  user: { username: string },
  password = PASSWORD,
): Promise<Client> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: user.username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const raw = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  return clientFor(ctx, (raw ?? '').split(';')[0] ?? '');
}

/** A multipart/form-data body with one file under the field `file`, its name percent-encoded. */
export function multipartFile(
  fileName: string,
  content: Buffer | string,
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----gonghui' + Math.random().toString(16).slice(2);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(fileName)}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return res.json<T>();
}

/** An enterprise in a township (built when not given), with a valid USCC. */
export async function buildEnterprise(
  options: {
    org?: OrgDetail;
    name?: string;
    employees?: number | null;
    ownership?: Ownership;
    industry?: string;
  } = {},
): Promise<EnterpriseDetail> {
  const org = options.org ?? (await buildOrg({ parent: await buildOrg() }));
  return createEnterprise(system, {
    uscc: buildUscc('91'),
    name: options.name ?? `测试企业${unique()}有限公司`,
    orgId: org.id,
    address: null,
    ownership: options.ownership ?? 'private',
    industry: options.industry ?? null,
    employees: options.employees === undefined ? 120 : options.employees,
    aboveDesignatedSize: null,
    global500: null,
    status: 'operating',
    registeredOn: '2005-03-01',
    closedOn: null,
    note: null,
    jointUnionOrgId: null,
    jointUnionFrom: null,
    unionUscc: null,
  });
}

/**
 * Changes an enterprise through the registry's own write path (so every derived table follows),
 * at its current version.
 */
export async function patchEnterprise(
  id: string,
  patch: Omit<EnterprisePatchBody, 'version'>,
): Promise<EnterpriseDetail> {
  const current = await getEnterprise(system, id);
  return updateEnterprise(system, id, EnterprisePatchBody.parse({ ...patch, version: current.version }));
}

/** Two districts: 吴中 with a township and a signed-in staff member, 吴江 with one township. */
export interface DistrictScene {
  district: OrgDetail;
  town: OrgDetail;
  otherTown: OrgDetail;
  staff: Client;
}

export async function buildDistrictScene(ctx: TestContext): Promise<DistrictScene> {
  const district = await buildOrg({ name: '吴中区总工会' });
  const town = await buildOrg({ parent: district, name: '长桥街道工会' });
  const otherTown = await buildOrg({ parent: await buildOrg({ name: '吴江市总工会' }), name: '盛泽镇工会' });
  const staff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: district }));
  return { district, town, otherTown, staff };
}
