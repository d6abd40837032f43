// The demo programme: this year's 百名干部服务千家企业 of the city federation, about a hundred
// cadres paired with the thousand most urgent three-category enterprises (the three most urgent
// weak unions of 长桥街道 left for the walk-through to pair), visits since January on each pairing's rhythm (some lapse,
// so some are overdue), and needs raised on them in every state. Written in bulk, dated back.
import { systemActor } from '../platform/access';
import { db, type Db } from '../platform/db/client';
import { newId } from '../platform/ids';
import { PERMISSIONS } from '../platform/shared/access-catalog';
import { addDays, chinaToday } from '../platform/shared/dates';
import { orgsInScopeByKind } from '../orgs/service';
import { enterpriseRefs } from '../enterprises/service';
import { listPriorityEnterprises, topPriority } from '../coverage/service';
import { sql } from 'drizzle-orm';
import {
  aspectOf,
  NEED_KINDS,
  SEASON_LABELS,
  SERVICE_ITEMS,
  type NeedKind,
  type ServiceItem,
} from './contract';
import { createProgramme } from './programmes';
import { rebuildServiceCounts } from './counts';
import { refreshAllPriorityFlags } from './priority-flags';
import {
  serviceCampaigns,
  serviceCampaignVisits,
  serviceNeedEvents,
  serviceNeeds,
  servicePairings,
  serviceVisits,
} from './tables';

const PAIRINGS = 1000;
/** The weak unions of 长桥街道 left unpaired: the walk-through pairs them. */
const LEFT_IN_CHANGQIAO = 3;

const CONTENT: Partial<Record<ServiceItem, string>> = {
  'coverage.publicity': '向企业负责人宣传《工会法》和建会的好处，发放建会指导手册',
  'coverage.liaison': '与企业人事部门建立联系，约定每季度沟通一次',
  'coverage.preparation': '指导成立工会筹备组，讲解会员发展和选举程序',
  'staffing.cadres': '与企业商议工会主席人选，推荐参加新任主席培训',
  'staffing.election': '提醒工会委员会任期届满，指导制定换届选举方案',
  'staffing.membersCongress': '指导召开会员代表大会，审议工会工作报告',
  'staffing.satisfaction': '组织会员评家，听取职工对工会工作的意见',
  'activities.rights': '了解职工工资发放和劳动合同签订情况，宣讲维权渠道',
  'activities.workersCongress': '指导企业召开职代会，审议职工福利方案',
  'activities.bargaining': '指导开展集体协商，帮助拟订集体合同文本',
  'activities.wageAgreement': '指导开展工资集体协商，提供行业工资指导线',
  'activities.stableWorkforce': '了解用工和职工流动情况，协调技能培训',
  'guarantees.fiveHaves': '察看职工书屋和活动场地，指导完善公开专栏',
  'guarantees.venues': '协调活动阵地建设，推荐申报职工之家',
  'guarantees.funds': '讲解工会经费拨缴和使用规定，核对经费台账',
};
const NEED_TEXT: Record<NeedKind, string[]> = {
  hiring: ['普工缺口约 30 人，希望推荐招聘渠道', '希望参加区里的春风行动招聘会'],
  training: ['希望组织工会干部业务培训', '一线员工技能提升培训需求约 50 人'],
  policy: ['咨询稳岗补贴申报政策', '咨询工会经费返还政策'],
  dispute: ['部分职工对加班费计算有异议，希望协调', '离职员工经济补偿争议，希望调解'],
  other: ['希望协助建设职工书屋', '希望推荐参加劳动竞赛'],
};

/** A small deterministic generator, so that every fresh demo is the same. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function insertChunks<T extends Record<string, unknown>>(
  tx: Db,
  table: Parameters<Db['insert']>[0],
  rows: T[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await tx.insert(table).values(rows.slice(i, i + 500));
}

/** Writes the demo programme; returns how many pairings, visits and needs it wrote. */
export async function seedDemoService(
  /** The service cadres and their units' paths (orgs/demo.ts seedDemoCadres). */
  cadres: { id: string; path: string }[],
  /** How many enterprises to pair (the benchmark pairs more, for a hundred thousand visits). */
  size = PAIRINGS,
): Promise<{ pairings: number; visits: number; needs: number; programmeId: string }> {
  const actor = systemActor(PERMISSIONS);
  const today = chinaToday();
  const year = today.slice(0, 4);
  const [root, changqiao] = await db.transaction(async (tx) => {
    const orgs = await orgsInScopeByKind(tx, actor, ['cityFederation', 'townshipUnion']);
    return [orgs.find((o) => o.kind === 'cityFederation')!, orgs.find((o) => o.name === '长桥街道工会')];
  });
  const programme = await createProgramme(actor, {
    name: `${year}年百名干部服务千家企业`,
    orgId: root.id,
    startsOn: `${year}-01-01`,
    endsOn: `${year}-12-31`,
    levels: ['city', 'district', 'township'],
    visitEveryDays: 60,
    description: '市、县级市(区)、乡镇(街道)工会干部挂钩联系三类企业，每 60 天至少走访一次。',
  });
  // The three most urgent weak unions of 长桥街道 stay unpaired: the walk-through pairs them.
  const left = changqiao
    ? (
        await listPriorityEnterprises(actor, {
          orgId: changqiao.id,
          category: 3,
          page: 1,
          pageSize: LEFT_IN_CHANGQIAO,
        })
      ).items.map((i) => i.enterprise.id)
    : [];
  const next = random(20111);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  return db.transaction(async (tx) => {
    const ranked = await topPriority(tx, root.path, size * 2);
    const refs = await enterpriseRefs(tx, ranked);
    const skipped = new Set(left);
    const pairings: (typeof servicePairings.$inferInsert)[] = [];
    const visits: (typeof serviceVisits.$inferInsert)[] = [];
    const needs: (typeof serviceNeeds.$inferInsert)[] = [];
    const events: (typeof serviceNeedEvents.$inferInsert)[] = [];
    const start = `${year}-01-01`;
    for (const id of ranked) {
      if (pairings.length >= size) break;
      const e = refs.get(id);
      if (!e || skipped.has(id)) continue;
      // The cadre of the enterprise's township when it has one, else of its district.
      const reach = cadres.filter((c) => e.orgPath.startsWith(c.path));
      if (!reach.length) continue;
      const deepest = Math.max(...reach.map((c) => c.path.length));
      const cadre = pick(reach.filter((c) => c.path.length === deepest));
      const pairing = {
        id: newId(),
        programmeId: programme.id,
        enterpriseId: id,
        orgPath: e.orgPath,
        cadreId: cadre.id,
        visitEveryDays: null,
        startedOn: start,
        lastVisitOn: null as string | null,
        dueOn: addDays(start, 60),
        createdBy: actor.id,
      };
      pairings.push(pairing);
      // Visits every 40 to 75 days from a first one in the first quarter; one cadre in six
      // lapses after the summer, so their pairings fall overdue.
      const lapses = next() < 0.16;
      for (
        let day = addDays(start, Math.floor(next() * 80));
        day <= today;
        day = addDays(day, 40 + Math.floor(next() * 36))
      ) {
        if (lapses && day > `${year}-08-31`) break;
        const items = [
          ...new Set([
            pick(SERVICE_ITEMS),
            pick(SERVICE_ITEMS),
            ...(next() < 0.3 ? [pick(SERVICE_ITEMS)] : []),
          ]),
        ];
        const visit = {
          id: newId(),
          programmeId: programme.id,
          enterpriseId: id,
          orgPath: e.orgPath,
          visitedOn: day,
          cadreIds: [cadre.id],
          items,
          aspects: [...new Set(items.map(aspectOf))],
          approaches: next() < 0.4 ? [pick(['guide', 'push', 'support'] as const)] : [],
          met: pick(['工会主席', '人事经理', '企业负责人', '工会副主席']),
          content: items.map((i) => CONTENT[i]).join('；'),
          facts: [],
          createdBy: cadre.id,
        };
        visits.push(visit);
        pairing.lastVisitOn = day;
        pairing.dueOn = addDays(day, 60);
        if (next() < 0.18) {
          const kind = pick(NEED_KINDS);
          const dueOn = addDays(day, 30);
          const age = (Date.parse(today) - Date.parse(day)) / 86_400_000;
          const roll = next();
          // Older needs are mostly settled; recent ones open or under way, some past their day.
          const state =
            age > 60
              ? roll < 0.75
                ? 'resolved'
                : roll < 0.85
                  ? 'closed'
                  : 'inProgress'
              : roll < 0.5
                ? 'open'
                : 'inProgress';
          const needId = newId();
          needs.push({
            id: needId,
            enterpriseId: id,
            orgPath: e.orgPath,
            programmeId: programme.id,
            visitId: visit.id,
            kind,
            description: pick(NEED_TEXT[kind]),
            ownerId: state === 'open' && roll < 0.25 ? null : cadre.id,
            dueOn,
            state,
            resolvedOn:
              state === 'resolved' || state === 'closed' ? addDays(day, 10 + Math.floor(next() * 30)) : null,
            createdBy: cadre.id,
          });
          const at = (d: string) => new Date(`${d}T10:00:00+08:00`);
          events.push({
            id: newId(),
            needId,
            at: at(day),
            actorId: cadre.id,
            action: 'create',
            ownerId: null,
            note: null,
          });
          if (state !== 'open')
            events.push({
              id: newId(),
              needId,
              at: at(addDays(day, 3)),
              actorId: cadre.id,
              action: 'progress',
              ownerId: null,
              note: '已与相关部门对接',
            });
          if (state === 'resolved' || state === 'closed')
            events.push({
              id: newId(),
              needId,
              at: at(addDays(day, 10)),
              actorId: cadre.id,
              action: state === 'resolved' ? 'resolve' : 'close',
              ownerId: null,
              note: state === 'resolved' ? '已协调解决，企业表示满意' : '企业情况变化，需求取消',
            });
        }
      }
    }
    await insertChunks(tx, servicePairings, pairings);
    await insertChunks(tx, serviceVisits, visits);
    await insertChunks(tx, serviceNeeds, needs);
    await insertChunks(tx, serviceNeedEvents, events);
    await rebuildServiceCounts(tx);
    await refreshAllPriorityFlags(tx);
    return {
      pairings: pairings.length,
      visits: visits.length,
      needs: needs.length,
      programmeId: programme.id,
    };
  });
}

const PLACES = [
  '市环境卫生管理处城东作业站',
  '轨道交通线路施工工地',
  '公交集团调度中心',
  '快递物流分拨中心',
  '外卖骑手服务站',
  '城市道路养护中心',
  '供电公司抢修班',
  '交警铁骑中队',
];
const SUMMER_GOODS = ['防暑降温药品、清凉饮料', '毛巾、花露水、绿豆汤料', '防晒袖套、遮阳帽、藿香正气水'];
const WINTER_GOODS = ['棉被、大米、食用油', '羽绒服、保温杯', '年货礼包、春联'];
const WORKER_NAMES = [
  '王秀英',
  '李建华',
  '张桂兰',
  '刘国强',
  '陈玉梅',
  '杨志刚',
  '赵红霞',
  '周海峰',
  '吴春燕',
  '徐卫东',
];

/** The seasons of the demo: this or last summer, last winter, and this winter once it began. */
function demoSeasons(
  today: string,
): { season: 'summer' | 'winter'; year: number; startsOn: string; endsOn: string }[] {
  const y = Number(today.slice(0, 4));
  const summer = today >= `${y}-06-15` ? y : y - 1;
  const winter = today >= `${y}-12-01` ? y : y - 1;
  const winterOf = (year: number) => ({
    season: 'winter' as const,
    year,
    startsOn: `${year}-12-01`,
    endsOn: `${year + 1}-02-28`,
  });
  return [
    { season: 'summer', year: summer, startsOn: `${summer}-06-15`, endsOn: `${summer}-08-31` },
    winterOf(winter - 1),
    winterOf(winter),
  ];
}

/**
 * The demo's 送清凉 and 送温暖: the city federation and each district run one per season, 长桥街道
 * its own summer one; their cadres deliver to paired enterprises (and the city to outdoor
 * workplaces), with people by group, hardship workers and model workers by name, money and goods.
 */
export async function seedDemoCampaigns(
  cadres: { id: string; path: string }[],
): Promise<{ campaigns: number; visits: number }> {
  const actor = systemActor(PERMISSIONS);
  const today = chinaToday();
  const next = random(36524);
  const between = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  return db.transaction(async (tx) => {
    const units = await orgsInScopeByKind(tx, actor, [
      'cityFederation',
      'districtFederation',
      'townshipUnion',
    ]);
    const root = units.find((o) => o.kind === 'cityFederation')!;
    const districts = units
      .filter((o) => o.kind === 'districtFederation')
      .sort((a, b) => (a.path < b.path ? -1 : 1));
    const changqiao = units.find((o) => o.name === '长桥街道工会');
    const paired = await tx.execute<{ id: string; path: string }>(sql`
      select enterprise_id as id, org_path as path from service_pairings where ended_on is null order by id`);
    const campaigns: (typeof serviceCampaigns.$inferInsert)[] = [];
    const deliveries: (typeof serviceCampaignVisits.$inferInsert)[] = [];
    for (const s of demoSeasons(today)) {
      if (s.startsOn > today) continue;
      const last = s.endsOn < today ? s.endsOn : today;
      const span = Math.max(0, (Date.parse(last) - Date.parse(s.startsOn)) / 86_400_000);
      const runners = [root, ...districts, ...(s.season === 'summer' && changqiao ? [changqiao] : [])];
      for (const unit of runners) {
        const campaign = {
          id: newId(),
          orgId: unit.id,
          orgPath: unit.path,
          season: s.season,
          year: s.year,
          name: `${s.year}年${unit.kind === 'townshipUnion' ? unit.name.replace(/工会$/, '') : ''}${SEASON_LABELS[s.season]}`,
          startsOn: s.startsOn,
          endsOn: s.endsOn,
          description:
            s.season === 'summer'
              ? '深入高温作业一线，为职工送去防暑降温用品和慰问金，督促企业落实高温津贴和防暑措施。'
              : '走访慰问困难职工、一线职工和劳动模范，帮助解决实际困难。',
          createdBy: actor.id,
        };
        campaigns.push(campaign);
        const reach = cadres.filter((c) => c.path.startsWith(unit.path));
        const firms = paired.filter((p) => p.path.startsWith(unit.path));
        const count =
          unit.kind === 'cityFederation'
            ? PLACES.length
            : Math.min(firms.length, unit.kind === 'townshipUnion' ? 6 : 30);
        const progress = Math.min(
          1,
          span / Math.max(1, (Date.parse(s.endsOn) - Date.parse(s.startsOn)) / 86_400_000),
        );
        for (let i = 0; i < Math.round(count * Math.max(progress, 0.1)); i++) {
          const firm = unit.kind === 'cityFederation' ? null : firms[Math.floor(next() * firms.length)]!;
          const summer = s.season === 'summer';
          const groups = summer
            ? {
                frontline: between(20, 150),
                outdoor: firm ? between(0, 20) : between(20, 80),
                migrant: between(0, 60),
                hardship: 0,
                model: between(0, 1),
                other: 0,
              }
            : {
                frontline: between(10, 60),
                outdoor: firm ? 0 : between(10, 40),
                migrant: between(0, 30),
                hardship: between(1, 6),
                model: between(0, 2),
                other: between(0, 5),
              };
          const people = Object.values(groups).reduce((a, b) => a + b, 0);
          const workers = [
            ...Array.from({ length: groups.hardship }, () => ({
              name: pick(WORKER_NAMES),
              group: 'hardship',
              note: pick(['因病致困', '子女上学负担重', '单亲家庭']),
            })),
            ...Array.from({ length: groups.model }, () => ({
              name: pick(WORKER_NAMES),
              group: 'model',
              note: '市劳动模范',
            })),
          ];
          const recorder = reach.length ? pick(reach) : null;
          deliveries.push({
            id: newId(),
            campaignId: campaign.id,
            season: s.season,
            year: s.year,
            enterpriseId: firm?.id ?? null,
            place: firm ? null : PLACES[i % PLACES.length]!,
            orgPath: firm?.path ?? unit.path,
            visitedOn: addDays(s.startsOn, Math.floor(next() * (span + 1))),
            leaders: pick(['工会主席', '工会副主席', '经审会主任', '办公室主任']),
            groups,
            people,
            workers,
            moneyFen: summer
              ? between(20, 80) * 10_000
              : groups.hardship * between(5, 20) * 10_000 + between(10, 40) * 10_000,
            goods: pick(summer ? SUMMER_GOODS : WINTER_GOODS),
            goodsValueFen: people * between(30, 80) * 100,
            note: null,
            createdBy: recorder?.id ?? actor.id,
          });
        }
      }
    }
    await insertChunks(tx, serviceCampaigns, campaigns);
    await insertChunks(tx, serviceCampaignVisits, deliveries);
    return { campaigns: campaigns.length, visits: deliveries.length };
  });
}
