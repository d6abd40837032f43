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
import type { OrgDetail } from '../orgs/contract';
import type { AuditPage } from '../platform/shared/audit-contract';
import type { ColumnList, SubmissionDetail, SubmissionPage } from './contract';
import type { NotificationPage } from '../platform/shared/notifications-contract';

const ctx = setupTestApp();

let wuzhong: OrgDetail;
let wujiang: OrgDetail;
let officer: Client;
let colleague: Client;
let wujiangOfficer: Client;
let editor: Client;
let editor2: Client;
let cityStaff: Client;
let cadre: Client;
let column: Record<string, string>;

type ErrorJson = { error: { code: string; message: string; details?: { field: string }[] } };

beforeAll(async () => {
  const root = await rootFederation();
  wuzhong = await buildOrg({ name: '吴中区总工会' });
  wujiang = await buildOrg({ name: '吴江市总工会' });
  officer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: wuzhong }));
  colleague = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: wuzhong }));
  wujiangOfficer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: wujiang }));
  editor = await loginAs(ctx, await buildUser({ role: 'federationStaff', department: 'office', org: root }));
  editor2 = await loginAs(ctx, await buildUser({ role: 'federationStaff', department: 'office', org: root }));
  cityStaff = await loginAs(
    ctx,
    await buildUser({ role: 'federationStaff', department: 'organisation', org: root }),
  );
  cadre = await loginAs(ctx, await buildUser({ role: 'serviceCadre', org: wuzhong }));
  const columns = json<ColumnList>(await officer.get('/api/bulletin/columns'));
  column = Object.fromEntries(columns.items.map((c) => [c.name, c.id]));
});

const BODY = '　　近日，吴中区总工会在长桥街道召开工资集体协商推进会，49家企业的工会主席参加。';

async function draft(client: Client, extra: object = {}): Promise<SubmissionDetail> {
  const res = await client.post('/api/bulletin/submissions', {
    title: '吴中区推进工资集体协商',
    body: BODY,
    authors: ['赵信息'],
    suggestedColumnId: column['工作动态'],
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(200);
  return json<SubmissionDetail>(res);
}

async function submitted(client: Client, extra: object = {}): Promise<SubmissionDetail> {
  const d = await draft(client, extra);
  const res = await client.post(`/api/bulletin/submissions/${d.id}/submit`, { version: d.version });
  expect(res.statusCode, res.body).toBe(200);
  return json<SubmissionDetail>(res);
}

function errorOf(res: { json: () => unknown }): ErrorJson['error'] {
  return (res.json() as ErrorJson).error;
}

async function notificationsOf(client: Client): Promise<NotificationPage> {
  const res = await client.get('/api/notifications?pageSize=100');
  expect(res.statusCode, res.body).toBe(200);
  return json<NotificationPage>(res);
}

describe('submissions and adoption', () => {
  it('seeds the three usual columns in order', async () => {
    const columns = json<ColumnList>(await editor.get('/api/bulletin/columns'));
    expect(columns.items.map((c) => c.name)).toEqual(['工作动态', '创先争优', '工作简讯']);
    expect(columns.items.every((c) => c.active)).toBe(true);
  });

  it('the journey: submit, return with a comment, revise, resubmit, adopt as an edited brief', async () => {
    const d = await draft(officer);
    expect(d).toMatchObject({ state: 'draft', org: { name: '吴中区总工会' }, body: BODY, version: 1 });
    // A draft is the unit's own: the editor does not see it yet.
    expect((await editor.get(`/api/bulletin/submissions/${d.id}`)).statusCode).toBe(404);

    const sent = json<SubmissionDetail>(
      await officer.post(`/api/bulletin/submissions/${d.id}/submit`, { version: d.version }),
    );
    expect(sent.state).toBe('submitted');
    expect(sent.submittedAt).not.toBeNull();
    // Submitted text is no longer the officer's to change.
    const locked = await officer.patch(`/api/bulletin/submissions/${d.id}`, {
      version: sent.version,
      title: '改个标题',
    });
    expect(locked.statusCode).toBe(400);
    expect(errorOf(locked).message).toBe('只有草稿或退回修改的稿件可以修改');

    const editorSees = json<SubmissionPage>(await editor.get('/api/bulletin/submissions?state=submitted'));
    expect(editorSees.items.map((i) => i.id)).toContain(d.id);
    const toEditor = (await notificationsOf(editor)).items.find(
      (n) => n.link === `/bulletin/submissions/${d.id}`,
    );
    expect(toEditor?.text).toBe('吴中区总工会报送了稿件《吴中区推进工资集体协商》');

    const returned = await editor.post(`/api/bulletin/submissions/${d.id}/return`, {
      version: sent.version,
      comment: '请补充参会企业数和协商覆盖职工人数',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(json<SubmissionDetail>(returned).state).toBe('returned');

    const seen = json<SubmissionDetail>(await officer.get(`/api/bulletin/submissions/${d.id}`));
    expect(seen.state).toBe('returned');
    expect(seen.editorComment).toBe('请补充参会企业数和协商覆盖职工人数');
    expect(seen.events.map((e) => [e.fromState, e.toState])).toEqual([
      [null, 'draft'],
      ['draft', 'submitted'],
      ['submitted', 'returned'],
    ]);
    expect(seen.events[2]!.comment).toBe('请补充参会企业数和协商覆盖职工人数');
    const toUnit = (await notificationsOf(officer)).items.find(
      (n) => n.link === `/bulletin/submissions/${d.id}`,
    );
    expect(toUnit?.text).toBe('稿件《吴中区推进工资集体协商》被退回修改：请补充参会企业数和协商覆盖职工人数');

    const revisedBody = `${BODY}会议覆盖职工1000多名。`;
    const revised = await officer.patch(`/api/bulletin/submissions/${d.id}`, {
      version: seen.version,
      body: revisedBody,
    });
    expect(revised.statusCode, revised.body).toBe(200);
    const again = await officer.post(`/api/bulletin/submissions/${d.id}/submit`, {
      version: json<SubmissionDetail>(revised).version,
    });
    expect(again.statusCode, again.body).toBe(200);
    const resubmitted = json<SubmissionDetail>(again);
    expect(resubmitted.state).toBe('submitted');
    expect((await notificationsOf(editor)).items.map((n) => n.text)).toContain(
      '吴中区总工会重新报送了修改后的稿件《吴中区推进工资集体协商》',
    );

    const edited = '吴中区总工会近日召开工资集体协商推进会，49家企业参加，覆盖职工1000多名。';
    const adopted = await editor.post(`/api/bulletin/submissions/${d.id}/adopt`, {
      version: resubmitted.version,
      columnId: column['工作简讯'],
      adoptionKind: 'brief',
      editedTitle: '吴中区推进工资集体协商。',
      editedBody: edited,
    });
    expect(adopted.statusCode, adopted.body).toBe(200);
    const final = json<SubmissionDetail>(await officer.get(`/api/bulletin/submissions/${d.id}`));
    expect(final).toMatchObject({
      state: 'adopted',
      column: { name: '工作简讯' },
      adoptionKind: 'brief',
      // The original as the officer last wrote it, and the editor's version beside it.
      title: '吴中区推进工资集体协商',
      body: revisedBody,
      editedTitle: '吴中区推进工资集体协商。',
      editedBody: edited,
    });
    expect(final.adoptedAt).not.toBeNull();
    expect((await notificationsOf(colleague)).items.map((n) => n.text)).toContain(
      '稿件《吴中区推进工资集体协商》已被采用（工作简讯，简讯）',
    );

    // The editor polishes the adopted text again; the original still does not change.
    const polished = await editor.patch(`/api/bulletin/submissions/${d.id}`, {
      version: final.version,
      editedBody: `${edited}（有删节）`,
      adoptionKind: 'full',
      columnId: column['工作动态'],
    });
    expect(polished.statusCode, polished.body).toBe(200);
    expect(json<SubmissionDetail>(polished)).toMatchObject({
      body: revisedBody,
      editedBody: `${edited}（有删节）`,
      adoptionKind: 'full',
      column: { name: '工作动态' },
    });
    // The officer may not touch the editor's version, nor the editor the officer's.
    expect(
      (
        await officer.patch(`/api/bulletin/submissions/${d.id}`, {
          version: json<SubmissionDetail>(polished).version,
          editedTitle: '我来改',
        })
      ).statusCode,
    ).toBe(403);

    const admin = await loginAs(ctx, await buildUser({ role: 'admin', org: await rootFederation() }));
    const trail = json<AuditPage>(await admin.get(`/api/audit?entityId=${d.id}`));
    expect(trail.items.map((a) => a.action).sort()).toEqual(
      [
        'bulletin.adopt',
        'bulletin.create',
        'bulletin.edit',
        'bulletin.return',
        'bulletin.submit',
        'bulletin.submit',
        'bulletin.update',
      ].sort(),
    );
  });

  it('adopting twice is a conflict; other moves the state forbids are 400', async () => {
    const s = await submitted(officer);
    const first = await editor.post(`/api/bulletin/submissions/${s.id}/adopt`, {
      version: s.version,
      adoptionKind: 'full',
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(json<SubmissionDetail>(first).column?.name).toBe('工作动态'); // the suggested column
    const twice = await editor2.post(`/api/bulletin/submissions/${s.id}/adopt`, {
      version: s.version,
      adoptionKind: 'brief',
    });
    expect(twice.statusCode).toBe(409);
    expect(errorOf(twice).message).toBe('该稿件已采用');
    const resubmit = await officer.post(`/api/bulletin/submissions/${s.id}/submit`, {
      version: json<SubmissionDetail>(first).version,
    });
    expect(resubmit.statusCode).toBe(400);
    expect(errorOf(resubmit)).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: '稿件当前状态为“已采用”，不能报送',
    });
    const d = await draft(officer);
    const early = await editor.post(`/api/bulletin/submissions/${d.id}/adopt`, {
      version: d.version,
      adoptionKind: 'full',
    });
    expect(early.statusCode).toBe(404); // a draft is not yet the editor's
    const noColumn = await submitted(officer, { suggestedColumnId: null });
    const missing = await editor.post(`/api/bulletin/submissions/${noColumn.id}/adopt`, {
      version: noColumn.version,
      adoptionKind: 'full',
    });
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing).details?.[0]?.field).toBe('columnId');
  });

  it('rejects with a reason the unit sees; a rejected item cannot be adopted', async () => {
    const s = await submitted(officer, { title: '某街道组织职工观影' });
    const noReason = await editor.post(`/api/bulletin/submissions/${s.id}/reject`, {
      version: s.version,
      reason: '  ',
    });
    expect(noReason.statusCode).toBe(400);
    expect(errorOf(noReason).details?.map((d) => d.field)).toContain('reason');
    const res = await editor.post(`/api/bulletin/submissions/${s.id}/reject`, {
      version: s.version,
      reason: '内容为常规活动，不宜上简报',
    });
    expect(res.statusCode, res.body).toBe(200);
    const seen = json<SubmissionDetail>(await officer.get(`/api/bulletin/submissions/${s.id}`));
    expect(seen).toMatchObject({ state: 'rejected', rejectReason: '内容为常规活动，不宜上简报' });
    expect((await notificationsOf(officer)).items.map((n) => n.text)).toContain(
      '稿件《某街道组织职工观影》未被采用：内容为常规活动，不宜上简报',
    );
    const adopt = await editor.post(`/api/bulletin/submissions/${s.id}/adopt`, {
      version: seen.version,
      adoptionKind: 'full',
    });
    expect(adopt.statusCode).toBe(400);
    expect(errorOf(adopt).message).toBe('稿件当前状态为“未采用”，不能采用');
  });

  it('merges several items into one adopted item crediting every source unit', async () => {
    const production = await buildOrg({ name: '市总生产部', kind: 'industryUnion' });
    const a = await submitted(officer, { title: '吴中区开展劳动竞赛', coOrgIds: [production.id] });
    const b = await submitted(wujiangOfficer, { title: '吴江区开展劳动竞赛' });
    const bad = await editor.post('/api/bulletin/submissions/merge', {
      ids: [a.id],
      title: '各地开展劳动竞赛',
      body: '正文',
      columnId: column['工作动态'],
      adoptionKind: 'full',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (
        await officer.post('/api/bulletin/submissions/merge', {
          ids: [a.id, b.id],
          title: '各地开展劳动竞赛',
          body: '正文',
          columnId: column['工作动态'],
          adoptionKind: 'full',
        })
      ).statusCode,
    ).toBe(403);
    const res = await editor.post('/api/bulletin/submissions/merge', {
      ids: [a.id, b.id],
      title: '各地开展劳动竞赛',
      body: '吴中、吴江两地分别开展劳动竞赛。',
      columnId: column['工作动态'],
      adoptionKind: 'full',
    });
    expect(res.statusCode, res.body).toBe(200);
    const merged = json<SubmissionDetail>(res);
    expect(merged).toMatchObject({ state: 'adopted', column: { name: '工作动态' }, adoptionKind: 'full' });
    expect([merged.org.name, ...merged.coOrgs.map((o) => o.name)].sort()).toEqual(
      ['吴中区总工会', '吴江市总工会', '市总生产部'].sort(),
    );
    expect(merged.mergedFrom.map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
    for (const source of [a, b]) {
      const s = json<SubmissionDetail>(await editor.get(`/api/bulletin/submissions/${source.id}`));
      expect(s).toMatchObject({ state: 'merged', mergedInto: merged.id, title: source.title, body: BODY });
    }
    // Every credited unit sees the merged item; the sources cannot be adopted or merged again.
    expect((await wujiangOfficer.get(`/api/bulletin/submissions/${merged.id}`)).statusCode).toBe(200);
    expect((await officer.get(`/api/bulletin/submissions/${merged.id}`)).statusCode).toBe(200);
    expect((await notificationsOf(wujiangOfficer)).items.map((n) => n.text)).toContain(
      '《吴中区开展劳动竞赛》《吴江区开展劳动竞赛》已合并为《各地开展劳动竞赛》并采用',
    );
    const again = await editor.post(`/api/bulletin/submissions/${a.id}/adopt`, {
      version: a.version + 1,
      adoptionKind: 'full',
    });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).message).toBe('该稿件已合并到其他稿件');
  });

  it('keeps each unit to its own items and each role to its own moves', async () => {
    const s = await submitted(officer, { title: '吴中区内部稿件' });
    expect((await wujiangOfficer.get(`/api/bulletin/submissions/${s.id}`)).statusCode).toBe(404);
    expect(
      (await wujiangOfficer.patch(`/api/bulletin/submissions/${s.id}`, { version: 1, title: 'x' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await wujiangOfficer.post(`/api/bulletin/submissions/${s.id}/submit`, { version: 1 })).statusCode,
    ).toBe(404);
    const theirs = json<SubmissionPage>(await wujiangOfficer.get('/api/bulletin/submissions?pageSize=500'));
    expect(theirs.items.map((i) => i.id)).not.toContain(s.id);
    expect(
      theirs.items.every(
        (i) => i.org.name === '吴江市总工会' || i.coOrgs.some((o) => o.name === '吴江市总工会'),
      ),
    ).toBe(true);
    // Staff of the city federation without the editor's permission see only their own unit's items.
    expect((await cityStaff.get(`/api/bulletin/submissions/${s.id}`)).statusCode).toBe(404);
    // A user of the same unit without any bulletin permission: 403.
    expect((await cadre.get(`/api/bulletin/submissions/${s.id}`)).statusCode).toBe(403);
    expect((await cadre.get('/api/bulletin/submissions')).statusCode).toBe(403);
    expect((await cadre.post('/api/bulletin/submissions', { title: 't', body: 'b' })).statusCode).toBe(403);
    // Officers cannot act as editors; editors cannot submit another unit's item.
    expect(
      (
        await officer.post(`/api/bulletin/submissions/${s.id}/return`, {
          version: s.version,
          comment: '自己退回',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await officer.post(`/api/bulletin/submissions/${s.id}/adopt`, {
          version: s.version,
          adoptionKind: 'full',
        })
      ).statusCode,
    ).toBe(403);
    const returned = json<SubmissionDetail>(
      await editor.post(`/api/bulletin/submissions/${s.id}/return`, {
        version: s.version,
        comment: '请修改',
      }),
    );
    expect(
      (await editor.post(`/api/bulletin/submissions/${s.id}/submit`, { version: returned.version }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await editor.patch(`/api/bulletin/submissions/${s.id}`, {
          version: returned.version,
          title: '编辑代改',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await officer.request('PUT', '/api/bulletin/columns', { columns: [{ name: '工作动态' }] })).statusCode,
    ).toBe(403);
    expect((await clientFor(ctx).get('/api/bulletin/submissions')).statusCode).toBe(401);
    expect((await clientFor(ctx).get('/api/notifications')).statusCode).toBe(401);
  });

  it('notifications are read only by their recipients', async () => {
    const s = await submitted(officer, { title: '通知测试稿件' });
    await editor.post(`/api/bulletin/submissions/${s.id}/return`, {
      version: s.version,
      comment: '补充数据',
    });
    const mine = await notificationsOf(officer);
    const note = mine.items.find((n) => n.link === `/bulletin/submissions/${s.id}`);
    expect(note).toMatchObject({ text: '稿件《通知测试稿件》被退回修改：补充数据', readAt: null });
    // Another district's officer, a user without the permission, and the editors do not get it.
    expect((await notificationsOf(wujiangOfficer)).items.map((n) => n.id)).not.toContain(note!.id);
    expect((await notificationsOf(cadre)).items).toEqual([]);
    expect((await notificationsOf(editor)).items.map((n) => n.id)).not.toContain(note!.id);
    expect((await wujiangOfficer.post(`/api/notifications/${note!.id}/read`)).statusCode).toBe(404);
    expect((await editor.post(`/api/notifications/${note!.id}/read`)).statusCode).toBe(404);
    // Reading is per person: the colleague of the same unit still has it unread.
    const read = await officer.post(`/api/notifications/${note!.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect(json<{ readAt: string | null }>(read).readAt).not.toBeNull();
    const after = await notificationsOf(officer);
    expect(after.unread).toBe(mine.unread - 1);
    expect(
      json<NotificationPage>(await officer.get('/api/notifications?unread=true&pageSize=100')).items.map(
        (n) => n.id,
      ),
    ).not.toContain(note!.id);
    expect(
      json<NotificationPage>(await colleague.get('/api/notifications?unread=true&pageSize=100')).items.map(
        (n) => n.id,
      ),
    ).toContain(note!.id);
    // Reading twice is harmless.
    expect((await officer.post(`/api/notifications/${note!.id}/read`)).statusCode).toBe(200);
  });

  it('rejects bad input naming the field, and keeps HTML as text', async () => {
    const bad = async (client: Client, url: string, body: object, field: string, status = 400) => {
      const res = await client.post(url, body);
      expect(res.statusCode, res.body).toBe(status);
      expect(errorOf(res).details?.map((d) => d.field)).toContain(field);
      return errorOf(res);
    };
    const url = '/api/bulletin/submissions';
    await bad(officer, url, { title: '', body: BODY }, 'title');
    await bad(officer, url, { title: '   ', body: BODY }, 'title');
    await bad(officer, url, { title: '标题', body: '' }, 'body');
    await bad(officer, url, { title: '标题', body: '　\n ' }, 'body');
    await bad(officer, url, { title: '标题' }, 'body');
    await bad(officer, url, { title: '标题', body: '字'.repeat(20_001) }, 'body');
    await bad(
      officer,
      url,
      { title: '标题', body: BODY, suggestedColumnId: '01a213d9-0000-7000-8000-000000000000' },
      'suggestedColumnId',
    );
    await bad(officer, url, { title: '标题', body: BODY, suggestedColumnId: 'abc' }, 'suggestedColumnId');
    await bad(
      officer,
      url,
      { title: '标题', body: BODY, coOrgIds: ['01a213d9-0000-7000-8000-000000000000'] },
      'coOrgIds',
    );
    // A town of another district is out of reach: the same answer as a unit that does not exist,
    // and its name is not echoed.
    const otherTown = await buildOrg({ parent: wujiang, name: '盛泽镇工会' });
    const missing = await bad(
      officer,
      url,
      { title: '标题', body: BODY, coOrgIds: ['01a213d9-0000-7000-8000-000000000000'] },
      'coOrgIds',
    );
    const hidden = await bad(
      officer,
      url,
      { title: '标题', body: BODY, coOrgIds: [otherTown.id] },
      'coOrgIds',
    );
    expect(hidden).toEqual(missing);
    expect(JSON.stringify(hidden)).not.toContain('盛泽');
    await bad(officer, url, { title: '标题', body: BODY, authors: [''] }, 'authors.0');
    // Exactly the limit is accepted.
    expect((await officer.post(url, { title: '长稿', body: '字'.repeat(20_000) })).statusCode).toBe(200);

    const html = '<script>alert("x")</script><b>加粗</b> & 5 < 6';
    const d = await draft(officer, { title: '<img src=x onerror=alert(1)>标题', body: html });
    const got = await officer.get(`/api/bulletin/submissions/${d.id}`);
    expect(got.headers['content-type']).toContain('application/json');
    expect(json<SubmissionDetail>(got)).toMatchObject({
      title: '<img src=x onerror=alert(1)>标题',
      body: html,
    });

    const s = await submitted(officer);
    const adoptUrl = `/api/bulletin/submissions/${s.id}/adopt`;
    await bad(
      editor,
      adoptUrl,
      { version: s.version, adoptionKind: 'full', columnId: '01a213d9-0000-7000-8000-000000000000' },
      'columnId',
    );
    await bad(editor, adoptUrl, { version: s.version, adoptionKind: 'whole' }, 'adoptionKind');
    await bad(
      editor,
      adoptUrl,
      { version: s.version, adoptionKind: 'full', editedBody: '字'.repeat(20_001) },
      'editedBody',
    );
    await bad(
      editor,
      `/api/bulletin/submissions/${s.id}/return`,
      { version: s.version, comment: '' },
      'comment',
    );
    await bad(editor, adoptUrl, { adoptionKind: 'full' }, 'version');
    // Nothing of the above changed the item.
    expect(json<SubmissionDetail>(await editor.get(`/api/bulletin/submissions/${s.id}`))).toMatchObject({
      state: 'submitted',
      version: s.version,
    });
    const patch = await officer.patch(`/api/bulletin/submissions/${d.id}`, { version: d.version, body: '' });
    expect(patch.statusCode).toBe(400);
    expect(errorOf(patch).details?.map((x) => x.field)).toContain('body');
    expect((await officer.get('/api/bulletin/submissions?year=abc')).statusCode).toBe(400);
    expect((await officer.get('/api/bulletin/submissions/not-a-uuid')).statusCode).toBe(400);
  });

  it('two editors saving the same item with the same version: one 409, nothing lost', async () => {
    const s = await submitted(officer, { title: '并发编辑稿件' });
    const adopted = json<SubmissionDetail>(
      await editor.post(`/api/bulletin/submissions/${s.id}/adopt`, {
        version: s.version,
        adoptionKind: 'full',
      }),
    );
    const [one, two] = await Promise.all([
      editor.patch(`/api/bulletin/submissions/${s.id}`, {
        version: adopted.version,
        editedBody: '甲编辑的版本',
      }),
      editor2.patch(`/api/bulletin/submissions/${s.id}`, {
        version: adopted.version,
        editedBody: '乙编辑的版本',
      }),
    ]);
    expect([one.statusCode, two.statusCode].sort()).toEqual([200, 409]);
    const loser = one.statusCode === 409 ? one : two;
    expect(errorOf(loser).code).toBe('STALE_VERSION');
    const winnerText = one.statusCode === 200 ? '甲编辑的版本' : '乙编辑的版本';
    const now = json<SubmissionDetail>(await editor.get(`/api/bulletin/submissions/${s.id}`));
    expect(now).toMatchObject({ editedBody: winnerText, version: adopted.version + 1, body: BODY });
    // The loser reloads and saves on top of the winner's version.
    const retry = await (one.statusCode === 409 ? editor : editor2).patch(
      `/api/bulletin/submissions/${s.id}`,
      {
        version: now.version,
        editedBody: `${winnerText}，再补一句`,
      },
    );
    expect(retry.statusCode, retry.body).toBe(200);

    // The same for the officer's draft: a stale save changes nothing.
    const d = await draft(officer);
    const saved = await officer.patch(`/api/bulletin/submissions/${d.id}`, {
      version: d.version,
      title: '第一次',
    });
    expect(saved.statusCode).toBe(200);
    const stale = await colleague.patch(`/api/bulletin/submissions/${d.id}`, {
      version: d.version,
      title: '第二次',
    });
    expect(stale.statusCode).toBe(409);
    expect(json<SubmissionDetail>(await officer.get(`/api/bulletin/submissions/${d.id}`)).title).toBe(
      '第一次',
    );
  });

  it('lists with filters and paging', async () => {
    const mark = `筛选${Date.now()}`;
    const a = await submitted(officer, { title: `${mark}甲` });
    const b = await submitted(wujiangOfficer, { title: `${mark}乙`, body: `正文含有${mark}` });
    await draft(officer, { title: `${mark}丙` });
    const adopted = await editor.post(`/api/bulletin/submissions/${a.id}/adopt`, {
      version: a.version,
      adoptionKind: 'brief',
      columnId: column['工作简讯'],
    });
    expect(adopted.statusCode).toBe(200);
    const list = async (client: Client, query: string) => {
      const res = await client.get(`/api/bulletin/submissions?q=${encodeURIComponent(mark)}&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return json<SubmissionPage>(res);
    };
    // The editor sees both units' items but not the draft.
    expect((await list(editor, '')).total).toBe(2);
    expect((await list(officer, '')).total).toBe(2); // own item and own draft
    expect((await list(editor, 'state=adopted')).items.map((i) => i.id)).toEqual([a.id]);
    expect((await list(editor, `columnId=${column['工作简讯']}`)).items.map((i) => i.id)).toEqual([a.id]);
    expect((await list(editor, `orgId=${wujiang.id}`)).items.map((i) => i.id)).toEqual([b.id]);
    // Another district as a filter is outside the officer's scope.
    expect((await wujiangOfficer.get(`/api/bulletin/submissions?orgId=${wuzhong.id}`)).statusCode).toBe(404);
    const year = new Date().getFullYear();
    expect((await list(editor, `year=${year}`)).total).toBe(2);
    expect((await list(editor, `year=${year - 5}`)).total).toBe(0);
    const page1 = await list(editor, 'pageSize=1&page=1');
    const page2 = await list(editor, 'pageSize=1&page=2');
    expect(page1.total).toBe(2);
    expect(new Set([...page1.items, ...page2.items].map((i) => i.id))).toEqual(new Set([a.id, b.id]));
    // Text search escapes LIKE wildcards.
    expect(json<SubmissionPage>(await editor.get('/api/bulletin/submissions?q=%25')).total).toBe(0);
  });

  it('editors configure the columns; a column left out is deactivated, not deleted', async () => {
    const before = json<ColumnList>(await editor.get('/api/bulletin/columns')).items;
    const dup = await editor.request('PUT', '/api/bulletin/columns', {
      columns: [{ name: '工作动态' }, { name: '工作动态' }],
    });
    expect(dup.statusCode).toBe(400);
    const unknown = await editor.request('PUT', '/api/bulletin/columns', {
      columns: [{ id: '01a213d9-0000-7000-8000-000000000000', name: '新栏目' }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(errorOf(unknown).details?.[0]?.field).toBe('columns.0.id');
    const res = await editor.request('PUT', '/api/bulletin/columns', {
      columns: [
        { id: column['工作简讯'], name: '工作简讯' },
        { id: column['工作动态'], name: '工作动态' },
        { name: '基层经验' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = json<ColumnList>(res).items;
    expect(after.filter((c) => c.active).map((c) => c.name)).toEqual(['工作简讯', '工作动态', '基层经验']);
    expect(after.find((c) => c.name === '创先争优')?.active).toBe(false);
    expect(after).toHaveLength(before.length + 1);
    // A deactivated column cannot be chosen.
    const s = await draft(officer, { suggestedColumnId: null });
    const patch = await officer.patch(`/api/bulletin/submissions/${s.id}`, {
      version: s.version,
      suggestedColumnId: column['创先争优'],
    });
    expect(patch.statusCode).toBe(400);
    // Restore the usual configuration.
    const restored = await editor.request('PUT', '/api/bulletin/columns', {
      columns: [
        { id: column['工作动态'], name: '工作动态' },
        { id: column['创先争优'], name: '创先争优' },
        { id: column['工作简讯'], name: '工作简讯' },
        { id: after.find((c) => c.name === '基层经验')!.id, name: '基层经验', active: false },
      ],
    });
    expect(restored.statusCode, restored.body).toBe(200);
  });
});
