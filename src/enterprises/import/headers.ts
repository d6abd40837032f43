import { completeUscc } from '../../platform/shared/uscc';
import { headerKey } from '../../platform/spreadsheets/cells';

export { headerKey } from '../../platform/spreadsheets/cells';

/** The USCC of the template's example row: an import refuses it, so the example never lands. */
export const TEMPLATE_EXAMPLE_USCC = completeUscc('91320506', 'MA1MY2RB');

// The columns of the enterprise import: the canonical Chinese header of each field (as the
// template writes it), the other headers people use for the same thing in their own sheets, and
// the matching of a file's header row to fields in any order.

export const IMPORT_FIELDS = [
  'uscc',
  'name',
  'township',
  'address',
  'ownership',
  'industry',
  'employees',
  'aboveDesignatedSize',
  'global500',
  'status',
  'registeredOn',
  'closedOn',
  'note',
  'jointUnion',
  'unionUscc',
  'unionFoundedOn',
  'members',
  'termYears',
  'lastElectionOn',
  'workersCongressOn',
  'membersCongressOn',
  'collectiveContractSignedOn',
  'collectiveContractFrom',
  'collectiveContractTo',
  'wageAgreementSignedOn',
  'wageAgreementFrom',
  'wageAgreementTo',
  'womenContractSignedOn',
  'womenContractFrom',
  'womenContractTo',
  'affairsDisclosureOn',
  'employeeDirectors',
  'employeeSupervisors',
  'evaluationYear',
  'evaluationSatisfied',
  'evaluationBasic',
  'evaluationUnsatisfied',
  'readingRoom',
  'equipment',
  'contactWindow',
  'studySpace',
  'noticeBoard',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** How a column's cells are read; the template's instructions and the validator both use it. */
export type ColumnKind = 'code' | 'text' | 'date' | 'count' | 'bool' | 'ownership' | 'status' | 'haveOrDate';

export interface ImportColumn {
  key: ImportField;
  /** The header the template writes. */
  header: string;
  /** Other headers accepted for the same field (matched after normalising, see headerKey). */
  synonyms: string[];
  required: boolean;
  /** One sentence for the instructions sheet. */
  help: string;
  /** The value of the template's example row. */
  example: string;
  kind: ColumnKind;
}

const DATE_HELP = '日期，写成 2011-06-30、2011/6/30 或 2011年6月30日';

function contract(
  prefix: 'collectiveContract' | 'wageAgreement' | 'womenContract',
  name: string,
  aliases: string[],
  example: { signed: string; from: string; to: string },
): ImportColumn[] {
  const all = [name, ...aliases];
  return [
    {
      key: `${prefix}SignedOn`,
      header: `${name}签订日期`,
      synonyms: all
        .flatMap((a) => [`${a}签订时间`, `${a}签订`, `${a}签约日期`])
        .concat(aliases.map((a) => `${a}签订日期`)),
      required: false,
      help: `${name}的签订日期。${DATE_HELP}`,
      example: example.signed,
      kind: 'date',
    },
    {
      key: `${prefix}From`,
      header: `${name}生效日期`,
      synonyms: all
        .flatMap((a) => [`${a}起始日期`, `${a}开始日期`, `${a}有效期起`, `${a}生效时间`, `${a}期限起`])
        .concat(aliases.map((a) => `${a}生效日期`)),
      required: false,
      help: `${name}有效期的第一天。填写了到期日期时必须填写。${DATE_HELP}`,
      example: example.from,
      kind: 'date',
    },
    {
      key: `${prefix}To`,
      header: `${name}到期日期`,
      synonyms: all
        .flatMap((a) => [`${a}终止日期`, `${a}截止日期`, `${a}有效期止`, `${a}到期时间`, `${a}期限止`])
        .concat(aliases.map((a) => `${a}到期日期`)),
      required: false,
      help: `${name}有效期的最后一天，不早于生效日期。${DATE_HELP}`,
      example: example.to,
      kind: 'date',
    },
  ];
}

function fiveHave(
  key: 'readingRoom' | 'equipment' | 'contactWindow' | 'studySpace' | 'noticeBoard',
  header: string,
  synonyms: string[],
  example: string,
): ImportColumn {
  return {
    key,
    header,
    synonyms: [...synonyms, `有${header}`, `是否有${header}`, `${header}建立日期`],
    required: false,
    help: `五有之一：有${header}填“是”，或填写建立日期；没有填“否”或留空`,
    example,
    kind: 'haveOrDate',
  };
}

/** Every column of the import, in the order of the template. */
export const IMPORT_COLUMNS: ImportColumn[] = [
  {
    key: 'uscc',
    header: '统一社会信用代码',
    synonyms: [
      '信用代码',
      '社会信用代码',
      '统一代码',
      '社会统一信用代码',
      '统一信用代码',
      '企业统一社会信用代码',
      '单位统一社会信用代码',
      '企业信用代码',
      'USCC',
    ],
    required: true,
    help: '18 位，数字和大写字母（不含 I、O、Z、S、V），系统会检查校验位。请把这一列设为“文本”格式，否则 Excel 会把全数字的代码变成科学计数法并丢失位数',
    example: TEMPLATE_EXAMPLE_USCC,
    kind: 'code',
  },
  {
    key: 'name',
    header: '企业名称',
    synonyms: ['单位名称', '企业全称', '单位全称', '法人单位名称', '名称', '企业名', '公司名称'],
    required: true,
    help: '营业执照上的全称',
    example: '苏州示例精密机械有限公司',
    kind: 'text',
  },
  {
    key: 'township',
    header: '所属乡镇(街道)',
    synonyms: [
      '所属乡镇',
      '所属街道',
      '乡镇',
      '街道',
      '乡镇街道',
      '乡镇/街道',
      '乡镇、街道',
      '镇街',
      '所属镇街',
      '所在乡镇',
      '所在街道',
      '乡镇(街道)工会',
      '所属乡镇工会',
    ],
    required: true,
    help: '企业所在的乡镇、街道或开发区，写系统中该乡镇（街道）工会的名称或地名，例如 木渎镇',
    example: '木渎镇',
    kind: 'text',
  },
  {
    key: 'address',
    header: '地址',
    synonyms: [
      '企业地址',
      '单位地址',
      '注册地址',
      '经营地址',
      '详细地址',
      '住所',
      '所在地址',
      '通讯地址',
      '生产经营地址',
    ],
    required: false,
    help: '企业的详细地址',
    example: '苏州市吴中区木渎镇金山路 88 号',
    kind: 'text',
  },
  {
    key: 'ownership',
    header: '经济类型',
    synonyms: [
      '所有制',
      '登记注册类型',
      '经济性质',
      '所有制性质',
      '所有制类型',
      '企业性质',
      '企业类型',
      '经济成分',
      '注册类型',
      '单位性质',
    ],
    required: false,
    help: '填写：国有、集体、私营、外商投资、港澳台投资 或 其他（也接受 民营、个体、外资、中外合资、台资、港资 等常见写法）',
    example: '私营',
    kind: 'ownership',
  },
  {
    key: 'industry',
    header: '所属行业',
    synonyms: ['行业', '行业类别', '行业分类', '国民经济行业', '行业门类', '所在行业'],
    required: false,
    help: '国民经济行业分类名称，例如 制造业',
    example: '制造业',
    kind: 'text',
  },
  {
    key: 'employees',
    header: '职工人数',
    synonyms: [
      '职工数',
      '在岗职工',
      '在岗职工人数',
      '在岗职工数',
      '从业人员',
      '从业人数',
      '从业人员数',
      '职工总数',
      '员工人数',
      '员工数',
    ],
    required: false,
    help: '整数，例如 120',
    example: '120',
    kind: 'count',
  },
  {
    key: 'aboveDesignatedSize',
    header: '规模以上',
    synonyms: [
      '规上企业',
      '规上',
      '是否规上',
      '是否规上企业',
      '规模以上企业',
      '是否规模以上',
      '是否规模以上企业',
    ],
    required: false,
    help: '是否规模以上企业：填“是”或“否”',
    example: '是',
    kind: 'bool',
  },
  {
    key: 'global500',
    header: '世界500强',
    synonyms: ['是否世界500强', '世界五百强', '是否世界五百强', '500强', '世界500强企业'],
    required: false,
    help: '是否世界 500 强企业（或其在华投资企业）：填“是”或“否”',
    example: '否',
    kind: 'bool',
  },
  {
    key: 'status',
    header: '经营状态',
    synonyms: ['状态', '登记状态', '企业状态', '经营状况', '存续状态', '企业经营状态'],
    required: false,
    help: '填写“在营”或“注销”（也接受 存续、正常、开业、关闭、吊销、停业、歇业）；留空视为在营，填写了注销日期时视为注销',
    example: '在营',
    kind: 'status',
  },
  {
    key: 'registeredOn',
    header: '成立日期',
    synonyms: ['注册日期', '登记日期', '开业日期', '设立日期', '成立时间', '注册时间', '企业成立日期'],
    required: false,
    help: `企业的成立（登记）日期。${DATE_HELP}`,
    example: '2008-03-15',
    kind: 'date',
  },
  {
    key: 'closedOn',
    header: '注销日期',
    synonyms: ['关闭日期', '注销时间', '吊销日期', '停业日期', '歇业日期'],
    required: false,
    help: `已注销企业的注销日期，不早于成立日期。${DATE_HELP}`,
    example: '',
    kind: 'date',
  },
  {
    key: 'note',
    header: '备注',
    synonyms: ['附注', '其他说明', '情况说明'],
    required: false,
    help: '其他需要说明的情况，例如会员人数多于职工人数的原因',
    example: '',
    kind: 'text',
  },
  {
    key: 'jointUnion',
    header: '所属联合工会',
    synonyms: ['联合工会', '联合工会名称', '所在联合工会', '覆盖的联合工会'],
    required: false,
    help: '企业没有单独建会、由联合工会覆盖时，填写联合工会的名称',
    example: '',
    kind: 'text',
  },
  {
    key: 'unionUscc',
    header: '工会统一社会信用代码',
    synonyms: [
      '工会信用代码',
      '工会社会信用代码',
      '工会统一代码',
      '工会法人统一社会信用代码',
      '工会代码',
      '工会社会统一信用代码',
    ],
    required: false,
    help: '企业工会（法人）的统一社会信用代码，18 位，以 81 开头',
    example: '',
    kind: 'code',
  },
  {
    key: 'unionFoundedOn',
    header: '建会日期',
    synonyms: ['工会成立日期', '建会时间', '工会成立时间', '成立工会日期', '工会建立日期', '建会年月日'],
    required: false,
    help: `企业工会的成立日期；填写了其他工会信息时必须填写（由联合工会覆盖的除外）。${DATE_HELP}`,
    example: '2009-05-01',
    kind: 'date',
  },
  {
    key: 'members',
    header: '会员人数',
    synonyms: ['会员数', '工会会员数', '工会会员人数', '会员总数', '入会人数', '入会职工数', '入会职工人数'],
    required: false,
    help: '工会会员人数，整数；不应多于职工人数，确有原因请在备注中说明',
    example: '110',
    kind: 'count',
  },
  {
    key: 'termYears',
    header: '任期年限',
    synonyms: ['任期', '届期', '每届任期', '工会委员会任期', '任期(年)'],
    required: false,
    help: '工会委员会每届任期：3 或 5（年）',
    example: '5',
    kind: 'count',
  },
  {
    key: 'lastElectionOn',
    header: '最近换届日期',
    synonyms: ['换届日期', '换届时间', '上次换届日期', '最近一次换届日期', '最近换届时间', '上届换届日期'],
    required: false,
    help: `最近一次换届选举的日期；不填时以建会日期为本届开始。${DATE_HELP}`,
    example: '2019-05-10',
    kind: 'date',
  },
  {
    key: 'workersCongressOn',
    header: '职代会建立日期',
    synonyms: [
      '职代会',
      '职代会日期',
      '职工代表大会',
      '职工代表大会日期',
      '建立职代会日期',
      '职工大会',
      '职工大会日期',
      '职代会建立时间',
      '职工代表大会建立日期',
    ],
    required: false,
    help: `建立职工代表大会（100 人以下企业为职工大会）的日期。${DATE_HELP}`,
    example: '2010-01-20',
    kind: 'date',
  },
  {
    key: 'membersCongressOn',
    header: '会员代表大会建立日期',
    synonyms: ['会员代表大会', '会员代表大会日期', '会代会', '会员代表大会建立时间', '会员(代表)大会'],
    required: false,
    help: `建立会员代表大会的日期。${DATE_HELP}`,
    example: '',
    kind: 'date',
  },
  ...contract('collectiveContract', '集体合同', [], {
    signed: '2023-01-10',
    from: '2023-01-01',
    to: '2025-12-31',
  }),
  ...contract('wageAgreement', '工资专项集体协议', ['工资集体协议', '工资专项协议', '工资协议'], {
    signed: '2024-01-08',
    from: '2024-01-01',
    to: '2024-12-31',
  }),
  ...contract('womenContract', '女职工专项集体合同', ['女职工专项合同', '女职工集体合同', '女职工合同'], {
    signed: '',
    from: '',
    to: '',
  }),
  {
    key: 'affairsDisclosureOn',
    header: '厂务公开建立日期',
    synonyms: ['厂务公开', '厂务公开日期', '实行厂务公开日期', '厂务公开时间', '实行厂务公开时间'],
    required: false,
    help: `实行厂务公开的日期。${DATE_HELP}`,
    example: '2010-01-20',
    kind: 'date',
  },
  {
    key: 'employeeDirectors',
    header: '职工董事人数',
    synonyms: ['职工董事', '职工董事数', '职工董事(人)'],
    required: false,
    help: '职工董事的人数，整数，没有填 0 或留空',
    example: '',
    kind: 'count',
  },
  {
    key: 'employeeSupervisors',
    header: '职工监事人数',
    synonyms: ['职工监事', '职工监事数'],
    required: false,
    help: '职工监事的人数，整数，没有填 0 或留空',
    example: '',
    kind: 'count',
  },
  {
    key: 'evaluationYear',
    header: '会员评家年度',
    synonyms: ['评家年度', '会员评家年份', '评家年份', '会员评家'],
    required: false,
    help: '会员评家的年度，例如 2024；填写年度时须同时填写票数',
    example: '2024',
    kind: 'count',
  },
  {
    key: 'evaluationSatisfied',
    header: '评家满意票数',
    synonyms: ['满意票数', '满意票', '满意', '会员评家满意票数', '满意人数'],
    required: false,
    help: '会员评家中“满意”的票数',
    example: '90',
    kind: 'count',
  },
  {
    key: 'evaluationBasic',
    header: '评家基本满意票数',
    synonyms: ['基本满意票数', '基本满意票', '基本满意', '会员评家基本满意票数', '基本满意人数'],
    required: false,
    help: '会员评家中“基本满意”的票数',
    example: '15',
    kind: 'count',
  },
  {
    key: 'evaluationUnsatisfied',
    header: '评家不满意票数',
    synonyms: ['不满意票数', '不满意票', '不满意', '会员评家不满意票数', '不满意人数'],
    required: false,
    help: '会员评家中“不满意”的票数',
    example: '5',
    kind: 'count',
  },
  fiveHave('readingRoom', '职工书屋', ['书屋'], '是'),
  fiveHave('equipment', '活动器材', ['文体活动器材', '活动设施'], '2015-06-01'),
  fiveHave('contactWindow', '联系窗口', ['服务窗口', '职工联系窗口'], '是'),
  fiveHave('studySpace', '学习场地', ['学习阵地', '活动场地'], '否'),
  fiveHave('noticeBoard', '公开专栏', ['公示栏', '公开栏', '宣传栏'], '是'),
];

export const COLUMN_BY_FIELD: Readonly<Record<ImportField, ImportColumn>> = Object.fromEntries(
  IMPORT_COLUMNS.map((c) => [c.key, c]),
) as Record<ImportField, ImportColumn>;

const FIELD_BY_KEY = new Map<string, ImportField>();
for (const column of IMPORT_COLUMNS) {
  for (const h of [column.header, ...column.synonyms]) {
    const key = headerKey(h);
    const existing = FIELD_BY_KEY.get(key);
    // Two fields claiming one header would make matching depend on order: a test guards this.
    if (existing === undefined) FIELD_BY_KEY.set(key, column.key);
  }
}

/** The field a header names, or null. */
export function fieldOfHeader(header: string): ImportField | null {
  return FIELD_BY_KEY.get(headerKey(header)) ?? null;
}

export interface HeaderMapping {
  /** The field of each column of the file, null for columns that are ignored. */
  columns: (ImportField | null)[];
  /** Required fields no column provides. */
  missing: ImportField[];
  /** Fields named by more than one column: the first column is used, the others ignored. */
  duplicates: { field: ImportField; headers: string[] }[];
  /** Headers that name no field (ignored), as written in the file. */
  unknown: string[];
}

/** Matches a file's header row to import fields, in any order. */
export function mapHeaders(cells: string[]): HeaderMapping {
  const columns: (ImportField | null)[] = [];
  const headersOf = new Map<ImportField, string[]>();
  const unknown: string[] = [];
  for (const cell of cells) {
    const text = String(cell ?? '').trim();
    const field = text === '' ? null : fieldOfHeader(text);
    if (field === null) {
      if (text !== '') unknown.push(text);
      columns.push(null);
      continue;
    }
    const seen = headersOf.get(field);
    if (seen) {
      seen.push(text);
      columns.push(null);
    } else {
      headersOf.set(field, [text]);
      columns.push(field);
    }
  }
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !headersOf.has(c.key)).map((c) => c.key);
  const duplicates = [...headersOf]
    .filter(([, headers]) => headers.length > 1)
    .map(([field, headers]) => ({ field, headers }));
  return { columns, missing, duplicates, unknown };
}
