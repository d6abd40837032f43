// The coverage exports read back as a person receiving them would: the statistical report's
// layout and figures equal the JSON coverage, each list export holds exactly the enterprises
// behind its count, the worklist export equals the worklist with its reasons; scope and input are
// checked before any file is sent.
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { rebuildDerived } from '../platform/change-tracking';
import type { LightMyRequestResponse } from 'fastify';
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
import type { OrgDetail } from '../orgs/contract';
import { OWNERSHIP_LABELS, type EnterprisePage } from '../enterprises/contract';
import {
  COVERAGE_MEASURES,
  type CoverageCounts,
  type CoverageMeasure,
  type CoverageRow,
  type CoverageView,
  type PriorityPage,
} from './contract';

const ctx = setupTestApp();
let district: OrgDetail;
let town: OrgDetail;
let secondTown: OrgDetail;
let bulkTown: OrgDetail;
let otherDistrictId: string;
let staff: Client;

const DATE = '2024-06-30';
/** More enterprises than one export page holds, so the exports must page. */
const BULK = 2_050;

/** Facts that give each enterprise a different mix of institutions. */
function factsFor(i: number, employees: number): object[] {
  const facts: object[] = [];
  if (i % 5 === 4) return facts; // not unionised
  facts.push({ kind: 'unionFounded', eventDate: `201${i % 8}-03-01`, value: Math.ceil(employees * 0.8) });
  facts.push({ kind: 'termElection', eventDate: `201${i % 8}-03-01`, value: 3 });
  if (i % 2 === 0)
    facts.push({
      kind: 'wageAgreement',
      eventDate: '2024-01-05',
      validFrom: '2024-01-01',
      validTo: '2024-12-31',
    });
  if (i % 3 === 0) facts.push({ kind: 'workersCongress', eventDate: '2019-05-01' });
  if (i % 4 !== 1)
    facts.push({
      kind: 'collectiveContract',
      eventDate: '2022-12-20',
      validFrom: '2023-01-01',
      validTo: i % 4 === 2 ? '2023-12-31' : '2025-12-31',
    });
  if (i % 3 !== 2) facts.push({ kind: 'affairsDisclosure', eventDate: '2020-07-01' });
  return facts;
}

beforeAll(async () => {
  let otherTown: OrgDetail;
  ({ district, town, otherTown, staff } = await buildDistrictScene(ctx));
  secondTown = await buildOrg({ parent: district, name: '横泾街道工会' });
  bulkTown = await buildOrg({ parent: district, name: '木渎镇工会' });
  const hosts = [town, town, secondTown, secondTown, district, town, secondTown];
  for (let i = 0; i < 21; i++) {
    const employees = i === 3 ? 5 : 30 + i * 7;
    const e = await buildEnterprise({
      org: hosts[i % hosts.length],
      employees,
      ownership: i % 6 === 5 ? 'state' : i % 2 ? 'foreign' : 'private',
    });
    for (const f of factsFor(i, employees)) {
      const res = await staff.post(`/api/enterprises/${e.id}/facts`, f);
      expect(res.statusCode, res.body).toBe(200);
    }
  }
  // A sibling district's enterprises must never appear.
  await buildEnterprise({ org: otherTown, employees: 300, ownership: 'private' });
  otherDistrictId = otherTown.parentId!;
  // Many large private enterprises: priority category 1, and more rows than one page.
  await ctx.database.rows(
    `insert into enterprises (id, uscc, name, name_key, org_id, org_path, ownership, employees, status, registered_on)
     select gen_random_uuid(), '91320500BULK' || lpad(i::text, 6, '0'), '批量企业' || i || '有限公司',
       '批量企业' || i, o.id, o.path, 'private', 150, 'operating', '2005-01-01'
     from generate_series(1, $2::int) i, orgs o where o.id = $1`,
    [bulkTown.id, BULK],
  );
  // A bulk load around the tracked writes: the derived tables are rebuilt, as after an import.
  await ctx.database.transaction((tx) => rebuildDerived(tx, 'enterprises'));
});

async function workbookOf(res: LightMyRequestResponse): Promise<ExcelJS.Worksheet> {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

const text = (v: ExcelJS.CellValue) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** The report's leaf columns as the test expects them: (group, leaf header) → count or rate. */
const LEAVES: [string, string, keyof CoverageCounts | keyof CoverageRow['rates']][] = [
  ['建会情况', '应建会企业\n（家）', 'enterprises'],
  ['建会情况', '已建会企业\n（家）', 'unionised'],
  ['建会情况', '建会率', 'establishmentRate'],
  ['职工覆盖', '职工总数\n（人）', 'employees'],
  ['职工覆盖', '建会企业职工\n（人）', 'unionisedEmployees'],
  ['职工覆盖', '职工覆盖率', 'workerCoverage'],
  ['职工覆盖', '会员人数\n（人）', 'members'],
  ['职工覆盖', '入会率', 'membershipRate'],
  ['工资集体协商', '建制企业\n（家）', 'wageAgreement'],
  ['工资集体协商', '覆盖职工\n（人）', 'wageAgreementEmployees'],
  ['工资集体协商', '建制率', 'wageBargainingRate'],
  ['职代会', '建制企业\n（家）', 'workersCongress'],
  ['职代会', '建制率', 'workersCongressRate'],
  ['集体合同', '签订企业\n（家）', 'collectiveContract'],
  ['集体合同', '签订率', 'collectiveContractRate'],
  ['厂务公开', '建制企业\n（家）', 'affairsDisclosure'],
  ['厂务公开', '建制率', 'affairsDisclosureRate'],
];

interface Header {
  group: string;
  leaf: string;
  col: number;
}

/** Finds the two header rows (the one whose first cell is 单位) and names every column. */
function headersOf(sheet: ExcelJS.Worksheet): { top: number; columns: Header[] } {
  let top = 0;
  sheet.eachRow((row, n) => {
    if (!top && text(row.getCell(1).value) === '单位') top = n;
  });
  expect(top).toBeGreaterThan(1);
  const columns: Header[] = [];
  let group = '';
  for (let col = 2; col <= sheet.columnCount; col++) {
    // A merged cell reads as its master's value.
    group = text(sheet.getCell(top, col).value) || group;
    const leaf = text(sheet.getCell(top + 1, col).value);
    if (leaf) columns.push({ group, leaf, col });
  }
  return { top, columns };
}

describe('statistical report', () => {
  it('lays out title, rule, grouped headers, one row per child and the totals as the JSON', async () => {
    const root = await rootFederation();
    const city = await loginAs(
      ctx,
      await buildUser({ role: 'federationStaff', department: 'organisation', org: root }),
    );
    const rule = await city.request('PUT', '/api/coverage/rules/2024', {
      minEmployees: 20,
      ownerships: ['private', 'foreign'],
      jointUnionCounts: false,
    });
    expect(rule.statusCode, rule.body).toBe(200);
    const target = await staff.request('PUT', `/api/coverage/targets/${town.id}`, {
      year: 2024,
      targets: { establishmentRate: 0.9 },
    });
    expect(target.statusCode, target.body).toBe(200);

    const view = json<CoverageView>(await staff.get(`/api/coverage?orgId=${district.id}&date=${DATE}`));
    // Real figures, not only zeros, and the state enterprises left out by the rule.
    expect(view.node.counts.unionised).toBeGreaterThan(0);
    expect(view.node.counts.wageAgreement).toBeGreaterThan(0);
    expect(view.children.some((r) => r.org === null)).toBe(true);

    const sheet = await workbookOf(
      await staff.get(`/api/coverage/report.xlsx?orgId=${district.id}&date=${DATE}`),
    );
    const title = [1, 2, 3, 4].map((n) => text(sheet.getCell(n, 1).value)).join('\n');
    expect(text(sheet.getCell(1, 1).value)).toBe('吴中区总工会 两个普遍工作统计表');
    expect(title).toContain(`统计截止日期：${DATE}`);
    expect(title).toContain('最少职工人数 20 人');
    expect(title).toContain(`${OWNERSHIP_LABELS.private}、${OWNERSHIP_LABELS.foreign}`);
    expect(title).not.toContain(OWNERSHIP_LABELS.state);
    expect(title).toContain('联合工会覆盖的企业不计为已建会');

    const { top, columns } = headersOf(sheet);
    const merges = sheet.model.merges;
    expect(merges).toContain(`A${top}:A${top + 1}`);
    // Each group heads exactly its leaves, merged over them; the set target adds a 目标 column.
    const groups = [...new Set(LEAVES.map(([g]) => g))];
    for (const g of groups) {
      const cols = columns.filter((c) => c.group === g);
      const expected = LEAVES.filter(([lg]) => lg === g).map(([, leaf]) => leaf);
      if (g === '建会情况') expected.push('目标');
      expect(cols.map((c) => c.leaf)).toEqual(expected);
      const first = sheet.getCell(top, cols[0]!.col).address;
      const last = sheet.getCell(top, cols[cols.length - 1]!.col).address;
      expect(merges).toContain(`${first}:${last}`);
    }
    expect(columns).toHaveLength(LEAVES.length + 1);

    const colOf = (key: string) => {
      const [group, leaf] = LEAVES.find(([, , k]) => k === key)!;
      return columns.find((c) => c.group === group && c.leaf === leaf)!.col;
    };
    const rowsByLabel = new Map<string, ExcelJS.Row>();
    for (let n = top + 2; n <= sheet.rowCount; n++) {
      const row = sheet.getRow(n);
      rowsByLabel.set(text(row.getCell(1).value), row);
    }
    const check = (row: ExcelJS.Row | undefined, expected: CoverageRow) => {
      expect(row).toBeDefined();
      for (const [, , key] of LEAVES) {
        const cell = row!.getCell(colOf(key));
        if (key in expected.counts) {
          expect(cell.value, key).toBe(expected.counts[key as keyof CoverageCounts]);
        } else {
          const rate = expected.rates[key as keyof CoverageRow['rates']];
          if (rate === null) expect(cell.value).toBe('—');
          else {
            expect(typeof cell.value, key).toBe('number');
            expect(cell.value as number).toBeCloseTo(rate, 10);
            expect(cell.numFmt).toContain('%');
          }
        }
      }
    };
    for (const child of view.children) check(rowsByLabel.get(child.org?.name ?? '直属企业'), child);
    check(rowsByLabel.get('合计'), view.node);
    // Children in order, then the totals; the totals are the sum of the rows.
    const labels = [...rowsByLabel.keys()];
    expect(labels.slice(0, view.children.length + 1)).toEqual([
      ...view.children.map((c) => c.org?.name ?? '直属企业'),
      '合计',
    ]);
    for (const [, , key] of LEAVES.filter(([, , k]) => k in view.node.counts)) {
      const sum = view.children.reduce((s, c) => s + c.counts[key as keyof CoverageCounts], 0);
      expect(rowsByLabel.get('合计')!.getCell(colOf(key)).value).toBe(sum);
    }
    // The target stands beside its rate, on the row of the unit it was set for only.
    const targetCol = columns.find((c) => c.group === '建会情况' && c.leaf === '目标')!.col;
    expect(rowsByLabel.get(town.name)!.getCell(targetCol).value).toBe(0.9);
    expect(rowsByLabel.get(town.name)!.getCell(targetCol).numFmt).toContain('%');
    expect(rowsByLabel.get(secondTown.name)!.getCell(targetCol).value).toBeNull();

    // Frozen headers and an A4 landscape print.
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: top + 1 });
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' });
  });

  it('answers 404 for another district, 400 for a bad date, 401 without a session', async () => {
    const other = await staff.get(`/api/coverage/report.xlsx?orgId=${otherDistrictId}&date=${DATE}`);
    expect(other.statusCode).toBe(404);
    expect(other.headers['content-type']).toContain('json');
    const bad = await staff.get(`/api/coverage/report.xlsx?orgId=${district.id}&date=2024-02-30`);
    expect(bad.statusCode).toBe(400);
    const error = json<{ error: { message: string; details: { field: string; message: string }[] } }>(
      bad,
    ).error;
    expect(error.details[0]).toEqual({ field: 'date', message: '日期不存在' });
    expect(error.message).toContain('date');
    expect((await clientFor(ctx).get('/api/coverage/report.xlsx')).statusCode).toBe(401);
  });
});

describe('list behind a count', () => {
  it('holds exactly the enterprises behind each count, with the enterprise export’s columns', async () => {
    const view = json<CoverageView>(await staff.get(`/api/coverage?orgId=${district.id}&date=${DATE}`));
    const c = view.node.counts;
    const count = (m: CoverageMeasure) => (m === 'notUnionised' ? c.enterprises - c.unionised : c[m]);
    expect(count('enterprises')).toBeGreaterThan(BULK);
    const registry = await workbookOf(await staff.get('/api/enterprises/export.xlsx?pageSize=1'));
    const registryHeader = (registry.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    for (const measure of COVERAGE_MEASURES) {
      const sheet = await workbookOf(
        await staff.get(
          `/api/coverage/enterprises/export.xlsx?orgId=${district.id}&date=${DATE}&measure=${measure}`,
        ),
      );
      expect((sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual(registryHeader);
      expect(sheet.rowCount - 1, measure).toBe(count(measure));
      const codes = new Set<string>();
      for (let n = 2; n <= sheet.rowCount; n++) codes.add(text(sheet.getCell(n, 1).value));
      expect(codes.size, `${measure}: no enterprise twice`).toBe(count(measure));
      if (count(measure) <= 500) {
        const list = json<EnterprisePage>(
          await staff.get(
            `/api/coverage/enterprises?orgId=${district.id}&date=${DATE}&measure=${measure}&pageSize=500`,
          ),
        );
        expect([...codes].sort()).toEqual(list.items.map((e) => e.uscc).sort());
      }
    }
  });

  it('of a child holds that child’s count; another district is 404 and a bad measure 400', async () => {
    const view = json<CoverageView>(await staff.get(`/api/coverage?orgId=${district.id}&date=${DATE}`));
    const row = view.children.find((r) => r.org?.id === secondTown.id)!;
    expect(row.counts.unionised).toBeGreaterThan(0);
    const sheet = await workbookOf(
      await staff.get(
        `/api/coverage/enterprises/export.xlsx?orgId=${secondTown.id}&date=${DATE}&measure=unionised`,
      ),
    );
    expect(sheet.rowCount - 1).toBe(row.counts.unionised);
    expect(
      new Set(
        sheet
          .getColumn(4)
          .values.slice(2)
          .map((v) => text(v)),
      ),
    ).toEqual(new Set([secondTown.name]));
    expect(
      (await staff.get(`/api/coverage/enterprises/export.xlsx?orgId=${otherDistrictId}&measure=enterprises`))
        .statusCode,
    ).toBe(404);
    const bad = await staff.get(
      `/api/coverage/enterprises/export.xlsx?orgId=${district.id}&measure=everything`,
    );
    expect(bad.statusCode).toBe(400);
    expect(json<{ error: { details: { field: string }[] } }>(bad).error.details[0]!.field).toBe('measure');
  });
});

describe('three-category worklist export', () => {
  async function compare(query: string) {
    const page = json<PriorityPage>(
      await staff.get(`/api/coverage/priority?orgId=${district.id}${query}&pageSize=500`),
    );
    const sheet = await workbookOf(
      await staff.get(`/api/coverage/priority/export.xlsx?orgId=${district.id}${query}`),
    );
    const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).map((v) => text(v));
    const categoryCol = header.indexOf('类别');
    const reasonCol = header.indexOf('原因');
    expect(header[1]).toBe('统一社会信用代码');
    expect(categoryCol).toBeGreaterThan(1);
    expect(reasonCol).toBe(categoryCol + 1);
    expect(sheet.rowCount - 1).toBe(page.total);
    const rows = new Map<string, ExcelJS.Row>();
    for (let n = 2; n <= sheet.rowCount; n++) rows.set(text(sheet.getCell(n, 1).value), sheet.getRow(n));
    expect(rows.size).toBe(page.total);
    // The first page of the worklist, in its order, with its reasons.
    page.items.forEach((item, i) => {
      const row = sheet.getRow(i + 2);
      expect(text(row.getCell(1).value)).toBe(item.enterprise.uscc);
      expect(text(row.getCell(reasonCol).value)).toBe(item.reasons.map((r) => r.text).join('；'));
      expect(text(row.getCell(reasonCol).value)).not.toBe('');
      expect(text(row.getCell(categoryCol).value)).toBe(
        item.categories.map((c) => ['一类', '二类', '三类'][c - 1]).join('、'),
      );
    });
    return { total: page.total, rows };
  }

  it('equals the worklist, filters included, across more than one page', async () => {
    const all = await compare('');
    expect(all.total).toBeGreaterThan(BULK);
    const third = await compare('&category=3');
    expect(third.total).toBeGreaterThan(0);
    expect(third.total).toBeLessThan(all.total);
    const reason = await compare('&reason=noWorkersCongress');
    expect(reason.total).toBeGreaterThan(0);
    for (const row of reason.rows.values())
      expect(text(row.getCell(row.cellCount).value)).toContain('未建立职代会');
  });

  it('answers 404 for another district and 400 for a bad category', async () => {
    expect((await staff.get(`/api/coverage/priority/export.xlsx?orgId=${otherDistrictId}`)).statusCode).toBe(
      404,
    );
    const bad = await staff.get(`/api/coverage/priority/export.xlsx?category=4`);
    expect(bad.statusCode).toBe(400);
    expect(json<{ error: { message: string } }>(bad).error.message).toContain('类别必须是 1、2 或 3');
  });
});
