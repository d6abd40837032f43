// The demo's achievements: for every studio designated in the demo city, records over the last
// three years (from its designation on) of every kind — innovations, technical improvements,
// patents with real check characters, projects, people trained, rationalisation proposals and
// awards — some with an economic benefit and the basis of the figure, entered as the studios' own
// history. Each record passes the same schema as one typed in the page.
import { systemActor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { now } from '../../platform/clock';
import { db } from '../../platform/db/client';
import { newId } from '../../platform/ids';
import { PERMISSIONS } from '../../platform/shared/access-catalog';
import { chinaToday } from '../../platform/shared/dates';
import { designatedStudioRows } from '../register/studios-service';
import {
  ACHIEVEMENT_KINDS,
  AWARD_LEVELS,
  AchievementBody,
  KIND_FIELDS,
  PATENT_KINDS,
  type AchievementKind,
  type PatentKind,
} from './contract';
import { studioAchievements } from './tables';

const TITLES: Record<AchievementKind, string[]> = {
  innovation: [
    '数控加工中心刀具寿命监测装置',
    '高压开关柜温度在线监测系统',
    '注塑模具快速换模工装',
    '生产线视觉检测系统',
    '余热回收利用装置',
    '智能仓储AGV调度方法',
  ],
  improvement: [
    '焊接工艺参数优化',
    '空压机群控节能改造',
    '包装线瓶颈工位改进',
    '冲压模具寿命提升',
    '污水处理曝气系统改进',
    '设备点检标准化改进',
  ],
  patent: [
    '一种自动上下料机械手',
    '一种可调式定位夹具',
    '一种防尘散热机箱',
    '一种纺织品张力检测装置',
    '一种节能型烘干设备',
    '一种多工位旋转工作台',
  ],
  project: [
    '智能制造车间改造项目',
    '关键零部件国产化攻关项目',
    '绿色工厂创建项目',
    '市级职工技术创新项目',
    '工艺数字化平台建设项目',
  ],
  training: ['“师带徒”结对培养', '青年技工技能提升班', '高级工、技师考前培训', '班组长轮训'],
  proposal: ['“金点子”合理化建议征集', '降本增效合理化建议', '安全生产合理化建议'],
  award: [
    '职工技术创新成果奖',
    '职工优秀技术创新成果',
    '五小竞赛优秀成果',
    '科学技术进步奖',
    'QC小组活动成果',
  ],
};

const BASES = [
  '按改进前后单位能耗差额乘以年产量测算，经财务部门审核',
  '年节约材料费用，以采购台账为据',
  '减少废品损失与返工工时，按车间统计报表核算',
  '新增产值按销售合同金额计，经企业财务确认',
  '节约外协加工费用，以往年外协结算单为基数',
];

/** A small seeded generator, so that the demo is the same every time. */
function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

/** A granted patent's number: ZL, the application number and its check character. */
function patentNumber(year: number, kind: PatentKind, serial: number): string {
  const digits = `${year}${{ invention: 1, utility: 2, design: 3 }[kind]}${String(serial).padStart(7, '0')}`;
  const weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  const sum = [...digits].reduce((s, d, i) => s + Number(d) * weights[i]!, 0) % 11;
  return `ZL${digits}.${sum === 10 ? 'X' : sum}`;
}

/** Writes the achievements of the designated studios; returns how many records were written. */
export async function seedDemoAchievements(): Promise<number> {
  const actor = systemActor(PERMISSIONS);
  const rnd = seeded(20110428);
  const today = chinaToday(now());
  const thisYear = Number(today.slice(0, 4));
  let serial = 100_000;
  return db.transaction(async (tx) => {
    const studios = await designatedStudioRows(tx);
    const rows: (typeof studioAchievements.$inferInsert)[] = [];
    for (const studio of studios) {
      const since = Math.max(thisYear - 2, Number((studio.designatedOn ?? today).slice(0, 4)));
      for (let year = since; year <= thisYear; year++) {
        // This year's records so far are fewer.
        const count = year === thisYear ? rnd.int(1, 4) : rnd.int(3, 7);
        // Months that have passed: a record is never dated in the future.
        const lastMonth = year === thisYear ? Number(today.slice(5, 7)) : 12;
        for (let i = 0; i < count; i++) {
          // Every kind turns up somewhere; patents and innovations most.
          const kind =
            i === 0
              ? rnd.pick(['innovation', 'patent', 'improvement'] as const)
              : rnd.pick(ACHIEVEMENT_KINDS);
          const month = rnd.int(1, lastMonth);
          const day =
            year === thisYear && month === lastMonth
              ? Math.min(rnd.int(1, 28), Number(today.slice(8, 10)))
              : rnd.int(1, 28);
          const on = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const patentKind = rnd.pick(PATENT_KINDS);
          const benefit =
            kind === 'innovation' || kind === 'improvement' || kind === 'proposal' || kind === 'project'
              ? rnd.chance(0.6)
                ? rnd.int(20_000, 3_000_000) * 100 + rnd.int(0, 99)
                : null
              : null;
          const body = AchievementBody.parse({
            year,
            kind,
            title: rnd.pick(TITLES[kind]),
            achievedOn: on,
            patentNumber: kind === 'patent' ? patentNumber(year - 1, patentKind, ++serial) : null,
            patentKind: kind === 'patent' ? patentKind : null,
            patentDate: kind === 'patent' ? on : null,
            peopleTrained: kind === 'training' ? rnd.int(5, 40) : null,
            proposalsCount: kind === 'proposal' ? rnd.int(10, 120) : null,
            benefitFen: benefit,
            benefitBasis: benefit === null ? null : rnd.pick(BASES),
            awardName: kind === 'award' ? `${year}年度${rnd.pick(TITLES.award)}` : null,
            awardLevel: kind === 'award' ? rnd.pick(AWARD_LEVELS.slice(0, 4)) : null,
            note: null,
          });
          const own = new Set(KIND_FIELDS[kind]);
          rows.push({
            id: newId(),
            studioId: studio.id,
            year: body.year,
            kind: body.kind,
            title: body.title,
            achievedOn: body.achievedOn ?? null,
            patentNumber: own.has('patentNumber') ? body.patentNumber : null,
            patentKind: own.has('patentKind') ? (body.patentKind ?? null) : null,
            patentDate: own.has('patentDate') ? (body.patentDate ?? null) : null,
            peopleTrained: own.has('peopleTrained') ? (body.peopleTrained ?? null) : null,
            proposalsCount: own.has('proposalsCount') ? (body.proposalsCount ?? null) : null,
            benefitFen: body.benefitFen ?? null,
            benefitBasis: body.benefitBasis,
            awardName: own.has('awardName') ? body.awardName : null,
            awardLevel: own.has('awardLevel') ? (body.awardLevel ?? null) : null,
            note: null,
            orgPath: studio.orgPath,
            createdBy: actor.id,
          });
        }
      }
    }
    for (let i = 0; i < rows.length; i += 500)
      await tx.insert(studioAchievements).values(rows.slice(i, i + 500));
    await audit(tx, actor, {
      action: 'studio.achievement.seed',
      entity: 'studioAchievement',
      entityId: newId(),
      orgPath: '/',
      after: { records: rows.length, studios: studios.length },
    });
    return rows.length;
  });
}
