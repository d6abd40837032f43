import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildOrg,
  buildUser,
  clientFor,
  json,
  loginAs,
  rootFederation,
  setupTestApp,
  type Client,
} from '../../tests/test-app';
import type {
  ColumnList,
  IssueCompileView,
  IssueLayoutBody,
  IssuePage,
  IssueView,
  SubmissionDetail,
} from './contract';
import type { NotificationPage } from '../platform/shared/notifications-contract';

const ctx = setupTestApp();

let officer: Client;
let otherOfficer: Client;
let editor: Client;
let editor2: Client;
let otherDistrictEditor: Client;
let column: Record<string, string>;

type ErrorJson = { error: { code: string; message: string; details?: { field: string }[] } };
const errorOf = (res: { json: () => unknown }) => (res.json() as ErrorJson).error;

beforeAll(async () => {
  const root = await rootFederation();
  const wuzhong = await buildOrg({ name: '吴中区总工会' });
  const wujiang = await buildOrg({ name: '吴江区总工会' });
  officer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: wuzhong }));
  otherOfficer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: wujiang }));
  editor = await loginAs(ctx, await buildUser({ role: 'federationStaff', department: 'office', org: root }));
  editor2 = await loginAs(ctx, await buildUser({ role: 'federationStaff', department: 'office', org: root }));
  otherDistrictEditor = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: wujiang }));
  column = Object.fromEntries(
    json<ColumnList>(await editor.get('/api/bulletin/columns')).items.map((c) => [c.name, c.id]),
  );
});

/** An item written by the officer, submitted and adopted by the editor. */
async function adopted(title: string, kind: 'full' | 'brief', columnName: string, coOrgIds: string[] = []) {
  const created = json<SubmissionDetail>(
    await officer.post('/api/bulletin/submissions', {
      title,
      body: `\u3000\u3000${title}。近日召开推进会，49家企业参加。`,
      authors: ['赵信息'],
      coOrgIds,
    }),
  );
  const sent = json<SubmissionDetail>(
    await officer.post(`/api/bulletin/submissions/${created.id}/submit`, { version: created.version }),
  );
  const res = await editor.post(`/api/bulletin/submissions/${created.id}/adopt`, {
    version: sent.version,
    columnId: column[columnName],
    adoptionKind: kind,
  });
  expect(res.statusCode, res.body).toBe(200);
  return json<SubmissionDetail>(res);
}

function layoutOf(view: IssueCompileView, columns: { name: string; items: string[] }[]): IssueLayoutBody {
  return {
    version: view.version,
    number: view.number ?? 1,
    totalNumber: view.totalNumber,
    date: view.date ?? '2026-11-25',
    distribution: { issuedTo: null, report: '省总工会', send: '市委、市政府', issue: '各区总工会' },
    printCount: 120,
    columns,
  };
}

async function newIssue(client: Client, body: object = {}): Promise<IssueCompileView> {
  const res = await client.post('/api/bulletin/issues', body);
  expect(res.statusCode, res.body).toBe(200);
  const { id } = json<{ id: string }>(res);
  return json<IssueCompileView>(await client.get(`/api/bulletin/issues/${id}/compile`));
}

describe('compiling and publishing an issue', () => {
  it('numbers issues per year, keeps a running total and numbers supplements on their own', async () => {
    const first = await newIssue(editor, { year: 2025 });
    expect(first).toMatchObject({
      series: '工作动态',
      year: 2025,
      number: 1,
      totalNumber: 1,
      state: 'draft',
    });
    const second = await newIssue(editor, { year: 2025 });
    expect(second).toMatchObject({ number: 2, totalNumber: 2 });
    const nextYear = await newIssue(editor, { year: 2026 });
    expect(nextYear).toMatchObject({ number: 1, totalNumber: 3 });
    const supplement = await newIssue(editor, { year: 2026, supplement: true });
    expect(supplement).toMatchObject({ number: 1, totalNumber: null, supplement: true });
    for (const v of [first, second, nextYear, supplement])
      expect((await editor.delete(`/api/bulletin/issues/${v.id}?version=${v.version}`)).statusCode).toBe(204);
  });

  it('lays out adopted items, previews, publishes; the items become published and read-only', async () => {
    const root = await rootFederation();
    const brief = await adopted('吴中区开展职工技能比武', 'brief', '工作简讯', [root.id]);
    const full1 = await adopted('吴中区推进工资集体协商', 'full', '工作动态');
    const full2 = await adopted('吴中区服务新就业形态劳动者', 'full', '创先争优');
    const view = await newIssue(editor);
    // The candidates are the adopted items waiting for an issue, with their sources.
    const waiting = view.candidates.find((c) => c.submissionId === brief.id);
    expect(waiting).toMatchObject({
      column: '工作简讯',
      kind: 'brief',
      sources: ['吴中区总工会', root.name],
    });
    expect(view.columnNames).toEqual(['工作动态', '创先争优', '工作简讯']);

    // A draft issue is the editors' own: officers neither open nor list it.
    expect((await officer.get(`/api/bulletin/issues/${view.id}`)).statusCode).toBe(404);
    expect(json<IssuePage>(await officer.get('/api/bulletin/issues')).items.map((i) => i.id)).not.toContain(
      view.id,
    );
    expect((await otherDistrictEditor.get(`/api/bulletin/issues/${view.id}/compile`)).statusCode).toBe(403);
    expect((await otherDistrictEditor.get(`/api/bulletin/issues/${view.id}`)).statusCode).toBe(404);

    const layout = layoutOf(view, [
      { name: '工作动态', items: [full1.id] },
      { name: '创先争优', items: [full2.id] },
      { name: '工作简讯', items: [brief.id] },
    ]);
    const saved = await editor.put(`/api/bulletin/issues/${view.id}/layout`, layout);
    expect(saved.statusCode, saved.body).toBe(200);
    const compiled = json<IssueCompileView>(saved);
    expect(compiled.columns.map((c) => [c.name, c.items.map((i) => i.submissionId)])).toEqual([
      ['工作动态', [full1.id]],
      ['创先争优', [full2.id]],
      ['工作简讯', [brief.id]],
    ]);
    expect(compiled.candidates.map((c) => c.submissionId)).not.toContain(brief.id);

    // A second editor saving over a stale version gets 409 and changes nothing.
    const stale = await editor2.put(`/api/bulletin/issues/${view.id}/layout`, {
      ...layout,
      columns: [{ name: '工作动态', items: [full1.id] }],
    });
    expect(stale.statusCode).toBe(409);
    const after = json<IssueCompileView>(await editor.get(`/api/bulletin/issues/${view.id}/compile`));
    expect(after.columns.flatMap((c) => c.items)).toHaveLength(3);
    // Publishing with the stale version too.
    expect(
      (await editor2.post(`/api/bulletin/issues/${view.id}/publish`, { version: view.version })).statusCode,
    ).toBe(409);

    // Reorder: the brief first, the two full items swapped.
    const reordered = json<IssueCompileView>(
      await editor.put(
        `/api/bulletin/issues/${view.id}/layout`,
        layoutOf(compiled, [
          { name: '工作简讯', items: [brief.id] },
          { name: '工作动态', items: [full2.id, full1.id] },
        ]),
      ),
    );
    expect(reordered.columns.map((c) => c.name)).toEqual(['工作简讯', '工作动态']);

    // The preview is the issue as it will print.
    const preview = json<IssueView>(await editor.get(`/api/bulletin/issues/${view.id}`));
    expect(preview.state).toBe('draft');
    expect(preview.columns[1]!.items.map((i) => i.title)).toEqual([
      '吴中区服务新就业形态劳动者',
      '吴中区推进工资集体协商',
    ]);
    expect(preview.distribution.report).toBe('省总工会');

    const published = await editor.post(`/api/bulletin/issues/${view.id}/publish`, {
      version: reordered.version,
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(json<{ items: number }>(published).items).toBe(3);

    const item = json<SubmissionDetail>(await officer.get(`/api/bulletin/submissions/${brief.id}`));
    expect(item.state).toBe('published');
    const notes = json<NotificationPage>(await officer.get('/api/notifications?pageSize=100'));
    expect(notes.items.some((n) => n.text.includes('已刊发于《工作动态》'))).toBe(true);

    // Published: readable by the officer, read-only for everyone.
    const issue = json<IssueView>(await officer.get(`/api/bulletin/issues/${view.id}`));
    expect(issue).toMatchObject({ state: 'published', printCount: 120 });
    expect(issue.columns[0]!.items[0]).toMatchObject({ kind: 'brief', sources: ['吴中区总工会', root.name] });
    const again = await editor.put(`/api/bulletin/issues/${view.id}/layout`, layoutOf(reordered, []));
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).message).toContain('已经出刊');
    expect(
      (await editor.post(`/api/bulletin/issues/${view.id}/publish`, { version: reordered.version + 1 }))
        .statusCode,
    ).toBe(409);
    expect(
      (await editor.delete(`/api/bulletin/issues/${view.id}?version=${reordered.version + 1}`)).statusCode,
    ).toBe(409);
  });

  it('refuses an empty issue, items not adopted, items of another issue, a taken number', async () => {
    const view = await newIssue(editor);
    const empty = await editor.post(`/api/bulletin/issues/${view.id}/publish`, { version: view.version });
    expect(empty.statusCode).toBe(400);
    expect(errorOf(empty).message).toBe('本期还没有编入任何稿件，不能出刊');

    const draft = json<SubmissionDetail>(
      await officer.post('/api/bulletin/submissions', { title: '未报送的稿件', body: '正文' }),
    );
    const notAdopted = await editor.put(
      `/api/bulletin/issues/${view.id}/layout`,
      layoutOf(view, [{ name: '工作动态', items: [draft.id] }]),
    );
    expect(notAdopted.statusCode).toBe(400);
    expect(errorOf(notAdopted).details?.[0]?.field).toBe('columns');

    const item = await adopted('另一篇采用稿', 'full', '工作动态');
    const put = json<IssueCompileView>(
      await editor.put(
        `/api/bulletin/issues/${view.id}/layout`,
        layoutOf(view, [{ name: '工作动态', items: [item.id] }]),
      ),
    );
    const other = await newIssue(editor);
    expect(other.number).toBe((view.number ?? 0) + 1);
    const twice = await editor.put(
      `/api/bulletin/issues/${other.id}/layout`,
      layoutOf(other, [{ name: '工作动态', items: [item.id] }]),
    );
    expect(twice.statusCode).toBe(409);
    expect(errorOf(twice).message).toContain('已编入');
    const sameNumber = await editor.put(`/api/bulletin/issues/${other.id}/layout`, {
      ...layoutOf(other, []),
      number: put.number,
    });
    expect(sameNumber.statusCode).toBe(409);
    expect(errorOf(sameNumber).details?.[0]?.field).toBe('number');
    const duplicate = await editor.put(
      `/api/bulletin/issues/${other.id}/layout`,
      layoutOf(other, [{ name: '工作动态', items: [item.id, item.id] }]),
    );
    expect(duplicate.statusCode).toBe(400);
    const bad = await editor.put(`/api/bulletin/issues/${other.id}/layout`, {
      ...layoutOf(other, []),
      date: '2026-13-01',
      printCount: -1,
    });
    expect(bad.statusCode).toBe(400);

    // Deleting the draft puts its item back among the candidates.
    expect((await editor.delete(`/api/bulletin/issues/${view.id}?version=${put.version}`)).statusCode).toBe(
      204,
    );
    const back = json<IssueCompileView>(await editor.get(`/api/bulletin/issues/${other.id}/compile`));
    expect(back.candidates.map((c) => c.submissionId)).toContain(item.id);
  });

  it('only editors compile', async () => {
    expect((await officer.post('/api/bulletin/issues', {})).statusCode).toBe(403);
    expect((await otherOfficer.post('/api/bulletin/issues', {})).statusCode).toBe(403);
    expect((await clientFor(ctx).post('/api/bulletin/issues', {})).statusCode).toBe(401);
    expect((await editor.post('/api/bulletin/issues', { year: 1900 })).statusCode).toBe(400);
  });
});

describe('a published issue is searchable', () => {
  it('finds the printed items by a two-character word, a draft issue not', async () => {
    const item = await adopted('相城区开展劳模工匠进校园活动', 'full', '工作动态');
    const view = await newIssue(editor);
    const saved = json<IssueCompileView>(
      await editor.put(
        `/api/bulletin/issues/${view.id}/layout`,
        layoutOf(view, [{ name: '工作动态', items: [item.id] }]),
      ),
    );
    const issueHits = async () =>
      json<{ items: { source: string }[] }>(
        await editor.get(`/api/bulletin/search?q=${encodeURIComponent('工匠')}`),
      ).items.filter((i) => i.source === 'issue_item').length;
    expect(await issueHits()).toBe(0);
    expect(
      (await editor.post(`/api/bulletin/issues/${view.id}/publish`, { version: saved.version })).statusCode,
    ).toBe(200);
    expect(await issueHits()).toBe(1);
  });
});
