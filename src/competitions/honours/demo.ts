// The demo's honours register: a few hundred honours conferred from 2015 to 2026 across the demo
// city's districts, townships and enterprises (五一劳动奖章/奖状, 工人先锋号, 职工之家, 劳动模范,
// competitions' advanced individuals and collectives), entered as a historical list; and
// nominations in every state of the workflow, written through the same services as people would:
// 吴中区总工会 (wuzhong) nominates and the city's production department (production) reviews,
// publicises and confers; two of 长桥街道's nominations wait for wuzhong's review.
import { systemActor, type Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { now } from '../../platform/clock';
import { db } from '../../platform/db/client';
import { newId } from '../../platform/ids';
import { PERMISSIONS } from '../../platform/shared/access-catalog';
import { addDays, chinaToday } from '../../platform/shared/dates';
import { loadActor } from '../../orgs/users-service';
import { NominationBody, type HonourKind, type HonourLevel, type RecipientKind } from './contract';
import { honourEvents, honours } from './tables';
import {
  conferHonour,
  nominate,
  publiciseNomination,
  recordObjection,
  resolveObjection,
  reviewNomination,
  revokeHonour,
} from './workflow';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡';
const GIVEN = [
  '建国',
  '秀英',
  '志强',
  '丽华',
  '国平',
  '海燕',
  '建华',
  '春梅',
  '卫东',
  '晓明',
  '玉兰',
  '金龙',
  '红梅',
  '德明',
  '雪芳',
  '振华',
  '美玲',
  '永康',
  '爱萍',
  '立新',
];
const JOBS = [
  '高级技师',
  '车间主任',
  '数控操作工',
  '质检员',
  '班组长',
  '技术员',
  '焊工',
  '电工',
  '工程师',
  '一线操作工',
];
const TEAMS = [
  '装配一班',
  '质检班组',
  '研发中心',
  '焊接班',
  '维修班',
  '数控车间',
  '客户服务中心',
  '物流班组',
];
const COMPETITIONS = ['“建功立业”劳动竞赛', '招商引资劳动竞赛', '职工技能竞赛', '重点工程劳动竞赛'];

/** What each of the kinds looks like in the demo: its recipients and levels, in turn. */
const PATTERNS: { kind: HonourKind; recipient: RecipientKind; levels: HonourLevel[] }[] = [
  { kind: 'mayDayMedal', recipient: 'person', levels: ['city', 'city', 'province', 'national'] },
  { kind: 'pioneer', recipient: 'team', levels: ['city', 'province', 'city', 'national'] },
  { kind: 'mayDayCertificate', recipient: 'enterprise', levels: ['city', 'province', 'national'] },
  { kind: 'modelWorker', recipient: 'person', levels: ['city', 'city', 'province', 'national'] },
  { kind: 'advancedHome', recipient: 'enterprise', levels: ['district', 'city', 'city'] },
  { kind: 'modelHome', recipient: 'org', levels: ['city', 'province', 'national'] },
  { kind: 'competitionIndividual', recipient: 'person', levels: ['city', 'district'] },
  { kind: 'competitionCollective', recipient: 'team', levels: ['city', 'district'] },
];

function awardingBody(kind: HonourKind, level: HonourLevel, district: string): string {
  if (kind === 'modelWorker')
    return level === 'national'
      ? '中共中央、国务院'
      : level === 'province'
        ? '江苏省人民政府'
        : '苏州市人民政府';
  switch (level) {
    case 'national':
      return '中华全国总工会';
    case 'province':
      return '江苏省总工会';
    case 'city':
      return '苏州市总工会';
    case 'district':
    case 'township':
      return district;
  }
}

interface Place {
  firm_id: string;
  firm: string;
  path: string;
  town_id: string;
  town: string;
  district_id: string;
  district: string;
}

/** Honours conferred from 2015 on, entered as a historical list; returns how many. */
async function seedConferred(count: number): Promise<number> {
  // Enterprises spread over the townships, each with its township and district.
  const places = await db.rows<Place>(
    `select e.id as firm_id, e.name as firm, e.org_path as path, t.id as town_id, t.name as town,
            d.id as district_id, d.name as district
     from enterprises e join orgs t on t.path = e.org_path join orgs d on d.id = t.parent_id
     where e.status = 'operating' and t.kind = 'townshipUnion' and d.kind = 'districtFederation'
     order by md5(e.id::text) limit $1`,
    [count],
  );
  if (!places.length) return 0;
  const actor = systemActor(PERMISSIONS);
  const thisYear = Number(chinaToday(now()).slice(0, 4));
  const values: (typeof honours.$inferInsert)[] = [];
  for (let i = 0; i < count; i++) {
    const p = places[i % places.length]!;
    const pattern = PATTERNS[i % PATTERNS.length]!;
    const level = pattern.levels[Math.floor(i / PATTERNS.length) % pattern.levels.length]!;
    // Spread over 2015 … this year (at most 2026), a few more in recent years.
    const span = Math.min(thisYear, 2026) - 2015 + 1;
    const year = 2015 + ((i * 7 + Math.floor(i / 13)) % span);
    const person = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 3) % GIVEN.length]}`;
    const team = TEAMS[i % TEAMS.length]!;
    const name =
      pattern.kind === 'competitionIndividual' || pattern.kind === 'competitionCollective'
        ? `${year}年${level === 'district' ? p.district.replace(/总工会$/, '') : '苏州市'}${COMPETITIONS[i % COMPETITIONS.length]}`
        : null;
    const recipient = {
      person: {
        recipientName: person,
        unitName: p.firm,
        enterpriseId: p.firm_id,
        recipientOrgId: null,
        path: p.path,
      },
      team: {
        recipientName: team,
        unitName: p.firm,
        enterpriseId: p.firm_id,
        recipientOrgId: null,
        path: p.path,
      },
      enterprise: {
        recipientName: p.firm,
        unitName: null,
        enterpriseId: p.firm_id,
        recipientOrgId: null,
        path: p.path,
      },
      org: {
        recipientName: p.town,
        unitName: null,
        enterpriseId: null,
        recipientOrgId: p.town_id,
        path: p.path,
      },
    }[pattern.recipient];
    values.push({
      id: newId(),
      kind: pattern.kind,
      name,
      level,
      year,
      awardingBody: awardingBody(pattern.kind, level, p.district),
      recipientKind: pattern.recipient,
      recipientName: recipient.recipientName,
      gender: pattern.recipient === 'person' ? (i % 3 === 1 ? 'female' : 'male') : null,
      jobTitle: pattern.recipient === 'person' ? JOBS[i % JOBS.length]! : null,
      unitName: recipient.unitName,
      enterpriseId: recipient.enterpriseId,
      recipientOrgId: recipient.recipientOrgId,
      nominatingOrgId: p.district_id,
      nominatingUnitName: p.district,
      orgPath: recipient.path,
      state: 'conferred',
      imported: true,
      conferredOn: `${year}-04-${String(20 + (i % 9)).padStart(2, '0')}`,
      createdBy: actor.id,
    });
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < values.length; i += 500) {
      const chunk = values.slice(i, i + 500);
      await tx.insert(honours).values(chunk);
      await tx.insert(honourEvents).values(
        chunk.map((v) => ({
          id: newId(),
          honourId: v.id,
          at: new Date(),
          kind: 'imported',
          actorId: null,
          orgId: null,
          text: '从历年荣誉名单导入',
        })),
      );
    }
    await audit(tx, actor, {
      action: 'honour.import',
      entity: 'honourImport',
      entityId: newId(),
      orgPath: '/',
      after: { file: '演示数据：历年荣誉名单', imported: values.length },
    });
  });
  return values.length;
}

/** Nominations in each state of the workflow; returns how many. */
async function seedWorkflow(): Promise<number> {
  const [wuzhongUser] = await db.rows<{ id: string }>(`select id from users where username = 'wuzhong'`);
  const [productionUser] = await db.rows<{ id: string }>(
    `select id from users where username = 'production'`,
  );
  if (!wuzhongUser || !productionUser) return 0;
  const wuzhong = await loadActor(wuzhongUser.id);
  const production = await loadActor(productionUser.id);
  if (!wuzhong || !production) return 0;
  const firms = await db.rows<{ id: string; name: string }>(
    `select id, name from enterprises where org_path like $1 and status = 'operating'
     order by employees desc nulls last, id limit 12`,
    [wuzhong.scopePath + '%'],
  );
  if (firms.length < 10) return 0;
  const today = chinaToday(now());
  const year = Number(today.slice(0, 4));
  const person = (i: number, over: Partial<NominationBody> = {}) =>
    NominationBody.parse({
      kind: 'mayDayMedal',
      level: 'city',
      year,
      awardingBody: '苏州市总工会',
      recipientKind: 'person',
      recipientName: `${SURNAMES[(i * 5) % SURNAMES.length]}${GIVEN[(i * 7 + 2) % GIVEN.length]}`,
      gender: i % 2 ? 'female' : 'male',
      jobTitle: JOBS[i % JOBS.length]!,
      enterpriseId: firms[i]!.id,
      note: '扎根一线二十余年，带头开展技术革新，先后完成技术改进项目十余项。',
      ...over,
    } satisfies NominationBody);
  let made = 0;
  const step = async <T>(run: () => Promise<T>) => {
    made += 1;
    return run();
  };
  // Waiting for production's review.
  await step(() => nominate(wuzhong, person(0)));
  await step(() =>
    nominate(wuzhong, person(1, { kind: 'pioneer', recipientKind: 'team', recipientName: '精密加工班' })),
  );
  // Returned with a reason.
  let h = await step(() =>
    nominate(wuzhong, person(2, { kind: 'modelWorker', awardingBody: '苏州市人民政府' })),
  );
  await reviewNomination(production, h.id, {
    version: h.version,
    decision: 'return',
    reason: '请补充近三年的主要业绩和所获奖励情况',
  });
  // Approved, to be publicised.
  h = await step(() =>
    nominate(wuzhong, person(3, { kind: 'mayDayCertificate', recipientKind: 'enterprise' })),
  );
  await reviewNomination(production, h.id, { version: h.version, decision: 'approve', reason: null });
  // In publicity: running; ended with an open objection; ended with the objection resolved (ready).
  const publicised = async (i: number, startsOn: string, objection: 'none' | 'open' | 'resolved') => {
    let d = await step(() => nominate(wuzhong, person(i)));
    d = await reviewNomination(production, d.id, { version: d.version, decision: 'approve', reason: null });
    d = await publiciseNomination(production, d.id, { version: d.version, startsOn, days: 5 });
    if (objection === 'none') return d;
    d = await recordObjection(production, d.id, {
      version: d.version,
      receivedOn: addDays(startsOn, 1),
      content: '来电反映该同志所在企业曾发生安全生产事故，请核实。',
    });
    if (objection === 'open') return d;
    return resolveObjection(production, d.id, d.objections[0]!.id, {
      version: d.version,
      resolvedOn: addDays(startsOn, 3),
      resolution: '经核实，事故发生在该同志调入前，与本人无关，已向反映人说明。',
    });
  };
  await publicised(4, addDays(today, -2), 'none');
  await publicised(5, addDays(today, -8), 'open');
  await publicised(6, addDays(today, -9), 'resolved');
  // Conferred through the workflow.
  const done = await publicised(7, addDays(today, -12), 'none');
  await conferHonour(production, done.id, { version: done.version, conferredOn: addDays(today, -6) });
  // Withdrawn.
  h = await step(() => nominate(wuzhong, person(8)));
  await revokeHonour(production, h.id, { version: h.version, reason: '推荐单位申请撤回' });
  // A township's nominations, waiting for 吴中区's review.
  const [town] = await db.rows<{ id: string; path: string; name: string }>(
    `select id, path, name from orgs where parent_id = $1 and kind = 'townshipUnion' and active order by sort_order, seq limit 1`,
    [wuzhong.orgId],
  );
  if (town) {
    const township: Actor = {
      ...systemActor(PERMISSIONS),
      displayName: town.name,
      orgId: town.id,
      scopePath: town.path,
    };
    const local = await db.rows<{ id: string }>(
      `select id from enterprises where org_path = $1 and status = 'operating' order by employees desc nulls last, id limit 2`,
      [town.path],
    );
    for (const [k, firm] of local.entries())
      await step(() =>
        nominate(
          township,
          person(9 + k, {
            kind: k ? 'advancedHome' : 'mayDayMedal',
            level: 'district',
            awardingBody: '吴中区总工会',
            recipientKind: k ? 'enterprise' : 'person',
            enterpriseId: firm.id,
          }),
        ),
      );
  }
  return made;
}

/** Writes the demo honours and nominations; returns how many. */
export async function seedDemoHonours(conferred = 360): Promise<number> {
  return (await seedConferred(conferred)) + (await seedWorkflow());
}
