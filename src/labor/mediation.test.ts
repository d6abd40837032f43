// Union mediation through the API: a township's mediator takes a case of three workers, records a
// session and closes it with an agreement; the agreement comes out as Word and LibreOffice prints
// it. Personal data: whole for the case's mediator, the unit and the legal department (each such
// read audited), masked for a mediator of the district not on the case, nothing for an
// information officer or another district. Bad input keeps nothing.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildDistrictScene,
  buildEnterprise,
  buildOrg,
  buildUser,
  loginAs,
  rootFederation,
  setupTestApp,
  type Client,
} from '../../tests/test-app';
import { docxToPdf, pdfToolsAvailable } from '../../tests/pdf';
import type { EnterpriseDetail } from '../enterprises/contract';
import type { OrgDetail, UserView } from '../orgs/contract';
import type { AuditPage } from '../platform/shared/audit-contract';
import {
  idCheckCharacter,
  type CaseBody,
  type CaseDetail,
  type CasePage,
  type MediatorList,
} from './mediation-contract';

const ctx = setupTestApp();
let town: OrgDetail;
let mediator: UserView;
let townMediator: Client;
let districtMediator: Client;
let districtMediatorUser: UserView;
let staff: Client;
let legal: Client;
let officer: Client;
let stranger: Client;
let admin: Client;
let firm: EnterpriseDetail;

function ok<T>(res: { statusCode: number; body: string }): T {
  expect(res.statusCode, res.body).toBe(200);
  return JSON.parse(res.body) as T;
}

const fieldsOf = (body: string) =>
  (JSON.parse(body) as { error: { details: { field: string }[] } }).error.details.map((d) => d.field).sort();

/** A valid resident ID number born on `birth` (YYYYMMDD) in 吴中 (320506). */
const idOf = (birth: string, serial: string) => {
  const first = `320506${birth}${serial}`;
  return first + idCheckCharacter(first);
};

const WORKERS = [
  { name: '王建国', idNumber: idOf('19850312', '123'), phone: '13812345678' },
  { name: '李秀英', idNumber: idOf('19900101', '244'), phone: null },
  { name: '赵磊', idNumber: idOf('19951120', '351'), phone: '0512-65281234' },
];

const application = (over: Partial<CaseBody> = {}): CaseBody => ({
  enterpriseId: firm.id,
  employerRepresentative: '陈老板',
  employerPhone: '13900001111',
  workers: WORKERS,
  claims: [
    { kind: 'wages', amountFen: 3_600_000 },
    { kind: 'termination', amountFen: 1_500_000 },
  ],
  facts: '三名职工于 2026 年 9 月离职，企业拖欠其 8、9 两个月工资，并未支付解除劳动合同经济补偿。',
  appliedOn: '2026-11-02',
  mediatorIds: [mediator.id],
  ...over,
});

beforeAll(async () => {
  let district: OrgDetail;
  let otherTown: OrgDetail;
  ({ district, town, otherTown, staff } = await buildDistrictScene(ctx));
  mediator = await buildUser({ role: 'mediator', org: town });
  townMediator = await loginAs(ctx, mediator);
  districtMediatorUser = await buildUser({ role: 'mediator', org: district });
  districtMediator = await loginAs(ctx, districtMediatorUser);
  officer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: district }));
  stranger = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: otherTown }));
  legal = await loginAs(
    ctx,
    await buildUser({ role: 'federationStaff', department: 'legal', org: await rootFederation() }),
  );
  admin = await loginAs(ctx, await buildUser({ role: 'admin', org: await rootFederation() }));
  firm = await buildEnterprise({ org: town, employees: 60 });
});

describe('mediation cases', () => {
  let c: CaseDetail;

  it('refuses bad applications field by field and keeps nothing', async () => {
    const wrongCheck = WORKERS[0]!.idNumber.slice(0, 17) + (WORKERS[0]!.idNumber.endsWith('1') ? '2' : '1');
    const outsider = await buildUser({ role: 'mediator', org: await buildOrg({ name: '昆山市总工会' }) });
    const bad = await townMediator.post(
      '/api/labor/mediation/cases',
      application({
        workers: [
          { ...WORKERS[0]!, idNumber: wrongCheck },
          WORKERS[1]!,
          { ...WORKERS[2]!, idNumber: WORKERS[1]!.idNumber },
        ],
        claims: [{ kind: 'wages', amountFen: -5 }],
        mediatorIds: [outsider.id],
      }),
    );
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['claims.0.amountFen', 'workers.0.idNumber', 'workers.2.idNumber']);
    expect(bad.body).toContain('身份证号码校验位不正确');
    const outside = await townMediator.post(
      '/api/labor/mediation/cases',
      application({ mediatorIds: [outsider.id] }),
    );
    expect(outside.statusCode).toBe(400);
    expect(fieldsOf(outside.body)).toEqual(['mediatorIds.0']);
    expect(ok<CasePage>(await staff.get('/api/labor/mediation/cases')).total).toBe(0);
  });

  it('takes a case numbered in the unit, shows personal data whole or masked by reader, and audits whole reads', async () => {
    c = ok<CaseDetail>(await townMediator.post('/api/labor/mediation/cases', application()));
    expect(c).toMatchObject({
      caseNo: '2026年第1号',
      org: { id: town.id },
      masked: false,
      claimedFen: 5_100_000,
      state: 'open',
      actions: ['session', 'close'],
    });
    expect(c.workers[0]).toEqual(WORKERS[0]);

    // A mediator of the district not on the case: masked, and no steps.
    const seen = ok<CaseDetail>(await districtMediator.get(`/api/labor/mediation/cases/${c.id}`));
    expect(seen.masked).toBe(true);
    expect(seen.workers.map((w) => w.name)).toEqual(['王**', '李**', '赵*']);
    expect(seen.workers[0]!.idNumber).toBe(`3205**********${WORKERS[0]!.idNumber.slice(-4)}`);
    expect(seen.workers[0]!.phone).toBe('138****5678');
    expect(seen.employerPhone).toBe('139****1111');
    expect(seen.actions).toEqual([]);
    // The district's legal staff and the city's legal department: whole.
    expect(ok<CaseDetail>(await staff.get(`/api/labor/mediation/cases/${c.id}`)).workers[1]!.idNumber).toBe(
      WORKERS[1]!.idNumber,
    );
    expect(ok<CaseDetail>(await legal.get(`/api/labor/mediation/cases/${c.id}`)).masked).toBe(false);
    // Lists always mask, even for the case's own mediator.
    const list = ok<CasePage>(await townMediator.get('/api/labor/mediation/cases'));
    expect(list.items[0]).toMatchObject({ masked: true, caseNo: '2026年第1号' });
    expect(JSON.stringify(list)).not.toContain(WORKERS[0]!.idNumber);
    // No way in for an information officer; another district does not see it.
    expect((await officer.get('/api/labor/mediation/cases')).statusCode).toBe(403);
    expect((await officer.get(`/api/labor/mediation/cases/${c.id}`)).statusCode).toBe(403);
    expect((await stranger.get(`/api/labor/mediation/cases/${c.id}`)).statusCode).toBe(404);

    // Each whole read is in the audit trail, with who read it; the masked one is not.
    const reads = ok<AuditPage>(
      await admin.get(`/api/audit?entityId=${c.id}&action=labor.mediation.readPersonalData&pageSize=50`),
    );
    // (actorName reads 姓名（用户名）): the mediator on taking the case, the district, the city.
    const readers = reads.items.map((e) => e.actorName.replace(/（.*$/, ''));
    expect(readers).toHaveLength(3);
    expect(readers).toContain(mediator.displayName);
    expect(readers).not.toContain(districtMediatorUser.displayName);
  });

  it('records sessions and closes with an agreement; only those conducting the case may', async () => {
    const refused = await districtMediator.post(`/api/labor/mediation/cases/${c.id}/sessions`, {
      version: c.version,
      heldOn: '2026-11-05',
      outcome: '组织双方调解',
    });
    expect(refused.statusCode).toBe(403);
    const early = await townMediator.post(`/api/labor/mediation/cases/${c.id}/sessions`, {
      version: c.version,
      heldOn: '2026-10-01',
      outcome: '组织双方调解',
    });
    expect(fieldsOf(early.body)).toEqual(['heldOn']);
    c = ok<CaseDetail>(
      await townMediator.post(`/api/labor/mediation/cases/${c.id}/sessions`, {
        version: c.version,
        heldOn: '2026-11-05',
        place: '长桥街道工会调解室',
        outcome: '首次调解，企业同意分期支付工资，经济补偿数额分歧较大。',
      }),
    );
    expect(c.sessions).toBe(1);
    const waiting = ok<{ items: { key: string; count: number }[] }>(
      await townMediator.get('/api/home/waiting'),
    );
    expect(waiting.items.find((i) => i.key === 'labor.mediation')?.count).toBe(1);
    const stale = await townMediator.post(`/api/labor/mediation/cases/${c.id}/sessions`, {
      version: c.version - 1,
      heldOn: '2026-11-09',
      outcome: '再次调解',
    });
    expect(stale.statusCode).toBe(409);

    const noTerms = await townMediator.post(`/api/labor/mediation/cases/${c.id}/close`, {
      version: c.version,
      result: 'agreement',
      closedOn: '2026-11-12',
      agreedFen: 4_500_000,
      paidFen: 5_000_000,
    });
    expect(fieldsOf(noTerms.body)).toEqual(['paidFen', 'terms']);
    expect(ok<CaseDetail>(await townMediator.get(`/api/labor/mediation/cases/${c.id}`)).state).toBe('open');
    c = ok<CaseDetail>(
      await townMediator.post(`/api/labor/mediation/cases/${c.id}/close`, {
        version: c.version,
        result: 'agreement',
        closedOn: '2026-11-12',
        agreedFen: 4_500_000,
        paidFen: 1_800_000,
        terms:
          '被申请人于2026年11月20日前支付三名申请人2026年8、9月工资共计人民币36000元\n被申请人于2026年12月31日前支付经济补偿共计人民币9000元\n申请人放弃其他请求',
      }),
    );
    expect(c).toMatchObject({ state: 'closed', result: 'agreement', days: 10, actions: ['agreement'] });

    const home = (await townMediator.get('/api/home/waiting')).body;
    expect(JSON.parse(home)).toMatchObject({ items: [] });
    const load = ok<MediatorList>(await staff.get('/api/labor/mediation/mediators'));
    expect(load.items.find((m) => m.id === mediator.id)).toMatchObject({ open: 0 });
  });

  it(
    'gives the agreement as Word to those who may see it whole, and LibreOffice prints it',
    { timeout: 180_000 },
    async () => {
      expect(
        (await districtMediator.get(`/api/labor/mediation/cases/${c.id}/agreement.docx`)).statusCode,
      ).toBe(403);
      expect((await officer.get(`/api/labor/mediation/cases/${c.id}/agreement.docx`)).statusCode).toBe(403);
      const res = await townMediator.get(`/api/labor/mediation/cases/${c.id}/agreement.docx`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(
        '调解协议书_2026年第1号',
      );
      if (!(await pdfToolsAvailable())) return;
      const dir = await mkdtemp(path.join(tmpdir(), 'gonghui-agreement-'));
      const file = path.join(dir, 'agreement.docx');
      await writeFile(file, res.rawPayload);
      const { text } = await docxToPdf(file, dir);
      const flat = text.replace(/\s+/g, '');
      for (const part of [
        '劳动争议调解协议书',
        `申请人1：王建国，公民身份号码：${WORKERS[0]!.idNumber}，联系电话：13812345678。`,
        `申请人2：李秀英，公民身份号码：${WORKERS[1]!.idNumber}。`,
        `被申请人：${firm.name}，法定代表人（负责人）：陈老板`,
        '二、经调解，双方自愿达成如下协议',
        '一、被申请人于2026年11月20日前支付三名申请人2026年8、9月工资共计人民币36000元',
        '三、申请人放弃其他请求',
        '协议金额合计45000.00元',
        '申请人（签名）：',
        '2026年11月12日',
      ])
        expect(flat).toContain(part.replace(/\s+/g, ''));
    },
  );
});
