import { describe, expect, it } from 'vitest';
import { completeUscc } from '../../platform/shared/uscc';
import { kindsUnder, usccIssue } from './org-rules';

describe('organisation form rules', () => {
  it('offers only the kinds that may stand under the parent', () => {
    expect(kindsUnder('townshipUnion')).toEqual(['grassrootsUnion', 'jointUnion']);
    expect(kindsUnder('cityFederation')).toEqual(['districtFederation', 'industryUnion', 'grassrootsUnion']);
    expect(kindsUnder('grassrootsUnion')).toEqual([]);
    expect(kindsUnder(null)).toEqual(['cityFederation']);
  });

  it('explains a USCC as it is typed, spaces and lower case forgiven', () => {
    const good = completeUscc('81320500', 'MA1E2E01');
    expect(usccIssue(good.toLowerCase().replace(/(.{6})/g, '$1 '), 'grassrootsUnion')).toBeNull();
    expect(usccIssue(undefined, 'grassrootsUnion')).toBeNull();
    expect(usccIssue('8132', 'grassrootsUnion')).toBe('统一社会信用代码应为 18 位，当前为 4 位');
    const wrongCheck = good.slice(0, 17) + (good.endsWith('1') ? '2' : '1');
    expect(usccIssue(wrongCheck, 'grassrootsUnion')).toContain(`第 18 位应为 ${good[17]}`);
    const company = completeUscc('91320500', 'MA1E2E01');
    expect(usccIssue(company, 'districtFederation')).toBeNull();
    expect(usccIssue(company, 'jointUnion')).toContain('应以 81 开头');
  });
});
