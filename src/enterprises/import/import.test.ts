// The import through the API: upload, job, dry run, all-or-nothing commit, error report.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildEnterprise,
  buildOrg,
  buildUser,
  buildDistrictScene,
  buildUscc,
  json,
  loginAs,
  setupTestApp,
  multipartFile,
  type Client,
} from '../../../tests/test-app';
import type { OrgDetail } from '../../orgs/contract';
import type { JobView } from '../../platform/shared/jobs-contract';
import { chinaToday } from '../../platform/shared/dates';
import { USCC_NOT_HERE, type EnterpriseDetail, type EnterprisePage } from '../contract';
import type { ImportResult } from './service';
import { sql } from 'drizzle-orm';
import { refreshSummaries } from '../summary';

const ctx = setupTestApp();
let district: OrgDetail;
let town: OrgDetail;
let otherTown: OrgDetail;
let staff: Client;

beforeAll(async () => {
  ({ district, town, otherTown, staff } = await buildDistrictScene(ctx));
});

async function upload(
  client: Client,
  fileName: string,
  content: Buffer | string,
  dryRun = false,
): Promise<JobView> {
  const body = multipartFile(fileName, content);
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/enterprises/imports${dryRun ? '?dryRun=true' : ''}`,
    headers: { ...body.headers, cookie: client.cookie },
    payload: body.payload,
  });
  expect(res.statusCode, res.body).toBe(200);
  let job = json<JobView>(res);
  while (job.state === 'running') {
    await new Promise((r) => setTimeout(r, 50));
    job = json<JobView>(await client.get(`/api/jobs/${job.id}`));
  }
  return job;
}

const HEADER =
  '统一社会信用代码,企业名称,所属乡镇(街道),职工人数,经济类型,建会日期,会员人数,集体合同起始日期,集体合同终止日期';

async function countIn(org: OrgDetail) {
  return json<EnterprisePage>(await staff.get(`/api/enterprises?orgId=${org.id}&pageSize=1`)).total;
}

describe('enterprise import', () => {
  it('a dry run reports what would happen and writes nothing; the commit writes it all', async () => {
    const t = await buildOrg({ parent: district, name: '越溪街道工会' });
    const codes = [buildUscc('91'), buildUscc('91'), buildUscc('91')];
    const csv = [
      HEADER,
      `${codes[0]},苏州甲科技有限公司,越溪街道,120,私营,2011-06-30,100,2012-01-01,2014-12-31`,
      `${codes[1]},苏州乙制造有限公司,越溪街道工会,45,外商投资,2011/7/1,30,,`,
      `${codes[2]},苏州丙贸易有限公司,越溪街道,8,私营,,,,`,
    ].join('\r\n');
    const dry = await upload(staff, '名单.csv', '\uFEFF' + csv, true);
    expect(dry.state).toBe('succeeded');
    expect(dry.result).toMatchObject({
      dryRun: true,
      committed: false,
      rows: 3,
      created: 3,
      updated: 0,
      errorCount: 0,
    });
    expect(await countIn(t)).toBe(0);

    const done = await upload(staff, '名单.csv', csv);
    expect(done.state, JSON.stringify(done)).toBe('succeeded');
    expect(done.result).toMatchObject({ committed: true, rows: 3, created: 3, updated: 0 });
    expect(await countIn(t)).toBe(3);
    const list = json<EnterprisePage>(
      await staff.get(`/api/enterprises?orgId=${t.id}&hasUnion=true&sort=name`),
    );
    expect(list.items.map((e) => e.name).sort()).toEqual(['苏州乙制造有限公司', '苏州甲科技有限公司']);
    const first = list.items.find((e) => e.uscc === codes[0])!;
    expect(first).toMatchObject({
      unionFoundedOn: '2011-06-30',
      members: 100,
      collectiveContractTo: '2014-12-31',
    });

    // Importing again updates, keeps history and does not duplicate facts.
    const again = await upload(
      staff,
      '名单.csv',
      [HEADER, `${codes[0]},苏州甲科技有限公司,越溪街道,150,私营,2011-06-30,100,2015-01-01,2017-12-31`].join(
        '\n',
      ),
    );
    expect(again.result).toMatchObject({ committed: true, created: 0, updated: 1 });
    const detail = json<EnterpriseDetail>(await staff.get(`/api/enterprises/${first.id}`));
    expect(detail.employees).toBe(150);
    expect(detail.facts.filter((f) => f.kind === 'collectiveContract')).toHaveLength(2);
    expect(detail.facts.filter((f) => f.kind === 'unionFounded')).toHaveLength(1);
    expect(detail.collectiveContractTo).toBe('2017-12-31');
    // The summaries written by the import equal a rebuild from the facts.
    const before = await ctx.database.rows('select * from enterprises order by id');
    await ctx.database.transaction((tx) => refreshSummaries(tx, sql`true`));
    expect(await ctx.database.rows('select * from enterprises order by id')).toEqual(before);
  });

  it('one bad row rejects the whole file; the error report names row, column and reason', async () => {
    const t = await buildOrg({ parent: district, name: '郭巷街道工会' });
    const good = buildUscc('91');
    const valid = buildUscc('91');
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const csv = [
      HEADER,
      `${good},苏州好企业有限公司,郭巷街道,50,私营,,,,`,
      `${wrongCheck},苏州坏企业有限公司,郭巷街道,50,私营,,,,`,
    ].join('\n');
    const job = await upload(staff, 'bad.csv', csv);
    expect(job.state).toBe('failed');
    expect(job.message).toMatch(/未导入任何数据/);
    const result = (job.result as { details: ImportResult }).details;
    expect(result.errors[0]).toMatchObject({ row: 3, column: '统一社会信用代码' });
    expect(await countIn(t)).toBe(0);
    const report = await ctx.app.inject({
      method: 'GET',
      url: `/api/enterprises/imports/${job.id}/errors.xlsx`,
      headers: { cookie: staff.cookie },
    });
    expect(report.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(2).values).toEqual([undefined, '行号', '列', '原值', '问题']);
    expect(sheet.getRow(3).getCell(1).value).toBe(3);
    expect(sheet.getRow(3).getCell(4).text).toMatch(/校验位/);
  });

  it('rows for another district, unknown townships and duplicates are rejected', async () => {
    const code = buildUscc('91');
    const outsider = await buildEnterprise({ org: otherTown });
    const csv = [
      HEADER,
      `${buildUscc('91')},甲公司,盛泽镇,10,私营,,,,`,
      `${buildUscc('91')},乙公司,不存在的镇,10,私营,,,,`,
      `${code},丙公司,长桥街道,10,私营,,,,`,
      `${code},丁公司,长桥街道,10,私营,,,,`,
      `${outsider.uscc},外区企业,长桥街道,10,私营,,,,`,
    ].join('\n');
    const job = await upload(staff, 'mixed.csv', csv);
    expect(job.state).toBe('failed');
    const result = (job.result as { details: ImportResult }).details;
    const reasons = result.errors.map((e) => `${e.row}:${e.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^2:.*不在您的管理范围内/),
        expect.stringMatching(/^3:.*不在您的管理范围内/),
        expect.stringMatching(/^5:与第 4 行/),
        `6:${USCC_NOT_HERE}`,
      ]),
    );
    const after = await ctx.database.rows<{ name: string }>('select name from enterprises where id = $1', [
      outsider.id,
    ]);
    expect(after[0]?.name).toBe(outsider.name);
  });

  it('names that normalise equal are reported; bad files get clear messages', async () => {
    const csv = [
      HEADER,
      `${buildUscc('91')},苏州（长桥）电子有限责任公司,长桥街道,10,私营,,,,`,
      `${buildUscc('91')},苏州(长桥)电子有限公司,长桥街道,10,私营,,,,`,
    ].join('\n');
    const dry = await upload(staff, 'names.csv', csv, true);
    expect(dry.state).toBe('succeeded');
    expect((dry.result as ImportResult).warnings.join()).toMatch(/第 3 行.*与第 2 行名称相同/);

    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const image = await upload(staff, 'photo.xlsx', png);
    expect(image.state).toBe('failed');
    expect(image.message).toMatch(/不是有效的/);
    const empty = await upload(staff, 'empty.csv', '');
    expect(empty.message).toMatch(/空/);
    const onlyHeader = await upload(staff, 'header.csv', HEADER + '\n');
    expect(onlyHeader.message).toMatch(/只有表头/);
    const missing = await upload(staff, 'missing.csv', '企业名称,职工人数\n某公司,10\n');
    expect(missing.message).toMatch(/缺少必填列：统一社会信用代码/);
  });

  it('the downloaded template, uploaded unchanged, is refused for its example row', async () => {
    const template = await ctx.app.inject({
      method: 'GET',
      url: '/api/enterprises/import-template.xlsx',
      headers: { cookie: staff.cookie },
    });
    expect(template.statusCode).toBe(200);
    const job = await upload(staff, '企业名单导入模板.xlsx', template.rawPayload);
    expect(job.state).toBe('failed');
    const result = (job.result as { details: ImportResult }).details;
    expect(result.errors.map((e) => e.reason)).toContain('这是导入模板中的示例行，请删除后再导入');
  });

  it('an enterprise closed by a file without a date is closed as of the import’s day', async () => {
    const t = await buildOrg({ parent: district, name: '横泾街道工会' });
    const [closedNow, closedThen] = [buildUscc('91'), buildUscc('91')];
    const csv = [
      '统一社会信用代码,企业名称,所属乡镇(街道),职工人数,经济类型,经营状态,注销日期',
      `${closedNow},苏州丁有限公司,横泾街道,30,私营,已注销,`,
      `${closedThen},苏州戊有限公司,横泾街道,30,私营,已注销,2014-03-31`,
    ].join('\r\n');
    const job = await upload(staff, '注销.csv', csv);
    expect(job.state, JSON.stringify(job.result)).toBe('succeeded');
    const rows = await ctx.database.rows<{ uscc: string; status: string; closed_on: string }>(
      'select uscc, status, closed_on from enterprises where org_id = $1 order by name',
      [t.id],
    );
    expect(rows.map((r) => [r.uscc, r.status, r.closed_on])).toEqual([
      [closedNow, 'closed', chinaToday()],
      [closedThen, 'closed', '2014-03-31'],
    ]);
  });

  it('head counts are dated: a new enterprise’s since registration, a changed one from the import’s day', async () => {
    const t = await buildOrg({ parent: district, name: '甪直镇工会' });
    const known = await buildEnterprise({ org: t, employees: 8 });
    const fresh = buildUscc('91');
    const file = (employees: number) =>
      [
        '统一社会信用代码,企业名称,所属乡镇(街道),职工人数,经济类型',
        `${known.uscc},${known.name},甪直镇,${employees},私营`,
        `${fresh},苏州己有限公司,甪直镇,45,私营`,
      ].join('\r\n');
    const counts = () =>
      ctx.database.rows<{ uscc: string; event_date: string | null; value: number }>(
        `select e.uscc, f.event_date, f.value from enterprise_facts f join enterprises e on e.id = f.enterprise_id
          where e.org_id = $1 and f.kind = 'headcount' order by e.uscc = $2, f.event_date nulls first`,
        [t.id, fresh],
      );
    expect((await upload(staff, '人数.csv', file(30))).state).toBe('succeeded');
    const once = await counts();
    expect(once).toEqual([
      { uscc: known.uscc, event_date: null, value: 8 },
      { uscc: known.uscc, event_date: chinaToday(), value: 30 },
      { uscc: fresh, event_date: null, value: 45 },
    ]);
    // The same file again changes no count and adds no fact.
    expect((await upload(staff, '人数.csv', file(30))).state).toBe('succeeded');
    expect(await counts()).toEqual(once);
    const detail = json<EnterpriseDetail>(await staff.get(`/api/enterprises/${known.id}`));
    expect(detail.employees).toBe(30);
  });

  it('a joint union named by the file covers a new enterprise since registration, a changed one from the import’s day', async () => {
    const t = await buildOrg({ parent: district, name: '临湖镇工会' });
    const [first, second] = [
      await buildOrg({ parent: t, kind: 'jointUnion', name: '临湖镇商会联合工会' }),
      await buildOrg({ parent: t, kind: 'jointUnion', name: '临湖镇市场联合工会' }),
    ];
    const fresh = buildUscc('91');
    const known = await buildEnterprise({ org: t, employees: 30 });
    const file = (joint: string) =>
      [
        '统一社会信用代码,企业名称,所属乡镇(街道),职工人数,经济类型,所属联合工会',
        `${known.uscc},${known.name},临湖镇,30,私营,${joint}`,
        `${fresh},苏州庚有限公司,临湖镇,45,私营,临湖镇商会联合工会`,
      ].join('\r\n');
    const links = () =>
      ctx.database.rows<{ uscc: string; event_date: string | null; value: number; org: string | null }>(
        `select e.uscc, f.event_date, f.value, f.data->>'orgId' as org from enterprise_facts f
          join enterprises e on e.id = f.enterprise_id
          where e.org_id = $1 and f.kind = 'jointUnion' order by e.uscc = $2, f.event_date nulls first`,
        [t.id, fresh],
      );
    expect((await upload(staff, '联合工会.csv', file('临湖镇商会联合工会'))).state).toBe('succeeded');
    expect(await links()).toEqual([
      { uscc: known.uscc, event_date: chinaToday(), value: 1, org: first.id },
      { uscc: fresh, event_date: null, value: 1, org: first.id },
    ]);
    // Another joint union for the known one: from today too, the same file again adds nothing.
    expect((await upload(staff, '联合工会.csv', file('临湖镇市场联合工会'))).state).toBe('succeeded');
    expect((await upload(staff, '联合工会.csv', file('临湖镇市场联合工会'))).state).toBe('succeeded');
    const after = await links();
    expect(after.filter((l) => l.uscc === known.uscc).map((l) => l.org)).toEqual(
      expect.arrayContaining([first.id, second.id]),
    );
    expect(after).toHaveLength(3);
    const detail = json<EnterpriseDetail>(await staff.get(`/api/enterprises/${known.id}`));
    expect(detail.jointUnion?.id).toBe(second.id);
  });

  it('an information officer may not import', async () => {
    const info = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: district }));
    const body = multipartFile('x.csv', HEADER);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/enterprises/imports',
      headers: { ...body.headers, cookie: info.cookie },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(403);
    expect(town.id).toBeTruthy();
  });
});
