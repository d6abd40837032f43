// The list filters the web pages use: an editor's own unit's items (mine) and a day range.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildOrg,
  buildUser,
  json,
  loginAs,
  rootFederation,
  setupTestApp,
  type Client,
} from '../../tests/test-app';
import type { SubmissionDetail, SubmissionPage } from './contract';
import { chinaToday } from '../platform/shared/dates';

const ctx = setupTestApp();

let officer: Client;
let editor: Client;
let own: SubmissionDetail;
let other: SubmissionDetail;

async function submitted(client: Client, title: string): Promise<SubmissionDetail> {
  const d = json<SubmissionDetail>(
    await client.post('/api/bulletin/submissions', { title, body: '　　正文内容。' }),
  );
  const res = await client.post(`/api/bulletin/submissions/${d.id}/submit`, { version: d.version });
  expect(res.statusCode, res.body).toBe(200);
  return json<SubmissionDetail>(res);
}

beforeAll(async () => {
  const root = await rootFederation();
  const wuzhong = await buildOrg({ name: '吴中区总工会' });
  officer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: wuzhong }));
  editor = await loginAs(ctx, await buildUser({ role: 'federationStaff', department: 'office', org: root }));
  other = await submitted(officer, '吴中区的稿件');
  own = await submitted(editor, '市总办公室的稿件');
});

const ids = (page: SubmissionPage) => page.items.map((i) => i.id);

describe('submission list filters', () => {
  it('mine=true keeps an editor to the own unit', async () => {
    const all = json<SubmissionPage>(await editor.get('/api/bulletin/submissions'));
    expect(ids(all)).toEqual(expect.arrayContaining([own.id, other.id]));
    const mine = json<SubmissionPage>(await editor.get('/api/bulletin/submissions?mine=true'));
    expect(ids(mine)).toEqual([own.id]);
  });

  it('from/to select China days of submission; a bad day is a 400 in Chinese', async () => {
    const today = chinaToday();
    const inRange = json<SubmissionPage>(
      await editor.get(`/api/bulletin/submissions?from=${today}&to=${today}`),
    );
    expect(ids(inRange)).toEqual(expect.arrayContaining([own.id, other.id]));
    const before = json<SubmissionPage>(await editor.get('/api/bulletin/submissions?to=2020-01-01'));
    expect(before.total).toBe(0);
    const bad = await editor.get('/api/bulletin/submissions?from=2024-13-45');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('起始日期');
  });
});
