// Random sequences of the writes users make to the registry (new enterprises, facts added and
// removed, attributes changed, joint-union coverage set and ended), applied through the services,
// for the tests that hold derived tables exact: whatever the writes, a derived table must equal
// its rebuild and the direct computation.
import fc from 'fast-check';
import { addFact, createEnterprise, removeFact, updateEnterprise } from '../src/enterprises/service';
import { EnterprisePatchBody, FactCreateBody, type EnterpriseDetail } from '../src/enterprises/contract';
import type { OrgDetail } from '../src/orgs/contract';
import { addDays } from '../src/platform/shared/dates';
import { buildOrg, buildUscc, rootFederation, system } from './test-app';

export const dayArb = fc.integer({ min: 0, max: 6500 }).map((n) => addDays('2005-01-01', n));

/** The fact kinds the coverage series follow. */
export const SERIES_KINDS = [
  'headcount',
  'unionFounded',
  'unionDissolved',
  'membership',
  'wageAgreement',
  'collectiveContract',
  'workersCongress',
  'affairsDisclosure',
  'termElection',
] as const;
/** And those the worklists follow besides. */
export const WORKLIST_KINDS = [
  ...SERIES_KINDS,
  'womenContract',
  'membersCongress',
  'survey',
  'memberEvaluation',
] as const;
type Kind = (typeof WORKLIST_KINDS)[number];
const CONTRACTS: readonly Kind[] = ['wageAgreement', 'collectiveContract', 'womenContract'];
const SURVEY_FLAGS = ['hardToOrganise', 'ineffectiveUnion', 'tenseRelations'] as const;

/** The arbitrary of one write; `kinds` are the fact kinds it may add. */
export function writeArb(kinds: readonly Kind[], towns: number, joints: number) {
  const create = fc.record({
    op: fc.constant('create' as const),
    town: fc.integer({ min: 0, max: towns - 1 }),
    employees: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
    ownership: fc.constantFrom('private' as const, 'foreign' as const, 'state' as const),
    registeredOn: fc.option(dayArb, { nil: null }),
  });
  const fact = fc.record({
    op: fc.constant('fact' as const),
    pick: fc.nat(),
    kind: fc.constantFrom(...kinds),
    date: dayArb,
    /** Days before today the fact is dated instead of `date` (null: `date`), so dates near today abound. */
    back: fc.option(fc.integer({ min: 0, max: 1500 }), { nil: null }),
    span: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 1500 })),
    /** A contract that starts this many days after today (0: from its signing). */
    ahead: fc.oneof({ arbitrary: fc.constant(0), weight: 4 }, fc.integer({ min: 1, max: 400 })),
    value: fc.integer({ min: 1, max: 300 }),
  });
  const unfact = fc.record({ op: fc.constant('unfact' as const), pick: fc.nat(), which: fc.nat() });
  const joint = fc.record({
    op: fc.constant('joint' as const),
    pick: fc.nat(),
    joint: fc.integer({ min: -1, max: joints - 1 }),
    from: fc.option(dayArb, { nil: null }),
  });
  const patch = fc.record({
    op: fc.constant('patch' as const),
    pick: fc.nat(),
    employees: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
    ownership: fc.option(fc.constantFrom('private' as const, 'collective' as const), { nil: undefined }),
    town: fc.option(fc.integer({ min: 0, max: towns - 1 }), { nil: undefined }),
    closedOn: fc.option(dayArb, { nil: undefined }),
  });
  return fc.oneof(
    { arbitrary: create, weight: 2 },
    { arbitrary: fact, weight: 7 },
    { arbitrary: unfact, weight: 1 },
    { arbitrary: patch, weight: 2 },
    { arbitrary: joint, weight: 2 },
  );
}
export type Write = ReturnType<typeof writeArb> extends fc.Arbitrary<infer T> ? T : never;

/** Registers a firm through the service, with the registry's optional fields left empty. */
export function register(fields: {
  name: string;
  orgId: string;
  employees: number | null;
  ownership: 'private' | 'foreign' | 'state';
  registeredOn: string | null;
  jointUnionOrgId?: string;
  jointUnionFrom?: string;
}): Promise<EnterpriseDetail> {
  return createEnterprise(system, {
    uscc: buildUscc('91'),
    address: null,
    industry: null,
    aboveDesignatedSize: null,
    global500: null,
    status: 'operating',
    closedOn: null,
    note: null,
    unionUscc: null,
    ...fields,
    jointUnionOrgId: fields.jointUnionOrgId ?? null,
    jointUnionFrom: fields.jointUnionFrom ?? null,
  });
}

function factBody(o: Extract<Write, { op: 'fact' }>, kind: Kind, today: string) {
  const date = o.back !== null ? addDays(today, -o.back) : o.date > today ? today : o.date;
  const contract = CONTRACTS.includes(kind);
  const validFrom = o.ahead ? addDays(today, o.ahead) : date;
  return FactCreateBody.parse({
    kind,
    eventDate: date,
    validFrom: contract ? validFrom : null,
    validTo: contract ? addDays(validFrom, o.span) : null,
    value:
      kind === 'termElection'
        ? 3
        : kind === 'membership' || kind === 'unionFounded'
          ? o.value
          : kind === 'headcount'
            ? o.value % 40
            : kind === 'memberEvaluation'
              ? Number(date.slice(0, 4))
              : null,
    data:
      kind === 'survey'
        ? { flag: SURVEY_FLAGS[o.value % 3] }
        : kind === 'memberEvaluation'
          ? { satisfied: o.value % 7, basic: o.value % 5, unsatisfied: o.value % 11 }
          : undefined,
    explanation: '测试',
  });
}

/**
 * Applies the writes in order through the services; a write the validation refuses (members
 * above employees…) changes nothing and is skipped. Returns the firms and how many writes took.
 */
export async function applyWrites(
  writes: readonly Write[],
  scene: { towns: readonly OrgDetail[]; joints: readonly OrgDetail[]; today: string; prefix: string },
): Promise<{ firms: EnterpriseDetail[]; applied: number }> {
  const { towns, joints, today } = scene;
  const firms: EnterpriseDetail[] = [];
  let applied = 0;
  for (const o of writes) {
    try {
      if (o.op === 'create' || firms.length === 0) {
        const c =
          o.op === 'create'
            ? o
            : { town: 0, employees: 50, ownership: 'private' as const, registeredOn: null };
        firms.push(
          await register({
            name: `${scene.prefix}企业${firms.length}有限公司`,
            orgId: towns[c.town]!.id,
            ownership: c.ownership,
            employees: c.employees,
            registeredOn: c.registeredOn,
          }),
        );
      } else if (o.op === 'fact') {
        const i = o.pick % firms.length;
        const firm = firms[i]!;
        const needsUnion = o.kind !== 'unionFounded' && o.kind !== 'headcount' && o.kind !== 'survey';
        const kind = firm.hasUnion || !needsUnion ? o.kind : 'unionFounded';
        firms[i] = await addFact(system, firm.id, factBody(o, kind, today));
      } else if (o.op === 'joint') {
        const i = o.pick % firms.length;
        const firm = firms[i]!;
        const jointUnionOrgId = o.joint < 0 ? null : joints[o.joint]!.id;
        const from = o.from && o.from > today ? today : o.from;
        firms[i] = await updateEnterprise(
          system,
          firm.id,
          EnterprisePatchBody.parse({
            version: firm.version,
            jointUnionOrgId,
            jointUnionFrom: jointUnionOrgId !== (firm.jointUnion?.id ?? null) ? from : undefined,
          }),
        );
      } else if (o.op === 'unfact') {
        const i = o.pick % firms.length;
        const facts = firms[i]!.facts;
        if (facts.length === 0) continue;
        firms[i] = await removeFact(system, firms[i]!.id, facts[o.which % facts.length]!.id);
      } else {
        const i = o.pick % firms.length;
        const firm = firms[i]!;
        const closedOn =
          o.closedOn && firm.registeredOn && o.closedOn <= firm.registeredOn ? undefined : o.closedOn;
        firms[i] = await updateEnterprise(
          system,
          firm.id,
          EnterprisePatchBody.parse({
            version: firm.version,
            employees: o.employees,
            ownership: o.ownership,
            orgId: o.town === undefined ? undefined : towns[o.town]!.id,
            closedOn,
            note: '测试',
          }),
        );
      }
      applied += 1;
    } catch (err) {
      if (!(err instanceof Error && 'status' in err && (err as { status: number }).status === 400)) throw err;
    }
  }
  return { firms, applied };
}

/** The organisations random writes land in: the city, two districts, three townships, two joint unions. */
export interface WriteScene {
  root: OrgDetail;
  districts: OrgDetail[];
  towns: OrgDetail[];
  joints: OrgDetail[];
}

export async function buildWriteScene(): Promise<WriteScene> {
  const root = await rootFederation();
  const districts = [await buildOrg({ name: '甲区总工会' }), await buildOrg({ name: '乙区总工会' })];
  const towns = [
    await buildOrg({ parent: districts[0], name: '甲一街道工会' }),
    await buildOrg({ parent: districts[0], name: '甲二街道工会' }),
    await buildOrg({ parent: districts[1], name: '乙一镇工会' }),
  ];
  const joints = [
    await buildOrg({ parent: towns[0], kind: 'jointUnion', name: '甲一社区联合工会' }),
    await buildOrg({ parent: towns[2], kind: 'jointUnion', name: '乙一市场联合工会' }),
  ];
  return { root, districts, towns, joints };
}
