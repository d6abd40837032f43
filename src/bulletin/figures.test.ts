import { describe, expect, it } from 'vitest';
import { buildOrg, buildUser, json, loginAs, rootFederation, setupTestApp } from '../../tests/test-app';
import type { ColumnList, IssueView, SubmissionDetail } from './contract';
import { figuresOf } from './figures';
import { db } from '../platform/db/client';

const ctx = setupTestApp();

const pick = (text: string) =>
  figuresOf(text).map(({ raw, value, unit, approximate }) => [raw, value, unit, approximate]);

describe('figures in the text', () => {
  it('finds the issue examples with their units, normalising the magnitude', () => {
    expect(
      pick(
        '全市实际使用外资32.27亿美元，新开工项目415项，表彰劳模49位，组织1000多名职工参加，同比增长210.69%。',
      ),
    ).toEqual([
      ['32.27亿美元', 3227000000, '美元', false],
      ['415项', 415, '项', false],
      ['49位', 49, '位', false],
      ['1000多名', 1000, '名', true],
      ['210.69%', 210.69, '%', false],
    ]);
  });

  it('reads full-width digits, separators, approximations and magnitudes', () => {
    expect(pick('近３０００名职工，约5万元，发放慰问金12,500元，3万多人次，覆盖１２．５％')).toEqual([
      ['近３０００名', 3000, '名', true],
      ['约5万元', 50000, '元', true],
      ['12,500元', 12500, '元', false],
      ['3万多人次', 30000, '人次', true],
      ['１２．５％', 12.5, '%', false],
    ]);
  });

  it('leaves out dates, ordinals, codes and bare numbers', () => {
    expect(pick('2026年3月15日，第3期培训班在G2高速旁举行，编号2026001，共计88。')).toEqual([]);
  });

  it('prefers the longest unit', () => {
    expect(pick('建成职工书屋300平方米，服务2000人次')).toEqual([
      ['300平方米', 300, '平方米', false],
      ['2000人次', 2000, '人次', false],
    ]);
  });
});

describe('figures kept with the items', () => {
  it("stores the figures of a submission, follows the editor's version, and of archived items", async () => {
    const root = await rootFederation();
    const unit = await buildOrg({ name: '相城区总工会' });
    const officer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: unit }));
    const editor = await loginAs(
      ctx,
      await buildUser({ role: 'federationStaff', department: 'office', org: root }),
    );
    const created = json<SubmissionDetail>(
      await officer.post('/api/bulletin/submissions', {
        title: '相城区开展职工技能竞赛',
        body: '共有1000多名职工参加，49家企业参赛。',
      }),
    );
    expect(created.figures.map((f) => f.raw)).toEqual(['1000多名', '49家']);
    const sent = json<SubmissionDetail>(
      await officer.post(`/api/bulletin/submissions/${created.id}/submit`, { version: created.version }),
    );
    const column = json<ColumnList>(await editor.get('/api/bulletin/columns')).items[0]!.id;
    const adopted = json<SubmissionDetail>(
      await editor.post(`/api/bulletin/submissions/${created.id}/adopt`, {
        version: sent.version,
        columnId: column,
        adoptionKind: 'full',
        editedBody: '共有1200名职工参加，投入32.27万元。',
      }),
    );
    expect(adopted.figures).toEqual([
      { raw: '1200名', value: 1200, unit: '名', approximate: false },
      { raw: '32.27万元', value: 322700, unit: '元', approximate: false },
    ]);

    const res = await editor.upload(
      '/api/bulletin/issues/import?year=2025&number=3',
      '工作动态2025年第3期.txt',
      '【工作简讯】\n全市新建职工书屋415家，服务职工3万多人次。（市总宣教部）\n',
    );
    expect(res.statusCode, res.body).toBe(200);
    const issue = json<IssueView>(await editor.get(`/api/bulletin/issues/${json<{ id: string }>(res).id}`));
    expect(issue.columns[0]!.items).toHaveLength(1);
    const stored = await db.rows<{ raw: string; value: string; unit: string }>(
      `select f.raw, f.value::text as value, f.unit from text_figures f
         join bulletin_issue_items i on i.id = f.source_id
        where f.source = 'issue_item' and i.issue_id = $1 order by f.position`,
      [issue.id],
    );
    expect(stored.map((r) => [r.raw, Number(r.value), r.unit])).toEqual([
      ['415家', 415, '家'],
      ['3万多人次', 30000, '人次'],
    ]);
  });
});
