// Seasonal campaigns through the API: a district's 送清凉 and its township's, deliveries at an
// enterprise and at a place with people by group and by name, validation that loses nothing,
// totals rolled up the tree equal to the sum of the rows, scope, correction and deletion, and the
// upward report as xlsx.
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import {
  buildDistrictScene,
  buildEnterprise,
  buildUser,
  loginAs,
  rootFederation,
  setupTestApp,
  type Client,
} from '../../tests/test-app';
import type { OrgDetail } from '../orgs/contract';
import type { EnterpriseDetail } from '../enterprises/contract';
import {
  CAMPAIGN_GROUPS,
  type CampaignList,
  type CampaignTotalsView,
  type CampaignView,
  type CampaignVisitBody,
  type CampaignVisitPage,
  type CampaignVisitView,
} from './contract';

const ctx = setupTestApp();
let district: OrgDetail;
let town: OrgDetail;
let staff: Client;
let city: Client;
let townStaff: Client;
let stranger: Client;
let firm: EnterpriseDetail;
let districtCampaign: CampaignView;
let townCampaign: CampaignView;
const year = 2026;

function ok<T>(res: { statusCode: number; body: string }): T {
  expect(res.statusCode, res.body).toBe(200);
  return JSON.parse(res.body) as T;
}

const delivery = (over: Partial<CampaignVisitBody> = {}): CampaignVisitBody => ({
  enterpriseId: firm.id,
  visitedOn: `${year}-07-10`,
  leaders: '区总工会副主席',
  groups: { frontline: 40, outdoor: 10 },
  workers: [{ name: '张建国', group: 'frontline', note: '高温岗位' }],
  moneyFen: 500_000,
  goods: '防暑降温用品 50 份',
  goodsValueFen: 250_050,
  ...over,
});

beforeAll(async () => {
  let otherTown: OrgDetail;
  ({ district, town, otherTown, staff } = await buildDistrictScene(ctx));
  city = await loginAs(ctx, await buildUser({ role: 'federationStaff', org: await rootFederation() }));
  townStaff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: town }));
  stranger = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: otherTown }));
  firm = await buildEnterprise({ org: town, employees: 300 });
});

describe('campaigns', () => {
  it('are one per unit, season and year, validated in Chinese', async () => {
    const bad = await staff.post('/api/service/campaigns', {
      season: 'spring',
      year,
      startsOn: `${year + 1}-07-01`,
      endsOn: `${year}-06-01`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('送清凉或送温暖');
    const backwards = await staff.post('/api/service/campaigns', {
      season: 'summer',
      year,
      startsOn: `${year}-08-01`,
      endsOn: `${year}-06-01`,
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain('结束日期不能早于开始日期');

    districtCampaign = ok<CampaignView>(
      await staff.post('/api/service/campaigns', {
        season: 'summer',
        year,
        startsOn: `${year}-06-15`,
        endsOn: `${year}-08-31`,
      }),
    );
    expect(districtCampaign).toMatchObject({
      name: `${year}年送清凉`,
      editable: true,
      org: { id: district.id },
    });
    const again = await staff.post('/api/service/campaigns', {
      season: 'summer',
      year,
      startsOn: `${year}-07-01`,
      endsOn: `${year}-08-31`,
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('已经建立');

    townCampaign = ok<CampaignView>(
      await townStaff.post('/api/service/campaigns', {
        season: 'summer',
        year,
        name: '长桥街道夏季送清凉',
        startsOn: `${year}-07-01`,
        endsOn: `${year}-08-15`,
      }),
    );
    // The township sees its own and the district's; the district cannot be changed from below.
    const seen = ok<CampaignList>(await townStaff.get(`/api/service/campaigns?season=summer&year=${year}`));
    expect(seen.items.map((c) => [c.name, c.editable]).sort()).toEqual([
      [`${year}年送清凉`, false],
      ['长桥街道夏季送清凉', true],
    ]);
    const patch = await townStaff.patch(`/api/service/campaigns/${districtCampaign.id}`, {
      name: '改名',
      version: districtCampaign.version,
    });
    expect(patch.statusCode).toBe(403);
    // Another district sees neither.
    expect(ok<CampaignList>(await stranger.get('/api/service/campaigns')).items).toEqual([]);
    expect((await stranger.get(`/api/service/campaigns/${districtCampaign.id}`)).statusCode).toBe(404);
  });

  it('record deliveries by group and name; bad input is refused on its field and keeps nothing', async () => {
    const refusals: [Partial<CampaignVisitBody>, string, string][] = [
      [{ visitedOn: `${year}-09-10` }, 'visitedOn', '活动期间'],
      [{ enterpriseId: null, place: null }, 'enterpriseId', '请选择企业或填写慰问地点'],
      [{ groups: {} }, 'groups', '请填写慰问人数'],
      [{ groups: { outdoor: 3 } }, 'groups.frontline', '按姓名登记的一线职工有 1 人'],
      [{ moneyFen: 0, goodsValueFen: 0 }, 'moneyFen', '请填写慰问金或物资折款'],
      [{ goods: null }, 'goods', '请填写慰问物资'],
      [{ moneyFen: 12.5 }, 'moneyFen', '以分为单位'],
      [{ moneyFen: -1 }, 'moneyFen', '不能为负数'],
    ];
    for (const [over, field, message] of refusals) {
      const res = await staff.post(`/api/service/campaigns/${districtCampaign.id}/visits`, delivery(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.body).toContain(field);
      expect(res.body).toContain(message);
    }
    // An enterprise outside the recorder's scope answers as one that does not exist.
    const outside = await stranger.post(`/api/service/campaigns/${districtCampaign.id}/visits`, delivery());
    expect(outside.statusCode).toBe(404);
    const none = ok<CampaignVisitPage>(await staff.get('/api/service/campaign-visits'));
    expect(none.total).toBe(0);

    const atFirm = ok<CampaignVisitView>(
      await staff.post(`/api/service/campaigns/${districtCampaign.id}/visits`, delivery()),
    );
    expect(atFirm).toMatchObject({
      people: 50,
      groups: { frontline: 40, outdoor: 10, migrant: 0 },
      orgName: '长桥街道工会',
      moneyFen: 500_000,
      goodsValueFen: 250_050,
      editable: true,
    });
    // A place outside the registry, recorded by the township in the district's campaign, counts
    // under the township.
    const atPlace = ok<CampaignVisitView>(
      await townStaff.post(
        `/api/service/campaigns/${districtCampaign.id}/visits`,
        delivery({
          enterpriseId: null,
          place: '长桥环卫作业站',
          groups: { outdoor: 25 },
          workers: [],
          moneyFen: 0,
          goods: '清凉饮料、毛巾',
          goodsValueFen: 75_000,
        }),
      ),
    );
    expect(atPlace).toMatchObject({
      enterprise: null,
      place: '长桥环卫作业站',
      orgName: '长桥街道工会',
      people: 25,
    });
    ok<CampaignVisitView>(
      await townStaff.post(
        `/api/service/campaigns/${townCampaign.id}/visits`,
        delivery({ visitedOn: `${year}-07-20`, groups: { migrant: 12, frontline: 1 }, moneyFen: 120_000 }),
      ),
    );
    const list = ok<CampaignVisitPage>(
      await staff.get(`/api/service/campaign-visits?season=summer&year=${year}`),
    );
    expect(list.total).toBe(3);
    expect(list.items.map((v) => v.visitedOn)).toEqual([`${year}-07-20`, `${year}-07-10`, `${year}-07-10`]);
    const found = ok<CampaignVisitPage>(
      await staff.get(`/api/service/campaign-visits?q=${encodeURIComponent('环卫')}`),
    );
    expect(found.items.map((v) => v.place)).toEqual(['长桥环卫作业站']);
    expect(ok<CampaignVisitPage>(await stranger.get('/api/service/campaign-visits')).total).toBe(0);
  });

  it('roll the season up the tree: each row the sum of its deliveries, the whole the sum of rows', async () => {
    const list = ok<CampaignVisitPage>(
      await city.get(`/api/service/campaign-visits?season=summer&year=${year}`),
    );
    const people = list.items.reduce((n, v) => n + v.people, 0);
    const money = list.items.reduce((n, v) => n + v.moneyFen, 0);
    const goods = list.items.reduce((n, v) => n + v.goodsValueFen, 0);
    const totals = ok<CampaignTotalsView>(
      await city.get(`/api/service/campaigns/totals?season=summer&year=${year}`),
    );
    expect(totals.total).toMatchObject({
      campaigns: 2,
      visits: 3,
      places: 2,
      people,
      moneyFen: money,
      goodsValueFen: goods,
    });
    for (const g of CAMPAIGN_GROUPS)
      expect(totals.total.groups[g]).toBe(list.items.reduce((n, v) => n + v.groups[g], 0));
    const row = totals.rows.find((r) => r.org?.id === district.id)!;
    expect(row).toMatchObject({ campaigns: 2, visits: 3, people });
    // The district's own view: its township holds everything, the district itself one campaign.
    const below = ok<CampaignTotalsView>(
      await staff.get(`/api/service/campaigns/totals?season=summer&year=${year}&orgId=${district.id}`),
    );
    expect(below.rows.find((r) => r.org?.id === town.id)).toMatchObject({ campaigns: 1, visits: 3 });
    expect(below.rows.find((r) => r.org === null)).toMatchObject({ campaigns: 1, visits: 0 });
    // Winter has nothing yet; another district sees nothing of this one.
    expect(
      ok<CampaignTotalsView>(await city.get(`/api/service/campaigns/totals?season=winter&year=${year}`)).total
        .visits,
    ).toBe(0);
    expect(
      (await stranger.get(`/api/service/campaigns/totals?season=summer&year=${year}&orgId=${district.id}`))
        .statusCode,
    ).toBe(404);
    // The campaign's own totals are of the reader's scope.
    const mine = ok<CampaignView>(await staff.get(`/api/service/campaigns/${districtCampaign.id}`));
    expect(mine.totals).toMatchObject({ visits: 2, people: 75 });
  });

  it('export the upward report and the records as xlsx', async () => {
    const res = await city.get(`/api/service/campaigns/totals/export.xlsx?season=summer&year=${year}`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getCell('A1').text).toContain(`${year}年送清凉活动情况统计表`);
    expect(sheet.getRow(2).getCell(1).value).toBe('单位');
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe('合计');
    const totals = ok<CampaignTotalsView>(
      await city.get(`/api/service/campaigns/totals?season=summer&year=${year}`),
    );
    expect(last.getCell(5).value).toBe(totals.total.people);
    expect(last.getCell(5 + CAMPAIGN_GROUPS.length + 1).value).toBe(totals.total.moneyFen / 100);

    const records = await staff.get(`/api/service/campaign-visits/export.xlsx?season=summer&year=${year}`);
    expect(records.statusCode).toBe(200);
    const book2 = new ExcelJS.Workbook();
    await book2.xlsx.load(records.rawPayload as unknown as ArrayBuffer);
    expect(book2.worksheets[0]!.rowCount).toBe(1 + 3);
  });

  it('are corrected and deleted with the version seen, by the units that hold them', async () => {
    const [first] = ok<CampaignVisitPage>(
      await staff.get(`/api/service/campaign-visits?campaignId=${townCampaign.id}`),
    ).items;
    const put = (v: number, over: Partial<CampaignVisitBody> = {}) =>
      staff.put(`/api/service/campaign-visits/${first!.id}`, {
        ...delivery({ visitedOn: `${year}-07-20`, groups: { migrant: 12, frontline: 1 }, ...over }),
        version: v,
      });
    const fixed = ok<CampaignVisitView>(await put(first!.version, { moneyFen: 130_000 }));
    expect(fixed).toMatchObject({ moneyFen: 130_000, version: first!.version + 1 });
    expect((await put(first!.version)).statusCode).toBe(409);
    expect(
      (await stranger.delete(`/api/service/campaign-visits/${first!.id}?version=${fixed.version}`))
        .statusCode,
    ).toBe(404);
    expect(
      (await staff.delete(`/api/service/campaign-visits/${first!.id}?version=${first!.version}`)).statusCode,
    ).toBe(409);
    ok(await staff.delete(`/api/service/campaign-visits/${first!.id}?version=${fixed.version}`));
    expect((await staff.get(`/api/service/campaign-visits/${first!.id}`)).statusCode).toBe(404);
    // A campaign's period cannot shrink past its deliveries.
    const campaign = ok<CampaignView>(await staff.get(`/api/service/campaigns/${districtCampaign.id}`));
    const shrink = await staff.patch(`/api/service/campaigns/${districtCampaign.id}`, {
      endsOn: `${year}-07-01`,
      version: campaign.version,
    });
    expect(shrink.statusCode).toBe(400);
    expect(shrink.body).toContain(`已有 ${year}-07-10 的慰问记录`);
  });
});
