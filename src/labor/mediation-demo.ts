// The demo's mediation cases: each district federation's committee has taken cases this year, in
// every outcome (agreement, partial agreement, no agreement, withdrawn) and some still open; the
// cases of 吴中区总工会 are mediator_wuzhong's. Workers' names and ID numbers are made up (valid
// check characters, 19xx birthdays), written through the same services as a mediator would.
import { systemActor, type Actor } from '../platform/access';
import { db } from '../platform/db/client';
import { PERMISSIONS } from '../platform/shared/access-catalog';
import { addDays, chinaToday } from '../platform/shared/dates';
import { idCheckCharacter, type CaseResult, type ClaimKind } from './mediation-contract';
import { addSession, closeCase, createCase } from './mediation';

const SURNAMES = '王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗';
const GIVEN = ['建国', '秀英', '磊', '海燕', '志强', '丽娟', '伟', '春梅', '国庆', '晓东', '红霞', '军'];

const PLAN: { result: CaseResult | null; workers: number; claims: [ClaimKind, number][]; facts: string }[] = [
  {
    result: 'agreement',
    workers: 3,
    claims: [
      ['wages', 36_000],
      ['termination', 15_000],
    ],
    facts: '企业拖欠三名职工两个月工资，并未支付解除劳动合同经济补偿。',
  },
  {
    result: 'partial',
    workers: 1,
    claims: [
      ['overtime', 8_400],
      ['socialInsurance', 12_000],
    ],
    facts: '职工主张加班费和补缴社会保险，企业认可部分加班事实。',
  },
  {
    result: 'none',
    workers: 2,
    claims: [['workInjury', 86_000]],
    facts: '职工工伤后与企业就停工留薪期待遇发生争议。',
  },
  { result: 'withdrawn', workers: 1, claims: [['wages', 4_200]], facts: '职工反映被克扣一个月绩效工资。' },
  { result: null, workers: 5, claims: [['wages', 52_000]], facts: '企业以经营困难为由拖欠五名职工工资。' },
  {
    result: 'agreement',
    workers: 12,
    claims: [
      ['wages', 180_000],
      ['overtime', 24_000],
    ],
    facts: '建筑分包单位拖欠十二名农民工工资和加班费。',
  },
];

/** A made-up person: name and a valid ID number of the district's area code. */
function person(n: number, area: string) {
  const name = SURNAMES[n % SURNAMES.length]! + GIVEN[(n * 5) % GIVEN.length]!;
  const birth = `19${70 + (n % 30)}${String((n % 12) + 1).padStart(2, '0')}${String((n % 28) + 1).padStart(2, '0')}`;
  const first = `${area}${birth}${String(100 + (n % 900)).padStart(3, '0')}`;
  return {
    name,
    idNumber: first + idCheckCharacter(first),
    phone: n % 3 === 0 ? null : `138${String(10_000_000 + n * 7919).slice(-8)}`,
  };
}

/** Writes the demo cases; returns how many. */
export async function seedDemoMediation(): Promise<number> {
  const today = chinaToday();
  const units = await db.rows<{ id: string; path: string; division: string | null; mediator: string | null }>(
    `select o.id, o.path, o.division_code as division,
       (select u.id from users u where u.org_id = o.id and u.role = 'mediator' and u.active order by u.username limit 1) as mediator
     from orgs o where o.kind = 'districtFederation' and o.active order by o.path`,
  );
  let made = 0;
  let n = 0;
  for (const [u, unit] of units.entries()) {
    if (!unit.mediator) continue;
    const actor: Actor = {
      ...systemActor(PERMISSIONS),
      id: unit.mediator,
      orgId: unit.id,
      scopePath: unit.path,
    };
    const firms = await db.rows<{ id: string }>(
      `select id from enterprises where org_path like $1 and status = 'operating' order by employees desc nulls last, id limit 20`,
      [unit.path + '%'],
    );
    for (const [i, plan] of PLAN.entries()) {
      const applied = addDays(today, -(10 + i * 23 + u * 3));
      const firm = firms[(i + u) % Math.max(firms.length, 1)];
      let c = await createCase(actor, {
        enterpriseId: firm?.id ?? null,
        employerName: firm ? null : '某劳务派遣有限公司',
        employerRepresentative: '负责人',
        employerPhone: null,
        workers: Array.from({ length: plan.workers }, () =>
          person((n += 1), (unit.division ?? '320506').slice(0, 6)),
        ),
        claims: plan.claims.map(([kind, yuan]) => ({ kind, amountFen: yuan * 100 })),
        facts: plan.facts,
        appliedOn: applied,
        mediatorIds: [unit.mediator],
        reportId: null,
      });
      made += 1;
      c = await addSession(actor, c.id, {
        version: c.version,
        heldOn: addDays(applied, 3),
        place: '调解室',
        outcome: '组织双方当面调解，听取双方意见，释明法律规定。',
      });
      if (!plan.result) continue;
      const claimed = c.claimedFen;
      const agreedFen =
        plan.result === 'agreement'
          ? Math.round(claimed * 0.9)
          : plan.result === 'partial'
            ? Math.round(claimed * 0.5)
            : 0;
      await closeCase(actor, c.id, {
        version: c.version,
        result: plan.result,
        closedOn: addDays(applied, 8 + i),
        agreedFen,
        paidFen: plan.result === 'agreement' ? agreedFen : Math.round(agreedFen / 2),
        terms:
          agreedFen > 0
            ? `被申请人于${addDays(applied, 20 + i)}前向申请人支付人民币${(agreedFen / 100).toFixed(2)}元\n申请人放弃其他请求`
            : null,
      });
    }
  }
  return made;
}
