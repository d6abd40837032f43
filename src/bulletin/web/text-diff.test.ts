import { describe, expect, it } from 'vitest';
import { CHAR_DIFF_LIMIT, diffStats, diffText, type DiffPart } from './text-diff';

const side = (parts: DiffPart[], keep: 'delete' | 'insert') =>
  parts
    .filter((p) => p.op === 'equal' || p.op === keep)
    .map((p) => p.text)
    .join('');

describe('diffText', () => {
  it('marks the changed characters of an edited Chinese title', () => {
    const parts = diffText('吴中区推进工资集体协商工作', '吴中区全面推进工资集体协商');
    expect(parts).toEqual([
      { op: 'equal', text: '吴中区' },
      { op: 'insert', text: '全面' },
      { op: 'equal', text: '推进工资集体协商' },
      { op: 'delete', text: '工作' },
    ]);
    expect(diffStats(parts)).toEqual({ deleted: 2, inserted: 2 });
  });

  it('gives back both texts, equal texts as one part, and handles empty sides', () => {
    const before = '　　近日，吴中区总工会召开推进会，49家企业参加。\n会议要求……';
    const after = '　　11月20日，吴中区总工会召开工资集体协商推进会，52家企业参加。\n会议要求……';
    const parts = diffText(before, after);
    expect(side(parts, 'delete')).toBe(before);
    expect(side(parts, 'insert')).toBe(after);
    expect(diffText('同样', '同样')).toEqual([{ op: 'equal', text: '同样' }]);
    expect(diffText('', '新增')).toEqual([{ op: 'insert', text: '新增' }]);
    expect(diffText('删除', '')).toEqual([{ op: 'delete', text: '删除' }]);
  });

  it('keeps a character outside the BMP whole', () => {
    expect(diffText('𠮷野家', '𠮷田家')).toEqual([
      { op: 'equal', text: '𠮷' },
      { op: 'delete', text: '野' },
      { op: 'insert', text: '田' },
      { op: 'equal', text: '家' },
    ]);
  });

  it('falls back to whole lines when the changed middle is long, and stays correct', () => {
    const line = (i: number) => `第${i}段：职工之家建设情况良好，会员人数稳步增长。\n`;
    const before = Array.from({ length: 400 }, (_, i) => line(i)).join('');
    const after = before.replace(line(3), '第3段：改写。\n').replace(line(390), '第390段：也改了。\n');
    expect(Array.from(before).length).toBeGreaterThan(CHAR_DIFF_LIMIT);
    const parts = diffText(before, after);
    expect(side(parts, 'delete')).toBe(before);
    expect(side(parts, 'insert')).toBe(after);
    expect(parts.filter((p) => p.op === 'delete').map((p) => p.text)).toEqual([line(3), line(390)]);
  });
});
