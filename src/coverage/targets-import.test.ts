// The targets template and its import: template rows and values, a round trip through exceljs,
// files written by LibreOffice and as GBK CSV, and files refused whole (nothing written).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDistrictScene,
  buildOrg,
  buildUser,
  clientFor,
  json,
  loginAs,
  rootFederation,
  setupTestApp,
  type Client,
} from '../../tests/test-app';
import type { OrgDetail } from '../orgs/contract';
import { INDICATORS, type Targets, type TargetsView } from './contract';
import {
  TARGETS_ID_HEADER,
  TARGETS_NAME_HEADER,
  targetHeader,
  type TargetsImportIssue,
  type TargetsImportResult,
} from './targets-import-contract';
import { commandExists, systemTool } from '../../tests/tools';

const libreOffice = () =>
  systemTool(
    'LibreOffice Calc (soffice)',
    commandExists('soffice'),
    'apt-get install -y --no-install-recommends libreoffice-calc',
  );

const ctx = setupTestApp();
let district: OrgDetail;
let town: OrgDetail;
let town2: OrgDetail;
let village: OrgDetail;
let otherTown: OrgDetail;
let staff: Client;
let city: Client;
const dir = mkdtempSync(path.join(tmpdir(), 'targets-import-'));

beforeAll(async () => {
  ({ district, town, otherTown, staff } = await buildDistrictScene(ctx));
  town2 = await buildOrg({ parent: district, name: '横泾街道工会' });
  village = await buildOrg({ parent: town, name: '长桥某公司工会' });
  city = await loginAs(
    ctx,
    await buildUser({ role: 'federationStaff', department: 'organisation', org: await rootFederation() }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function upload(client: Client, nodeId: string, year: number, fileName: string, content: Buffer) {
  return client.upload(`/api/coverage/targets/import?orgId=${nodeId}&year=${year}`, fileName, content);
}

async function targetsOf(org: OrgDetail, year: number): Promise<Targets> {
  return json<TargetsView>(await city.get(`/api/coverage/targets/${org.id}?year=${year}`)).targets;
}

async function setTargets(org: OrgDetail, year: number, targets: Record<string, number | null>) {
  const res = await city.request('PUT', `/api/coverage/targets/${org.id}`, { year, targets });
  expect(res.statusCode, res.body).toBe(200);
}

async function template(client: Client, nodeId: string, year: number) {
  const res = await client.get(`/api/coverage/targets/template.xlsx?orgId=${nodeId}&year=${year}`);
  expect(res.statusCode, res.body).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return { res, workbook, sheet: workbook.worksheets[0]! };
}

/** The template's data rows as { id, name, cells by header }. */
function rowsOf(sheet: ExcelJS.Worksheet) {
  const headers = (sheet.getRow(2).values as (string | undefined)[]).map((v) => v ?? '');
  const out: { id: string; name: string; row: number; values: Record<string, unknown> }[] = [];
  sheet.eachRow((row, n) => {
    if (n <= 2) return;
    const values: Record<string, unknown> = {};
    headers.forEach((h, col) => {
      if (h) values[h] = row.getCell(col).value;
    });
    out.push({
      id: String(values[TARGETS_ID_HEADER]),
      name: String(values[TARGETS_NAME_HEADER]),
      row: n,
      values,
    });
  });
  return out;
}

const colOf = (sheet: ExcelJS.Worksheet, header: string) => {
  const values = sheet.getRow(2).values as unknown[];
  const col = values.indexOf(header);
  expect(col, header).toBeGreaterThan(0);
  return col;
};

async function bufferOf(workbook: ExcelJS.Workbook) {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function issuesOf(res: { statusCode: number; body: string }) {
  expect(res.statusCode, res.body).toBe(400);
  const body = JSON.parse(res.body) as {
    error: { code: string; message: string; details: { errors: TargetsImportIssue[]; total: number } };
  };
  return body.error;
}

/** GBK bytes of a text, from the decoder's own table (Node can decode GBK but not encode it). */
function gbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gbk');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.from([lead, trail]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else {
      const code = table.get(ch);
      if (!code) throw new Error(`no GBK code for ${ch}`);
      bytes.push(...code);
    }
  }
  return Buffer.from(bytes);
}

describe('targets template', () => {
  it('lists the children with their targets in percent; the node itself only where allowed', async () => {
    await setTargets(town, 2025, { establishmentRate: 0.9, wageBargainingRate: 0.825 });
    const { res, sheet, workbook } = await template(staff, district.id, 2025);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('吴中区总工会-2025年目标导入模板.xlsx')}`,
    );
    // The note above the header explains the units.
    expect(sheet.getCell('A1').text).toContain('90 表示 90%');
    const header = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(header).toEqual([TARGETS_NAME_HEADER, ...INDICATORS.map(targetHeader), TARGETS_ID_HEADER]);
    expect(sheet.getColumn(header.length).hidden).toBe(true);
    expect(workbook.worksheets.map((s) => s.name)).toContain('填写说明');
    // The district's own row is not there: its targets come from the city.
    const rows = rowsOf(sheet);
    expect(rows.map((r) => r.id).sort()).toEqual([town.id, town2.id].sort());
    const townRow = rows.find((r) => r.id === town.id)!;
    expect(townRow.name).toBe('长桥街道工会');
    expect(townRow.values[targetHeader('establishmentRate')]).toBe(90);
    expect(townRow.values[targetHeader('wageBargainingRate')]).toBe(82.5);
    expect(townRow.values[targetHeader('membershipRate')]).toBeNull();

    // The city sees the district as a node and may set the district's own targets there.
    const fromCity = rowsOf((await template(city, district.id, 2025)).sheet);
    expect(fromCity[0]!.id).toBe(district.id);
    expect(fromCity.map((r) => r.id).sort()).toEqual([district.id, town.id, town2.id].sort());
  });

  it('answers 401, 403 and 404 like every other endpoint', async () => {
    const anonymous = await ctx.app.inject({
      method: 'GET',
      url: `/api/coverage/targets/template.xlsx?orgId=${district.id}&year=2025`,
    });
    expect(anonymous.statusCode).toBe(401);
    const office = await loginAs(
      ctx,
      await buildUser({ role: 'federationStaff', department: 'office', org: await rootFederation() }),
    );
    expect(
      (await office.get(`/api/coverage/targets/template.xlsx?orgId=${district.id}&year=2025`)).statusCode,
    ).toBe(403);
    expect(
      (await staff.get(`/api/coverage/targets/template.xlsx?orgId=${otherTown.id}&year=2025`)).statusCode,
    ).toBe(404);
    const bad = await staff.get(`/api/coverage/targets/template.xlsx?orgId=${district.id}&year=1999`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('年度不能早于 2000');
  });
});

describe('targets import', () => {
  it('round trip: the filled template is written and read back; empty cells keep, "-" clears', async () => {
    await setTargets(town, 2026, {
      establishmentRate: 0.9,
      collectiveContractRate: 0.7,
      membershipRate: 0.6,
    });
    const { workbook, sheet } = await template(staff, district.id, 2026);
    const rows = rowsOf(sheet);
    const townRow = sheet.getRow(rows.find((r) => r.id === town.id)!.row);
    const town2Row = sheet.getRow(rows.find((r) => r.id === town2.id)!.row);
    const cell = (row: ExcelJS.Row, indicator: (typeof INDICATORS)[number]) =>
      row.getCell(colOf(sheet, targetHeader(indicator)));
    cell(townRow, 'establishmentRate').value = 92.5;
    cell(townRow, 'wageBargainingRate').value = '80%';
    cell(townRow, 'workerCoverage').value = '８５．５'; // full-width digits
    cell(townRow, 'collectiveContractRate').value = null; // empty: stays 70%
    cell(townRow, 'membershipRate').value = '-'; // clears
    // Typed as 95% in Excel: the number 0.95 shown as a percentage.
    cell(town2Row, 'workersCongressRate').value = 0.95;
    cell(town2Row, 'workersCongressRate').numFmt = '0%';
    cell(town2Row, 'affairsDisclosureRate').value = '６０％';

    const res = await upload(staff, district.id, 2026, '目标.xlsx', await bufferOf(workbook));
    expect(res.statusCode, res.body).toBe(200);
    expect(json<TargetsImportResult>(res)).toEqual({
      year: 2026,
      rows: 2,
      orgsChanged: 2,
      targetsChanged: 6,
    });
    expect(await targetsOf(town, 2026)).toEqual({
      establishmentRate: 0.925,
      wageBargainingRate: 0.8,
      workerCoverage: 0.855,
      collectiveContractRate: 0.7,
    });
    expect(await targetsOf(town2, 2026)).toEqual({ workersCongressRate: 0.95, affairsDisclosureRate: 0.6 });
    // Another year is untouched.
    expect(await targetsOf(town, 2025)).toEqual({ establishmentRate: 0.9, wageBargainingRate: 0.825 });

    // One audit entry per organisation changed, with before and after.
    const entries = await ctx.database.rows<{
      entity_id: string;
      before: Targets;
      after: Targets;
      actor_id: string;
    }>(
      "select entity_id, before, after, actor_id from audit_log where action = 'coverage.importTargets' and entity_id like $1 order by entity_id",
      ['%/2026'],
    );
    expect(entries.map((e) => e.entity_id).sort()).toEqual([`${town.id}/2026`, `${town2.id}/2026`].sort());
    const townEntry = entries.find((e) => e.entity_id === `${town.id}/2026`)!;
    expect(townEntry.before).toEqual({
      establishmentRate: 0.9,
      collectiveContractRate: 0.7,
      membershipRate: 0.6,
    });
    expect(townEntry.after).toEqual(await targetsOf(town, 2026));

    // The same file again changes nothing and writes no audit entry.
    const again = await upload(staff, district.id, 2026, '目标.xlsx', await bufferOf(workbook));
    expect(json<TargetsImportResult>(again)).toMatchObject({ orgsChanged: 0, targetsChanged: 0 });
    const count = await ctx.database.rows<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'coverage.importTargets' and entity_id like $1",
      ['%/2026'],
    );
    expect(count[0]!.n).toBe(2);

    // A fresh template shows what was imported.
    const back = rowsOf((await template(staff, district.id, 2026)).sheet).find((r) => r.id === town.id)!;
    expect(back.values[targetHeader('establishmentRate')]).toBe(92.5);
    expect(back.values[targetHeader('membershipRate')]).toBeNull();
  });

  it('reads a CSV saved in GBK, by organisation name when there is no ID column', async () => {
    const csv = [
      `${TARGETS_NAME_HEADER},建会率（%）,工资集体协商建制率`,
      `横泾街道工会,９１％,78.25`,
      `长桥街道工会,,无`,
    ].join('\r\n');
    await setTargets(town, 2027, { wageBargainingRate: 0.5, establishmentRate: 0.8 });
    const res = await upload(staff, district.id, 2027, '目标.csv', gbk(csv));
    expect(res.statusCode, res.body).toBe(200);
    expect(await targetsOf(town2, 2027)).toEqual({ establishmentRate: 0.91, wageBargainingRate: 0.7825 });
    expect(await targetsOf(town, 2027)).toEqual({ establishmentRate: 0.8 });
  });

  // Needs LibreOffice (apt-get install -y libreoffice-calc).
  it.runIf(libreOffice())(
    'reads an .xlsx LibreOffice writes, percentages included',
    async () => {
      const source = path.join(dir, 'lo-targets.csv');
      writeFileSync(
        source,
        [
          '说明：以百分数填写',
          `${TARGETS_NAME_HEADER},${targetHeader('establishmentRate')},${targetHeader('membershipRate')},${TARGETS_ID_HEADER}`,
          `长桥街道工会,88,75%,${town.id}`,
          `横泾街道工会,93.5,,${town2.id}`,
        ].join('\n'),
      );
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`,
          '--headless',
          '--infilter=CSV:44,34,76,1',
          '--convert-to',
          'xlsx',
          '--outdir',
          dir,
          source,
        ],
        { stdio: 'ignore', timeout: 60_000 },
      );
      const file = readFileSync(path.join(dir, 'lo-targets.xlsx'));
      const res = await upload(staff, district.id, 2028, 'lo-targets.xlsx', file);
      expect(res.statusCode, res.body).toBe(200);
      expect(await targetsOf(town, 2028)).toEqual({ establishmentRate: 0.88, membershipRate: 0.75 });
      expect(await targetsOf(town2, 2028)).toEqual({ establishmentRate: 0.935 });
    },
    60_000,
  );

  it('refuses bad values with row, column and reason, and writes nothing', async () => {
    await setTargets(town, 2029, { establishmentRate: 0.9 });
    const { workbook, sheet } = await template(staff, district.id, 2029);
    const rows = rowsOf(sheet);
    const townRow = sheet.getRow(rows.find((r) => r.id === town.id)!.row);
    const town2Row = sheet.getRow(rows.find((r) => r.id === town2.id)!.row);
    townRow.getCell(colOf(sheet, targetHeader('establishmentRate'))).value = 150;
    townRow.getCell(colOf(sheet, targetHeader('workerCoverage'))).value = 'abc';
    town2Row.getCell(colOf(sheet, targetHeader('membershipRate'))).value = -1;
    town2Row.getCell(colOf(sheet, targetHeader('wageBargainingRate'))).value = 80; // valid, not written
    const error = issuesOf(await upload(staff, district.id, 2029, '目标.xlsx', await bufferOf(workbook)));
    expect(error.code).toBe('TARGETS_IMPORT_INVALID');
    expect(error.message).toContain('未导入任何目标');
    expect(error.details.total).toBe(3);
    const byRow = (a: TargetsImportIssue, b: TargetsImportIssue) => a.row! - b.row!;
    expect(error.details.errors).toEqual(
      [
        {
          row: townRow.number,
          column: targetHeader('establishmentRate'),
          value: '150',
          reason: expect.stringContaining('大于 100') as string,
        },
        {
          row: townRow.number,
          column: targetHeader('workerCoverage'),
          value: 'abc',
          reason: expect.stringContaining('不是数字') as string,
        },
        {
          row: town2Row.number,
          column: targetHeader('membershipRate'),
          value: '-1',
          reason: expect.stringContaining('小于 0') as string,
        },
      ].sort(byRow),
    );
    expect(await targetsOf(town, 2029)).toEqual({ establishmentRate: 0.9 });
    expect(await targetsOf(town2, 2029)).toEqual({});
  });

  it('refuses organisations outside the scope, not children, or the unit itself; writes nothing', async () => {
    const header = `${TARGETS_NAME_HEADER},${targetHeader('establishmentRate')},${TARGETS_ID_HEADER}`;
    const csv = (...lines: string[]) => Buffer.from([header, ...lines].join('\n'));
    const res = await upload(
      staff,
      district.id,
      2030,
      '目标.csv',
      csv(
        `长桥街道工会,90,${town.id}`,
        `盛泽镇工会,90,${otherTown.id}`,
        `长桥某公司工会,90,${village.id}`,
        `吴中区总工会,90,${district.id}`,
        `横泾街道工会,90,${town2.id}`,
        `长桥街道工会,80,${town.id}`,
        `某某工会,90,`,
        `横泾街道工会,90,00000000-0000-7000-8000-000000000000`,
      ),
    );
    const error = issuesOf(res);
    const reasons = error.details.errors.map((e) => [e.row, e.column, e.reason]);
    expect(reasons).toEqual([
      [3, TARGETS_ID_HEADER, '找不到该组织，或不在您的管理范围内'],
      [4, TARGETS_ID_HEADER, '“长桥某公司工会”不是“吴中区总工会”的下级单位，不能在此设置目标'],
      [5, TARGETS_ID_HEADER, '本单位的目标由上级设置，不能自行设置'],
      [7, TARGETS_NAME_HEADER, '与第 2 行是同一组织，请只保留一行'],
      [8, TARGETS_NAME_HEADER, '不是“吴中区总工会”的下级单位，不能在此设置目标，或名称有误'],
      [9, TARGETS_ID_HEADER, '找不到该组织，或不在您的管理范围内'],
    ]);
    expect(await targetsOf(town, 2030)).toEqual({});
    expect(await targetsOf(town2, 2030)).toEqual({});
    expect(await targetsOf(otherTown, 2030)).toEqual({});

    // The district cannot set its own targets by name either; the city can, from the district.
    const byName = issuesOf(await upload(staff, district.id, 2030, '目标.csv', csv('吴中区总工会,90,')));
    expect(byName.details.errors.map((e) => e.reason)).toEqual(['本单位的目标由上级设置，不能自行设置']);
    expect(await targetsOf(district, 2030)).toEqual({});
    const fromCity = await upload(city, district.id, 2030, '目标.csv', csv(`吴中区总工会,90,${district.id}`));
    expect(fromCity.statusCode, fromCity.body).toBe(200);
    expect(await targetsOf(district, 2030)).toEqual({ establishmentRate: 0.9 });
  });

  it('refuses files that are not spreadsheets, or without the header, with a message', async () => {
    const pdf = issuesOf(
      await upload(staff, district.id, 2031, '目标.xlsx', Buffer.from('%PDF-1.4\n%âãÏÓ\n')),
    );
    expect(pdf.code).toBe('NOT_SPREADSHEET');
    expect(pdf.message).toContain('PDF');
    const noHeader = issuesOf(
      await upload(staff, district.id, 2031, '目标.csv', Buffer.from('名称,数值\n长桥街道工会,90\n')),
    );
    expect(noHeader.message).toContain('没有找到表头');
    const noIndicator = issuesOf(
      await upload(
        staff,
        district.id,
        2031,
        '目标.csv',
        Buffer.from(`${TARGETS_NAME_HEADER},备注\n长桥街道工会,x\n`),
      ),
    );
    expect(noIndicator.message).toContain('没有可识别的指标列');
  });

  it('answers 401, 403 and 404', async () => {
    const file = Buffer.from(
      `${TARGETS_NAME_HEADER},${targetHeader('establishmentRate')}\n长桥街道工会,90\n`,
    );
    expect((await upload(clientFor(ctx), district.id, 2032, 'a.csv', file)).statusCode).toBe(401);
    const chair = await loginAs(ctx, await buildUser({ role: 'grassrootsChair', org: village }));
    expect((await upload(chair, village.id, 2032, 'a.csv', file)).statusCode).toBe(403);
    expect((await upload(staff, otherTown.id, 2032, 'a.csv', file)).statusCode).toBe(404);
    expect(await targetsOf(town, 2032)).toEqual({});
  });
});
