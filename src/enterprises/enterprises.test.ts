import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import {
  buildEnterprise,
  buildOrg,
  buildUser,
  buildDistrictScene,
  buildUscc,
  json,
  loginAs,
  rootFederation,
  setupTestApp,
  type Client,
} from '../../tests/test-app';
import type { OrgDetail } from '../orgs/contract';
import { USCC_NOT_HERE, type EnterpriseDetail, type EnterprisePage } from './contract';
import type { CoverageView } from '../coverage/contract';
import { refreshSummaries, summarize } from './summary';
import { listTotals } from './service';
import { enterpriseFacts, enterprises } from './tables';
import { newId } from '../platform/ids';
import { addDays, chinaToday } from '../platform/shared/dates';

const ctx = setupTestApp();
let district: OrgDetail;
let town: OrgDetail;
let otherTown: OrgDetail;
let staff: Client;

beforeAll(async () => {
  ({ district, town, otherTown, staff } = await buildDistrictScene(ctx));
});

const base = () => ({
  uscc: buildUscc('91'),
  name: '苏州某某科技有限公司',
  orgId: town.id,
  employees: 150,
  ownership: 'private',
});

describe('enterprise registry', () => {
  it('a district registers an enterprise in its township; not in another district', async () => {
    const res = await staff.post('/api/enterprises', base());
    expect(res.statusCode).toBe(200);
    const e = json<EnterpriseDetail>(res);
    expect(e).toMatchObject({
      org: { id: town.id, name: '长桥街道工会' },
      district: { name: '吴中区总工会' },
      hasUnion: false,
      // The head count given at registration holds since registration.
      facts: [{ kind: 'headcount', eventDate: null, value: 150, source: 'form' }],
    });
    expect((await staff.post('/api/enterprises', { ...base(), orgId: otherTown.id })).statusCode).toBe(404);
    const info = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: district }));
    expect((await info.post('/api/enterprises', base())).statusCode).toBe(403);
    const outside = await buildEnterprise({ org: otherTown });
    expect((await staff.get(`/api/enterprises/${outside.id}`)).statusCode).toBe(404);
    const list = json<EnterprisePage>(await staff.get('/api/enterprises?pageSize=500'));
    expect(list.items.map((x) => x.id)).not.toContain(outside.id);
  });

  it('rejects bad input with the field named', async () => {
    const bad = async (body: object, field: string) => {
      const res = await staff.post('/api/enterprises', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(
        json<{ error: { details: { field: string }[] } }>(res).error.details.map((d) => d.field),
      ).toContain(field);
    };
    await bad({ ...base(), uscc: '91320500MA1W8YFA1O' }, 'uscc');
    await bad({ ...base(), name: '' }, 'name');
    await bad({ ...base(), employees: -3 }, 'employees');
    await bad({ ...base(), registeredOn: '2011-02-30' }, 'registeredOn');
    await bad({ ...base(), registeredOn: '2011-06-30', closedOn: '2010-01-01' }, 'closedOn');
    await bad({ ...base(), ownership: 'royal' }, 'ownership');
    await bad({ ...base(), orgId: district.id, unionUscc: buildUscc('91') }, 'unionUscc');
    const taken = base();
    await staff.post('/api/enterprises', taken);
    await bad({ ...taken, name: '另一家' }, 'uscc');
  });

  it('a closed enterprise always has its closing date; it stops counting from that day', async () => {
    const patch = async (e: EnterpriseDetail, body: object) =>
      staff.patch(`/api/enterprises/${e.id}`, { version: e.version, ...body });
    // Closed without a date: closed today.
    const created = json<EnterpriseDetail>(
      await staff.post('/api/enterprises', { ...base(), status: 'closed' }),
    );
    expect([created.status, created.closedOn]).toEqual(['closed', chinaToday()]);
    // A closing date alone closes it; reopening clears the date.
    const e = json<EnterpriseDetail>(
      await staff.post('/api/enterprises', { ...base(), registeredOn: '2009-01-01' }),
    );
    const closed = json<EnterpriseDetail>(await patch(e, { closedOn: '2015-06-30' }));
    expect([closed.status, closed.closedOn]).toEqual(['closed', '2015-06-30']);
    const bad = (res: { statusCode: number; body: string }, field: string) => {
      expect(res.statusCode, res.body).toBe(400);
      expect(json<{ error: { details: { field: string }[] } }>(res as never).error.details[0]?.field).toBe(
        field,
      );
    };
    bad(await patch(closed, { closedOn: null }), 'closedOn');
    bad(await patch(closed, { status: 'operating', closedOn: '2015-06-30' }), 'status');
    bad(await patch(closed, { closedOn: addDays(chinaToday(), 1) }), 'closedOn');
    // In the figures it counts up to the day before its closing date.
    const count = async (date: string) =>
      json<CoverageView>(await staff.get(`/api/coverage?orgId=${town.id}&date=${date}`)).node.counts
        .enterprises;
    expect((await count('2015-06-29')) - (await count('2015-06-30'))).toBe(1);
    const reopened = json<EnterpriseDetail>(await patch(closed, { status: 'operating' }));
    expect([reopened.status, reopened.closedOn]).toEqual(['operating', null]);
  });

  it('the head count is dated: a change holds from its day, earlier figures keep the old count', async () => {
    const created = json<EnterpriseDetail>(
      await staff.post('/api/enterprises', { ...base(), employees: 8, registeredOn: '2010-01-01' }),
    );
    const count = async (date: string) =>
      json<CoverageView>(await staff.get(`/api/coverage?orgId=${town.id}&date=${date}`)).node.counts;
    const [before2015, beforeToday] = [await count('2015-01-01'), await count(chinaToday())];
    // Recorded without a union: a head count needs none.
    const res = await staff.post(`/api/enterprises/${created.id}/facts`, {
      kind: 'headcount',
      eventDate: '2018-04-01',
      value: 30,
    });
    expect(res.statusCode, res.body).toBe(200);
    const grown = json<EnterpriseDetail>(res);
    expect(grown.employees).toBe(30);
    expect((await count('2015-01-01')).enterprises).toBe(before2015.enterprises);
    expect((await count(chinaToday())).employees).toBe(beforeToday.employees + 30);
    // The form's count changes from today; the count it replaces stays in the history.
    const edited = json<EnterpriseDetail>(
      await staff.patch(`/api/enterprises/${created.id}`, { version: grown.version, employees: 45 }),
    );
    expect(edited.facts.filter((f) => f.kind === 'headcount').map((f) => [f.eventDate, f.value])).toEqual(
      expect.arrayContaining([
        [null, 8],
        ['2018-04-01', 30],
        [chinaToday(), 45],
      ]),
    );
    expect(
      (await count('2019-01-01')).employees - (await count('2017-01-01')).employees,
    ).toBeGreaterThanOrEqual(30);
    const missing = await staff.post(`/api/enterprises/${created.id}/facts`, {
      kind: 'headcount',
      eventDate: '2020-01-01',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('请填写职工人数');
  });

  it('a joint union covers from the day given; while it covers anyone it cannot be deactivated', async () => {
    const joint = await buildOrg({ parent: town, kind: 'jointUnion', name: '长桥社区联合工会' });
    const field = (res: { statusCode: number; body: string }) => {
      expect(res.statusCode, res.body).toBe(400);
      return json<{ error: { details: { field: string }[] } }>(res as never).error.details[0]?.field;
    };
    expect(field(await staff.post('/api/enterprises', { ...base(), jointUnionFrom: '2016-03-01' }))).toBe(
      'jointUnionFrom',
    );
    expect(
      field(
        await staff.post('/api/enterprises', {
          ...base(),
          registeredOn: '2017-01-01',
          jointUnionOrgId: joint.id,
          jointUnionFrom: '2016-03-01',
        }),
      ),
    ).toBe('jointUnionFrom');
    const unionised = async (date: string) =>
      json<CoverageView>(await staff.get(`/api/coverage?orgId=${town.id}&date=${date}`)).node.counts
        .unionised;
    const [in2015, in2017] = [await unionised('2015-06-30'), await unionised('2017-06-30')];
    const res = await staff.post('/api/enterprises', {
      ...base(),
      registeredOn: '2010-01-01',
      jointUnionOrgId: joint.id,
      jointUnionFrom: '2016-03-01',
    });
    expect(res.statusCode, res.body).toBe(200);
    const covered = json<EnterpriseDetail>(res);
    expect([covered.hasUnion, covered.jointUnion?.name]).toEqual([true, '长桥社区联合工会']);
    expect(await unionised('2015-06-30')).toBe(in2015);
    expect(await unionised('2017-06-30')).toBe(in2017 + 1);
    // Joint-union coverage is kept by the enterprise's own field, not entered as a fact.
    expect(
      field(
        await staff.post(`/api/enterprises/${covered.id}/facts`, {
          kind: 'jointUnion',
          eventDate: '2018-01-01',
          value: 0,
        }),
      ),
    ).toBe('kind');
    const refused = await staff.delete(`/api/orgs/${joint.id}?version=${joint.version}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('仍覆盖 1 家企业');
    const ended = json<EnterpriseDetail>(
      await staff.patch(`/api/enterprises/${covered.id}`, {
        version: covered.version,
        jointUnionOrgId: null,
        jointUnionFrom: '2020-01-01',
      }),
    );
    expect([ended.hasUnion, ended.jointUnion]).toEqual([false, null]);
    // Covered from 2016-03-01 to 2019-12-31: counted in 2017, never in 2015, not any more today.
    expect(await unionised('2015-06-30')).toBe(in2015);
    expect(await unionised('2017-06-30')).toBe(in2017 + 1);
    expect(await unionised('2019-12-31')).toBe((await unionised('2020-01-01')) + 1);
    expect((await staff.delete(`/api/orgs/${joint.id}?version=${joint.version}`)).statusCode).toBe(200);
  });

  it('a USCC registered in another district is refused without saying where or that it exists', async () => {
    const elsewhere = await buildEnterprise({ org: otherTown, name: '吴江某纺织有限公司' });
    const res = await staff.post('/api/enterprises', { ...base(), uscc: elsewhere.uscc });
    expect(res.statusCode).toBe(400);
    const err = json<{ error: { message: string; details: { field: string; message: string }[] } }>(
      res,
    ).error;
    expect(err.details[0]).toEqual({ field: 'uscc', message: USCC_NOT_HERE });
    expect(res.body).not.toMatch(/吴江|盛泽|已登记/);
  });

  it('keeps the history of facts and derives the current state from them', async () => {
    const e = await buildEnterprise({ org: town, employees: 100 });
    const add = (body: object) => staff.post(`/api/enterprises/${e.id}/facts`, body);
    // Facts about a union need the union first.
    expect((await add({ kind: 'workersCongress', eventDate: '2012-01-01' })).statusCode).toBe(400);
    expect((await add({ kind: 'unionFounded', eventDate: '2011-06-30', value: 80 })).statusCode).toBe(200);
    // Members beyond employees need an explanation.
    expect((await add({ kind: 'membership', eventDate: '2012-06-30', value: 120 })).statusCode).toBe(400);
    expect(
      (await add({ kind: 'membership', eventDate: '2012-06-30', value: 120, explanation: '含劳务派遣工' }))
        .statusCode,
    ).toBe(200);
    await add({
      kind: 'collectiveContract',
      eventDate: '2011-12-20',
      validFrom: '2012-01-01',
      validTo: '2014-12-31',
    });
    const second = json<EnterpriseDetail>(
      await add({
        kind: 'collectiveContract',
        eventDate: '2014-12-20',
        validFrom: '2015-01-01',
        validTo: '2099-12-31',
      }),
    );
    expect(second.facts.filter((f) => f.kind === 'collectiveContract')).toHaveLength(2);
    expect(second).toMatchObject({
      hasUnion: true,
      unionFoundedOn: '2011-06-30',
      members: 120,
      collectiveContractTo: '2099-12-31',
    });
    const bad = await add({ kind: 'wageAgreement', validFrom: '2015-01-01', validTo: '2014-01-01' });
    expect(json<{ error: { details: { field: string }[] } }>(bad).error.details[0]!.field).toBe('validTo');
    expect((await add({ kind: 'termElection', eventDate: '2011-06-30', value: 4 })).statusCode).toBe(400);
    const elected = json<EnterpriseDetail>(
      await add({ kind: 'termElection', eventDate: '2011-06-30', value: 3 }),
    );
    expect(elected.electionOverdue).toBe(true); // 2014 passed without a new election
    // Removing a fact re-derives the state.
    const firstContract = second.facts.find((f) => f.validTo === '2099-12-31')!;
    const after = json<EnterpriseDetail>(
      await staff.delete(`/api/enterprises/${e.id}/facts/${firstContract.id}`),
    );
    expect(after.collectiveContractTo).toBe('2014-12-31');
  });

  it('filters the list by union, missing institution, size, ownership and text', async () => {
    const t = await buildOrg({ parent: district, name: '筛选街道工会' });
    const unionised = await buildEnterprise({ org: t, name: '有工会的公司', employees: 30 });
    await staff.post(`/api/enterprises/${unionised.id}/facts`, {
      kind: 'unionFounded',
      eventDate: '2010-01-01',
      value: 20,
    });
    const plain = await buildEnterprise({ org: t, name: '没工会的公司', employees: 5, ownership: 'foreign' });
    const ids = async (q: string) =>
      json<EnterprisePage>(await staff.get(`/api/enterprises?orgId=${t.id}&${q}`)).items.map((x) => x.id);
    const saved = listTotals.sortBelow;
    // Both ways a list takes its matches: the scope's rows sorted, and the walk along an index.
    for (const sortBelow of [saved, 0]) {
      listTotals.sortBelow = sortBelow;
      try {
        expect(await ids('hasUnion=true')).toEqual([unionised.id]);
        expect(await ids('hasUnion=false')).toEqual([plain.id]);
        expect(await ids('missing=union')).toEqual([plain.id]);
        expect(await ids('missing=workersCongress')).toEqual([unionised.id]);
        expect(await ids('sizeBand=lt10')).toEqual([plain.id]);
        expect(await ids('ownership=foreign')).toEqual([plain.id]);
        expect(await ids(`q=${encodeURIComponent('没工会')}`)).toEqual([plain.id]);
        expect(await ids(`q=${plain.uscc.toLowerCase()}`)).toEqual([plain.id]);
        expect(await ids('sort=employees&order=desc')).toEqual([unionised.id, plain.id]);
        const page = json<EnterprisePage>(
          await staff.get(`/api/enterprises?orgId=${t.id}&pageSize=1&page=2&sort=name`),
        );
        expect(page.total).toBe(2);
        expect(page.items).toHaveLength(1);
      } finally {
        listTotals.sortBelow = saved;
      }
    }
  });

  it('moving a township moves its enterprises into the new district’s scope', async () => {
    const admin = await loginAs(ctx, await buildUser({ role: 'admin', org: await rootFederation() }));
    const newHome = await buildOrg({ name: '相城区总工会' });
    const t = await buildOrg({ parent: district, name: '待迁移街道工会' });
    const e = await buildEnterprise({ org: t });
    await admin.post(`/api/orgs/${t.id}/move`, { parentId: newHome.id, version: t.version });
    expect((await staff.get(`/api/enterprises/${e.id}`)).statusCode).toBe(404);
    const receiver = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: newHome }));
    expect(json<EnterpriseDetail>(await receiver.get(`/api/enterprises/${e.id}`)).district?.name).toBe(
      '相城区总工会',
    );
  });

  it('the summary cache equals a recomputation from the facts (random histories)', async () => {
    const e = await buildEnterprise({ org: town, employees: 100000 });
    const day = fc
      .integer({ min: 0, max: 60 })
      // A coarse grid of days, so that facts often share a date and ties are exercised.
      .map((n) => addDays('2008-01-01', n * 120));
    const fact = fc.record({
      kind: fc.constantFrom(
        'unionFounded',
        'unionDissolved',
        'membership',
        'termElection',
        'workersCongress',
        'collectiveContract',
        'wageAgreement',
      ),
      eventDate: day,
      validFrom: day,
      span: fc.integer({ min: 0, max: 1500 }),
      value: fc.constantFrom(3, 5),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(fact, { maxLength: 12 }), async (facts) => {
        await ctx.database.orm.delete(enterpriseFacts).where(sql`enterprise_id = ${e.id}`);
        let n = 0;
        for (const f of facts) {
          const validTo = addDays(f.validFrom, f.span);
          await ctx.database.orm.insert(enterpriseFacts).values({
            id: newId(),
            enterpriseId: e.id,
            kind: f.kind,
            eventDate: f.eventDate,
            validFrom: f.kind.endsWith('Contract') || f.kind === 'wageAgreement' ? f.validFrom : null,
            validTo: f.kind.endsWith('Contract') || f.kind === 'wageAgreement' ? validTo : null,
            value: f.kind === 'workersCongress' ? null : f.value + n++,
          });
        }
        await ctx.database.transaction((tx) => refreshSummaries(tx, sql`e.id = ${e.id}`));
        const [row] = await ctx.database.orm
          .select()
          .from(enterprises)
          .where(sql`id = ${e.id}`);
        const rows = await ctx.database.orm
          .select()
          .from(enterpriseFacts)
          .where(sql`enterprise_id = ${e.id}`);
        const today = chinaToday();
        // Facts dated after today do not count yet; nor do contracts that have not started.
        const of = (k: string) =>
          rows.filter((r) => r.kind === k && (r.eventDate === null || r.eventDate <= today));
        const started = (r: { validFrom: string | null }) => r.validFrom === null || r.validFrom <= today;
        const maxOf = (xs: (string | null)[]) =>
          xs
            .filter((x): x is string => x !== null)
            .sort()
            .at(-1) ?? null;
        const latestValue = (xs: typeof rows) =>
          [...xs]
            .filter((x) => x.value !== null)
            .sort((a, b) =>
              a.eventDate! < b.eventDate!
                ? 1
                : a.eventDate! > b.eventDate!
                  ? -1
                  : // Ties on a date go to the later-created fact: ids are UUIDv7, ordered by creation.
                    a.id < b.id
                    ? 1
                    : a.id > b.id
                      ? -1
                      : 0,
            )[0]?.value ?? null;
        // The union in force: none when the latest founding or dissolution (ties to the later
        // fact) is a dissolution, else the first founding since the last dissolution.
        const unionEvents = [...of('unionFounded'), ...of('unionDissolved')].sort((a, b) =>
          a.eventDate === b.eventDate ? (a.id < b.id ? 1 : -1) : a.eventDate! < b.eventDate! ? 1 : -1,
        );
        const lastDissolved = maxOf(of('unionDissolved').map((r) => r.eventDate));
        expect(row!.unionFoundedOn).toBe(
          unionEvents[0]?.kind === 'unionFounded'
            ? (of('unionFounded')
                .map((r) => r.eventDate!)
                .filter((d) => lastDissolved === null || d >= lastDissolved)
                .sort()[0] ?? null)
            : null,
        );
        expect(row!.lastElectionOn).toBe(maxOf(of('termElection').map((r) => r.eventDate)));
        expect(row!.workersCongressOn).toBe(maxOf(of('workersCongress').map((r) => r.eventDate)));
        expect(row!.collectiveContractTo).toBe(
          maxOf(
            of('collectiveContract')
              .filter(started)
              .map((r) => r.validTo),
          ),
        );
        expect(row!.wageAgreementTo).toBe(
          maxOf(
            of('wageAgreement')
              .filter(started)
              .map((r) => r.validTo),
          ),
        );
        expect(row!.members).toBe(latestValue([...of('membership'), ...of('unionFounded')]));
        // The in-memory summary used by imports agrees with the SQL one.
        const inMemory = summarize(rows, today);
        expect(inMemory).toEqual({
          unionFoundedOn: row!.unionFoundedOn,
          members: row!.members,
          lastElectionOn: row!.lastElectionOn,
          termYears: row!.termYears,
          workersCongressOn: row!.workersCongressOn,
          membersCongressOn: row!.membersCongressOn,
          collectiveContractTo: row!.collectiveContractTo,
          wageAgreementTo: row!.wageAgreementTo,
          womenContractTo: row!.womenContractTo,
          affairsDisclosureOn: row!.affairsDisclosureOn,
        });
      }),
      { numRuns: 25 },
    );
  });
});

describe('export', () => {
  it('pages by cursor to exactly the rows offset paging gives, in every order, however deep', async () => {
    const t = await buildOrg({ parent: district, name: '翻页街道工会' });
    for (let i = 0; i < 23; i++) {
      const e = await buildEnterprise({
        org: t,
        name: `翻页企业${String(i % 7).padStart(2, '0')}号${i}`,
        employees: i % 4 === 0 ? null : (i * 37) % 50,
      });
      if (i % 3 === 0) {
        await staff.post(`/api/enterprises/${e.id}/facts`, {
          kind: 'unionFounded',
          eventDate: `201${i % 5}-03-01`,
          value: 1,
        });
      }
    }
    type Page = EnterprisePage & { nextCursor: string | null; totalExact: boolean };
    // Both ways a list takes its matches: the scope's rows sorted, and the walk along an index.
    const saved = listTotals.sortBelow;
    const sortedOrder = new Map<string, string[]>();
    for (const sortBelow of [saved, 0]) {
      listTotals.sortBelow = sortBelow;
      try {
        for (const sort of ['name', 'employees', 'unionFoundedOn', 'updatedAt']) {
          for (const order of ['asc', 'desc']) {
            const base = `/api/enterprises?orgId=${t.id}&sort=${sort}&order=${order}&pageSize=5`;
            const byOffset: string[] = [];
            for (let page = 1; page <= 5; page++) {
              byOffset.push(...json<Page>(await staff.get(`${base}&page=${page}`)).items.map((x) => x.id));
            }
            const byCursor: string[] = [];
            let cursor: string | null = null;
            let pages = 0;
            do {
              const res = await staff.get(`${base}${cursor ? `&after=${cursor}` : ''}`);
              expect(res.statusCode, res.body).toBe(200);
              const page = json<Page>(res);
              expect(page.total).toBe(23);
              expect(page.totalExact).toBe(true);
              byCursor.push(...page.items.map((x) => x.id));
              cursor = page.nextCursor;
              pages += 1;
            } while (cursor);
            expect(pages, `${sort} ${order}`).toBe(5);
            expect(byCursor, `${sort} ${order}`).toEqual(byOffset);
            expect(new Set(byCursor).size).toBe(23);
            const key = `${sort} ${order}`;
            if (sortBelow === saved) sortedOrder.set(key, byCursor);
            else expect(byCursor, `${key}: walked as sorted`).toEqual(sortedOrder.get(key));
          }
        }
      } finally {
        listTotals.sortBelow = saved;
      }
    }
    for (const after of [
      'x',
      Buffer.from('[1,2,3]').toString('base64url'),
      Buffer.from('["a","b"]').toString('base64url'),
    ]) {
      const res = await staff.get(`/api/enterprises?orgId=${t.id}&after=${after}`);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('after');
    }
  });

  it('gives a large total as an estimate, and the exact count when asked', async () => {
    const t = await buildOrg({ parent: district, name: '估算街道工会' });
    for (let i = 0; i < 12; i++) await buildEnterprise({ org: t, name: `估算企业${i}` });
    await ctx.database.rows('analyze enterprises');
    const saved = listTotals.exactBelow;
    listTotals.exactBelow = 1;
    try {
      type Page = EnterprisePage & { totalExact: boolean };
      const estimated = json<Page>(await staff.get(`/api/enterprises?orgId=${t.id}&pageSize=5`));
      expect(estimated.totalExact).toBe(false);
      expect(estimated.total).toBeGreaterThan(0);
      const exact = json<Page>(await staff.get(`/api/enterprises?orgId=${t.id}&pageSize=5&exactTotal=true`));
      expect(exact.totalExact).toBe(true);
      expect(exact.total).toBe(12);
    } finally {
      listTotals.exactBelow = saved;
    }
    // A first page that is not full is every match: counted, whatever the threshold.
    const all = json<EnterprisePage & { totalExact: boolean }>(
      await staff.get(`/api/enterprises?orgId=${t.id}&pageSize=50`),
    );
    expect([all.total, all.totalExact]).toEqual([12, true]);
  });

  it('exports exactly the filtered list of the scope as xlsx', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const t = await buildOrg({ parent: district, name: '导出街道工会' });
    const a = await buildEnterprise({ org: t, name: '导出甲有限公司', employees: 500 });
    await staff.post(`/api/enterprises/${a.id}/facts`, {
      kind: 'unionFounded',
      eventDate: '2011-05-01',
      value: 300,
    });
    await buildEnterprise({ org: t, name: '导出乙有限公司', employees: 5 });
    await buildEnterprise({ org: otherTown, name: '外区企业有限公司' });
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/enterprises/export.xlsx?orgId=${t.id}`,
      headers: { cookie: staff.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('企业名单')!;
    expect(sheet.getRow(1).getCell(1).text).toBe('统一社会信用代码');
    const names = [2, 3].map((i) => sheet.getRow(i).getCell(2).text).sort();
    expect(names).toEqual(['导出乙有限公司', '导出甲有限公司']);
    expect(sheet.actualRowCount).toBe(3);
    const rowA = [2, 3].map((i) => sheet.getRow(i)).find((r) => r.getCell(2).text === '导出甲有限公司')!;
    expect(rowA.getCell(13).text).toBe('是');
    expect(rowA.getCell(16).text).toBe('300');
    const unionOnly = await ctx.app.inject({
      method: 'GET',
      url: `/api/enterprises/export.xlsx?orgId=${t.id}&hasUnion=false`,
      headers: { cookie: staff.cookie },
    });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(unionOnly.rawPayload as unknown as ArrayBuffer);
    expect(wb2.getWorksheet('企业名单')!.actualRowCount).toBe(2);
    const outside = await ctx.app.inject({
      method: 'GET',
      url: `/api/enterprises/export.xlsx?orgId=${otherTown.id}`,
      headers: { cookie: staff.cookie },
    });
    expect(outside.statusCode).toBe(404);
  });
});

describe('facts are not recorded twice', () => {
  it('the same fact entered again is refused; a different one is kept beside it', async () => {
    const e = await buildEnterprise({ org: town });
    const add = (body: object) => staff.post(`/api/enterprises/${e.id}/facts`, body);
    expect((await add({ kind: 'unionFounded', eventDate: '2011-06-30', value: 50 })).statusCode).toBe(200);
    const again = await add({ kind: 'unionFounded', eventDate: '2011-06-30', value: 50 });
    expect(again.statusCode).toBe(400);
    expect(again.body).toMatch(/完全相同/);
    const five = { kind: 'fiveHave', eventDate: '2012-01-01', data: { item: 'readingRoom' } };
    expect((await add(five)).statusCode).toBe(200);
    expect((await add(five)).statusCode).toBe(400);
    expect((await add({ ...five, data: { item: 'equipment' } })).statusCode).toBe(200);
  });
});

describe('export order and edits', () => {
  it('exports every row once, in the order the list shows, across pages', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const t = await buildOrg({ parent: district, name: '排序街道工会' });
    // More rows than one export page, with repeated and empty head counts.
    const rows = Array.from({ length: 2105 }, (_, i) => ({
      uscc: buildUscc('91'),
      name: `排序企业${String(i).padStart(4, '0')}`,
      employees: i % 7 === 0 ? null : i % 50,
    }));
    await ctx.database.transaction(async (_tx, raw) => {
      for (const r of rows) {
        await raw.query(
          `insert into enterprises (id, uscc, name, name_key, org_id, org_path, employees) select $1, $2, $3, $3, $4, path, $5 from orgs where id = $4`,
          [crypto.randomUUID(), r.uscc, r.name, t.id, r.employees],
          'object',
        );
      }
    });
    for (const sort of ['employees&order=desc', 'updatedAt', 'name&order=desc']) {
      const listed: string[] = [];
      for (let page = 1; page <= 5; page++) {
        const p = json<EnterprisePage>(
          await staff.get(`/api/enterprises?orgId=${t.id}&sort=${sort}&pageSize=500&page=${page}`),
        );
        listed.push(...p.items.map((e) => e.uscc));
      }
      const res = await ctx.app.inject({
        method: 'GET',
        url: `/api/enterprises/export.xlsx?orgId=${t.id}&sort=${sort}`,
        headers: { cookie: staff.cookie },
      });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('企业名单')!;
      const exported: string[] = [];
      sheet.eachRow((row, n) => {
        if (n > 1) exported.push(row.getCell(1).text);
      });
      expect(exported).toHaveLength(2105);
      expect(exported).toEqual(listed);
    }
  });

  it('refuses fewer employees than recorded members unless a note explains it', async () => {
    const e = await buildEnterprise({ org: town, employees: 100 });
    const founded = json<EnterpriseDetail>(
      await staff.post(`/api/enterprises/${e.id}/facts`, {
        kind: 'unionFounded',
        eventDate: '2012-01-01',
        value: 90,
      }),
    );
    const res = await staff.patch(`/api/enterprises/${e.id}`, { version: founded.version, employees: 50 });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/少于已登记的会员人数/);
    expect(
      (
        await staff.patch(`/api/enterprises/${e.id}`, {
          version: founded.version,
          employees: 50,
          note: '季节性裁员，会员待核减',
        })
      ).statusCode,
    ).toBe(200);
  });
});
