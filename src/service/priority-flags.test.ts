// The pairings' copy of "a three-category enterprise" (service_pairings.priority) against
// coverage's worklist: after pairing, after a change of the category-3 rule (a rebuild: the
// worklist's stamp moves and the next read refreshes every flag), and after a registry write that
// takes an enterprise out of the categories (the enterprise listener refreshes its pairings at
// once). The dashboard's paired count and the unpaired list's total read the flags.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildDistrictScene,
  buildEnterprise,
  buildUser,
  json,
  loginAs,
  rootFederation,
  setupTestApp,
  type Client,
} from '../../tests/test-app';
import type { EnterpriseDetail } from '../enterprises/contract';
import type { OrgDetail } from '../orgs/contract';
import { DEFAULT_PRIORITY_RULE, type PriorityRuleSaved } from '../coverage/contract';
import type { JobView } from '../platform/shared/jobs-contract';
import type { DashboardView, ProgrammeView, UnpairedPage } from './contract';

const ctx = setupTestApp();
let town: OrgDetail;
let staff: Client;
let city: Client;
let programme: ProgrammeView;
let firm: EnterpriseDetail;
let year: number;

async function flags(): Promise<{ wrong: number; flagged: number; current: number }> {
  const [row] = await ctx.database.rows<{ wrong: number; flagged: number; current: number }>(`
    select count(*) filter (where s.priority is distinct from exists (
             select 1 from coverage_worklist w where w.enterprise_id = s.enterprise_id and w.categories <> 0))::int as wrong,
           count(*) filter (where s.priority)::int as flagged,
           count(*)::int as current
    from service_pairings s where s.ended_on is null`);
  return row!;
}

async function finished(client: Client, jobId: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const job = json<JobView>(await client.get(`/api/jobs/${jobId}`));
    if (job.state === 'succeeded') return;
    if (job.state === 'failed') throw new Error(job.message ?? 'job failed');
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}

const dashboard = async () =>
  json<DashboardView>(await city.get(`/api/service/dashboard?programmeId=${programme.id}`)).total;

beforeAll(async () => {
  ({ town, staff } = await buildDistrictScene(ctx));
  const root = await rootFederation();
  city = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: root }));
  year = new Date().getFullYear();
  programme = json<ProgrammeView>(
    await city.post('/api/service/programmes', {
      name: '挂钩测试',
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
      levels: ['township'],
    }),
  );
  // A union with its congresses but no contract and no wage agreement: two failings, below the
  // default rule's four; and a large enterprise without a union (category 1).
  firm = await buildEnterprise({ org: town, employees: 40, ownership: 'private' });
  for (const fact of [
    { kind: 'unionFounded', eventDate: '2020-03-01', value: 30 },
    { kind: 'workersCongress', eventDate: '2020-05-01' },
    { kind: 'membersCongress', eventDate: '2020-05-01' },
  ])
    expect((await staff.post(`/api/enterprises/${firm.id}/facts`, fact)).statusCode).toBe(200);
  const big = await buildEnterprise({ org: town, employees: 900 });
  const cadre = await buildUser({ role: 'serviceCadre', org: town });
  const paired = await city.post(`/api/service/programmes/${programme.id}/pairings`, {
    cadreId: cadre.id,
    enterpriseIds: [firm.id, big.id],
  });
  expect(paired.statusCode, paired.body).toBe(200);
});

describe('the pairings’ priority flags', () => {
  it('agree with the worklist after pairing; the dashboard and the unpaired list read them', async () => {
    expect(await flags()).toEqual({ wrong: 0, flagged: 1, current: 2 });
    const total = await dashboard();
    expect(total.pairedPriority).toBe(1);
    const unpaired = json<UnpairedPage>(await city.get('/api/service/unpaired?pageSize=500'));
    expect(unpaired.total).toBe(total.priority - total.pairedPriority);
    expect(unpaired.items).toHaveLength(unpaired.total);
  });

  it('follow a rule change (the worklist rebuilt) at the next read', async () => {
    const saved = await city.put('/api/coverage/priority-rule', {
      ...DEFAULT_PRIORITY_RULE,
      weakFailings: ['noCollectiveContract', 'noWageAgreement'],
      weakMin: 2,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    await finished(city, json<PriorityRuleSaved>(saved).jobId);
    // The worklist moved under the flags; reading the dashboard brings them along.
    expect((await flags()).wrong).toBe(1);
    expect((await dashboard()).pairedPriority).toBe(2);
    expect(await flags()).toEqual({ wrong: 0, flagged: 2, current: 2 });
  });

  it('follow a registry write at once', async () => {
    const res = await staff.post(`/api/enterprises/${firm.id}/facts`, {
      kind: 'collectiveContract',
      eventDate: `${year}-01-05`,
      validFrom: `${year}-01-06`,
      validTo: `${year + 2}-12-31`,
    });
    expect(res.statusCode, res.body).toBe(200);
    // One failing left, below the rule's two: out of the categories, and its flag with it.
    expect(await flags()).toEqual({ wrong: 0, flagged: 1, current: 2 });
    expect((await dashboard()).pairedPriority).toBe(1);
  });
});
