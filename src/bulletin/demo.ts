// Demo information work: a dozen items of the demo districts and one industry union over the last
// three months, submitted and adopted through the services (so they carry their points), then
// dated back; one item was also taken up by the provincial paper and one got a leader's
// instruction. Enough for the ranking page to show something on a fresh start, and fast.
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { systemActor, type Actor } from '../platform/access';
import { db } from '../platform/db/client';
import { PERMISSIONS } from '../platform/shared/access-catalog';
import { orgsInScopeByKind } from '../orgs/service';
import { adoptSubmission, submitSubmission } from './adopt';
import { listColumns } from './columns';
import { recordPointsEvent } from './points';
import { createSubmission } from './service';
import { importLegacyBulletin } from './archive';
import { createIssue, getCompileView, publishIssue, saveLayout } from './compile';
import { indexSubmissions } from './search';
import { chinaToday, utcDay } from '../platform/shared/dates';

interface DemoItem {
  unit: string;
  title: string;
  authors: string[];
  /** Months before the current one. */
  monthsAgo: number;
  day: number;
  kind: 'full' | 'brief' | null;
}

const ITEMS: DemoItem[] = [
  {
    unit: '吴中区总工会',
    title: '吴中区总工会推进工资集体协商',
    authors: ['赵信息'],
    monthsAgo: 0,
    day: 3,
    kind: 'full',
  },
  {
    unit: '吴中区总工会',
    title: '吴中区举办职工技能竞赛',
    authors: ['赵信息'],
    monthsAgo: 0,
    day: 8,
    kind: 'brief',
  },
  {
    unit: '吴江市总工会',
    title: '吴江市开展农民工关爱行动',
    authors: ['陈晓红'],
    monthsAgo: 0,
    day: 5,
    kind: 'full',
  },
  {
    unit: '常熟市总工会',
    title: '常熟市职工书屋建设再上新台阶',
    authors: ['周文'],
    monthsAgo: 0,
    day: 6,
    kind: null,
  },
  {
    unit: '苏州市教育工会',
    title: '市教育工会举办青年教师基本功比赛',
    authors: ['吴老师'],
    monthsAgo: 0,
    day: 9,
    kind: 'brief',
  },
  {
    unit: '吴中区总工会',
    title: '吴中区送清凉活动覆盖一线职工',
    authors: ['赵信息', '钱丽'],
    monthsAgo: 1,
    day: 12,
    kind: 'full',
  },
  {
    unit: '张家港市总工会',
    title: '张家港市创建和谐劳动关系企业',
    authors: ['孙强'],
    monthsAgo: 1,
    day: 15,
    kind: 'full',
  },
  {
    unit: '吴江市总工会',
    title: '吴江市工会开展劳动竞赛',
    authors: ['陈晓红'],
    monthsAgo: 1,
    day: 20,
    kind: 'brief',
  },
  {
    unit: '昆山市总工会',
    title: '昆山市工会服务外来务工人员',
    authors: ['李娜'],
    monthsAgo: 2,
    day: 10,
    kind: 'full',
  },
  {
    unit: '吴中区总工会',
    title: '吴中区建立职工法律援助站',
    authors: ['赵信息'],
    monthsAgo: 2,
    day: 18,
    kind: 'brief',
  },
];

/** `monthsAgo` months before today's month, on `day`, as YYYY-MM-DD (China time). */
function dayIn(monthsAgo: number, day: number): string {
  const today = chinaToday();
  const d = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 - monthsAgo, 1));
  // This month's items stay on or before today.
  const last = monthsAgo === 0 ? Number(today.slice(8, 10)) : 28;
  return `${utcDay(d).slice(0, 8)}${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** Writes the demo items with their points; expects the demo organisations. */
export async function seedDemoBulletin(): Promise<{ items: number }> {
  const system = systemActor(PERMISSIONS);
  const units = await db.transaction((tx) =>
    orgsInScopeByKind(tx, system, ['cityFederation', 'districtFederation', 'industryUnion']),
  );
  const byName = new Map(units.map((u) => [u.name, u]));
  const city = units.find((u) => u.kind === 'cityFederation');
  if (!city) return { items: 0 };
  const actorOf = (org: { id: string; path: string }): Actor => ({
    ...system,
    orgId: org.id,
    scopePath: org.path,
  });
  const editor = actorOf(city);
  const columns = await listColumns(editor);
  const column = columns.items[0]?.id ?? null;
  let made = 0;
  let first: string | null = null;
  const placed: { id: string; monthsAgo: number; kind: DemoItem['kind'] }[] = [];
  for (const item of ITEMS) {
    const unit = byName.get(item.unit);
    if (!unit) continue;
    const officer = actorOf(unit);
    const draft = await createSubmission(officer, {
      title: item.title,
      body: `\u3000\u3000${item.title}。活动得到广大职工的积极响应，取得了良好效果。`,
      authors: item.authors,
      coOrgIds: [],
      suggestedColumnId: column,
    });
    let current = await submitSubmission(officer, draft.id, { version: draft.version });
    if (item.kind)
      current = await adoptSubmission(editor, draft.id, {
        version: current.version,
        adoptionKind: item.kind,
        editedTitle: null,
        editedBody: null,
        comment: null,
      });
    const on = dayIn(item.monthsAgo, item.day);
    // At ten that day, or earlier today when ten has not come yet: nothing dated in the future.
    const dayStart = Date.parse(`${on}T00:00:00+08:00`);
    const at = new Date(
      Math.max(dayStart, Math.min(Date.parse(`${on}T10:00:00+08:00`), Date.now() - 30 * 60_000)),
    ).toISOString();
    await db.transaction(async (tx) => {
      await tx.execute(
        sql`update submissions set created_at = ${at}::timestamptz, submitted_at = ${at}::timestamptz,
              adopted_at = case when adopted_at is null then null else ${at}::timestamptz end
            where id = ${draft.id}`,
      );
      // The history reads as it happened: created, submitted and adopted minutes apart that day.
      await tx.execute(
        sql`update submission_events e set at = least(${at}::timestamptz + x.n * interval '5 minutes', now())
            from (select id, row_number() over (order by at, id) - 1 as n
                    from submission_events where submission_id = ${draft.id}) x
            where e.id = x.id`,
      );
      await tx.execute(sql`update points_events set occurred_on = ${on} where submission_id = ${draft.id}`);
      await tx.execute(
        sql`update points_credits set occurred_on = ${on}
            where event_id in (select id from points_events where submission_id = ${draft.id})`,
      );
    });
    if (item.kind === 'full') first ??= draft.id;
    placed.push({ id: draft.id, monthsAgo: item.monthsAgo, kind: item.kind });
    made += 1;
  }
  // The search documents carry the dates the items were given above.
  await db.transaction((tx) =>
    indexSubmissions(
      tx,
      placed.map((m) => m.id),
    ),
  );
  if (first) {
    const today = dayIn(0, 31);
    await recordPointsEvent(editor, first, {
      reason: 'outlet',
      outletLevel: 'province',
      outletName: '江苏工人报',
      kind: 'full',
      occurredOn: today,
      note: null,
    });
    await recordPointsEvent(editor, first, {
      reason: 'instruction',
      leaderLevel: 'city',
      instructedBy: '市委副书记',
      occurredOn: today,
      note: '吴中区的做法很好，请市总工会总结推广。',
    });
  }
  await publishDemoIssue(
    editor,
    placed.filter((m) => m.monthsAgo === 2 && m.kind).map((m) => m.id),
  );
  await importLegacyBulletin(editor, {
    filePath: fileURLToPath(new URL('./legacy/fixtures/legacy-bulletin-2012-08.txt', import.meta.url)),
    originalName: '工作动态2012年第8期.txt',
    year: 2012,
    number: 8,
  });
  return { items: made };
}

/** One issue of this year already out, made of the oldest adopted demo items. */
async function publishDemoIssue(editor: Actor, ids: string[]) {
  if (!ids.length) return;
  const { id } = await createIssue(editor, { series: null, supplement: false });
  const view = await getCompileView(editor, id);
  const byColumn = new Map<string, string[]>();
  for (const c of view.candidates.filter((c) => ids.includes(c.submissionId))) {
    const name = c.kind === 'brief' ? '工作简讯' : (c.column ?? '工作动态');
    byColumn.set(name, [...(byColumn.get(name) ?? []), c.submissionId]);
  }
  const order = ['工作动态', '创先争优', '工作简讯'];
  const laid = await saveLayout(editor, id, {
    version: view.version,
    number: view.number ?? 1,
    totalNumber: view.totalNumber,
    date: dayIn(2, 25),
    distribution: {
      issuedTo: null,
      report: '省总工会办公室，市委办公室、市政府办公室',
      send: '市人大常委会办公室、市政协办公室',
      issue: '各市（县）、区总工会，市各产业（系统）工会',
    },
    printCount: 120,
    columns: [...byColumn.entries()]
      .sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
      .map(([name, items]) => ({ name, items })),
  });
  await publishIssue(editor, id, laid.version);
}
