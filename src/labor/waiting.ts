// What labour relations put on a user's home page: reports waiting for my unit to acknowledge
// (with the nearest deadline), reports of my scope past their deadline, follow-up visits due,
// and the mediation cases I conduct that are still open.
import { and, inArray, sql } from 'drizzle-orm';
import { can, scopeFilter, type Actor } from '../platform/access';
import { db } from '../platform/db/client';
import { chinaMinute } from '../platform/shared/dates';
import type { WaitingItem } from '../platform/shared/waiting-contract';
import { dueCondition } from './reports';
import { escalateOverdue } from './escalation';
import { listCases } from './mediation';
import { laborReports } from './tables';

/** The count alone. */
const one = { page: 1, pageSize: 0 };

export async function laborWaiting(actor: Actor): Promise<WaitingItem[]> {
  const items: WaitingItem[] = [];
  if (can(actor, 'labor:mediate')) {
    const mine = await listCases(actor, { ...one, mine: 'true', state: 'open' });
    items.push({
      key: 'labor.mediation',
      label: '我承办的调解案件（调解中）',
      count: mine.total,
      link: '/labor/mediation?mine=true&state=open',
      urgent: false,
    });
  }
  if (!can(actor, 'labor:report')) return items;
  await escalateOverdue();
  const t = laborReports;
  const awaiting = dueCondition(actor, 'awaitingMe');
  const overdue = dueCondition(actor, 'overdue');
  const followUp = dueCondition(actor, 'followUp');
  // One pass over the reports still waiting for something (reported or closed), in the scope.
  const [counts] = await db.readTransaction((tx) =>
    tx
      .select({
        awaiting: sql<number>`count(*) filter (where ${awaiting})::int`,
        nearest: sql<Date | string | null>`min(${t.dueAt}) filter (where ${awaiting})`,
        overdue: sql<number>`count(*) filter (where ${overdue})::int`,
        followUp: sql<number>`count(*) filter (where ${followUp})::int`,
      })
      .from(t)
      .where(and(scopeFilter(actor, t.orgPath), inArray(t.state, ['reported', 'closed']))),
  );
  if (can(actor, 'labor:handle')) {
    const nearest = counts?.nearest ? `（最早 ${chinaMinute(new Date(counts.nearest))} 到期）` : '';
    items.push(
      {
        key: 'labor.awaiting',
        label: `待本单位签收的风险报告${nearest}`,
        count: Number(counts?.awaiting ?? 0),
        link: '/labor?due=awaitingMe',
        urgent: true,
      },
      {
        key: 'labor.overdue',
        label: '超时未签收的风险报告',
        count: Number(counts?.overdue ?? 0),
        link: '/labor?due=overdue',
        urgent: true,
      },
    );
  }
  items.push({
    key: 'labor.followUp',
    label: '到期待回访的风险报告',
    count: Number(counts?.followUp ?? 0),
    link: '/labor?due=followUp',
    urgent: false,
  });
  return items;
}
