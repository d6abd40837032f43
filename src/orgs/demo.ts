// The demo city: a Suzhou-like federation around 2011 (DOMAIN §1, §9), its unions and users.
import { systemActor, type Actor } from '../platform/access';
import { PERMISSIONS, type Department, type Role } from '../platform/shared/access-catalog';
import { completeUscc } from '../platform/shared/uscc';
import type { OrgDetail, OrgKind } from './contract';
import { createOrg } from './service';
import { createUser } from './users-service';
import { hashPassword } from '../platform/passwords';
import { db } from '../platform/db/client';
import { eq, inArray } from 'drizzle-orm';
import { orgs, users } from './tables';
import { orgsInScopeByKind } from './service';

import { DEMO_PASSWORD } from './contract';

export { DEMO_PASSWORD };

interface DistrictSeed {
  name: string;
  shortName: string;
  divisionCode: string | null;
  towns: string[];
}

/** Five county-level cities, six districts and the industrial park, with their townships. */
export const DEMO_DISTRICTS: DistrictSeed[] = [
  {
    name: '常熟市总工会',
    shortName: '常熟',
    divisionCode: '320581',
    towns: [
      '虞山镇',
      '梅李镇',
      '海虞镇',
      '古里镇',
      '沙家浜镇',
      '支塘镇',
      '董浜镇',
      '辛庄镇',
      '尚湖镇',
      '碧溪新区',
      '东南街道',
    ],
  },
  {
    name: '张家港市总工会',
    shortName: '张家港',
    divisionCode: '320582',
    towns: [
      '杨舍镇',
      '塘桥镇',
      '金港镇',
      '锦丰镇',
      '乐余镇',
      '凤凰镇',
      '南丰镇',
      '大新镇',
      '常阴沙现代农业示范园区',
      '保税区',
    ],
  },
  {
    name: '昆山市总工会',
    shortName: '昆山',
    divisionCode: '320583',
    towns: [
      '玉山镇',
      '巴城镇',
      '周市镇',
      '陆家镇',
      '花桥镇',
      '淀山湖镇',
      '张浦镇',
      '周庄镇',
      '千灯镇',
      '锦溪镇',
      '昆山开发区',
    ],
  },
  {
    name: '吴江市总工会',
    shortName: '吴江',
    divisionCode: '320584',
    towns: [
      '松陵镇',
      '同里镇',
      '平望镇',
      '盛泽镇',
      '七都镇',
      '震泽镇',
      '桃源镇',
      '黎里镇',
      '汾湖镇',
      '横扇镇',
      '吴江经济技术开发区',
    ],
  },
  {
    name: '太仓市总工会',
    shortName: '太仓',
    divisionCode: '320585',
    towns: [
      '城厢镇',
      '沙溪镇',
      '浏河镇',
      '浮桥镇',
      '璜泾镇',
      '双凤镇',
      '太仓港经济开发区',
      '科教新城',
      '娄东街道',
    ],
  },
  {
    name: '沧浪区总工会',
    shortName: '沧浪',
    divisionCode: '320502',
    towns: ['双塔街道', '南门街道', '胥江街道', '吴门桥街道', '葑门街道', '友新街道'],
  },
  {
    name: '平江区总工会',
    shortName: '平江',
    divisionCode: '320503',
    towns: ['观前街道', '平江路街道', '苏锦街道', '娄门街道', '城北街道', '桃花坞街道'],
  },
  {
    name: '金阊区总工会',
    shortName: '金阊',
    divisionCode: '320504',
    towns: ['石路街道', '彩香街道', '留园街道', '虎丘街道', '白洋湾街道', '金阊新城'],
  },
  {
    name: '虎丘区总工会',
    shortName: '虎丘',
    divisionCode: '320505',
    towns: [
      '狮山街道',
      '枫桥街道',
      '横塘街道',
      '镇湖街道',
      '东渚镇',
      '通安镇',
      '浒墅关镇',
      '浒墅关经济开发区',
    ],
  },
  {
    name: '吴中区总工会',
    shortName: '吴中',
    divisionCode: '320506',
    towns: [
      '长桥街道',
      '越溪街道',
      '郭巷街道',
      '横泾街道',
      '香山街道',
      '苏苑街道',
      '龙西街道',
      '城南街道',
      '甪直镇',
      '木渎镇',
      '胥口镇',
      '东山镇',
      '光福镇',
      '金庭镇',
      '临湖镇',
    ],
  },
  {
    name: '相城区总工会',
    shortName: '相城',
    divisionCode: '320507',
    towns: [
      '元和街道',
      '太平街道',
      '黄桥街道',
      '北桥街道',
      '望亭镇',
      '黄埭镇',
      '渭塘镇',
      '阳澄湖镇',
      '相城经济开发区',
    ],
  },
  {
    name: '苏州工业园区工会工作委员会',
    shortName: '园区',
    divisionCode: null,
    towns: ['娄葑街道', '斜塘街道', '唯亭街道', '胜浦街道', '湖西社区工作委员会', '湖东社区工作委员会'],
  },
];

const INDUSTRY_UNIONS = [
  '苏州市教育工会',
  '苏州市邮政工会',
  '苏州市市容市政工会',
  '苏州市卫生工会',
  '苏州市建设工会',
  '苏州市交通运输工会',
];

/** A few grassroots unions, so that the tree shows every level in the demo. */
const GRASSROOTS: { district: string; town: string; unions: [string, OrgKind][] }[] = [
  {
    district: '吴中区总工会',
    town: '长桥街道',
    unions: [
      ['苏州宝丽洁日用品有限公司工会委员会', 'grassrootsUnion'],
      ['长桥街道新家社区联合工会', 'jointUnion'],
      ['苏州吴中长桥小学工会', 'grassrootsUnion'],
    ],
  },
  {
    district: '吴江市总工会',
    town: '盛泽镇',
    unions: [
      ['江苏盛虹集团有限公司工会委员会', 'grassrootsUnion'],
      ['盛泽镇纺织品市场联合工会', 'jointUnion'],
    ],
  },
];

function townName(town: string): string {
  return /工会|委员会$/.test(town) ? town : `${town}工会`;
}

export const DEMO_USERS: {
  username: string;
  displayName: string;
  role: Role;
  department: Department | null;
  org: string;
  label: string;
}[] = [
  {
    username: 'admin',
    displayName: '系统管理员',
    role: 'admin',
    department: null,
    org: '苏州市总工会',
    label: '系统管理员',
  },
  {
    username: 'city',
    displayName: '王组织',
    role: 'federationStaff',
    department: 'organisation',
    org: '苏州市总工会',
    label: '市总工会组织部',
  },
  {
    username: 'editor',
    displayName: '李编辑',
    role: 'federationStaff',
    department: 'office',
    org: '苏州市总工会',
    label: '市总工会办公室（《工作动态》编辑）',
  },
  {
    username: 'legal',
    displayName: '孙法务',
    role: 'federationStaff',
    department: 'legal',
    org: '苏州市总工会',
    label: '市总工会法工部（劳动关系预警）',
  },
  {
    username: 'production',
    displayName: '钱生产',
    role: 'federationStaff',
    department: 'production',
    org: '苏州市总工会',
    label: '市总工会生产部（劳动竞赛、荣誉、劳模创新工作室）',
  },
  {
    username: 'laomo',
    displayName: '韩劳模',
    role: 'federationStaff',
    department: 'association',
    org: '苏州市总工会',
    label: '市劳模协会（劳模名册、劳模创新工作室）',
  },
  {
    username: 'publicity',
    displayName: '冯宣教',
    role: 'federationStaff',
    department: 'publicity',
    org: '苏州市总工会',
    label: '市总工会宣教部（文体竞赛）',
  },
  {
    username: 'wuzhong',
    displayName: '张吴中',
    role: 'unionStaff',
    department: null,
    org: '吴中区总工会',
    label: '吴中区总工会工作人员',
  },
  {
    username: 'wujiang',
    displayName: '陈吴江',
    role: 'unionStaff',
    department: null,
    org: '吴江市总工会',
    label: '吴江市总工会工作人员',
  },
  {
    username: 'cadre_wuzhong',
    displayName: '周服务',
    role: 'serviceCadre',
    department: null,
    org: '长桥街道工会',
    label: '吴中区长桥街道工会服务干部',
  },
  {
    username: 'mediator_wuzhong',
    displayName: '吴调解',
    role: 'mediator',
    department: null,
    org: '吴中区总工会',
    label: '吴中区总工会劳动争议调解员',
  },
  {
    username: 'info_wuzhong',
    displayName: '赵信息',
    role: 'infoOfficer',
    department: null,
    org: '吴中区总工会',
    label: '吴中区总工会信息员',
  },
  {
    username: 'baolijie',
    displayName: '许主席',
    role: 'grassrootsChair',
    department: null,
    org: '苏州宝丽洁日用品有限公司工会委员会',
    label: '吴中区苏州宝丽洁日用品有限公司工会主席',
  },
  {
    username: 'judge',
    displayName: '郑评委',
    role: 'judge',
    department: null,
    org: '苏州市总工会',
    label: '比赛评委（仅能评分的评委账号）',
  },
];

function orgInput(
  parentId: string | null,
  name: string,
  kind: OrgKind,
  extra: { shortName?: string; divisionCode?: string | null; uscc?: string | null; sortOrder?: number } = {},
) {
  return {
    parentId,
    name,
    kind,
    shortName: extra.shortName ?? null,
    divisionCode: extra.divisionCode ?? null,
    uscc: extra.uscc ?? null,
    address: null,
    contactPhone: null,
    sortOrder: extra.sortOrder ?? 0,
  };
}

/** Builds the demo tree and users on an empty database; returns how many organisations it made. */
export async function seedDemoOrgs(
  actor: Actor = systemActor(PERMISSIONS),
): Promise<{ orgs: number; users: number }> {
  let made = 0;
  const byName = new Map<string, OrgDetail>();
  const add = async (input: ReturnType<typeof orgInput>) => {
    const org = await createOrg(actor, input);
    made += 1;
    byName.set(org.name, org);
    return org;
  };
  const city = await add(
    orgInput(null, '苏州市总工会', 'cityFederation', { shortName: '市总', divisionCode: '320500' }),
  );
  for (const [i, d] of DEMO_DISTRICTS.entries()) {
    const district = await add(
      orgInput(city.id, d.name, 'districtFederation', {
        shortName: d.shortName,
        divisionCode: d.divisionCode,
        sortOrder: i + 1,
      }),
    );
    for (const [j, town] of d.towns.entries()) {
      await add(orgInput(district.id, townName(town), 'townshipUnion', { sortOrder: j + 1 }));
    }
  }
  for (const [i, name] of INDUSTRY_UNIONS.entries()) {
    await add(orgInput(city.id, name, 'industryUnion', { sortOrder: 100 + i }));
  }
  let serial = 1;
  for (const group of GRASSROOTS) {
    const town = [...byName.values()].find(
      (o) => o.name === townName(group.town) && o.ancestors.some((a) => a.name === group.district),
    );
    if (!town) throw new Error(`demo town ${group.town} missing`);
    for (const [name, kind] of group.unions) {
      const uscc = completeUscc('81320500', `MA1${String(serial++).padStart(5, '0')}`);
      await add(orgInput(town.id, name, kind, { uscc }));
    }
  }
  for (const u of DEMO_USERS) {
    const org = byName.get(u.org);
    if (!org) throw new Error(`demo org ${u.org} missing`);
    await createUser(actor, {
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      department: u.department,
      orgId: org.id,
      phone: null,
      password: DEMO_PASSWORD,
    });
  }
  return { orgs: made, users: DEMO_USERS.length };
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN = [
  '建国',
  '秀英',
  '志强',
  '丽华',
  '海峰',
  '晓燕',
  '国平',
  '春梅',
  '卫东',
  '雪芳',
  '明辉',
  '玉兰',
  '振华',
  '红霞',
  '立新',
  '慧敏',
];

/**
 * The demo programme's service cadres (服务干部): two at each county-level federation and one at
 * each of its first six townships, with names of their own; all share the demo password (hashed
 * once), and those among the printed demo logins. Returns them with their units' paths.
 */
export async function seedDemoCadres(
  actor: Actor = systemActor(PERMISSIONS),
): Promise<{ id: string; path: string }[]> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const [districts, towns] = await db.transaction(async (tx) => {
    const all = await orgsInScopeByKind(tx, actor, ['districtFederation', 'townshipUnion']);
    const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : 1);
    return [
      all.filter((o) => o.kind === 'districtFederation').sort(byPath),
      all.filter((o) => o.kind === 'townshipUnion').sort(byPath),
    ];
  });
  const out: { id: string; path: string }[] = [];
  let n = 0;
  const add = async (org: { id: string; path: string }) => {
    const name = `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 7) % GIVEN.length]}`;
    n += 1;
    const user = await createUser(
      actor,
      {
        username: `cadre${String(n).padStart(3, '0')}`,
        displayName: name,
        role: 'serviceCadre',
        department: null,
        orgId: org.id,
        phone: null,
        password: DEMO_PASSWORD,
      },
      hash,
    );
    out.push({ id: user.id, path: org.path });
  };
  for (const d of districts) {
    await add(d);
    await add(d);
    for (const t of towns.filter((t) => t.path.startsWith(d.path)).slice(0, 6)) await add(t);
  }
  // The cadres among the printed demo logins serve too.
  const named = DEMO_USERS.filter((u) => u.role === 'serviceCadre').map((u) => u.username);
  const rows = await db.orm
    .select({ id: users.id, path: orgs.path })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(inArray(users.username, named));
  return [...out, ...rows];
}
