// The demo's studios: five batches of designation (2011年第一批, whose plaques the city federation
// and the model workers' association put up, with three studios of the education system hosted by
// schools and applied for by 苏州市教育工会; 2013年, the 2016 province batch, 2019年, 2022年) and
// about 120 studios across the districts and industry unions, each led by a model worker of the
// register (kept by its district), with members; a few moved up to province level in 2016. They
// are entered as the record of past years. Then applications in progress, written through the
// same services as people would: baolijie and 长桥街道 apply and wait for wuzhong's
// recommendation; wuzhong recommends one of its own and one upgrade; production reviews, approves
// one of 吴江's (waiting for a batch) and returns another. Nothing is revoked here.
import { systemActor, type Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { db } from '../../platform/db/client';
import { newId } from '../../platform/ids';
import { PERMISSIONS } from '../../platform/shared/access-catalog';
import { addDays, chinaDayStart } from '../../platform/shared/dates';
import { loadActor } from '../../orgs/users-service';
import { insertModelWorkers, type NewModelWorker } from '../workers/workers-service';
import { STUDIO_LEVEL_LABELS, StudioApplyBody, type StudioLevel } from './contract';
import { studioBatches, studioDesignations, studioEvents, studioMembers, studios } from './tables';
import { applyForStudio, recommendStudio, reviewStudio, upgradeStudio } from './workflow';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏';
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
const FIELDS = [
  '机械制造',
  '电子信息',
  '纺织服装',
  '精细化工',
  '建筑施工',
  '交通运输',
  '电力能源',
  '生物医药',
  '精密加工',
  '市政服务',
];
const POSITIONS = ['高级技师', '工程师', '技师', '技术员', '班组长', '质检员', '工艺员'];

/** The k-th person's name: distinct for the first 900. */
const personName = (k: number) =>
  `${SURNAMES[k % SURNAMES.length]}${GIVEN[(7 * (k % SURNAMES.length) + 16 * Math.floor(k / SURNAMES.length)) % GIVEN.length]}`;

interface BatchPlan {
  year: number;
  name: string;
  level: StudioLevel;
  awardingBody: string;
  plaqueOn: string;
  ceremony: string;
  /** New studios designated in it (the province batch also takes upgrades). */
  count: number;
}

const BATCHES: BatchPlan[] = [
  {
    year: 2011,
    name: '2011年第一批',
    level: 'city',
    awardingBody: '苏州市总工会',
    plaqueOn: '2011-04-28',
    ceremony: '苏州市总工会、苏州市劳模协会在市工人文化宫举行首批市劳模创新工作室授牌仪式',
    count: 20,
  },
  {
    year: 2013,
    name: '2013年第二批',
    level: 'city',
    awardingBody: '苏州市总工会',
    plaqueOn: '2013-04-26',
    ceremony: '“五一”表彰大会上授牌',
    count: 25,
  },
  {
    year: 2016,
    name: '2016年江苏省劳模创新工作室',
    level: 'province',
    awardingBody: '江苏省总工会',
    plaqueOn: '2016-04-27',
    ceremony: '江苏省总工会命名，市总工会转发并组织授牌',
    count: 4,
  },
  {
    year: 2019,
    name: '2019年第三批',
    level: 'city',
    awardingBody: '苏州市总工会',
    plaqueOn: '2019-04-29',
    ceremony: '市劳模创新工作室推进会上授牌',
    count: 30,
  },
  {
    year: 2022,
    name: '2022年第四批',
    level: 'city',
    awardingBody: '苏州市总工会',
    plaqueOn: '2022-04-28',
    ceremony: '市总工会、市劳模协会联合授牌',
    count: 35,
  },
];

/** The studios of 2011 and 2013 that moved up to the 2016 province batch (indices among them). */
const UPGRADED = [4, 9, 15, 22, 30, 41];

const SCHOOLS = [
  { host: '苏州市第十中学校', field: '基础教育', name: '语文教学' },
  { host: '苏州市职业大学', field: '职业教育', name: '机电技术' },
  { host: '苏州高等职业技术学校', field: '职业教育', name: '数控技能' },
];

interface Place {
  firm_id: string | null;
  host: string;
  path: string;
  org_id: string;
  district_id: string;
  district_path: string;
}

/** Hosts across the districts (enterprises of their townships) and the industry unions, in turn. */
async function places(count: number): Promise<Place[]> {
  const firms = await db.rows<Place & { district: string; rn: number }>(
    `select * from (
       select e.id as firm_id, e.name as host, e.org_path as path, t.id as org_id,
              d.id as district_id, d.path as district_path, d.name as district,
              row_number() over (partition by d.id order by e.name, e.uscc) as rn
       from enterprises e join orgs t on t.path = e.org_path join orgs d on d.id = t.parent_id
       where e.status = 'operating' and t.kind = 'townshipUnion' and d.kind = 'districtFederation'
     ) x where rn <= 12 order by rn, district_path`,
  );
  const industries = await db.rows<{ id: string; name: string; path: string }>(
    `select id, name, path from orgs where kind = 'industryUnion' and active and name <> '苏州市教育工会'
     order by sort_order, name`,
  );
  const out: Place[] = [];
  let f = 0;
  for (let i = 0; out.length < count && (f < firms.length || industries.length); i++) {
    // One studio of an industry union's units in every seven.
    if (i % 7 === 6 && industries.length) {
      const u = industries[((i / 7) % industries.length) | 0]!;
      const unit = u.name.replace(/^苏州市/, '').replace(/工会$/, '');
      out.push({
        firm_id: null,
        host: `苏州市${unit}系统${['第一', '第二', '第三'][Math.floor(i / 7 / industries.length) % 3]}单位`,
        path: u.path,
        org_id: u.id,
        district_id: u.id,
        district_path: u.path,
      });
    } else if (f < firms.length) out.push(firms[f++]!);
    else break;
  }
  return out;
}

/** The designated studios of past years with their batches, leaders and members; returns how many. */
async function seedDesignated(): Promise<number> {
  const actor = systemActor(PERMISSIONS);
  const total = BATCHES.reduce((n, b) => n + b.count, 0) - SCHOOLS.length;
  const hosts = await places(total);
  const [education] = await db.rows<{ id: string; path: string }>(
    `select id, path from orgs where name = '苏州市教育工会' and kind = 'industryUnion'`,
  );
  if (!hosts.length) return 0;
  return db.transaction(async (tx) => {
    const batchIds = new Map<string, string>();
    for (const b of BATCHES) {
      const id = newId();
      batchIds.set(b.name, id);
      const { count: _count, ...values } = b;
      await tx.insert(studioBatches).values({ id, ...values, createdBy: actor.id });
    }
    type Planned = { batch: BatchPlan; place: Place; field: string; name?: string };
    const planned: Planned[] = [];
    let h = 0;
    for (const batch of BATCHES) {
      for (let i = 0; i < batch.count; i++) {
        if (batch.year === 2011 && i < SCHOOLS.length && education) {
          const school = SCHOOLS[i]!;
          planned.push({
            batch,
            place: {
              firm_id: null,
              host: school.host,
              path: education.path,
              org_id: education.id,
              district_id: education.id,
              district_path: education.path,
            },
            field: school.field,
            name: school.name,
          });
          continue;
        }
        const place = hosts[h++ % hosts.length]!;
        planned.push({ batch, place, field: FIELDS[(h * 3) % FIELDS.length]! });
      }
    }
    const leaders: NewModelWorker[] = planned.map((p, k) => ({
      name: personName(k),
      gender: k % 3 === 1 ? 'female' : 'male',
      birthYear: 1960 + (k % 20),
      level: p.batch.level === 'province' || k % 9 === 0 ? 'province' : 'city',
      year: p.batch.year - 1 - (k % 6),
      unitName: p.place.host,
      enterpriseId: p.place.firm_id,
      position: POSITIONS[k % POSITIONS.length]!,
      field: p.field,
      status: 'active',
      phone: `1391${String(2_000_000 + k * 7919).slice(-7)}`,
      address: null,
      note: null,
      orgId: p.place.district_id,
      orgPath: p.place.district_path,
      createdBy: actor.id,
    }));
    const leaderIds = await insertModelWorkers(tx, leaders);
    const province = BATCHES.find((b) => b.level === 'province')!;
    const rows: (typeof studios.$inferInsert)[] = [];
    const designations: (typeof studioDesignations.$inferInsert)[] = [];
    const members: (typeof studioMembers.$inferInsert)[] = [];
    const events: (typeof studioEvents.$inferInsert)[] = [];
    for (const [k, p] of planned.entries()) {
      const id = newId();
      const leader = leaders[k]!;
      const upgraded = UPGRADED.includes(k) && p.batch.level === 'city' && p.batch.year < province.year;
      const held = upgraded ? province : p.batch;
      rows.push({
        id,
        name: `${p.name ?? leader.name}劳模创新工作室`,
        leaderId: leaderIds[k]!,
        enterpriseId: p.place.firm_id,
        hostOrgId: null,
        hostUnitName: p.place.host,
        field: p.field,
        level: held.level,
        appliedLevel: held.level,
        state: 'designated',
        batchId: batchIds.get(held.name)!,
        designatedOn: held.plaqueOn,
        plaqueOn: held.plaqueOn,
        introduction: `以${leader.name}同志为带头人，围绕${p.field}领域的技术难题开展攻关、技术革新和人才培养。`,
        applicantOrgId: p.place.org_id,
        orgPath: p.place.path,
        createdBy: actor.id,
        createdAt: chinaDayStart(addDays(p.batch.plaqueOn, -60)),
        updatedAt: chinaDayStart(held.plaqueOn),
      });
      const designated = [p.batch, ...(upgraded ? [province] : [])];
      for (const b of designated) {
        designations.push({
          id: newId(),
          studioId: id,
          batchId: batchIds.get(b.name)!,
          level: b.level,
          plaqueOn: b.plaqueOn,
          designatedBy: actor.id,
        });
        events.push({
          id: newId(),
          studioId: id,
          at: chinaDayStart(b.plaqueOn),
          kind: 'designated',
          actorId: null,
          orgId: null,
          text: `${b === p.batch ? '命名' : '晋级'}为${STUDIO_LEVEL_LABELS[b.level]}（${b.name}，${b.plaqueOn} 挂牌）`,
        });
      }
      members.push({
        id: newId(),
        studioId: id,
        name: leader.name,
        modelWorkerId: leaderIds[k]!,
        position: '负责人',
        role: 'leader',
        joinedOn: addDays(p.batch.plaqueOn, -60),
      });
      const size = 3 + (k % 4);
      for (let m = 0; m < size; m++) {
        const joinedOn = addDays(p.batch.plaqueOn, -60 + m * 45);
        members.push({
          id: newId(),
          studioId: id,
          name: personName(400 + k * 6 + m),
          modelWorkerId: null,
          position: POSITIONS[(k + m) % POSITIONS.length]!,
          role: 'member',
          joinedOn,
          // Every fifth studio has seen one member leave.
          leftOn: k % 5 === 0 && m === 0 ? addDays(joinedOn, 900) : null,
        });
      }
    }
    for (let i = 0; i < rows.length; i += 200) await tx.insert(studios).values(rows.slice(i, i + 200));
    for (let i = 0; i < designations.length; i += 500)
      await tx.insert(studioDesignations).values(designations.slice(i, i + 500));
    for (let i = 0; i < members.length; i += 500)
      await tx.insert(studioMembers).values(members.slice(i, i + 500));
    for (let i = 0; i < events.length; i += 500)
      await tx.insert(studioEvents).values(events.slice(i, i + 500));
    await audit(tx, actor, {
      action: 'studio.import',
      entity: 'studioImport',
      entityId: newId(),
      orgPath: '/',
      after: { file: '演示数据：历年命名的劳模创新工作室', studios: rows.length, batches: BATCHES.length },
    });
    return rows.length;
  });
}

const actorOf = async (username: string): Promise<Actor | null> => {
  const [user] = await db.rows<{ id: string }>(`select id from users where username = $1`, [username]);
  return user ? loadActor(user.id) : null;
};

/** Applications in progress, through the workflow; returns how many. */
async function seedApplications(): Promise<number> {
  const [wuzhong, wujiang, production, baolijie] = await Promise.all(
    ['wuzhong', 'wujiang', 'production', 'baolijie'].map(actorOf),
  );
  if (!wuzhong || !wujiang || !production) return 0;
  const leaderRows = (path: string, orgId: string, people: [string, string][]): NewModelWorker[] =>
    people.map(([name, unitName], i) => ({
      name,
      gender: i % 2 ? 'female' : 'male',
      birthYear: 1975 + i,
      level: 'city',
      year: 2020 + (i % 3),
      unitName,
      enterpriseId: null,
      position: POSITIONS[i % POSITIONS.length]!,
      field: FIELDS[i % FIELDS.length]!,
      status: 'active',
      phone: `1380512${String(3000 + i).padStart(4, '0')}`,
      address: null,
      note: null,
      orgId,
      orgPath: path,
      createdBy: production.id,
    }));
  const firmsOf = (path: string) =>
    db.rows<{ id: string; name: string; path: string }>(
      `select id, name, org_path as path from enterprises where org_path like $1 and status = 'operating'
       order by employees desc nulls last, name limit 3`,
      [path + '%'],
    );
  const [wuFirms, wjFirms] = await Promise.all([firmsOf(wuzhong.scopePath), firmsOf(wujiang.scopePath)]);
  const [wuLeaders, wjLeaders] = await Promise.all([
    db.transaction((tx) =>
      insertModelWorkers(
        tx,
        leaderRows(wuzhong.scopePath, wuzhong.orgId, [
          ['沈建军', '苏州宝丽洁日用品有限公司'],
          ['顾晓燕', wuFirms[1]?.name ?? '长桥街道企业'],
          ['陆振华', wuFirms[0]?.name ?? '吴中区企业'],
        ]),
      ),
    ),
    db.transaction((tx) =>
      insertModelWorkers(
        tx,
        leaderRows(wujiang.scopePath, wujiang.orgId, [
          ['钱国强', wjFirms[0]?.name ?? '吴江区企业'],
          ['姚美玲', wjFirms[1]?.name ?? '吴江区企业'],
        ]),
      ),
    ),
  ]);
  const body = (over: Partial<StudioApplyBody>) =>
    StudioApplyBody.parse({
      name: '劳模创新工作室',
      field: '机械制造',
      appliedLevel: 'city',
      introduction: '围绕生产一线的技术难题开展攻关，带徒传技，推广先进操作法。',
      members: [
        { name: '徐立新', position: '技师' },
        { name: '周雪芳', position: '工艺员' },
      ],
      ...over,
    });
  let made = 0;
  // baolijie applies for its own enterprise's studio: waiting for wuzhong.
  if (baolijie) {
    await applyForStudio(
      baolijie,
      body({
        name: '宝丽洁沈建军劳模创新工作室',
        leaderId: wuLeaders[0]!,
        hostOrgId: baolijie.orgId,
        field: '日化工艺',
      }),
    );
    made += 1;
  }
  // 长桥街道 applies for one of its enterprises: waiting for wuzhong.
  const [town] = await db.rows<{ id: string; path: string; name: string }>(
    `select id, path, name from orgs where parent_id = $1 and name = '长桥街道工会'`,
    [wuzhong.orgId],
  );
  const townFirm = town
    ? (
        await db.rows<{ id: string }>(
          `select id from enterprises where org_path = $1 and status = 'operating' order by employees desc nulls last, name limit 1`,
          [town.path],
        )
      )[0]
    : undefined;
  if (town && townFirm) {
    const township: Actor = {
      ...systemActor(PERMISSIONS),
      displayName: town.name,
      orgId: town.id,
      scopePath: town.path,
    };
    await applyForStudio(
      township,
      body({
        name: '顾晓燕劳模创新工作室',
        leaderId: wuLeaders[1]!,
        enterpriseId: townFirm.id,
        field: '电子信息',
      }),
    );
    made += 1;
  }
  // wuzhong applies for one of its enterprises and recommends it: waiting for the city's review.
  if (wuFirms[0]) {
    const s = await applyForStudio(
      wuzhong,
      body({
        name: '陆振华劳模创新工作室',
        leaderId: wuLeaders[2]!,
        enterpriseId: wuFirms[0].id,
        field: '精密加工',
      }),
    );
    await recommendStudio(wuzhong, s.id, { version: s.version });
    made += 1;
  }
  // A 2019 studio of 吴中 applies to move up to province level, recommended by wuzhong.
  const [upgrading] = await db.rows<{ id: string; version: number }>(
    `select s.id, s.version from studios s join studio_batches b on b.id = s.batch_id
     where s.org_path like $1 and s.state = 'designated' and b.year = 2019 order by s.name limit 1`,
    [wuzhong.scopePath + '%'],
  );
  if (upgrading) {
    const s = await upgradeStudio(wuzhong, upgrading.id, {
      version: upgrading.version,
      appliedLevel: 'province',
      introduction: '命名以来完成技术革新 30 余项，获国家专利 8 项，申报省级劳模创新工作室。',
    });
    // Not counted: an upgrade is no new studio.
    await recommendStudio(wuzhong, s.id, { version: s.version });
  }
  // 吴江's application, approved by the city: waiting for the next batch.
  if (wjFirms[0]) {
    let s = await applyForStudio(
      wujiang,
      body({
        name: '钱国强劳模创新工作室',
        leaderId: wjLeaders[0]!,
        enterpriseId: wjFirms[0].id,
        field: '纺织服装',
      }),
    );
    s = await recommendStudio(wujiang, s.id, { version: s.version });
    await reviewStudio(production, s.id, { version: s.version, decision: 'approve', reason: null });
    made += 1;
  }
  // Another of 吴江's, returned by the city with the reason.
  if (wjFirms[1]) {
    let s = await applyForStudio(
      wujiang,
      body({
        name: '姚美玲劳模创新工作室',
        leaderId: wjLeaders[1]!,
        enterpriseId: wjFirms[1].id,
        field: '纺织服装',
      }),
    );
    s = await recommendStudio(wujiang, s.id, { version: s.version });
    await reviewStudio(production, s.id, {
      version: s.version,
      decision: 'return',
      reason: '请补充工作室近三年的创新成果和带徒情况',
    });
    made += 1;
  }
  return made;
}

/** Writes the demo batches, studios and applications; returns how many studios. */
export async function seedDemoStudios(): Promise<number> {
  return (await seedDesignated()) + (await seedApplications());
}
