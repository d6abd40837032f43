import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  excelSerialToDate,
  nameKey,
  normalizeText,
  parseBool,
  parseCount,
  parseDate,
  parseOwnership,
  parseStatus,
  trimText,
} from './values';
import { utcDay } from '../../platform/shared/dates';

const errorOf = (r: { value: unknown } | { error: string }) => ('error' in r ? r.error : null);

describe('parseDate', () => {
  it.each([
    ['2011-06-30', '2011-06-30'],
    ['2011/6/30', '2011-06-30'],
    ['2011.6.30', '2011-06-30'],
    ['2011年6月30日', '2011-06-30'],
    ['2011 年 6 月 30 日', '2011-06-30'],
    ['20110630', '2011-06-30'],
    ['２０１１－０６－３０', '2011-06-30'],
    ['２０１１年６月３０日', '2011-06-30'],
    ['  2011-06-30\u3000', '2011-06-30'],
    ['2011/6/30 0:00', '2011-06-30'],
    ['2011-06-30 00:00:00', '2011-06-30'],
    ['2011-06-30T00:00:00.000Z', '2011-06-30'],
    ['40724', '2011-06-30'],
    ['40724.75', '2011-06-30'],
    ['2000-02-29', '2000-02-29'],
    ['1949-10-01', '1949-10-01'],
  ])('%s → %s', (input, expected) => {
    expect(parseDate(input)).toEqual({ value: expected });
  });

  it('empty is null', () => {
    expect(parseDate('')).toEqual({ value: null });
    expect(parseDate(' \u3000 ')).toEqual({ value: null });
  });

  it.each([
    ['2011-02-30', /2011 年 2 月只有 28 天/],
    ['1900-02-29', /1900/],
    ['2100-02-29', /2 月只有 28 天/],
    ['2011-13-01', /月份 13 不存在/],
    ['1948-12-31', /不在 1949 到 2100 年之间/],
    ['2101-01-01', /不在 1949 到 2100 年之间/],
    ['2011', /只有年份/],
    ['2011年6月', /缺少日/],
    ['11-6-30', /年份请写 4 位/],
    ['30/06/2011', /年-月-日/],
    ['12345', /不是日期/],
    ['明年', /不是日期/],
  ])('refuses %s with a reason', (input, reason) => {
    expect(errorOf(parseDate(input))).toMatch(reason);
  });

  it('converts serials like Excel, including the 1904 system', () => {
    expect(excelSerialToDate(1)).toBe('1900-01-01');
    expect(excelSerialToDate(59)).toBe('1900-02-28');
    expect(excelSerialToDate(61)).toBe('1900-03-01');
    expect(excelSerialToDate(25569)).toBe('1970-01-01');
    expect(excelSerialToDate(40724.99999999999)).toBe('2011-07-01');
    expect(excelSerialToDate(40724.9999)).toBe('2011-06-30');
    expect(excelSerialToDate(39262, true)).toBe('2011-06-30');
  });

  it('every valid date written as text or as a serial round-trips', () => {
    const day = fc.date({
      min: new Date('1949-01-01T00:00:00Z'),
      max: new Date('2100-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(day, (d) => {
        const iso = utcDay(d);
        const [y, m, dd] = iso.split('-').map(Number);
        const serial = Math.floor(d.getTime() / 86_400_000) + 25569;
        expect(parseDate(iso)).toEqual({ value: iso });
        expect(parseDate(`${y}年${m}月${dd}日`)).toEqual({ value: iso });
        expect(parseDate(`${y}/${m}/${dd}`)).toEqual({ value: iso });
        expect(parseDate(String(serial))).toEqual({ value: iso });
      }),
    );
  });
});

describe('parseCount', () => {
  it.each([
    ['120', 120],
    ['1,234', 1234],
    ['1，234', 1234],
    ['１２３', 123],
    ['120人', 120],
    ['120 人', 120],
    [' 45 ', 45],
    ['0', 0],
    ['12.0', 12],
    ['5年', 5],
  ])('%s → %d', (input, expected) => {
    expect(parseCount(input)).toEqual({ value: expected });
  });

  it('empty is null', () => expect(parseCount('')).toEqual({ value: null }));

  it.each([
    ['12.5', /小数/],
    ['-3', /负数/],
    ['约100', /不是整数/],
    ['1e3', /不是整数/],
    ['999999999999', /过大/],
  ])('refuses %s', (input, reason) => {
    expect(errorOf(parseCount(input))).toMatch(reason);
  });
});

describe('parseBool', () => {
  it.each(['是', 'Y', 'y', 'yes', 'YES', '√', '有', '1', 'TRUE', 'Ｙ'])('%s → true', (input) => {
    expect(parseBool(input)).toEqual({ value: true });
  });
  it.each(['否', 'N', 'no', '×', '无', '0', 'false'])('%s → false', (input) => {
    expect(parseBool(input)).toEqual({ value: false });
  });
  it('empty → null, anything else → a reason', () => {
    expect(parseBool('  ')).toEqual({ value: null });
    expect(errorOf(parseBool('也许'))).toMatch(/“是”或“否”/);
  });
});

describe('parseOwnership and parseStatus', () => {
  it.each([
    ['国有', 'state'],
    ['国有企业', 'state'],
    ['国有控股', 'state'],
    ['集体', 'collective'],
    ['私营', 'private'],
    ['民营', 'private'],
    ['私营企业', 'private'],
    ['个体', 'private'],
    ['个人独资', 'private'],
    ['合伙', 'private'],
    ['外资', 'foreign'],
    ['外商投资', 'foreign'],
    ['外商独资', 'foreign'],
    ['中外合资', 'foreign'],
    ['中外合作', 'foreign'],
    ['港澳台', 'hmt'],
    ['港澳台投资', 'hmt'],
    ['台资', 'hmt'],
    ['港资', 'hmt'],
    ['其他', 'other'],
    [' 私营（有限责任公司） ', 'private'],
    ['private', 'private'],
  ])('%s → %s', (input, expected) => {
    expect(parseOwnership(input)).toEqual({ value: expected });
  });

  it('unknown ownership lists the accepted words', () => {
    expect(parseOwnership('')).toEqual({ value: null });
    expect(errorOf(parseOwnership('股份有限公司'))).toMatch(/国有、集体、私营、外商投资、港澳台投资 或 其他/);
  });

  it.each([
    ['在营', 'operating'],
    ['存续', 'operating'],
    ['正常', 'operating'],
    ['开业', 'operating'],
    ['', 'operating'],
    ['注销', 'closed'],
    ['关闭', 'closed'],
    ['吊销', 'closed'],
    ['停业', 'closed'],
    ['歇业', 'closed'],
    ['存续（在营、开业、在册）', 'operating'],
  ])('status %s → %s', (input, expected) => {
    expect(parseStatus(input)).toEqual({ value: expected });
  });

  it('unknown status has a reason', () => {
    expect(errorOf(parseStatus('迁出'))).toMatch(/在营/);
  });
});

describe('text and names', () => {
  it('normalizeText trims full-width spaces and collapses inner whitespace', () => {
    expect(normalizeText('\u3000 苏州  某某\t公司 \u3000')).toBe('苏州 某某 公司');
    expect(normalizeText('\ufeff\u00a0abc\u200b')).toBe('abc');
    expect(trimText(' a  b\n')).toBe('a  b');
  });

  it('normalizeText’s fast path agrees with the plain definition', () => {
    const space = '[\\s\\u00a0\\u1680\\u2000-\\u200b\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]';
    const plain = (t: string) =>
      t.replace(new RegExp(`^${space}+|${space}+$`, 'g'), '').replace(new RegExp(`${space}+`, 'g'), ' ');
    const unit = fc.constantFrom(
      'a',
      '企',
      ' ',
      '  ',
      '\t',
      '\n',
      '\u3000',
      '\u00a0',
      '\u200b',
      '\ufeff',
      '１',
      'Ａ',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), (t) => {
        expect(normalizeText(t)).toBe(plain(t));
      }),
    );
  });

  it('nameKey finds spellings of one name equal and keeps 股份有限公司 distinct', () => {
    const same = [
      '苏州（中国）精密机械有限责任公司',
      '苏州(中国)精密机械有限公司',
      '苏州【中国】精密机械有限公司 ',
      '苏州 (中国) 精密机械有限公司',
      '苏州［中国］精密机械有限公司',
    ];
    expect(new Set(same.map(nameKey)).size).toBe(1);
    expect(nameKey('苏州精密机械股份有限公司')).not.toBe(nameKey('苏州精密机械有限公司'));
    expect(nameKey('abc 科技（苏州）有限公司')).toBe(nameKey('ＡＢＣ科技(苏州)有限责任公司'));
  });

  it('no parser throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        for (const parse of [parseDate, parseCount, parseBool, parseOwnership, parseStatus]) {
          const result = parse(s);
          expect('value' in result || typeof result.error === 'string').toBe(true);
        }
        expect(typeof nameKey(s)).toBe('string');
        expect(typeof normalizeText(s)).toBe('string');
      }),
      { numRuns: 500 },
    );
  });
});
