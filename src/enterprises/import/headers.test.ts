import { describe, expect, it } from 'vitest';
import { usccProblem } from '../../platform/shared/uscc';
import { IMPORT_COLUMNS, IMPORT_FIELDS, fieldOfHeader, headerKey, mapHeaders } from './headers';

describe('import columns', () => {
  it('has one column per field, in the template order, with uscc, name and township required', () => {
    expect(IMPORT_COLUMNS.map((c) => c.key)).toEqual([...IMPORT_FIELDS]);
    expect(IMPORT_COLUMNS.filter((c) => c.required).map((c) => c.key)).toEqual(['uscc', 'name', 'township']);
    for (const c of IMPORT_COLUMNS) expect(c.help, c.key).not.toBe('');
  });

  it('no header or synonym is claimed by two fields', () => {
    const owner = new Map<string, string>();
    for (const c of IMPORT_COLUMNS) {
      for (const h of [c.header, ...c.synonyms]) {
        const key = headerKey(h);
        const other = owner.get(key);
        if (other !== undefined) expect(other, `${h} → ${key}`).toBe(c.key);
        owner.set(key, c.key);
      }
    }
  });

  it('every canonical header and synonym maps back to its own field', () => {
    for (const c of IMPORT_COLUMNS) {
      for (const h of [c.header, ...c.synonyms]) expect(fieldOfHeader(h), h).toBe(c.key);
    }
  });

  it('the example USCC is valid', () => {
    const example = IMPORT_COLUMNS.find((c) => c.key === 'uscc')!.example;
    expect(usccProblem(example)).toBeNull();
  });
});

describe('mapHeaders', () => {
  it('matches synonyms in any order and after normalising', () => {
    const cells = [
      '单位名称',
      ' * 统一社会信用代码 ',
      '职工人数（人）',
      '所属乡镇(街道)',
      '经济类型：',
      '建会日期(必填)',
      '会员数',
      '信用代码备用',
      '',
      '登记注册类型',
    ];
    const m = mapHeaders(cells);
    expect(m.columns).toEqual([
      'name',
      'uscc',
      'employees',
      'township',
      'ownership',
      'unionFoundedOn',
      'members',
      null,
      null,
      null,
    ]);
    expect(m.missing).toEqual([]);
    expect(m.unknown).toEqual(['信用代码备用']);
    expect(m.duplicates).toEqual([{ field: 'ownership', headers: ['经济类型：', '登记注册类型'] }]);
  });

  it.each([
    ['统一社会信用代码', 'uscc'],
    ['信用代码', 'uscc'],
    ['社会信用代码', 'uscc'],
    ['统一代码', 'uscc'],
    ['社会统一信用代码', 'uscc'],
    ['企业名称', 'name'],
    ['单位名称', 'name'],
    ['企业（单位）名称', 'name'],
    ['乡镇', 'township'],
    ['街道', 'township'],
    ['职工人数', 'employees'],
    ['职工数', 'employees'],
    ['在岗职工', 'employees'],
    ['从业人员', 'employees'],
    ['从业人员（人）', 'employees'],
    ['经济类型', 'ownership'],
    ['所有制', 'ownership'],
    ['登记注册类型', 'ownership'],
    ['建会日期', 'unionFoundedOn'],
    ['工会成立日期', 'unionFoundedOn'],
    ['会员人数', 'members'],
    ['会员数', 'members'],
    ['职工(代表)大会', 'workersCongressOn'],
    ['工资集体协议到期日期', 'wageAgreementTo'],
    ['ＵＳＣＣ', 'uscc'],
    ['uscc', 'uscc'],
    ['统一社会\n信用代码', 'uscc'],
    ['统一社会信用代码*', 'uscc'],
    ['＊企业名称', 'name'],
  ])('%s → %s', (header, field) => {
    expect(fieldOfHeader(header)).toBe(field);
  });

  it('reports the required columns that are missing', () => {
    expect(mapHeaders(['企业名称', '地址']).missing).toEqual(['uscc', 'township']);
    expect(mapHeaders([]).missing).toEqual(['uscc', 'name', 'township']);
  });

  it('keeps the first of two columns for one field and ignores the other', () => {
    const m = mapHeaders(['信用代码', '企业名称', '乡镇', '统一社会信用代码']);
    expect(m.columns).toEqual(['uscc', 'name', 'township', null]);
    expect(m.duplicates).toEqual([{ field: 'uscc', headers: ['信用代码', '统一社会信用代码'] }]);
  });
});
