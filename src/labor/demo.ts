// The demo's early warning: risks reported over the last ten days by township unions across the
// districts, at enterprises of their scope, graded by the default rule and awaiting the units
// above. Written through createReport, as the township's cadre would, then dated back.
import { sql } from 'drizzle-orm';
import { systemActor, type Actor } from '../platform/access';
import { db } from '../platform/db/client';
import { PERMISSIONS } from '../platform/shared/access-catalog';
import { addDays, chinaToday } from '../platform/shared/dates';
import type { RiskKind } from './contract';
import { createReport } from './reports';

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

/** Writes the demo reports; returns how many. */
export async function seedDemoLabor(): Promise<number> {
  const today = chinaToday();
  // The townships' service cadres report (the role may), one township per report, across the districts.
  const towns = await db.rows<{ id: string; path: string; user: string }>(
    `select distinct on (o.path) o.id, o.path, u.id as user from users u join orgs o on o.id = u.org_id
     where u.role = 'serviceCadre' and o.kind = 'townshipUnion' and o.active order by o.path, u.username`,
  );
  let made = 0;
  for (const [i, c] of CASES.entries()) {
    const town = towns[(i * 7) % towns.length];
    if (!town) break;
    const [firm] = await db.rows<{ id: string }>(
      `select id from enterprises where org_path = $1 and status = 'operating' order by employees desc nulls last, id offset $2 limit 1`,
      [town.path, i],
    );
    if (!firm) continue;
    const actor: Actor = { ...systemActor(PERMISSIONS), id: town.user, orgId: town.id, scopePath: town.path };
    const report = await createReport(actor, {
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
    // Reported over the last ten days, never ahead of now.
    const at = new Date(Date.now() - (i * 24 + 2) * 3600_000);
    await db.transaction((tx) =>
      tx.execute(
        sql`update labor_reports set reported_at = ${at}, created_at = ${at} where id = ${report.id}`,
      ),
    );
    made += 1;
  }
  return made;
}
