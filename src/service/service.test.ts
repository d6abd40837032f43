// The cadre service programme through the API: a programme of the city federation, pairing from
// its enterprises, a cadre's visit that serves two aspects, raises a need and records a five-haves
// check in the registry, and the need followed to resolution; scope, validation and history.
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import {
  buildDistrictScene,
  buildEnterprise,
  buildOrg,
  buildUser,
  json,
  loginAs,
  rootFederation,
  setupTestApp,
  type Client,
} from '../../tests/test-app';
import type { OrgDetail, UserView } from '../orgs/contract';
import type { EnterpriseDetail } from '../enterprises/contract';
import { addDays, chinaToday } from '../platform/shared/dates';
import { png } from '../../tests/images';
import type { PictureView } from '../platform/shared/pictures-contract';
import { MAX_VISIT_IMAGES } from './contract';
import type {
  CadreView,
  DashboardView,
  NeedPage,
  NeedView,
  PairingPage,
  PairResult,
  ProgrammeList,
  ProgrammeView,
  VisitPage,
  VisitView,
} from './contract';

const ctx = setupTestApp();
let district: OrgDetail;
let town: OrgDetail;
let otherTown: OrgDetail;
let staff: Client;
let city: Client;
let cadreUser: UserView;
let cadre: Client;
let stranger: Client;
let programme: ProgrammeView;
let unionised: EnterpriseDetail;
let plain: EnterpriseDetail;

const today = chinaToday();
const year = Number(today.slice(0, 4));

function ok<T>(res: { statusCode: number; body: string }): T {
  expect(res.statusCode, res.body).toBe(200);
  return JSON.parse(res.body) as T;
}

beforeAll(async () => {
  ({ district, town, otherTown, staff } = await buildDistrictScene(ctx));
  city = await loginAs(ctx, await buildUser({ role: 'federationStaff', org: await rootFederation() }));
  cadreUser = await buildUser({ role: 'serviceCadre', org: town });
  cadre = await loginAs(ctx, cadreUser);
  stranger = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: otherTown }));
  unionised = await buildEnterprise({ org: town, employees: 300 });
  await staff.post(`/api/enterprises/${unionised.id}/facts`, {
    kind: 'unionFounded',
    eventDate: '2015-05-01',
    value: 200,
  });
  plain = await buildEnterprise({ org: town, employees: 80 });
});

describe('programmes', () => {
  it('are created by a city or county federation, validated, and seen below', async () => {
    const bad = await city.post('/api/service/programmes', {
      name: '',
      startsOn: `${year}-12-31`,
      endsOn: `${year}-01-01`,
      levels: [],
    });
    expect(bad.statusCode).toBe(400);
    for (const field of ['name', 'levels']) expect(bad.body).toContain(field);

    programme = ok<ProgrammeView>(
      await city.post('/api/service/programmes', {
        name: `${year}年百名干部服务千家企业`,
        startsOn: `${year}-01-01`,
        endsOn: `${year}-12-31`,
        levels: ['city', 'district', 'township'],
        visitEveryDays: 60,
      }),
    );
    expect(programme).toMatchObject({ visitEveryDays: 60, editable: true, pairings: 0 });

    const townStaff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: town }));
    const refused = await townStaff.post('/api/service/programmes', {
      name: '镇里的活动',
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
      levels: ['township'],
    });
    expect(refused.statusCode).toBe(403);
    const seen = ok<ProgrammeList>(await cadre.get('/api/service/programmes'));
    expect(seen.items.find((p) => p.id === programme.id)?.editable).toBe(false);
    const info = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: district }));
    expect((await info.get('/api/service/programmes')).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/service/programmes' })).statusCode).toBe(401);
  });
});

describe('pairing, visits and needs', () => {
  it('pairs a cadre with enterprises in the cadre’s scope; the already paired are named, not moved', async () => {
    const cadres = ok<{ items: CadreView[] }>(
      await city.get(`/api/service/cadres?programmeId=${programme.id}`),
    );
    expect(cadres.items.map((c) => c.id)).toContain(cadreUser.id);
    const outside = await buildEnterprise({ org: otherTown });
    const wrong = await city.post(`/api/service/programmes/${programme.id}/pairings`, {
      cadreId: cadreUser.id,
      enterpriseIds: [unionised.id, outside.id],
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('cadreId');
    const result = ok<PairResult>(
      await city.post(`/api/service/programmes/${programme.id}/pairings`, {
        cadreId: cadreUser.id,
        enterpriseIds: [unionised.id, plain.id],
      }),
    );
    expect(result).toEqual({ paired: 2, alreadyPaired: [] });
    const again = ok<PairResult>(
      await staff.post(`/api/service/programmes/${programme.id}/pairings`, {
        cadreId: cadreUser.id,
        enterpriseIds: [plain.id],
      }),
    );
    expect(again.paired).toBe(0);
    expect(again.alreadyPaired[0]?.name).toBe(plain.name);

    const mine = ok<PairingPage>(await cadre.get('/api/service/pairings?mine=true'));
    expect(mine.total).toBe(2);
    expect(mine.items[0]).toMatchObject({ lastVisitOn: null, dueOn: addDays(today, 60), dueState: 'ok' });
    // 吴江 sees the city's programme, none of 吴中's pairings.
    const theirs = ok<PairingPage>(await stranger.get(`/api/service/pairings?programmeId=${programme.id}`));
    expect(theirs.total).toBe(0);
  });

  it('logs a visit serving two aspects with a need and a five-haves check that reaches the registry', async () => {
    const visit = ok<VisitView>(
      await cadre.post('/api/service/visits', {
        enterpriseId: unionised.id,
        programmeId: programme.id,
        visitedOn: today,
        items: ['guarantees.fiveHaves', 'activities.wageAgreement'],
        approaches: ['push'],
        met: '工会主席 李明',
        content: '察看职工书屋，指导开展工资集体协商',
        needs: [{ kind: 'training', description: '希望组织工会干部培训', dueOn: addDays(today, 30) }],
        facts: [{ kind: 'fiveHave', eventDate: today, data: { item: 'readingRoom' } }],
      }),
    );
    expect(visit.needIds).toHaveLength(1);
    expect(visit.cadres.map((c) => c.id)).toEqual([cadreUser.id]);
    const detail = json<EnterpriseDetail>(await staff.get(`/api/enterprises/${unionised.id}`));
    expect(detail.facts.some((f) => f.kind === 'fiveHave' && f.eventDate === today)).toBe(true);
    // The registry's write is audited as its own, beside the visit's.
    const audited = await ctx.database.rows<{ action: string }>(
      'select action from audit_log where entity_id in ($1, $2) order by at, id',
      [unionised.id, visit.id],
    );
    expect(audited.map((a) => a.action).slice(-2)).toEqual(['enterprise.addFact', 'service.visit']);

    const pairings = ok<PairingPage>(await cadre.get('/api/service/pairings?mine=true'));
    const visited = pairings.items.find((p) => p.enterprise.id === unionised.id)!;
    expect(visited).toMatchObject({ lastVisitOn: today, dueOn: addDays(today, 60) });
    const visits = ok<VisitPage>(await staff.get(`/api/service/visits?aspect=guarantees&orgId=${town.id}`));
    expect(visits.items.map((v) => v.id)).toContain(visit.id);
    expect(ok<VisitPage>(await staff.get('/api/service/visits?aspect=coverage')).total).toBe(0);
    expect(ok<VisitPage>(await stranger.get('/api/service/visits')).total).toBe(0);
    expect((await stranger.get(`/api/service/visits/${visit.id}`)).statusCode).toBe(404);
  });

  it('keeps a visit’s pictures under the picture rules: checked by their bytes, nine at most, seen in scope', async () => {
    const [visit] = ok<VisitPage>(await cadre.get('/api/service/visits?mine=true')).items;
    const url = `/api/service/visits/${visit!.id}/images`;
    const notPicture = await cadre.upload(url, '现场.jpg', '这不是图片');
    expect(notPicture.statusCode).toBe(400);
    expect(notPicture.body).toContain('不是可识别的图片');
    expect((await stranger.upload(url, '现场.png', png(3, 2))).statusCode).toBe(404);
    const picture = ok<PictureView>(await cadre.upload(url, '现场.png', png(3, 2)));
    expect(picture).toMatchObject({ fileName: '现场.png', mimeType: 'image/png', width: 3, height: 2 });
    const seen = ok<VisitView>(await staff.get(`/api/service/visits/${visit!.id}`));
    expect(seen.images.map((i) => i.id)).toEqual([picture.id]);
    const bytes = await staff.get(picture.url);
    expect(bytes.statusCode).toBe(200);
    expect(bytes.headers['content-type']).toBe('image/png');
    expect(bytes.headers['x-content-type-options']).toBe('nosniff');
    expect((await stranger.get(picture.url)).statusCode).toBe(404);
    for (let i = 1; i < MAX_VISIT_IMAGES; i++) ok(await cadre.upload(url, `第${i}张.png`, png(1, 1)));
    const tenth = await cadre.upload(url, '第十张.png', png(1, 1));
    expect(tenth.statusCode).toBe(400);
    expect(tenth.body).toContain(`最多 ${MAX_VISIT_IMAGES} 张`);
    expect((await stranger.delete(picture.url)).statusCode).toBe(404);
    ok(await cadre.delete(picture.url));
    expect((await staff.get(picture.url)).statusCode).toBe(404);
    expect(ok<VisitView>(await staff.get(`/api/service/visits/${visit!.id}`)).images).toHaveLength(
      MAX_VISIT_IMAGES - 1,
    );
  });

  it('refuses a visit whose registry fact the registry refuses, and keeps nothing of it', async () => {
    const before = ok<VisitPage>(await cadre.get('/api/service/visits?mine=true')).total;
    const res = await cadre.post('/api/service/visits', {
      enterpriseId: plain.id,
      visitedOn: today,
      items: ['staffing.election'],
      content: '指导换届',
      needs: [{ kind: 'policy', description: '咨询政策' }],
      facts: [{ kind: 'termElection', eventDate: today, value: 5 }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('facts.0.kind');
    expect(res.body).toContain('尚未建会');
    expect(ok<VisitPage>(await cadre.get('/api/service/visits?mine=true')).total).toBe(before);
    expect(ok<NeedPage>(await staff.get(`/api/service/needs?enterpriseId=${plain.id}`)).total).toBe(0);
    const future = await cadre.post('/api/service/visits', {
      enterpriseId: plain.id,
      visitedOn: addDays(today, 1),
      items: ['coverage.publicity'],
      content: '宣传',
    });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('visitedOn');
  });

  it('follows a need: assigned, in progress, resolved with its result; stale and wrong moves refused', async () => {
    const list = ok<NeedPage>(await staff.get(`/api/service/needs?orgId=${district.id}&state=open`));
    const need = list.items.find((n) => n.enterprise.id === unionised.id)!;
    expect(need).toMatchObject({ kind: 'training', state: 'open', owner: null, overdue: false });
    expect((await stranger.get(`/api/service/needs/${need.id}`)).statusCode).toBe(404);
    const noOwner = await staff.post(`/api/service/needs/${need.id}/events`, {
      action: 'assign',
      version: 1,
    });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.body).toContain('ownerId');
    const strangerUser = await buildUser({ role: 'unionStaff', org: otherTown });
    const outOfReach = await staff.post(`/api/service/needs/${need.id}/events`, {
      action: 'assign',
      ownerId: strangerUser.id,
      version: 1,
    });
    expect(outOfReach.statusCode).toBe(400);
    let v = ok<NeedView>(
      await staff.post(`/api/service/needs/${need.id}/events`, {
        action: 'assign',
        ownerId: cadreUser.id,
        note: '请对接区职工培训中心',
        version: 1,
      }),
    );
    expect(v.owner?.id).toBe(cadreUser.id);
    expect(ok<NeedPage>(await cadre.get('/api/service/needs?mine=true')).total).toBe(1);
    v = ok<NeedView>(
      await cadre.post(`/api/service/needs/${need.id}/events`, {
        action: 'progress',
        note: '已联系',
        version: 2,
      }),
    );
    expect(v.state).toBe('inProgress');
    expect(
      (await cadre.post(`/api/service/needs/${need.id}/events`, { action: 'resolve', version: 3 }))
        .statusCode,
    ).toBe(400);
    const stale = await cadre.post(`/api/service/needs/${need.id}/events`, {
      action: 'resolve',
      note: '已安排',
      version: 2,
    });
    expect(stale.statusCode).toBe(409);
    v = ok<NeedView>(
      await cadre.post(`/api/service/needs/${need.id}/events`, {
        action: 'resolve',
        note: '已安排 12 月的工会干部培训班',
        version: 3,
      }),
    );
    expect(v).toMatchObject({ state: 'resolved', resolvedOn: today });
    expect(v.events?.map((e) => e.action)).toEqual(['create', 'assign', 'progress', 'resolve']);
    const again = await cadre.post(`/api/service/needs/${need.id}/events`, {
      action: 'close',
      note: '重复',
      version: 4,
    });
    expect(again.statusCode).toBe(409);
  });

  it('flags a need past its due day as overdue', async () => {
    const late = ok<NeedView>(
      await staff.post('/api/service/needs', {
        enterpriseId: plain.id,
        kind: 'hiring',
        description: '招工 30 人',
        dueOn: addDays(today, -3),
      }),
    );
    expect(late.overdue).toBe(true);
    const overdue = ok<NeedPage>(await staff.get('/api/service/needs?overdue=true'));
    expect(overdue.items.map((n) => n.id)).toEqual([late.id]);
    expect(ok<NeedPage>(await stranger.get('/api/service/needs?overdue=true')).total).toBe(0);
  });

  it('reassigns a pairing and keeps the history; a new frequency moves the due day', async () => {
    const other = await buildUser({ role: 'serviceCadre', org: town });
    const [pairing] = ok<PairingPage>(
      await staff.get(`/api/service/pairings?q=${encodeURIComponent(plain.name)}`),
    ).items;
    expect(pairing?.enterprise.id).toBe(plain.id);
    const moved = ok<{ id: string; cadre: { id: string } }>(
      await staff.post(`/api/service/pairings/${pairing!.id}/reassign`, {
        cadreId: other.id,
        reason: '工作调整',
        version: pairing!.version,
      }),
    );
    expect(moved.cadre.id).toBe(other.id);
    const history = ok<PairingPage>(
      await staff.get(`/api/service/pairings?history=true&q=${encodeURIComponent(plain.name)}`),
    );
    expect(history.items.map((p) => [p.cadre.id, p.endedReason])).toEqual(
      expect.arrayContaining([
        [cadreUser.id, '工作调整'],
        [other.id, null],
      ]),
    );
    const patched = ok<ProgrammeView>(
      await city.patch(`/api/service/programmes/${programme.id}`, {
        visitEveryDays: 30,
        version: programme.version,
      }),
    );
    expect(patched.visitEveryDays).toBe(30);
    const visited = ok<PairingPage>(await cadre.get('/api/service/pairings?mine=true')).items[0]!;
    expect(visited.dueOn).toBe(addDays(today, 30));
    expect(
      (
        await staff.patch(`/api/service/programmes/${programme.id}`, {
          name: '改名',
          version: patched.version,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('moves the rows of an enterprise that moves to another township', async () => {
    const newTown = await buildOrg({ parent: district, name: '越溪街道工会' });
    const e = json<EnterpriseDetail>(await staff.get(`/api/enterprises/${unionised.id}`));
    const res = await staff.patch(`/api/enterprises/${unionised.id}`, {
      orgId: newTown.id,
      version: e.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    const visits = ok<VisitPage>(await staff.get(`/api/service/visits?orgId=${newTown.id}`));
    expect(visits.total).toBe(1);
    expect(ok<NeedPage>(await staff.get(`/api/service/needs?orgId=${newTown.id}`)).total).toBe(1);
  });

  it('exports each list as xlsx with the list’s rows and filters', async () => {
    for (const [list, header] of [
      ['pairings', '服务干部'],
      ['visits', '服务内容'],
      ['needs', '需求内容'],
      ['unpaired', '紧急度'],
    ] as const) {
      const query = `orgId=${district.id}`;
      const total = json<{ total: number }>(
        await staff.get(`/api/service/${list}?${query}&pageSize=1`),
      ).total;
      const res = await staff.get(`/api/service/${list}/export.xlsx?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-disposition']).toContain('filename*=UTF-8');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      expect(sheet.getRow(1).values).toContain(header);
      expect(sheet.actualRowCount - 1, list).toBe(total);
    }
    expect((await stranger.get(`/api/service/visits/export.xlsx?orgId=${district.id}`)).statusCode).toBe(404);
  });

  it('shows the programme’s dashboard per unit, each count equal to the list it opens', async () => {
    const dash = ok<DashboardView>(
      await staff.get(`/api/service/dashboard?programmeId=${programme.id}&orgId=${district.id}`),
    );
    const total = async (url: string) => json<{ total: number }>(await staff.get(`${url}&pageSize=1`)).total;
    const p = `programmeId=${programme.id}`;
    for (const [org, counts] of [
      [district.id, dash.total],
      ...dash.rows.filter((r) => r.org).map((r) => [r.org!.id, r] as const),
    ] as const) {
      const o = `orgId=${org}`;
      expect(counts.pairings).toBe(await total(`/api/service/pairings?${p}&${o}`));
      expect(counts.overdue).toBe(await total(`/api/service/pairings?${p}&${o}&due=overdue`));
      expect(counts.visits).toBe(await total(`/api/service/visits?${p}&${o}`));
      // The same visits counted from the rows themselves (a date filter skips the kept counts).
      expect(counts.visits).toBe(await total(`/api/service/visits?${p}&${o}&from=2000-01-01`));
      expect(counts.needsOpen).toBe(
        (await total(`/api/service/needs?${p}&${o}&state=open`)) +
          (await total(`/api/service/needs?${p}&${o}&state=inProgress`)),
      );
      expect(counts.needsResolved).toBe(await total(`/api/service/needs?${p}&${o}&state=resolved`));
      expect(counts.priority).toBe(await total(`/api/coverage/priority?${o}`));
      expect(counts.priority - counts.pairedPriority).toBe(await total(`/api/service/unpaired?${o}`));
    }
    expect(dash.total.visits).toBeGreaterThan(0);
    expect(dash.total.needsResolved).toBeGreaterThan(0);
    expect(dash.aspects.find((a) => a.aspect === 'guarantees')?.visits).toBe(1);
    expect(
      (await stranger.get(`/api/service/dashboard?programmeId=${programme.id}&orgId=${district.id}`))
        .statusCode,
    ).toBe(404);
  });
});
