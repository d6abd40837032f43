import { describe, expect, it } from 'vitest';
import { auditDiff, auditSubject, auditValue } from './audit-format';

describe('audit rows for people', () => {
  it('marks the fields an update changed, with Chinese names and labels', () => {
    const rows = auditDiff(
      { name: '长桥街道工会', kind: 'townshipUnion', active: true, version: 1 },
      { name: '长桥街道工会', kind: 'townshipUnion', active: false, version: 2 },
    );
    expect(rows.filter((r) => r.changed).map((r) => r.label)).toEqual(['在用', '版本']);
    expect(rows.find((r) => r.field === 'kind')?.after).toBe('乡镇(街道、开发区)工会');
    expect(rows.find((r) => r.field === 'active')).toMatchObject({ before: '是', after: '否' });
  });

  it('shows a creation as its content, nothing marked', () => {
    const rows = auditDiff(null, { displayName: '张吴中', role: 'unionStaff', department: null });
    expect(rows.every((r) => !r.changed && r.before === '—')).toBe(true);
    expect(rows.map((r) => r.after)).toEqual(['张吴中', '市(区)、乡镇(街道)工会工作人员', '—']);
  });

  it('names the subject of an entry', () => {
    expect(auditSubject({ name: '吴中区总工会' })).toBe('吴中区总工会');
    expect(auditSubject({ displayName: '张吴中', username: 'wuzhong' })).toBe('张吴中（wuzhong）');
    expect(auditSubject({ version: 2 })).toBe('');
    expect(auditValue('department', 'office')).toBe('办公室、研究室');
  });
});
