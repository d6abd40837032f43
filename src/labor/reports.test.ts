// Risk reports of the early-warning system through the API: the grade the rule gives and why,
// raising (never lowering) it with a reason, a rule change that grades new reports and leaves the
// old ones as they were, validation that keeps nothing, and scope between districts.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildDistrictScene,
  buildEnterprise,
  buildOrg,
  buildUser,
  json,
  loginAs,
  patchEnterprise,
  rootFederation,
  setupTestApp,
  type Client,
} from '../../tests/test-app';
import { SIZE_BANDS, type EnterpriseDetail } from '../enterprises/contract';
import { charPairs } from '../platform/search';
import type { OrgDetail } from '../orgs/contract';
import {
  DEFAULT_GRADING_RULE,
  GRADES,
  type AnalysisView,
  gradeOf,
  type GradingRuleView,
  type ReportBody,
  type ReportPage,
  type ReportView,
} from './contract';

const ctx = setupTestApp();
let town: OrgDetail;
let district: OrgDetail;
let staff: Client;
let townStaff: Client;
let stranger: Client;
let legal: Client;
let firm: EnterpriseDetail;

function ok<T>(res: { statusCode: number; body: string }): T {
  expect(res.statusCode, res.body).toBe(200);
  return JSON.parse(res.body) as T;
}

/** The journey's report: wage arrears, 80 workers, 2 months, 1.2 million yuan. */
const arrears = (over: Partial<ReportBody> = {}): ReportBody => ({
  enterpriseId: firm.id,
  kinds: ['wageArrears'],
  workers: 80,
  months: 2,
  amountFen: 120_000_000,
  occurredOn: '2026-11-20',
  description: '企业资金链断裂，拖欠 80 名职工两个月工资约 120 万元，职工情绪不稳。',
  ...over,
});

beforeAll(async () => {
  let otherTown: OrgDetail;
  ({ district, town, otherTown, staff } = await buildDistrictScene(ctx));
  townStaff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: town }));
  stranger = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: otherTown }));
  legal = await loginAs(
    ctx,
    await buildUser({ role: 'federationStaff', department: 'legal', org: await rootFederation() }),
  );
  firm = await buildEnterprise({ org: town, employees: 120 });
});

describe('grading', () => {
  it('gives the gravest grade any condition reaches, with each condition that holds', () => {
    expect(
      gradeOf(DEFAULT_GRADING_RULE, {
        kinds: ['wageArrears'],
        workers: 80,
        months: 2,
        amountFen: 120_000_000,
      }),
    ).toEqual({
      grade: 'orange',
      reasons: ['涉及职工 80 人（橙色标准 50 人以上）', '涉及金额 120 万元（橙色标准 100 万元以上）'],
    });
    expect(
      gradeOf(DEFAULT_GRADING_RULE, { kinds: ['ownerAbsconded'], workers: 3, months: null, amountFen: null })
        .grade,
    ).toBe('red');
    expect(
      gradeOf(DEFAULT_GRADING_RULE, { kinds: ['other'], workers: 19, months: 1, amountFen: 29_999_999 }),
    ).toEqual({
      grade: 'blue',
      reasons: ['未达到黄色及以上标准'],
    });
    // Exactly at a threshold counts; one below does not.
    expect(
      gradeOf(DEFAULT_GRADING_RULE, { kinds: ['other'], workers: 20, months: null, amountFen: null }).grade,
    ).toBe('yellow');
  });
});

describe('risk reports', () => {
  it('are graded by the rule in force, with the reasons, for the reporter and the units above', async () => {
    const report = ok<ReportView>(await townStaff.post('/api/labor/reports', arrears()));
    expect(report).toMatchObject({
      computedGrade: 'orange',
      grade: 'orange',
      state: 'reported',
      ruleVersion: 0,
      orgName: town.name,
      enterprise: { id: firm.id, registered: true },
    });
    expect(report.gradeReasons).toHaveLength(2);
    const seen = ok<ReportPage>(await staff.get('/api/labor/reports'));
    expect(seen.items.map((r) => r.id)).toContain(report.id);
    expect(ok<ReportPage>(await legal.get('/api/labor/reports?grade=orange')).total).toBeGreaterThan(0);
    // Another district sees nothing of it.
    expect(ok<ReportPage>(await stranger.get('/api/labor/reports')).total).toBe(0);
    expect((await stranger.get(`/api/labor/reports/${report.id}`)).statusCode).toBe(404);
    expect((await stranger.post('/api/labor/reports', arrears())).statusCode).toBe(404);
  });

  it('may be raised with a reason, never lowered; bad input keeps nothing', async () => {
    const before = ok<ReportPage>(await staff.get('/api/labor/reports')).total;
    const refusals: [Partial<ReportBody>, string, string][] = [
      [{ raisedGrade: 'yellow', raiseReason: '已协商' }, 'raisedGrade', '只能提高、不能降低等级'],
      [{ raisedGrade: 'red', raiseReason: null }, 'raiseReason', '请填写提高等级的理由'],
      [{ kinds: [] }, 'kinds', '请至少选择一种风险类型'],
      [{ workers: 0 }, 'workers', '涉及职工人数至少为 1'],
      [{ enterpriseId: null, enterpriseName: null }, 'enterpriseId', '请选择企业或填写企业名称'],
      [{ amountFen: 1.5 }, 'amountFen', '以分为单位'],
      [{ description: '' }, 'description', '基本情况不能为空'],
    ];
    for (const [over, field, message] of refusals) {
      const res = await townStaff.post('/api/labor/reports', arrears(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.body).toContain(field);
      expect(res.body).toContain(message);
    }
    expect(ok<ReportPage>(await staff.get('/api/labor/reports')).total).toBe(before);
    const raised = ok<ReportView>(
      await townStaff.post(
        '/api/labor/reports',
        arrears({ raisedGrade: 'red', raiseReason: '职工已聚集在厂门口，有集体上访苗头' }),
      ),
    );
    expect(raised).toMatchObject({
      computedGrade: 'orange',
      grade: 'red',
      raiseReason: '职工已聚集在厂门口，有集体上访苗头',
    });
    // An enterprise outside the registry, named by hand, belongs to the reporting unit.
    const byHand = ok<ReportView>(
      await townStaff.post(
        '/api/labor/reports',
        arrears({
          enterpriseId: null,
          enterpriseName: '长桥某装修队',
          workers: 12,
          amountFen: 9_600_000,
          months: 1,
        }),
      ),
    );
    expect(byHand).toMatchObject({
      enterprise: { id: null, name: '长桥某装修队', registered: false },
      grade: 'blue',
    });
    expect(
      ok<ReportPage>(await staff.get(`/api/labor/reports?q=${encodeURIComponent('装修队')}`)).total,
    ).toBe(1);
  });

  it('follow a new rule from its saving on; a report keeps the grade it was given', async () => {
    const rule = ok<GradingRuleView>(await legal.get('/api/labor/grading-rule'));
    expect(rule).toMatchObject({ version: 0, orange: DEFAULT_GRADING_RULE.orange });
    const stricter = {
      ...DEFAULT_GRADING_RULE,
      red: { ...DEFAULT_GRADING_RULE.red, workersAtLeast: 60 },
      version: 0,
    };
    // Only the city's legal department sets it; the district may read it.
    expect((await staff.put('/api/labor/grading-rule', stricter)).statusCode).toBe(403);
    const inverted = await legal.put('/api/labor/grading-rule', {
      ...stricter,
      yellow: { ...DEFAULT_GRADING_RULE.yellow, workersAtLeast: 70 },
    });
    expect(inverted.statusCode).toBe(400);
    expect(inverted.body).toContain('橙色的标准必须高于黄色');
    const saved = ok<GradingRuleView>(await legal.put('/api/labor/grading-rule', stricter));
    expect(saved.version).toBe(1);
    expect((await legal.put('/api/labor/grading-rule', stricter)).statusCode).toBe(409);
    const after = ok<ReportView>(await townStaff.post('/api/labor/reports', arrears()));
    expect(after).toMatchObject({ grade: 'red', ruleVersion: 1 });
    expect(after.gradeReasons[0]).toBe('涉及职工 80 人（红色标准 60 人以上）');
    const earlier = ok<ReportPage>(await staff.get('/api/labor/reports?pageSize=100')).items.filter(
      (r) => r.ruleVersion === 0 && r.computedGrade === 'orange',
    );
    expect(earlier.length).toBeGreaterThan(0);
    const audited = await ctx.database.rows<{ action: string }>(
      `select action from audit_log where action = 'labor.setGradingRule'`,
    );
    expect(audited).toHaveLength(1);
    const list = json<ReportPage>(await staff.get('/api/labor/reports'));
    // The gravest first.
    expect(list.items[0]!.grade).toBe('red');
  });

  it('follow their enterprise to another township', async () => {
    const newTown = await buildOrg({ parent: district, name: '越溪街道工会' });
    const e = json<EnterpriseDetail>(await staff.get(`/api/enterprises/${firm.id}`));
    const before = ok<ReportPage>(await staff.get(`/api/labor/reports?orgId=${town.id}`)).items.filter(
      (r) => r.enterprise.id === firm.id,
    ).length;
    expect(before).toBeGreaterThan(0);
    ok(await staff.patch(`/api/enterprises/${firm.id}`, { orgId: newTown.id, version: e.version }));
    const moved = ok<ReportPage>(await staff.get(`/api/labor/reports?orgId=${newTown.id}`));
    expect(moved.total).toBe(before);
    expect(moved.items[0]!.orgName).toBe('越溪街道工会');
    // The monthly summary moved with them: the list's total for the old township is summed from it.
    expect(
      ok<ReportPage>(await staff.get(`/api/labor/reports?orgId=${town.id}`)).items.some(
        (r) => r.enterprise.id === firm.id,
      ),
    ).toBe(false);
    await expectSummaryEqualToReports();
  });

  it('are counted again when a township moves to another district', async () => {
    const otherDistrict = await buildOrg({ name: '吴江区总工会' });
    const wandering = await buildOrg({ parent: district, name: '七都镇工会' });
    const there = await buildEnterprise({ org: wandering, employees: 12, industry: '纺织业' });
    const wanderer = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: wandering }));
    ok<ReportView>(
      await wanderer.post('/api/labor/reports', arrears({ enterpriseId: there.id, workers: 9 })),
    );
    const root = await loginAs(
      ctx,
      await buildUser({ role: 'federationStaff', department: 'organisation', org: await rootFederation() }),
    );
    const seen = json<OrgDetail>(await root.get(`/api/orgs/${wandering.id}`));
    ok(
      await root.post(`/api/orgs/${wandering.id}/move`, {
        parentId: otherDistrict.id,
        version: seen.version,
      }),
    );
    await expectSummaryEqualToReports();
    const moved = ok<AnalysisView>(await legal.get(`/api/labor/analysis?orgId=${otherDistrict.id}`));
    expect(moved.industries).toEqual([
      { industry: '纺织业', reports: 1, open: 1, workers: 9, amountFen: 120_000_000 },
    ]);
  });

  it('are analysed for a unit and each unit below, by kind and by month, equal to the list', async () => {
    const all = ok<ReportPage>(await staff.get('/api/labor/reports?pageSize=500')).items;
    expect(all.length).toBeGreaterThan(3);
    // The app asks for the pairs the database stored, whatever the text.
    for (const text of ['苏州ABC精密（吴中）有限公司', '吴', '', 'Ａ１ b  c', '工会工会']) {
      const [stored] = await ctx.database.rows<{ pairs: string[] }>('select char_pairs($1) as pairs', [text]);
      expect([...stored!.pairs].sort()).toEqual(charPairs(text).sort());
    }
    // A part of the name finds exactly the reports whose enterprise name holds it, in any case.
    for (const q of [firm.name.slice(2, 6), firm.name, '有限公司', '装修', '有', 'zz不存在']) {
      const found = ok<ReportPage>(
        await staff.get(`/api/labor/reports?pageSize=500&q=${encodeURIComponent(q)}`),
      ).items.map((r) => r.id);
      expect(found.sort()).toEqual(
        all
          .filter((r) => r.enterprise.name.includes(q))
          .map((r) => r.id)
          .sort(),
      );
    }
    const view = ok<AnalysisView>(await staff.get(`/api/labor/analysis?orgId=${district.id}`));
    expect(view.months).toHaveLength(24);
    expect(view.months.at(-1)!.month).toBe(view.to);
    expect(view.total.reports).toBe(all.length);
    expect(view.total.workers).toBe(all.reduce((n, r) => n + r.workers, 0));
    expect(view.total.amountFen).toBe(all.reduce((n, r) => n + (r.amountFen ?? 0), 0));
    for (const g of GRADES) {
      const n = all.filter((r) => r.grade === g).length;
      expect(view.total.grades[g]).toBe(n);
      // The rows and the months each add up to the whole.
      expect(view.rows.reduce((k, r) => k + r.grades[g], 0)).toBe(n);
      expect(view.months.reduce((k, m) => k + m.grades[g], 0)).toBe(n);
    }
    // Each unit's count is what its list holds.
    for (const row of view.rows.filter((r) => r.org)) {
      const listed = ok<ReportPage>(await staff.get(`/api/labor/reports?orgId=${row.org!.id}&pageSize=1`));
      expect(row.reports).toBe(listed.total);
    }
    const arrearsCount = all.filter((r) => r.kinds.includes('wageArrears')).length;
    expect(view.kinds.find((k) => k.kind === 'wageArrears')!.reports).toBe(arrearsCount);
    // Months before the window count nothing; another district sees nothing of this one.
    expect(
      ok<AnalysisView>(await staff.get(`/api/labor/analysis?orgId=${district.id}&to=2020-01`)).total.reports,
    ).toBe(0);
    expect((await stranger.get(`/api/labor/analysis?orgId=${district.id}`)).statusCode).toBe(404);
    expect(ok<AnalysisView>(await stranger.get('/api/labor/analysis')).total.reports).toBe(0);
    expect((await staff.get('/api/labor/analysis?to=2026-13')).statusCode).toBe(400);
    // By industry and size band (a report keeps its enterprise's when reported), each count
    // opening the same reports in the list, over the same months.
    const small = await buildEnterprise({ org: town, employees: 8, industry: '纺织服装' });
    ok<ReportView>(
      await townStaff.post('/api/labor/reports', arrears({ enterpriseId: small.id, workers: 6 })),
    );
    await patchEnterprise(small.id, { employees: 2000, industry: '建筑业' });
    const withSmall = ok<AnalysisView>(await staff.get(`/api/labor/analysis?orgId=${district.id}`));
    const textile = withSmall.industries.find((i) => i.industry === '纺织服装')!;
    expect(textile).toMatchObject({ reports: 1, open: 1, workers: 6 });
    expect(withSmall.industries.find((i) => i.industry === '建筑业')).toBeUndefined();
    expect(withSmall.sizes.map((s) => s.sizeBand)).toEqual(
      [...SIZE_BANDS, 'unknown'].filter((b) => withSmall.sizes.some((s) => s.sizeBand === b)),
    );
    for (const part of [withSmall.industries, withSmall.sizes]) {
      expect(part.reduce((n, p) => n + p.reports, 0)).toBe(withSmall.total.reports);
      expect(part.reduce((n, p) => n + p.workers, 0)).toBe(withSmall.total.workers);
      expect(part.reduce((n, p) => n + p.amountFen, 0)).toBe(withSmall.total.amountFen);
      expect(part.reduce((n, p) => n + p.open, 0)).toBe(withSmall.total.open);
    }
    // The district reads the profiles, the township its reports: the lists agree with both.
    for (const unit of [district, town]) {
      const view = ok<AnalysisView>(await staff.get(`/api/labor/analysis?orgId=${unit.id}`));
      expect(view.industries.reduce((n, p) => n + p.reports, 0)).toBe(view.total.reports);
      expect(view.sizes.reduce((n, p) => n + p.amountFen, 0)).toBe(view.total.amountFen);
      const months = `orgId=${unit.id}&from=${view.from}&to=${view.to}&pageSize=100`;
      for (const i of view.industries) {
        const listed = ok<ReportPage>(
          await staff.get(`/api/labor/reports?${months}&industry=${encodeURIComponent(i.industry)}`),
        );
        expect(listed.total).toBe(i.reports);
        expect(listed.items).toHaveLength(i.reports);
      }
      for (const b of view.sizes) {
        const listed = ok<ReportPage>(await staff.get(`/api/labor/reports?${months}&sizeBand=${b.sizeBand}`));
        expect(listed.total).toBe(b.reports);
        expect(listed.items).toHaveLength(b.reports);
      }
      for (const g of GRADES) {
        const listed = ok<ReportPage>(await staff.get(`/api/labor/reports?${months}&grade=${g}`));
        expect(listed.total).toBe(view.total.grades[g]);
        expect(listed.items).toHaveLength(view.total.grades[g]);
      }
    }
    expect(withSmall.sizes.find((b) => b.sizeBand === 'lt10')!.reports).toBe(1);
    // A window before every report lists none of them; a bad month is refused by field.
    expect(ok<ReportPage>(await staff.get(`/api/labor/reports?to=2020-01`)).total).toBe(0);
    const bad = await staff.get('/api/labor/reports?from=2026-1');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('from');
    await expectSummaryEqualToReports();

    // The form sent upward: a title, one row per unit below, and a 合计 row equal to the withSmall.
    const res = await staff.get(`/api/labor/analysis/export.xlsx?orgId=${district.id}`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getCell('A1').text).toBe(
      `劳动关系矛盾预警分析研判表（${withSmall.from} 至 ${withSmall.to}）（填报单位：${district.name}）`,
    );
    expect(sheet.getRow(2).values).toContain('风险报告（件）');
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe('合计');
    expect(last.getCell(2).value).toBe(withSmall.total.reports);
    expect(last.getCell(3).value).toBe(withSmall.total.grades.red);
    expect(last.getCell(8).value).toBe(withSmall.total.workers);
    // Then by industry and by size band, each ending in the same 合计.
    expect(book.worksheets.map((w) => w.name)).toEqual(['分析研判', '按行业', '按企业规模']);
    const byIndustry = book.worksheets[1]!;
    const textileRow = byIndustry
      .getRows(3, byIndustry.rowCount - 2)!
      .find((r) => r.getCell(1).value === '纺织服装')!;
    expect(textileRow.getCell(2).value).toBe(1);
    expect(textileRow.getCell(4).value).toBe(6);
    for (const w of book.worksheets.slice(1)) {
      const end = w.getRow(w.rowCount);
      expect(end.getCell(1).value).toBe('合计');
      expect(end.getCell(2).value).toBe(withSmall.total.reports);
      expect(end.getCell(4).value).toBe(withSmall.total.workers);
    }
    expect((await stranger.get(`/api/labor/analysis/export.xlsx?orgId=${district.id}`)).statusCode).toBe(404);
  });
});

/** The monthly summary the analysis reads holds exactly what the reports say. */
async function expectSummaryEqualToReports() {
  const month = `to_char(reported_at at time zone 'UTC' + interval '8 hours', 'YYYY-MM')`;
  const direct = await ctx.database.rows(
    `select org_path, ${month} as month, grade, state not in ('closed', 'followedUp') as open, count(*)::int as n,
       sum(workers)::int as workers, coalesce(sum(amount_fen), 0)::text as amount
     from labor_reports group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
  );
  const kept = await ctx.database.rows(
    `select org_path, month, grade, open, n, workers::int as workers, amount_fen::text as amount
     from labor_report_months order by 1, 2, 3, 4`,
  );
  expect(kept).toEqual(direct);
  expect(direct.length).toBeGreaterThan(0);
  const kinds = await ctx.database.rows(
    `select org_path, ${month} as month, k as kind, count(*)::int as n, sum(workers)::int as workers
     from labor_reports, unnest(kinds) as k group by 1, 2, 3 order by 1, 2, 3`,
  );
  expect(
    await ctx.database.rows(
      `select org_path, month, kind, n, workers::int as workers from labor_report_kinds order by 1, 2, 3`,
    ),
  ).toEqual(kinds);
  const profiles = await ctx.database.rows(
    `select coalesce(substring(org_path from '^/[^/]+/[^/]+/'), org_path) as org_path, ${month} as month,
       d as dimension, v as value, count(*)::int as n,
       (count(*) filter (where state not in ('closed', 'followedUp')))::int as open,
       sum(workers)::int as workers, coalesce(sum(amount_fen), 0)::text as amount
     from labor_reports,
       lateral (values ('industry', coalesce(industry, '')), ('size', coalesce(size_band, ''))) as p(d, v)
     group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
  );
  expect(
    await ctx.database.rows(
      `select org_path, month, dimension, value, n, open, workers::int as workers, amount_fen::text as amount
       from labor_report_profiles order by 1, 2, 3, 4`,
    ),
  ).toEqual(profiles);
}
