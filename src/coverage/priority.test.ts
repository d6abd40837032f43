// Three-category enterprises: derived from the data with their reasons, and updated as soon as a
// fact changes.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildDistrictScene,
  buildEnterprise,
  buildUser,
  json,
  loginAs,
  patchEnterprise,
  rootFederation,
  setupTestApp,
  type Client,
} from '../../tests/test-app';
import type { OrgDetail } from '../orgs/contract';
import type { EnterpriseDetail } from '../enterprises/contract';
import {
  DEFAULT_PRIORITY_RULE,
  type PriorityPage,
  type PriorityRuleSaved,
  type PriorityRuleView,
} from './contract';
import { chinaToday } from '../platform/shared/dates';

const ctx = setupTestApp();
let district: OrgDetail;
let town: OrgDetail;
let otherTown: OrgDetail;
let staff: Client;

beforeAll(async () => {
  ({ district, town, otherTown, staff } = await buildDistrictScene(ctx));
});

/** The state a job ends in, as its starter sees it. */
async function finished(client: Client, jobId: string): Promise<string> {
  for (;;) {
    const job = json<{ state: string }>(await client.get(`/api/jobs/${jobId}`));
    if (job.state !== 'running') return job.state;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function entry(id: string, query = '') {
  const page = json<PriorityPage>(
    await staff.get(`/api/coverage/priority?orgId=${district.id}&pageSize=500${query}`),
  );
  return page.items.find((i) => i.enterprise.id === id);
}

describe('three-category enterprises', () => {
  it('category 1: non-public and above designated size or 100+ workers, Global 500 first', async () => {
    const big = await buildEnterprise({ org: town, employees: 120, ownership: 'foreign' });
    const small = await buildEnterprise({ org: town, employees: 30, ownership: 'private' });
    const state = await buildEnterprise({ org: town, employees: 500, ownership: 'state' });
    const g500 = await buildEnterprise({ org: town, employees: 101, ownership: 'foreign' });
    await patchEnterprise(g500.id, { global500: true });
    const first = await entry(big.id, '&category=1');
    expect(first?.categories).toEqual([1]);
    expect(first?.reasons[0]?.text).toBe('非公企业（外商投资），职工 120 人');
    expect(await entry(small.id, '&category=1')).toBeUndefined();
    expect(await entry(state.id, '&category=1')).toBeUndefined();
    const page = json<PriorityPage>(
      await staff.get(`/api/coverage/priority?orgId=${district.id}&category=1&pageSize=500`),
    );
    expect(page.items[0]?.enterprise.id).toBe(g500.id);
    expect(page.items[0]?.reasons[0]?.text).toMatch(/^世界500强，非公企业/);
    expect(page.total).toBe(page.items.length);
  });

  it('category 2 from a survey; category 3 from missing institutions; both update at once', async () => {
    const e = await buildEnterprise({ org: town, employees: 40, ownership: 'private' });
    expect(await entry(e.id)).toBeUndefined();
    const add = async (body: object) => {
      const res = await staff.post(`/api/enterprises/${e.id}/facts`, body);
      expect(res.statusCode, res.body).toBe(200);
      return json<EnterpriseDetail>(res);
    };
    const today = chinaToday();
    await add({ kind: 'survey', eventDate: today, data: { flag: 'hardToOrganise' } });
    let found = await entry(e.id);
    expect(found?.categories).toEqual([2]);
    expect(found?.reasons.map((r) => r.text)).toEqual([`集中排查（${today}）：建会难`]);

    await add({ kind: 'unionFounded', eventDate: '2012-03-01', value: 30 });
    await add({ kind: 'termElection', eventDate: '2012-03-01', value: 3 });
    await add({
      kind: 'collectiveContract',
      eventDate: '2012-03-01',
      validFrom: '2012-04-01',
      validTo: '2015-03-31',
    });
    found = await entry(e.id, '&category=3');
    expect(found?.reasons.map((r) => r.code)).toEqual([
      'hardToOrganise',
      'noWorkersCongress',
      'noMembersCongress',
      'noCollectiveContract',
      'noWageAgreement',
      'electionOverdue',
    ]);
    const texts = found!.reasons.map((r) => r.text);
    expect(texts).toContain('集体合同已于 2015-03-31 到期');
    expect(texts).toContain('未签订工资专项集体协议');
    expect(texts).toContain('换届逾期：本届 2012-03-01 起任期 3 年，应于 2015-03-01 前换届');

    // Filling the gaps takes the reasons away at once.
    await add({ kind: 'workersCongress', eventDate: '2013-01-01' });
    await add({ kind: 'termElection', eventDate: '2024-03-01', value: 5 });
    await add({
      kind: 'memberEvaluation',
      eventDate: '2024-12-01',
      value: 2024,
      data: { satisfied: 10, basic: 5, unsatisfied: 15 },
    });
    found = await entry(e.id, '&category=3');
    const codes = found!.reasons.map((r) => r.code);
    expect(codes).not.toContain('noWorkersCongress');
    expect(codes).not.toContain('electionOverdue');
    expect(found!.reasons.find((r) => r.code === 'lowSatisfaction')?.text).toBe(
      '会员评家满意率 50.0%（2024 年度，低于 70%）',
    );
    expect(await entry(e.id, '&reason=noWorkersCongress')).toBeUndefined();
    expect(await entry(e.id, '&reason=lowSatisfaction')).toBeDefined();
  });

  it('is scoped and validated', async () => {
    const outside = await buildEnterprise({ org: otherTown, employees: 900, ownership: 'foreign' });
    const mine = json<PriorityPage>(await staff.get('/api/coverage/priority?pageSize=500'));
    expect(mine.items.map((i) => i.enterprise.id)).not.toContain(outside.id);
    expect((await staff.get(`/api/coverage/priority?orgId=${otherTown.id}`)).statusCode).toBe(404);
    expect((await staff.get('/api/coverage/priority?category=4')).statusCode).toBe(400);
    expect((await staff.get('/api/coverage/priority?reason=bad')).statusCode).toBe(400);
    const info = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: district }));
    expect((await info.get('/api/coverage/priority')).statusCode).toBe(403);
  });

  it('rank by urgency: survey findings and Global 500 before a merely large firm; then by size', async () => {
    const large = await buildEnterprise({ org: town, employees: 3000, ownership: 'private' });
    const tense = await buildEnterprise({ org: town, employees: 150, ownership: 'private' });
    await staff.post(`/api/enterprises/${tense.id}/facts`, {
      kind: 'survey',
      eventDate: chinaToday(),
      data: { flag: 'tenseRelations' },
    });
    const w = DEFAULT_PRIORITY_RULE.weights;
    const a = await entry(large.id);
    const b = await entry(tense.id);
    expect(a?.urgency).toBe(w.nonPublicLarge);
    expect(b?.urgency).toBe(w.nonPublicLarge + w.tenseRelations);
    const page = json<PriorityPage>(await staff.get(`/api/coverage/priority?orgId=${town.id}&pageSize=500`));
    const order = page.items.map((i) => i.enterprise.id);
    expect(order.indexOf(tense.id)).toBeLessThan(order.indexOf(large.id));
    const scores = page.items.map((i) => i.urgency);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
  });

  it('read category 3 by the rule the city federation sets; others may read it, not set it', async () => {
    const e = await buildEnterprise({ org: town, employees: 40, ownership: 'private' });
    await staff.post(`/api/enterprises/${e.id}/facts`, {
      kind: 'unionFounded',
      eventDate: '2020-03-01',
      value: 30,
    });
    await staff.post(`/api/enterprises/${e.id}/facts`, { kind: 'workersCongress', eventDate: '2020-05-01' });
    await staff.post(`/api/enterprises/${e.id}/facts`, { kind: 'membersCongress', eventDate: '2020-05-01' });
    // Two failings (no contract, no wage agreement): below the default's four.
    expect(await entry(e.id, '&category=3')).toBeUndefined();
    const rule = json<PriorityRuleView>(await staff.get('/api/coverage/priority-rule'));
    expect(rule).toMatchObject({ ...DEFAULT_PRIORITY_RULE, configured: false, version: null });

    const body = {
      ...DEFAULT_PRIORITY_RULE,
      weakFailings: ['noCollectiveContract', 'noWageAgreement'],
      weakMin: 2,
    };
    expect((await staff.put('/api/coverage/priority-rule', body)).statusCode).toBe(403);
    const root = await rootFederation();
    const city = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: root }));
    const tooMany = await city.put('/api/coverage/priority-rule', { ...body, weakMin: 3 });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.body).toContain('至少满足项数不能超过所选认定项数（2 项）');
    const badWeight = await city.put('/api/coverage/priority-rule', {
      ...body,
      weights: { ...body.weights, tenseRelations: 101 },
    });
    expect(badWeight.statusCode).toBe(400);
    expect(badWeight.body).toContain('weights.tenseRelations');

    const saved = await city.put('/api/coverage/priority-rule', body);
    expect(saved.statusCode, saved.body).toBe(200);
    const view = json<PriorityRuleSaved>(saved);
    expect(view).toMatchObject({ configured: true, version: 1, weakMin: 2 });
    expect(await finished(city, view.jobId)).toBe('succeeded');
    expect((await entry(e.id, '&category=3'))?.reasons.map((r) => r.code)).toEqual([
      'noCollectiveContract',
      'noWageAgreement',
    ]);
    // A second save must name the version it changes.
    expect((await city.put('/api/coverage/priority-rule', body)).statusCode).toBe(409);
    const back = await city.put('/api/coverage/priority-rule', { ...DEFAULT_PRIORITY_RULE, version: 1 });
    expect(back.statusCode).toBe(200);
    expect(await finished(city, json<PriorityRuleSaved>(back).jobId)).toBe('succeeded');
    expect(await entry(e.id, '&category=3')).toBeUndefined();
  });
});
