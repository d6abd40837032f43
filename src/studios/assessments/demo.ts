// The demo's yearly assessments: a score sheet for each of the last two years and the assessment
// of every studio designated in the demo, written through the same services as people would: the
// city's production department (production) sets the sheets, opens the years and reviews; each
// studio's district scores it. Most studios pass, some are excellent (a few flagged for publicity
// with an adopted bulletin item), a few fail, and one fails both years and is revoked. Of the last
// year a few assessments are left waiting for their district's scoring and for the city's review.
import { systemActor, type Actor } from '../../platform/access';
import { now } from '../../platform/clock';
import { db } from '../../platform/db/client';
import { PERMISSIONS } from '../../platform/shared/access-catalog';
import { chinaToday } from '../../platform/shared/dates';
import { loadActor } from '../../orgs/users-service';
import { designatedStudioRows } from '../register/studios-service';
import type { AssessmentResult, SheetBody } from './contract';
import { SheetBody as SheetSchema } from './contract';
import { searchBulletinItems, scorerPath } from './service';
import { createSheet } from './sheets';
import { flagAssessment, openYear, reviewAssessment, scoreAssessment } from './workflow';

const sheetOf = (year: number): SheetBody => ({
  name: `${year}年度劳模创新工作室督察考核表`,
  year,
  criteria: [
    { key: 'plan', label: '四明确计划落实', weight: 30, maxScore: 100, evidence: '年度计划、里程碑完成情况' },
    {
      key: 'innovation',
      label: '创新成果',
      weight: 30,
      maxScore: 100,
      evidence: '专利证书、技术改进项目验收材料、合理化建议采纳记录',
    },
    { key: 'talent', label: '人才培养', weight: 20, maxScore: 100, evidence: '培训记录、技能等级晋升证明' },
    { key: 'benefit', label: '经济效益', weight: 10, maxScore: 100, evidence: '财务部门出具的效益测算依据' },
    { key: 'management', label: '日常管理', weight: 10, maxScore: 50, evidence: '制度、台账、活动记录' },
  ],
  excellentFrom: 90,
  passFrom: 60,
  failsToRevoke: 2,
});

/** The total a studio earns in a year: mostly pass, every ninth excellent, every thirteenth a fail. */
function targetOf(i: number, year: number, doomed: boolean): number {
  if (doomed) return 48 + (year % 2) * 4;
  const k = i + year;
  if (k % 13 === 5) return 52 + (k % 5);
  if (i % 9 === 2) return 91 + (k % 6);
  return 68 + ((k * 7) % 20);
}

/** Writes the demo assessments of the last two years; returns how many. */
export async function seedDemoAssessments(): Promise<number> {
  const [user] = await db.rows<{ id: string }>(`select id from users where username = 'production'`);
  const production = user ? await loadActor(user.id) : null;
  if (!production) return 0;
  const studios = await db.readTransaction((tx) => designatedStudioRows(tx));
  if (!studios.length) return 0;
  const units = await db.rows<{ id: string; path: string; name: string }>(`select id, path, name from orgs`);
  const unitAt = new Map(units.map((u) => [u.path, u]));
  /** The unit that scores the studio, acting as its studio staff would. */
  const scorerOf = (path: string): Actor => {
    const scorer = scorerPath(path);
    if (!scorer) return production;
    const unit = unitAt.get(scorer)!;
    return { ...systemActor(PERMISSIONS), displayName: unit.name, orgId: unit.id, scopePath: unit.path };
  };
  const thisYear = Number(chinaToday(now()).slice(0, 4));
  const years = [thisYear - 2, thisYear - 1];
  // The studio that fails both years: one scored by a district, in the middle of the list.
  const doomed = studios.filter((s) => scorerPath(s.orgPath))[Math.floor(studios.length / 3)]?.id;
  const items = (await searchBulletinItems(production, undefined)).items;
  let made = 0;
  let flagged = 0;
  for (const year of years) {
    const sheet = await createSheet(production, SheetSchema.parse(sheetOf(year)));
    const opened = await openYear(production, { year, sheetId: sheet.id });
    made += opened.opened;
    const list = await db.rows<{ id: string; studio_id: string; org_path: string }>(
      `select id, studio_id, org_path from studio_assessments where year = $1 order by org_path, id`,
      [year],
    );
    const last = year === years[years.length - 1];
    for (const [i, a] of list.entries()) {
      const isDoomed = a.studio_id === doomed;
      // The last year: a few wait for their district, a few for the city.
      if (last && !isDoomed && i % 17 === 4) continue;
      const target = targetOf(i, year, isDoomed);
      let d = await scoreAssessment(scorerOf(a.org_path), a.id, {
        version: 1,
        scores: sheet.criteria.map((c) => ({
          key: c.key,
          score: Math.round(c.maxScore * target) / 100,
          note: c.key === 'plan' ? '现场查看计划台账和里程碑完成记录' : null,
        })),
      });
      if (last && !isDoomed && i % 17 === 9) continue;
      // Now and then the city takes a different view of the district's proposal.
      const changed: AssessmentResult | null =
        i % 23 === 7 && d.proposedResult === 'pass' ? 'excellent' : null;
      d = await reviewAssessment(production, a.id, {
        version: d.version,
        result: changed ?? d.proposedResult!,
        comment: changed
          ? '该工作室年度创新成果获省级奖励，审定为优秀'
          : d.proposedResult === 'fail'
            ? '计划执行滞后，创新成果不足，请限期整改'
            : null,
      });
      if (d.finalResult === 'excellent' && flagged < 6 && i % 2 === 0) {
        flagged += 1;
        const item = items[flagged % Math.max(items.length, 1)];
        await flagAssessment(production, a.id, {
          version: d.version,
          flagged: true,
          note: '推荐参加年度劳模创新工作室先进表彰，在《工作动态》推广其经验',
          bulletinItemIds: item ? [item.id] : [],
        });
      }
    }
  }
  return made;
}
