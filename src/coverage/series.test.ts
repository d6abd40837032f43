// The cached coverage series are kept exact by the write path: after random sequences of the
// writes users make (new enterprises, facts added and removed, attributes changed, enterprises
// moved between townships, townships moved between districts, an import), the series equal a
// rebuild from scratch, and the counts they give equal the direct computation from the facts.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { buildUscc, setupTestApp, system } from '../../tests/test-app';
import {
  applyWrites,
  buildWriteScene,
  dayArb,
  register,
  SERIES_KINDS,
  writeArb,
} from '../../tests/random-writes';
import { addFact, updateEnterprise } from '../enterprises/service';
import { EnterprisePatchBody, FactCreateBody } from '../enterprises/contract';
import { moveOrg } from '../orgs/service';
import type { OrgDetail } from '../orgs/contract';
import { execute } from '../platform/db/client';
import { DEFAULT_RULE, type CoverageCounts } from './contract';
import { directCountsByChild } from './service';
import { buildSeries, seriesCounts } from './series-store';
import { importEnterprises } from '../enterprises/import/service';
import { newId } from '../platform/ids';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stepsOf } from './series';
import { addDays, chinaToday } from '../platform/shared/dates';

const ctx = setupTestApp();
let root: OrgDetail;
let districts: OrgDetail[];
let towns: OrgDetail[];
let joints: OrgDetail[];

beforeAll(async () => {
  ({ root, districts, towns, joints } = await buildWriteScene());
});

async function pathOf(org: OrgDetail): Promise<string> {
  const [row] = await ctx.database.rows<{ path: string }>('select path from orgs where id = $1', [org.id]);
  return row!.path;
}

/** Every non-zero row of the series, in a fixed order. */
async function snapshot() {
  return ctx.database.transaction(async (tx) => ({
    daily: await execute(tx, sql`select * from coverage_daily order by rule_key, day, org_path`),
    monthly: await execute(
      tx,
      sql`select * from coverage_monthly
           where enterprises <> 0 or unionised <> 0 or employees <> 0 or members <> 0
              or wage_agreement <> 0 or workers_congress <> 0 or collective_contract <> 0
              or affairs_disclosure <> 0
           order by rule_key, month_end, org_path`,
    ),
  }));
}

/** The series as the write path left them equal the series rebuilt from scratch. */
async function expectSeriesExact() {
  const kept = await snapshot();
  expect(kept.daily.length).toBeGreaterThan(0);
  await ctx.database.transaction((tx) => buildSeries(tx, { full: true }));
  const rebuilt = await snapshot();
  expect(kept.daily).toEqual(rebuilt.daily);
  expect(kept.monthly).toEqual(rebuilt.monthly);
}

const sortRows = (rows: ({ child: string } & CoverageCounts)[]) =>
  [...rows].filter((r) => r.enterprises > 0).sort((a, b) => a.child.localeCompare(b.child));

async function expectCountsDirect(dates: string[]) {
  const paths = await Promise.all([root, ...districts].map(pathOf));
  await ctx.database.transaction(async (tx) => {
    for (const date of dates) {
      for (const path of paths) {
        const cached = await seriesCounts(tx, path, date, DEFAULT_RULE);
        expect(cached, `series cover ${date}`).not.toBeNull();
        const direct = await directCountsByChild(tx, path, date, DEFAULT_RULE);
        expect(sortRows(cached!), `${path} as of ${date}`).toEqual(sortRows(direct));
      }
    }
  });
}

const today = chinaToday();

/** A figure of the first township on each date, from the series and computed directly. */
async function townFigures(dates: string[], pick: (rows: CoverageCounts[]) => number[]) {
  const townPath = await pathOf(towns[0]!);
  return ctx.database.transaction(async (tx) => {
    const out: { cached: number[]; direct: number[] }[] = [];
    for (const date of dates)
      out.push({
        cached: pick((await seriesCounts(tx, townPath, date, DEFAULT_RULE))!),
        direct: pick(await directCountsByChild(tx, townPath, date, DEFAULT_RULE)),
      });
    return out;
  });
}

describe('the coverage series', () => {
  it('stay exact through random writes, equal a rebuild and the direct computation', async () => {
    const ops = fc.sample(
      fc.array(writeArb(SERIES_KINDS, towns.length, joints.length), { minLength: 200, maxLength: 200 }),
      {
        numRuns: 1,
        seed: 7,
      },
    )[0]!;
    const { applied } = await applyWrites(ops, { towns, joints, today, prefix: '序列' });
    expect(applied).toBeGreaterThan(150);
    const dates = fc.sample(dayArb, { numRuns: 12, seed: 3 });
    await expectCountsDirect([...dates, '2000-01-01', today, addDays(today, 400)]);
    await expectSeriesExact();
  }, 180_000);

  it('follow an import that creates some enterprises and updates others', async () => {
    const [existing] = await ctx.database.rows<{ uscc: string; name: string }>(
      `select uscc, name from enterprises order by id limit 1`,
    );
    const lines = [
      '统一社会信用代码,企业名称,所属乡镇(街道),职工人数,经济类型,建会日期,会员人数,工资专项集体协议起始日期,工资专项集体协议终止日期',
      `${existing!.uscc},${existing!.name},甲二街道工会,333,私营,2009-03-01,200,2010-01-01,2010-12-31`,
    ];
    for (let i = 0; i < 30; i++) {
      lines.push(
        `${buildUscc('91')},导入企业${i}有限公司,${i % 2 ? '甲一街道工会' : '乙一镇工会'},${10 + i * 7},私营,${i % 3 ? `20${10 + (i % 9)}-05-01` : ''},${i % 3 ? 5 + i : ''},${i % 3 && i % 4 ? '2015-01-01' : ''},${i % 3 && i % 4 ? '2016-12-31' : ''}`,
      );
    }
    const dir = await mkdtemp(path.join(os.tmpdir(), 'series-'));
    const file = path.join(dir, '名单.csv');
    await writeFile(file, lines.join('\r\n'));
    const result = await importEnterprises(
      system,
      { id: newId(), progress: () => undefined },
      {
        filePath: file,
        originalName: '名单.csv',
        dryRun: false,
      },
    ).catch((err: { details?: unknown }) => {
      throw new Error(JSON.stringify(err.details));
    });
    expect(result).toMatchObject({ committed: true, created: 30, updated: 1 });
    await expectCountsDirect(['2010-06-30', '2015-06-30', '2017-01-01', today]);
    await expectSeriesExact();
  });

  it('count an enterprise that grew from 8 to 30 employees in 2018 in the 10+ denominator from 2018 only', async () => {
    const dates = ['2017-12-31', '2018-04-01', '2019-06-30'];
    const figures = () =>
      townFigures(dates, (rows) => [
        rows.reduce((n, r) => n + r.enterprises, 0),
        rows.reduce((n, r) => n + r.employees, 0),
      ]);
    const before = await figures();
    const firm = await register({
      name: '成长企业有限公司',
      orgId: towns[0]!.id,
      ownership: 'private',
      employees: 8,
      registeredOn: '2010-01-01',
    });
    // Eight employees: below the denominator's ten, on every date.
    expect(await figures()).toEqual(before);
    const grown = await addFact(
      system,
      firm.id,
      FactCreateBody.parse({ kind: 'headcount', eventDate: '2018-04-01', value: 30, explanation: '年报' }),
    );
    expect(grown.employees).toBe(30);
    const after = await figures();
    for (const [i, f] of after.entries()) {
      expect(f.cached, dates[i]).toEqual(f.direct);
      const grew = dates[i]! >= '2018-04-01';
      expect(f.cached, dates[i]).toEqual([
        before[i]!.cached[0]! + (grew ? 1 : 0),
        before[i]!.cached[1]! + (grew ? 30 : 0),
      ]);
    }
    await expectSeriesExact();
  });

  it('count a firm covered by a joint union from 2016 as unionised from 2016 only, not in 2015', async () => {
    const dates = ['2015-06-30', '2016-03-01', '2017-06-30'];
    const unionised = () => townFigures(dates, (rows) => [rows.reduce((n, r) => n + r.unionised, 0)]);
    const before = await unionised();
    const firm = await register({
      name: '联合工会覆盖企业有限公司',
      orgId: towns[0]!.id,
      ownership: 'private',
      employees: 40,
      registeredOn: '2010-01-01',
      jointUnionOrgId: joints[0]!.id,
      jointUnionFrom: '2016-03-01',
    });
    expect(firm.jointUnion?.id).toBe(joints[0]!.id);
    const after = await unionised();
    for (const [i, f] of after.entries()) {
      expect(f.cached, dates[i]).toEqual(f.direct);
      expect(f.cached[0]! - before[i]!.cached[0]!, dates[i]).toBe(dates[i]! >= '2016-03-01' ? 1 : 0);
    }
    // Ended today: it still counted yesterday; the joint union, no longer covering anyone, may go.
    const ended = await updateEnterprise(
      system,
      firm.id,
      EnterprisePatchBody.parse({ version: firm.version, jointUnionOrgId: null }),
    );
    expect(ended.jointUnion).toBeNull();
    expect(ended.facts.filter((f) => f.kind === 'jointUnion').map((f) => [f.eventDate, f.value])).toEqual(
      expect.arrayContaining([
        ['2016-03-01', 1],
        [today, 0],
      ]),
    );
    await expectCountsDirect(['2015-06-30', '2016-03-01', addDays(today, -1), today]);
    await expectSeriesExact();
  });

  it('follow a township moved to another district', async () => {
    const moved = await moveOrg(system, towns[1]!.id, {
      parentId: districts[1]!.id,
      version: towns[1]!.version,
    });
    towns[1] = moved;
    await expectCountsDirect(['2012-06-30', today]);
    await expectSeriesExact();
  });

  it('leave dates outside their range to the direct computation', async () => {
    const rootPath = await pathOf(root);
    await ctx.database.transaction(async (tx) => {
      expect(await seriesCounts(tx, rootPath, '1999-12-31', DEFAULT_RULE)).toBeNull();
      expect(await seriesCounts(tx, rootPath, '2099-01-01', DEFAULT_RULE)).toBeNull();
    });
  });

  it('steps sum to the state: an enterprise counted from registration to closure', () => {
    const e = {
      id: 'e',
      orgPath: '/1/',
      employees: 50,
      ownership: 'private',
      registeredOn: '2010-03-01',
      closedOn: '2012-05-01',
    };
    const facts = [
      { id: 'a', kind: 'unionFounded', eventDate: '2011-01-01', validFrom: null, validTo: null, value: 20 },
      {
        id: 'b',
        kind: 'wageAgreement',
        eventDate: '2011-02-01',
        validFrom: '2011-02-01',
        validTo: '2011-12-31',
        value: null,
      },
    ];
    const steps = stepsOf(e, facts, DEFAULT_RULE, {
      opening: '1999-12-31',
      from: '2000-01-01',
      to: '2036-12-31',
    });
    expect(steps.map((s) => [s.day, s.delta[0], s.delta[1], s.delta[5]])).toEqual([
      ['2010-03-01', 1, 0, 0],
      ['2011-01-01', 0, 1, 0],
      ['2011-02-01', 0, 0, 1],
      ['2012-01-01', 0, 0, -1],
      ['2012-05-01', -1, -1, 0],
    ]);
  });
});
