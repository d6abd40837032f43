// The demo's model workers register: about two hundred model workers named from 1995 to 2025 at
// city, province and national level, kept by the districts' federations, the industry unions
// (the education union's teachers, the health union's doctors …) and the city itself, with their
// units taken from the demo registry where a district has enterprises; most in post, some retired,
// a few deceased; and the demo honours register's conferred 劳动模范 entered as linked records.
import { systemActor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { db } from '../../platform/db/client';
import { newId } from '../../platform/ids';
import { PERMISSIONS } from '../../platform/shared/access-catalog';
import { conferredModelWorkerHonours } from '../../competitions/honours/honours-service';
import type { ModelWorkerLevel, ModelWorkerStatus } from './contract';
import { insertModelWorkers, type NewModelWorker } from './workers-service';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡沈顾陆钱';
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
  '文杰',
  '慧敏',
  '正平',
  '桂英',
  '宏伟',
  '静怡',
  '兴元',
  '晓燕',
  '荣生',
  '亚萍',
];
const POSITIONS = [
  '高级技师',
  '车间主任',
  '总工程师',
  '班组长',
  '技术员',
  '焊工',
  '电工',
  '工程师',
  '一线操作工',
];
const INDUSTRIAL_FIELDS = ['机械制造', '电子信息', '纺织服装', '化工医药', '电力能源', '商贸服务'];

/** What each industry union's model workers do, and where. */
const INDUSTRY: Record<string, { field: string; positions: string[]; units: string[] }> = {
  苏州市教育工会: {
    field: '教育',
    positions: ['特级教师', '高级教师', '校长', '教研组长'],
    units: [
      '苏州中学',
      '苏州市第一中学',
      '苏州市实验小学',
      '苏州大学附属中学',
      '苏州工业职业技术学院',
      '苏州市第十中学',
    ],
  },
  苏州市卫生工会: {
    field: '医疗卫生',
    positions: ['主任医师', '护士长', '副主任医师', '主管药师'],
    units: ['苏州市立医院', '苏州大学附属第一医院', '苏州市中医医院', '苏州市疾病预防控制中心'],
  },
  苏州市建设工会: {
    field: '建筑施工',
    positions: ['项目经理', '高级工程师', '钢筋工', '施工员'],
    units: ['苏州第一建筑集团有限公司', '苏州市政工程设计院', '中亿丰建设集团股份有限公司'],
  },
  苏州市交通运输工会: {
    field: '交通运输',
    positions: ['公交驾驶员', '轨道交通调度员', '维修技师', '站长'],
    units: ['苏州市公共交通有限公司', '苏州市轨道交通集团有限公司', '苏州港口集团有限公司'],
  },
  苏州市邮政工会: {
    field: '交通运输',
    positions: ['投递员', '营业员', '网点负责人'],
    units: ['中国邮政集团有限公司苏州市分公司'],
  },
  苏州市市容市政工会: {
    field: '公共管理',
    positions: ['环卫工人', '园林技师', '养护班长'],
    units: ['苏州市环境卫生管理处', '苏州市园林绿化管理站'],
  },
};

const CITY_UNITS = ['苏州市自来水有限公司', '苏州供电公司', '苏州市工人文化宫', '苏州国际科技园'];

const LEVELS: ModelWorkerLevel[] = ['city', 'city', 'city', 'province', 'city', 'province', 'national'];

interface Keeper {
  id: string;
  name: string;
  kind: string;
  path: string;
}

/** The status of a model worker named in `year`: older titles more often retired, a few deceased. */
function statusOf(i: number, year: number): ModelWorkerStatus {
  if (i % 41 === 7) return 'deceased';
  if (year < 2005) return i % 3 === 0 ? 'active' : 'retired';
  if (year < 2012) return i % 4 === 0 ? 'retired' : 'active';
  return 'active';
}

/** Writes the demo model workers; returns how many. */
export async function seedDemoModelWorkers(count = 200): Promise<number> {
  const actor = systemActor(PERMISSIONS);
  const keepers = await db.rows<Keeper>(
    `select id, name, kind, path from orgs
     where active and kind in ('cityFederation', 'districtFederation', 'industryUnion')
     order by sort_order, name`,
  );
  const city = keepers.find((k) => k.kind === 'cityFederation');
  if (!city) return 0;
  const below = keepers.filter((k) => k.kind !== 'cityFederation');
  const firms = await db.rows<{ id: string; name: string; org_path: string }>(
    `select id, name, org_path from enterprises where status = 'operating' order by md5(id::text) limit 2000`,
  );
  const firmsOf = new Map<string, { id: string; name: string }[]>();
  for (const f of firms) {
    const keeper = below.find((k) => f.org_path.startsWith(k.path));
    if (keeper) firmsOf.set(keeper.id, [...(firmsOf.get(keeper.id) ?? []), f]);
  }
  const rows: NewModelWorker[] = [];
  // The demo honours register's model workers first, linked, kept by their districts.
  const honours = await db.transaction(async (tx) => conferredModelWorkerHonours(tx, { scopePath: '/' }));
  for (const h of honours.slice(0, 30)) {
    const keeper = below.find((k) => h.orgPath.startsWith(k.path)) ?? city;
    rows.push({
      name: h.recipientName,
      gender: h.gender,
      birthYear: h.year - 38 - (rows.length % 12),
      level: h.level,
      year: h.year,
      honourId: h.id,
      unitName: h.unitName ?? keeper.name,
      enterpriseId: h.enterpriseId,
      position: h.jobTitle,
      field: INDUSTRIAL_FIELDS[rows.length % INDUSTRIAL_FIELDS.length]!,
      status: 'active',
      phone: `139${String(10_000_000 + rows.length * 7919).slice(-8)}`,
      address: `${keeper.name.replace(/总工会$|工会$/, '')}某路${(rows.length % 90) + 1}号`,
      orgId: keeper.id,
      orgPath: keeper.path,
      createdBy: actor.id,
    });
  }
  const linked = rows.length;
  for (let i = 0; rows.length < count; i++) {
    // One in ten kept by the city itself, the rest by the districts and industry unions in turn.
    const keeper = i % 10 === 9 || !below.length ? city : below[i % below.length]!;
    const industry = INDUSTRY[keeper.name];
    const own = firmsOf.get(keeper.id) ?? [];
    const firm = !industry && own.length ? own[(i * 7) % own.length]! : null;
    const year = 1995 + ((i * 11 + Math.floor(i / 31)) % 31);
    const level = LEVELS[(i + Math.floor(i / 7)) % LEVELS.length]!;
    const unitName = industry
      ? industry.units[i % industry.units.length]!
      : (firm?.name ?? CITY_UNITS[i % CITY_UNITS.length]!);
    rows.push({
      name: `${SURNAMES[(i * 7) % SURNAMES.length]}${GIVEN[(i * 13 + Math.floor(i / 30)) % GIVEN.length]}`,
      gender: i % 3 === 1 ? 'female' : 'male',
      birthYear: year - 32 - (i % 20),
      level,
      year,
      unitName,
      enterpriseId: firm?.id ?? null,
      position: industry
        ? industry.positions[i % industry.positions.length]!
        : POSITIONS[i % POSITIONS.length]!,
      field: industry?.field ?? INDUSTRIAL_FIELDS[i % INDUSTRIAL_FIELDS.length]!,
      status: statusOf(i, year),
      phone: `138${String(10_000_000 + i * 104_729).slice(-8)}`,
      address: `苏州市${keeper.kind === 'districtFederation' ? keeper.name.replace(/总工会$/, '') : '姑苏区'}某路${(i % 120) + 1}号`,
      note: level === 'national' && i % 2 === 0 ? '曾获全国五一劳动奖章' : null,
      orgId: keeper.id,
      orgPath: keeper.path,
      createdBy: actor.id,
    });
  }
  await db.transaction(async (tx) => {
    await insertModelWorkers(tx, rows);
    await audit(tx, actor, {
      action: 'modelWorker.import',
      entity: 'modelWorkerImport',
      entityId: newId(),
      orgPath: city.path,
      after: { file: '演示数据', rows: rows.length, imported: rows.length, linkedToHonours: linked },
    });
  });
  return rows.length;
}
