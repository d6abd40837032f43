// Generated rows shared by the import benchmarks.
import { DEMO_DISTRICTS } from '../src/orgs/demo';
import { completeUscc } from '../src/platform/shared/uscc';

export const HEADER = [
  '统一社会信用代码',
  '企业名称',
  '所属乡镇(街道)',
  '地址',
  '经济类型',
  '职工人数',
  '规模以上',
  '成立日期',
  '建会日期',
  '会员人数',
  '集体合同起始日期',
  '集体合同终止日期',
];
const OWNERSHIPS = ['私营', '外商投资', '港澳台投资', '国有', '集体'];

export function row(i: number): string[] {
  const towns = DEMO_DISTRICTS.flatMap((d) => d.towns);
  const town = towns[i % towns.length]!;
  const employees = 5 + ((i * 7919) % 900);
  const unionised = i % 3 !== 0;
  return [
    completeUscc('91320506', `M${String(i).padStart(7, '0')}`),
    `苏州测试${i}号科技有限公司`,
    town,
    `${town}${(i % 500) + 1}号`,
    OWNERSHIPS[i % OWNERSHIPS.length]!,
    String(employees),
    employees >= 300 ? '是' : '否',
    `20${String(i % 10).padStart(2, '0')}-0${(i % 9) + 1}-15`,
    unionised ? `2011-0${(i % 9) + 1}-20` : '',
    unionised ? String(Math.floor(employees * 0.8)) : '',
    unionised && i % 2 ? '2024-01-01' : '',
    unionised && i % 2 ? '2026-12-31' : '',
  ];
}
