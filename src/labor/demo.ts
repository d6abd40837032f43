// The demo's early warning: a year of reports by township unions across the districts, at
// enterprises of their scope, graded by the default rule and handled by the district federations
// through to the follow-up (one found back and handled again); and the last ten days' reports in
// every state: one waits within its deadline, one was left unacknowledged and climbed to the city.
// Written through the same services as the people would, with the clock set back to when each
// step happened.
import { systemActor, type Actor } from '../platform/access';
import { clockOffset, now, setClockOffset } from '../platform/clock';
import { db } from '../platform/db/client';
import { PERMISSIONS } from '../platform/shared/access-catalog';
import { addDays, chinaDay, chinaToday } from '../platform/shared/dates';
import type { RiskKind } from './contract';
import { createReport } from './reports';
import { acknowledgeReport, closeReport, coordinateReport, followUpReport, resolveReport } from './handling';
import { escalateOverdue } from './escalation';

const CASES: {
  kinds: RiskKind[];
  workers: number;
  months: number | null;
  wan: number | null;
  text: string;
}[] = [
  {
    kinds: ['wageArrears'],
    workers: 80,
    months: 2,
    wan: 120,
    text: '企业订单减少、资金链紧张，拖欠一线职工两个月工资，职工多次到工会反映。',
  },
  {
    kinds: ['wageArrears', 'ownerAbsconded'],
    workers: 46,
    months: 3,
    wan: 85,
    text: '企业负责人失联，厂区停工，职工聚集要求支付工资。',
  },
  {
    kinds: ['layoffs'],
    workers: 120,
    months: null,
    wan: null,
    text: '企业计划裁减生产线员工约 120 人，尚未与工会协商方案。',
  },
  {
    kinds: ['stoppage'],
    workers: 35,
    months: 1,
    wan: 18,
    text: '企业因环保整改停工停产，职工待岗，生活费发放不足。',
  },
  {
    kinds: ['insuranceArrears'],
    workers: 60,
    months: 4,
    wan: 32,
    text: '企业连续四个月未缴纳职工社会保险。',
  },
  {
    kinds: ['closure'],
    workers: 28,
    months: null,
    wan: null,
    text: '企业拟整体搬迁至外省，职工安置方案未定。',
  },
  { kinds: ['wageArrears'], workers: 12, months: 1, wan: 9.6, text: '小型加工厂拖欠职工一个月工资。' },
  {
    kinds: ['collectiveAction', 'wageArrears'],
    workers: 150,
    months: 2,
    wan: 260,
    text: '部分职工因欠薪到区政府上访，情绪激动。',
  },
  { kinds: ['other'], workers: 8, months: null, wan: null, text: '职工反映加班费计算不清，存在不稳定苗头。' },
  { kinds: ['wageArrears'], workers: 25, months: 2, wan: 40, text: '建筑分包单位拖欠农民工工资。' },
];

/** Who coordinated each handled case, in turn. */
const PARTNER_STEPS = [
  { partner: 'laborInspection', text: '会同劳动保障监察部门约谈企业负责人，责令限期支付拖欠工资' },
  { partner: 'hrss', text: '会同人社部门指导企业依法制定职工安置方案' },
  { partner: 'government', text: '会同属地街道召开协调会，明确企业整改时限' },
  { partner: 'lettersVisits', text: '会同信访部门接待职工代表，做好解释疏导' },
] as const;

/** Writes the demo reports and their handling; returns how many reports. */
export async function seedDemoLabor(): Promise<number> {
  const base = clockOffset();
  const at = (hoursAgo: number) => setClockOffset(base - Math.round(hoursAgo * 3600_000));
  try {
    return await writeCases(at);
  } finally {
    setClockOffset(base);
    // What the deadlines made of the waiting ones by now.
    await escalateOverdue();
  }
}

type Town = { id: string; path: string; user: string; district: string; district_path: string };

/**
 * The year before the recent cases: two reports a month for twelve months, each acknowledged,
 * coordinated, closed and (once its follow-up fell due) followed up; one found back at its
 * follow-up, handled again and closed anew.
 */
async function writeYear(
  at: (hoursAgo: number) => void,
  towns: Town[],
  handlerOf: (town: Town) => Actor,
  reporterOf: (town: Town) => Actor,
): Promise<number> {
  let made = 0;
  for (let month = 1; month <= 12; month++) {
    for (let k = 0; k < 2; k++) {
      const i = month * 2 + k;
      const c = CASES[i % CASES.length]!;
      const town = towns[(i * 11 + 3) % towns.length]!;
      const [firm] = await db.rows<{ id: string }>(
        `select id from enterprises where org_path = $1 and status = 'operating' order by id offset $2 limit 1`,
        [town.path, i % 7],
      );
      if (!firm) continue;
      const ago = month * 30 * 24 + k * 72 + 5;
      at(ago);
      const amountFen = c.wan === null ? null : Math.round(c.wan * 1_000_000 * (1 + (i % 4) / 4));
      let r = await createReport(reporterOf(town), {
        enterpriseId: firm.id,
        enterpriseName: null,
        raiseReason: null,
        kinds: c.kinds,
        workers: c.workers + (i % 5) * 7,
        months: c.months,
        amountFen,
        occurredOn: chinaDay(now()),
        description: c.text,
      });
      made += 1;
      const handler = handlerOf(town);
      at(ago - 2);
      r = await acknowledgeReport(handler, r.id, { version: r.version, note: null });
      const step = PARTNER_STEPS[i % PARTNER_STEPS.length]!;
      at(ago - 26);
      r = await coordinateReport(handler, r.id, {
        version: r.version,
        on: chinaDay(now()),
        partner: step.partner,
        partnerName: null,
        action: step.text,
      });
      at(ago - 10 * 24);
      const close = (summary: string) =>
        closeReport(handler, r.id, {
          version: r.version,
          wagesPaidFen: amountFen ?? 0,
          workersSettled: c.workers,
          amountRecoveredFen: amountFen ?? 0,
          summary,
        });
      r = await close('拖欠款项已支付到位，职工情绪稳定');
      const followUpAgo = ago - 40 * 24;
      if (followUpAgo <= 0) continue;
      at(followUpAgo);
      const back = i === 11;
      r = await followUpReport(reporterOf(town), r.id, {
        version: r.version,
        on: chinaDay(now()),
        finding: back ? '企业再次拖欠职工一个月工资' : '企业按月足额发放工资，未出现反复',
        problemBack: back,
      });
      if (!back || followUpAgo - 15 * 24 <= 0) continue;
      at(followUpAgo - 15 * 24);
      r = await close('企业补发拖欠工资并承诺按月发放');
      at(followUpAgo - 30 * 24 > 0 ? followUpAgo - 30 * 24 : 1);
      await followUpReport(reporterOf(town), r.id, {
        version: r.version,
        on: chinaDay(now()),
        finding: '工资按月发放，职工情绪稳定',
        problemBack: false,
      });
    }
  }
  return made;
}

async function writeCases(at: (hoursAgo: number) => void): Promise<number> {
  const today = chinaToday();
  // The townships' service cadres report (the role may), one township per report, across the districts.
  const towns = await db.rows<Town>(
    `select distinct on (o.path) o.id, o.path, u.id as user, d.id as district, d.path as district_path
     from users u join orgs o on o.id = u.org_id join orgs d on d.id = o.parent_id
     where u.role = 'serviceCadre' and o.kind = 'townshipUnion' and o.active order by o.path, u.username`,
  );
  // A district's own staff acknowledge (wuzhong in 吴中区), else the district as such.
  const staff = await db.rows<{ id: string; org_id: string }>(
    `select distinct on (org_id) id, org_id from users where role = 'unionStaff' and active order by org_id, username`,
  );
  const reporterOf = (town: Town): Actor => ({
    ...systemActor(PERMISSIONS),
    id: town.user,
    orgId: town.id,
    scopePath: town.path,
  });
  const handlerOf = (town: Town): Actor => ({
    ...systemActor(PERMISSIONS),
    id: staff.find((s) => s.org_id === town.district)?.id ?? systemActor(PERMISSIONS).id,
    orgId: town.district,
    scopePath: town.district_path,
  });
  if (!towns.length) return 0;
  let made = await writeYear(at, towns, handlerOf, reporterOf);
  for (const [i, c] of CASES.entries()) {
    const town = towns[(i * 7) % towns.length]!;
    const [firm] = await db.rows<{ id: string }>(
      `select id from enterprises where org_path = $1 and status = 'operating' order by employees desc nulls last, id offset $2 limit 1`,
      [town.path, i],
    );
    if (!firm) continue;
    const reporter = reporterOf(town);
    const handler = handlerOf(town);
    // Reported over the last ten days, never ahead of now; each step some hours after the last.
    const reportedAgo = i * 24 + 2;
    at(reportedAgo);
    let r = await createReport(reporter, {
      enterpriseId: firm.id,
      enterpriseName: null,
      raiseReason: null,
      kinds: c.kinds,
      workers: c.workers,
      months: c.months,
      amountFen: c.wan === null ? null : Math.round(c.wan * 1_000_000),
      occurredOn: addDays(today, -(i + 3)),
      description: c.text,
    });
    made += 1;
    // The newest waits within its deadline; the second was never acknowledged.
    if (i < 2) continue;
    at(reportedAgo - 1);
    r = await acknowledgeReport(handler, r.id, { version: r.version, note: '已安排专人对接' });
    if (i === 2) continue;
    const step = PARTNER_STEPS[i % PARTNER_STEPS.length]!;
    at(reportedAgo - 5);
    r = await coordinateReport(handler, r.id, {
      version: r.version,
      on: addDays(today, -i),
      partner: step.partner,
      partnerName: null,
      action: step.text,
    });
    if (i === 3 || i === 7) continue;
    at(reportedAgo - 20);
    if (i === 5) {
      await resolveReport(handler, r.id, { version: r.version, note: '企业与职工达成安置协议，矛盾已化解' });
      continue;
    }
    const owed = c.wan === null ? 0 : Math.round(c.wan * 1_000_000);
    r = await closeReport(handler, r.id, {
      version: r.version,
      wagesPaidFen: owed,
      workersSettled: c.workers,
      amountRecoveredFen: owed,
      summary: '拖欠款项已支付到位，职工情绪稳定',
    });
    if (i !== 6) continue;
    at(reportedAgo - 40);
    await followUpReport(reporter, r.id, {
      version: r.version,
      on: addDays(today, -(i - 2)),
      finding: '企业按月足额发放工资，未出现反复',
      problemBack: false,
    });
  }
  // A decoration crew outside the registry, named by hand: it offers to link or register it.
  const [cadre] = await db.rows<{ org_id: string }>(
    `select org_id from users where username = 'cadre_wuzhong'`,
  );
  const own = towns.find((t) => t.id === cadre?.org_id) ?? towns[0]!;
  at(30);
  await createReport(reporterOf(own), {
    enterpriseId: null,
    enterpriseName: '阳光装饰工程队',
    raiseReason: null,
    kinds: ['wageArrears'],
    workers: 14,
    months: 2,
    amountFen: 16_800_000,
    occurredOn: addDays(today, -3),
    description: '装饰工程队承接小区装修项目，拖欠 14 名工人两个月工资约 16.8 万元，工人多次到项目部讨薪。',
  });
  made += 1;
  return made;
}
