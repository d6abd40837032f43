import { describe, expect, it } from 'vitest';
import type { FactView } from '../contract';
import {
  contractStatus,
  exportHref,
  factSummary,
  fiveHaves,
  readListState,
  termEnds,
  writeListState,
} from './enterprise-format';

const fact = (over: Partial<FactView>): FactView => ({
  id: '01a21336-2247-7131-975d-b3df616edf3a',
  kind: 'membership',
  eventDate: null,
  validFrom: null,
  validTo: null,
  value: null,
  data: null,
  source: 'form',
  createdAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('list state in the address bar', () => {
  it('round-trips filters, order and page, leaving defaults out', () => {
    const state = readListState(
      new URLSearchParams('ownership=private&missing=wageAgreement&q=光福&page=3&sort=employees&order=desc'),
    );
    expect(state).toMatchObject({
      ownership: 'private',
      missing: 'wageAgreement',
      q: '光福',
      page: 3,
      pageSize: 20,
      sort: 'employees',
      order: 'desc',
    });
    expect(writeListState(state).toString()).toBe(
      'q=%E5%85%89%E7%A6%8F&ownership=private&missing=wageAgreement&sort=employees&order=desc&page=3',
    );
    expect(writeListState(readListState(new URLSearchParams())).toString()).toBe('');
  });

  it('ignores what an edited link got wrong', () => {
    const state = readListState(
      new URLSearchParams('ownership=x&orgId=1&page=-2&pageSize=7&sort=drop&hasUnion=yes'),
    );
    expect(state).toEqual({
      orgId: undefined,
      q: undefined,
      ownership: undefined,
      sizeBand: undefined,
      hasUnion: undefined,
      missing: undefined,
      status: undefined,
      sort: 'name',
      order: 'asc',
      page: 1,
      pageSize: 20,
    });
  });

  it('exports the same filters without the page', () => {
    const state = readListState(new URLSearchParams('hasUnion=false&page=4'));
    expect(exportHref(state)).toBe('/api/enterprises/export.xlsx?hasUnion=false&sort=name&order=asc');
  });
});

describe('institutions as of a date', () => {
  it('tells valid, soon ending, expired and missing contracts apart', () => {
    expect(contractStatus('2027-12-13', '2026-11-25')).toMatchObject({ state: 'valid', color: 'green' });
    expect(contractStatus('2026-12-31', '2026-11-25')).toMatchObject({ state: 'expiring' });
    expect(contractStatus('2026-11-25', '2026-11-25').state).toBe('expiring');
    expect(contractStatus('2026-11-24', '2026-11-25')).toMatchObject({
      state: 'expired',
      text: '已过期（2026-11-24 到期）',
      short: '2026-11-24 过期',
    });
    expect(contractStatus(null, '2026-11-25').state).toBe('none');
  });

  it('counts the term from the last election, else from founding', () => {
    expect(termEnds({ lastElectionOn: '2021-08-04', unionFoundedOn: '2012-07-30', termYears: 3 })).toBe(
      '2024-08-04',
    );
    expect(termEnds({ lastElectionOn: null, unionFoundedOn: '2012-07-30', termYears: 5 })).toBe('2017-07-30');
    expect(termEnds({ lastElectionOn: null, unionFoundedOn: '2012-07-30', termYears: null })).toBeNull();
  });

  it('collects the five haves with their earliest date', () => {
    const items = fiveHaves([
      fact({ kind: 'fiveHave', eventDate: '2020-01-01', data: { item: 'readingRoom' } }),
      fact({ kind: 'fiveHave', eventDate: '2013-06-11', data: { item: 'readingRoom' } }),
      fact({ kind: 'fiveHave', eventDate: null, data: { item: 'noticeBoard' } }),
      fact({ kind: 'fiveHave', data: { item: 'nonsense' } }),
    ]);
    expect([...items]).toEqual([
      ['readingRoom', '2013-06-11'],
      ['noticeBoard', null],
    ]);
  });
});

describe('fact wording', () => {
  it('says what each kind of fact records', () => {
    expect(factSummary(fact({ kind: 'termElection', eventDate: '2024-09-13', value: 3 }))).toBe(
      '任期 3 年；2027-09-13 届满',
    );
    expect(
      factSummary(
        fact({
          kind: 'wageAgreement',
          eventDate: '2025-12-12',
          validFrom: '2026-01-01',
          validTo: '2026-12-31',
        }),
      ),
    ).toBe('有效期 2026-01-01 至 2026-12-31；2025-12-12 签订');
    expect(
      factSummary(
        fact({ kind: 'memberEvaluation', value: 2021, data: { satisfied: 80, basic: 15, unsatisfied: 5 } }),
      ),
    ).toBe('2021 年度；满意 80，基本满意 15，不满意 5；满意率 95.0%');
    expect(factSummary(fact({ kind: 'membership', value: 120, data: { explanation: '含退休会员' } }))).toBe(
      '会员 120 人；说明：含退休会员',
    );
    expect(factSummary(fact({ kind: 'fiveHave', data: { item: 'equipment' } }))).toBe('活动器材');
  });
});
