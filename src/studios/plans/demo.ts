// The demo's four-clarity plans: every designated studio gets a plan for the current year with
// three to five arrangements spread over the year. Measured against China's today, most past ones
// were done on time, some were done late and some are late and still open; the ones ahead carry
// some progress. Written as the studios would have reported them over the year.
import { now } from '../../platform/clock';
import { db } from '../../platform/db/client';
import { newId } from '../../platform/ids';
import { addDays, chinaToday, daysBetween } from '../../platform/shared/dates';
import { designatedStudioRows } from '../register/studios-service';
import { studioMilestoneReports, studioMilestones, studioPlans } from './tables';

const SYSTEM_ID = '00000000-0000-0000-0000-000000000000';

const ARRANGEMENTS = [
  '制定年度攻关课题并完成立项',
  '完成关键工艺技术攻关方案',
  '开展“师带徒”结对培训并组织考核',
  '形成技术革新成果并申报专利',
  '举办技能交流观摩活动并总结推广',
];
const OWNERS = ['王建国', '李秀英', '张志强', '刘丽华', '陈国平', '杨海燕', '黄建华', '赵春梅', '周晓明'];

/** A stable pseudo-random number in [0, 1) for the studio `i` and arrangement `k`. */
const chance = (i: number, k: number) => (((i + 1) * 7919 + (k + 1) * 104729) % 1000) / 1000;

type MilestoneInsert = typeof studioMilestones.$inferInsert;
type ReportInsert = typeof studioMilestoneReports.$inferInsert;

/** Writes a plan with milestones for each designated studio that has none; returns how many plans. */
export async function seedDemoPlans(): Promise<number> {
  const today = chinaToday(now());
  const year = Number(today.slice(0, 4));
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const span = daysBetween(from, to);
  return db.transaction(async (tx) => {
    const studios = await designatedStudioRows(tx);
    const planned = new Set(
      (await tx.select({ studioId: studioPlans.studioId }).from(studioPlans)).map((p) => p.studioId),
    );
    const plans: (typeof studioPlans.$inferInsert)[] = [];
    const milestones: MilestoneInsert[] = [];
    const reports: ReportInsert[] = [];
    for (const [i, studio] of studios.entries()) {
      if (planned.has(studio.id)) continue;
      const planId = newId();
      plans.push({
        id: planId,
        studioId: studio.id,
        title: `${year}年度工作计划`,
        periodFrom: from,
        periodTo: to,
        goals: `围绕${studio.field}领域的生产难题，全年完成技术革新不少于3项、申报专利不少于1项，培养技术骨干5名以上。`,
        tasks: `依托${studio.hostUnitName}，组织攻关课题组，发挥劳模示范带动作用，开展“师带徒”和技能培训，推广创新成果。`,
        requirements:
          '每季度向所在地区工会报告计划进度；逾期事项写明原因和补救措施；年底形成工作总结，接受督察考核。',
        createdBy: SYSTEM_ID,
      });
      const count = 3 + (i % 3);
      for (let k = 0; k < count; k++) {
        const dueOn = addDays(from, Math.round((span * (k + 1)) / (count + 1)));
        const owner = OWNERS[(i + k) % OWNERS.length]!;
        const m: MilestoneInsert = {
          id: newId(),
          planId,
          studioId: studio.id,
          orgPath: studio.orgPath,
          title: ARRANGEMENTS[k]!,
          dueOn,
          owner,
          createdBy: SYSTEM_ID,
        };
        const report = (reportedOn: string, percent: number, text: string, done: boolean) => {
          reports.push({
            id: newId(),
            milestoneId: m.id,
            reportedOn,
            percent,
            text,
            done,
            reporterName: owner,
          });
          m.progressPercent = percent;
          m.progressText = text;
          m.lastReportedOn = reportedOn;
          if (done) m.doneOn = reportedOn;
        };
        const midway = addDays(dueOn, -25);
        if (midway >= from && midway <= today) report(midway, 50, '已完成前期调研和方案初稿', false);
        const roll = chance(i, k);
        if (dueOn < today) {
          const lateBy = 5 + Math.floor(roll * 40);
          if (roll < 0.7)
            report(addDays(dueOn, -Math.floor(roll * 10)), 100, '按计划完成，已报送成果材料', true);
          else if (roll < 0.85 && addDays(dueOn, lateBy) <= today)
            report(addDays(dueOn, lateBy), 100, '因设备调试延误，逾期完成', true);
          else
            report(
              addDays(dueOn, Math.min(3, daysBetween(dueOn, today))),
              70,
              '试验数据未达标，正在调整方案',
              false,
            );
        } else if (midway > today && roll < 0.5 && addDays(today, -10) >= from) {
          report(addDays(today, -10), 20, '已启动，正在组织人员', false);
        }
        milestones.push(m);
      }
    }
    const chunks = <T>(rows: T[], size = 500) =>
      Array.from({ length: Math.ceil(rows.length / size) }, (_, n) => rows.slice(n * size, (n + 1) * size));
    for (const part of chunks(plans)) await tx.insert(studioPlans).values(part);
    for (const part of chunks(milestones)) await tx.insert(studioMilestones).values(part);
    for (const part of chunks(reports)) await tx.insert(studioMilestoneReports).values(part);
    return plans.length;
  });
}
