import { describe, expect, it } from 'vitest';
import { buildTsQuery, highlightRanges, queryTerms, searchTokens, snippetAround } from './search';

describe('search tokens', () => {
  it('indexes the bigrams of each Han run in order, then run ends and long words', () => {
    const tokens = searchTokens('吴中区总工会召开会议').split(' ');
    expect(tokens.slice(0, 9)).toEqual([
      '吴中',
      '中区',
      '区总',
      '总工',
      '工会',
      '会召',
      '召开',
      '开会',
      '会议',
    ]);
    // The last character of the run, for one-character queries.
    expect(tokens).toContain('议');
  });

  it('finds a two-character word the segmenter glued into a longer one', () => {
    const segmented = [...new Intl.Segmenter('zh', { granularity: 'word' }).segment('一线职工们')].map(
      (s) => s.segment,
    );
    expect(segmented).not.toContain('工们');
    expect(searchTokens('一线职工们').split(' ')).toEqual(expect.arrayContaining(['职工', '工们']));
    expect(searchTokens('吴中区总工会').split(' ')).toContain('工会');
  });

  it('lower-cases other words and splits them from Han runs and punctuation', () => {
    expect(searchTokens('COVID-19防控，ＡＢＣ公司2.3万人').split(' ')).toEqual([
      'covid',
      '19',
      '防控',
      'abc',
      '公司',
      '2',
      '3',
      '万人',
      '控',
      '司',
      '人',
    ]);
  });

  it('keeps a one-character run and ignores text without letters', () => {
    expect(searchTokens('市')).toBe('市');
    expect(searchTokens('，。！（）')).toBe('');
  });
});

describe('query building', () => {
  it('joins one-character words to a neighbour and asks for all their bigrams', () => {
    expect(queryTerms('吴中区总工会').map((t) => t.text)).toEqual(['吴中区', '总工会']);
    expect(buildTsQuery('吴中区总工会')).toBe("'吴中' & '中区' & '总工' & '工会'");
    expect(buildTsQuery('工会')).toBe("'工会'");
    expect(buildTsQuery('职工们')).toBe("'职工' & '工们'");
    expect(buildTsQuery('工会 总工会')).toBe("'工会' & '总工'");
  });

  it('ANDs the words of a query, lower-cased, without duplicates', () => {
    expect(buildTsQuery('工资 协商 COVID covid')).toBe("'工资' & '协商' & 'covid'");
  });

  it('turns a one-character query into a prefix match', () => {
    expect(buildTsQuery('会')).toBe("'会':*");
  });

  it('never lets operators or quotes through', () => {
    expect(buildTsQuery("&|!():*'\\")).toBeNull();
    expect(buildTsQuery('   ')).toBeNull();
    expect(buildTsQuery("工会'&!(职工")).toBe("'工会' & '职工'");
    expect(buildTsQuery("o'neil <-> x:*")).toBe("'o' & 'neil' & 'x'");
  });
});

describe('highlights and snippets', () => {
  it('marks the query words where they occur', () => {
    const terms = queryTerms('工会 covid');
    const text = '吴中区总工会开展COVID防控，工会干部参加；covider不算';
    expect(highlightRanges(text, terms).map(([s, e]) => text.slice(s, e))).toEqual(['工会', 'COVID', '工会']);
  });

  it('marks the bigrams of a word that occurs only apart', () => {
    const text = '劳模代表介绍创新工作室';
    expect(highlightRanges(text, queryTerms('劳模创新')).map(([s, e]) => text.slice(s, e))).toEqual([
      '劳模',
      '创新',
    ]);
  });

  it('merges overlapping ranges', () => {
    expect(highlightRanges('总工会', queryTerms('总工 工会'))).toEqual([[0, 3]]);
  });

  it('cuts a window around the first match and shifts the ranges into it', () => {
    const body = '　　' + '甲'.repeat(100) + '职工书屋' + '乙'.repeat(100);
    const ranges = highlightRanges(body, queryTerms('职工'));
    const snippet = snippetAround(body, ranges);
    expect(snippet.text.startsWith('…')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    const [[s, e]] = snippet.highlights as [[number, number]];
    expect(snippet.text.slice(s, e)).toBe('职工');
    expect(snippet.text.length).toBeLessThanOrEqual(82);
  });

  it('starts at the beginning without a match and drops the indent', () => {
    const snippet = snippetAround('　　近日，市总工会召开会议。', []);
    expect(snippet).toEqual({ text: '近日，市总工会召开会议。', highlights: [] });
  });
});
