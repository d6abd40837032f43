import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completeUscc } from '../../platform/shared/uscc';
import { IMPORT_FIELDS, mapHeaders, type ImportField } from './headers';
import type { EnterpriseRecord, RowError } from './record';
import { validateRow } from './validate-row';
import { utcDay } from '../../platform/shared/dates';

const TODAY = '2024-06-30';
const matching = (re: RegExp): unknown => expect.stringMatching(re) as unknown;
const USCC = completeUscc('91320506', 'MA1MY2RB');
const UNION_USCC = completeUscc('81320506', 'MA1N0K7P');

/** A row given as { header: value }, mapped like a file's header row. */
function check(
  values: Record<string, string>,
  options: { problems?: { col: number; reason: string }[] } = {},
) {
  const headers = Object.keys(values);
  const { columns } = mapHeaders(headers);
  return validateRow(7, Object.values(values), columns, { today: TODAY, ...options });
}

const base = { 统一社会信用代码: USCC, 企业名称: '苏州示例精密机械有限公司', '所属乡镇(街道)': '木渎镇' };

function recordOf(values: Record<string, string>): EnterpriseRecord {
  const result = check(values);
  if ('errors' in result) throw new Error(JSON.stringify(result.errors, null, 1));
  return result.record;
}

function errorsOf(
  values: Record<string, string>,
  options?: { problems?: { col: number; reason: string }[] },
): RowError[] {
  const result = check(values, options);
  if ('record' in result) throw new Error(`expected errors, got a record for ${JSON.stringify(values)}`);
  return result.errors;
}

describe('validateRow: the enterprise', () => {
  it('builds a record from the required columns alone', () => {
    expect(recordOf(base)).toEqual({
      uscc: USCC,
      name: '苏州示例精密机械有限公司',
      nameKey: '苏州示例精密机械有限公司',
      township: '木渎镇',
      address: null,
      ownership: null,
      industry: null,
      employees: null,
      aboveDesignatedSize: null,
      global500: null,
      status: 'operating',
      registeredOn: null,
      closedOn: null,
      note: null,
      jointUnion: null,
      unionUscc: null,
      facts: [],
    });
  });

  it('normalises what people type: lower-case and spaced codes, full-width, spaces', () => {
    const r = recordOf({
      统一社会信用代码: ` ${USCC.toLowerCase().slice(0, 9)} ${USCC.slice(9).toLowerCase()} `,
      企业名称: '\u3000苏州（中国）示例  有限责任公司 ',
      乡镇: ' 木渎镇\u3000',
      经济类型: '民营',
      职工人数: '１,２００人',
      规模以上: '√',
      成立日期: '2008年3月15日',
    });
    expect(r.uscc).toBe(USCC);
    expect(r.name).toBe('苏州（中国）示例 有限责任公司');
    expect(r.nameKey).toBe('苏州(中国)示例有限公司');
    expect(r.township).toBe('木渎镇');
    expect(r).toMatchObject({
      ownership: 'private',
      employees: 1200,
      aboveDesignatedSize: true,
      registeredOn: '2008-03-15',
    });
  });

  it('requires the USCC, the name and the township, and says so per column', () => {
    const errors = errorsOf({ 统一社会信用代码: '', 企业名称: ' ', '所属乡镇(街道)': '' });
    expect(errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [7, '统一社会信用代码', '统一社会信用代码不能为空'],
      [7, '企业名称', '企业名称不能为空'],
      [7, '所属乡镇(街道)', '所属乡镇(街道)不能为空'],
    ]);
  });

  it('explains a USCC with a wrong check character', () => {
    const wrong = USCC.slice(0, 17) + (USCC[17] === '0' ? '1' : '0');
    const [error] = errorsOf({ ...base, 统一社会信用代码: wrong });
    expect(error).toEqual({
      row: 7,
      column: '统一社会信用代码',
      value: wrong,
      reason: matching(/校验位错误/),
    });
  });

  it('accepts a valid USCC that happens to read like a number in scientific notation', () => {
    const code = completeUscc('91320506', '0000258E');
    expect(code).toMatch(/^\d+E\d+$/);
    expect(recordOf({ ...base, 统一社会信用代码: code }).uscc).toBe(code);
  });

  it.each(['9.13205E+17', '9.13205001234568E+017', '913205001234568000', '913205001234567000'])(
    'recognises a USCC that Excel stored as a number: %s',
    (cell) => {
      const [error] = errorsOf({ ...base, 统一社会信用代码: cell });
      expect(error!.reason).toBe('信用代码被 Excel 当作数字保存，丢失了位数，请将该列设为文本');
    },
  );

  it('refuses impossible dates and events after today, and keeps going to collect every error', () => {
    const errors = errorsOf({
      ...base,
      成立日期: '2011-02-30',
      建会日期: '2024-07-01',
      职工人数: '-5',
      经济类型: '股份制',
    });
    expect(errors.map((e) => e.column)).toEqual(['经济类型', '职工人数', '成立日期', '建会日期']);
    expect(errors[2]!.reason).toMatch(/2011 年 2 月只有 28 天/);
    expect(errors[3]!.reason).toMatch(/晚于今天（2024-06-30）/);
  });

  it('checks closing against registration and status', () => {
    expect(errorsOf({ ...base, 成立日期: '2010-01-01', 注销日期: '2009-12-31' })[0]!.reason).toMatch(
      /早于成立日期/,
    );
    expect(recordOf({ ...base, 注销日期: '2020-05-01' }).status).toBe('closed');
    expect(recordOf({ ...base, 经营状态: '吊销', 注销日期: '2020-05-01' }).status).toBe('closed');
    expect(errorsOf({ ...base, 经营状态: '在营', 注销日期: '2020-05-01' })[0]!.column).toBe('经营状态');
  });

  it('passes on the problems readRows found in cells, under the column header', () => {
    const values = { ...base, 职工人数: '=B2*2' };
    const errors = errorsOf(values, {
      problems: [{ col: 3, reason: '单元格是公式且没有计算结果，请粘贴为数值' }],
    });
    expect(errors).toEqual([
      { row: 7, column: '职工人数', value: '=B2*2', reason: '单元格是公式且没有计算结果，请粘贴为数值' },
    ]);
    // A problem in a column the import ignores does not matter.
    const ignored = check({ ...base, 联系人: '=A1' }, { problems: [{ col: 3, reason: 'x' }] });
    expect('record' in ignored).toBe(true);
  });

  it('limits lengths', () => {
    expect(errorsOf({ ...base, 企业名称: '厂'.repeat(201) })[0]!.reason).toMatch(/不能超过 200 个字/);
  });
});

describe('validateRow: the union and its facts', () => {
  const union = { ...base, 职工人数: '120', 建会日期: '2009-05-01' };

  it('builds dated facts from the union columns', () => {
    const r = recordOf({
      ...union,
      工会统一社会信用代码: UNION_USCC,
      会员人数: '110',
      任期年限: '5',
      最近换届日期: '2019-05-10',
      职代会建立日期: '2010-01-20',
      会员代表大会建立日期: '2012-03-01',
      集体合同签订日期: '2023-01-10',
      集体合同生效日期: '2023-01-01',
      集体合同到期日期: '2025-12-31',
      工资专项集体协议生效日期: '2024-01-01',
      工资专项集体协议到期日期: '2024-12-31',
      女职工专项集体合同签订日期: '2022-03-08',
      厂务公开建立日期: '2010-01-20',
      职工董事人数: '2',
      职工监事人数: '0',
      会员评家年度: '2023',
      评家满意票数: '90',
      评家基本满意票数: '15',
      职工书屋: '是',
      活动器材: '2015-06-01',
      联系窗口: '否',
      学习场地: '',
      公开专栏: 'Y',
    });
    expect(r.unionUscc).toBe(UNION_USCC);
    const n = { validFrom: null, validTo: null, value: null, data: null };
    expect(r.facts).toEqual([
      { ...n, kind: 'headcount', eventDate: null, value: 120 },
      { ...n, kind: 'unionFounded', eventDate: '2009-05-01' },
      { ...n, kind: 'membership', eventDate: TODAY, value: 110 },
      { ...n, kind: 'termElection', eventDate: '2019-05-10', value: 5 },
      { ...n, kind: 'workersCongress', eventDate: '2010-01-20' },
      { ...n, kind: 'membersCongress', eventDate: '2012-03-01' },
      {
        ...n,
        kind: 'collectiveContract',
        eventDate: '2023-01-10',
        validFrom: '2023-01-01',
        validTo: '2025-12-31',
      },
      {
        ...n,
        kind: 'wageAgreement',
        eventDate: '2024-01-01',
        validFrom: '2024-01-01',
        validTo: '2024-12-31',
      },
      { ...n, kind: 'womenContract', eventDate: '2022-03-08' },
      { ...n, kind: 'affairsDisclosure', eventDate: '2010-01-20' },
      { ...n, kind: 'employeeDirector', eventDate: null, value: 2 },
      {
        ...n,
        kind: 'memberEvaluation',
        eventDate: null,
        value: 2023,
        data: { satisfied: 90, basic: 15, unsatisfied: 0 },
      },
      { ...n, kind: 'fiveHave', eventDate: null, data: { item: 'readingRoom' } },
      { ...n, kind: 'fiveHave', eventDate: '2015-06-01', data: { item: 'equipment' } },
      { ...n, kind: 'fiveHave', eventDate: null, data: { item: 'noticeBoard' } },
    ]);
  });

  it('dates the current term from the founding when no election date is given', () => {
    const facts = recordOf({ ...union, 任期年限: '3年' }).facts;
    expect(facts.find((f) => f.kind === 'termElection')).toMatchObject({ eventDate: '2009-05-01', value: 3 });
  });

  it('refuses union facts without a founding date, unless a joint union covers the enterprise', () => {
    const [error] = errorsOf({ ...base, 会员人数: '20' });
    expect(error).toMatchObject({
      column: '建会日期',
      value: '',
      reason: matching(/填写了工会信息.*但缺少建会日期/),
    });
    expect(errorsOf({ ...base, 职工书屋: '是' })[0]!.reason).toMatch(/缺少建会日期/);
    // 否 and 0 say nothing about a union.
    expect('record' in check({ ...base, 职工书屋: '否', 职工董事人数: '0' })).toBe(true);
    const covered = recordOf({ ...base, 所属联合工会: '木渎镇金山村联合工会', 会员人数: '20' });
    expect(covered.facts).toEqual([
      { kind: 'membership', eventDate: TODAY, validFrom: null, validTo: null, value: 20, data: null },
    ]);
  });

  it('asks for a note when members exceed employees', () => {
    expect(errorsOf({ ...union, 会员人数: '130' })[0]).toMatchObject({
      column: '会员人数',
      reason: '会员人数 130 超过职工人数 120，请核实或在备注中说明',
    });
    const explained = recordOf({ ...union, 会员人数: '130', 备注: '含劳务派遣人员入会' });
    expect(explained.facts.find((f) => f.kind === 'membership')!.value).toBe(130);
  });

  it('checks the term, the union USCC, contracts and evaluations', () => {
    expect(errorsOf({ ...union, 任期年限: '4' })[0]!.reason).toMatch(/3 年或 5 年/);
    expect(
      errorsOf({ ...union, 工会统一社会信用代码: completeUscc('91320506', 'MA1N0K7P') })[0]!.reason,
    ).toMatch(/以 81 开头/);
    expect(
      errorsOf({ ...union, 集体合同生效日期: '2024-01-01', 集体合同到期日期: '2023-12-31' })[0],
    ).toMatchObject({
      column: '集体合同到期日期',
      reason: matching(/早于生效日期/),
    });
    expect(errorsOf({ ...union, 工资专项集体协议到期日期: '2024-12-31' })[0]).toMatchObject({
      column: '工资专项集体协议生效日期',
      reason: matching(/也要填写生效日期/),
    });
    expect(errorsOf({ ...union, 评家满意票数: '10' })[0]).toMatchObject({
      column: '会员评家年度',
      reason: matching(/没有填写评家年度/),
    });
    expect(errorsOf({ ...union, 会员评家年度: '2023' })[0]!.reason).toMatch(/没有填写满意/);
    expect(errorsOf({ ...union, 会员评家年度: '2025', 评家满意票数: '3' })[0]!.reason).toMatch(
      /1949 到 2024/,
    );
    expect(errorsOf({ ...union, 职工书屋: '大概有' })[0]!.reason).toMatch(/“是”“否”或建立日期/);
    // Contracts may run into the future; signing may not.
    expect(
      recordOf({ ...union, 集体合同生效日期: '2024-01-01', 集体合同到期日期: '2026-12-31' }).facts.filter(
        (f) => f.kind !== 'headcount',
      ),
    ).toHaveLength(2);
    expect(errorsOf({ ...union, 集体合同签订日期: '2024-07-01' })[0]!.reason).toMatch(/晚于今天/);
  });
});

describe('validateRow never throws', () => {
  const cell = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.constantFrom(
      '',
      '是',
      '否',
      '2011-02-30',
      '40724',
      '9.13205E+17',
      USCC,
      UNION_USCC,
      '-1',
      '1e400',
      '２０１１年６月３０日',
    ),
    fc.date({ noInvalidDate: true }).map((d) => utcDay(d)),
    fc.nat().map(String),
  );
  const field = fc.oneof(fc.constantFrom<ImportField | null>(...IMPORT_FIELDS), fc.constant(null));

  it('for random cells under random columns', () => {
    fc.assert(
      fc.property(
        fc.array(cell, { maxLength: 50 }),
        fc.array(field, { maxLength: 50 }),
        fc.array(fc.record({ col: fc.integer({ min: -2, max: 60 }), reason: fc.string() }), { maxLength: 3 }),
        fc.oneof(fc.constant(TODAY), fc.string()),
        (cells, columns, problems, today) => {
          const result = validateRow(3, cells, columns, { today, problems });
          if ('errors' in result) {
            expect(result.errors.length).toBeGreaterThan(0);
            for (const e of result.errors) {
              expect(e.row).toBe(3);
              expect(typeof e.reason).toBe('string');
              expect(e.reason).not.toMatch(/无法校验此行/);
            }
          } else {
            expect(result.record.uscc).toHaveLength(18);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('for every column filled at random', () => {
    fc.assert(
      fc.property(
        fc.array(cell, { minLength: IMPORT_FIELDS.length, maxLength: IMPORT_FIELDS.length }),
        (cells) => {
          const result = validateRow(2, [USCC, '某公司', '某镇', ...cells.slice(3)], [...IMPORT_FIELDS], {
            today: TODAY,
          });
          if ('errors' in result) for (const e of result.errors) expect(e.reason).not.toMatch(/无法校验此行/);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('for inputs that break the types', () => {
    const bad = validateRow(
      1,
      [null, 5, {}, undefined] as unknown as string[],
      ['uscc', 'x', 'name', 7] as unknown as ImportField[],
      {
        today: TODAY,
      },
    );
    expect('errors' in bad && bad.errors.map((e) => e.column)).toEqual([
      '统一社会信用代码',
      '企业名称',
      '所属乡镇(街道)',
    ]);
  });
});
