// What labour relations put on a user's home page: reports waiting for my unit to acknowledge
// (with the nearest deadline), reports of my scope past their deadline, follow-up visits due,
// and the mediation cases I conduct that are still open.
import { and, asc } from 'drizzle-orm';
import { can, scopeFilter, type Actor } from '../platform/access';
import { db } from '../platform/db/client';
import { chinaMinute } from '../platform/shared/dates';
import type { WaitingItem } from '../platform/shared/waiting-contract';
import { dueCondition, listReports } from './reports';
import { listCases } from './mediation';
import { laborReports } from './tables';

const one = { page: 1, pageSize: 1 };

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
  if (can(actor, 'labor:handle')) {
    const awaiting = await listReports(actor, { ...one, due: 'awaitingMe' });
    let nearest = '';
    if (awaiting.total) {
      const [first] = await db.readTransaction((tx) =>
        tx
          .select({ dueAt: laborReports.dueAt })
          .from(laborReports)
          .where(and(scopeFilter(actor, laborReports.orgPath), dueCondition(actor, 'awaitingMe')))
          .orderBy(asc(laborReports.dueAt))
          .limit(1),
      );
      if (first?.dueAt) nearest = `（最早 ${chinaMinute(first.dueAt)} 到期）`;
    }
    const overdue = await listReports(actor, { ...one, due: 'overdue' });
    items.push(
      {
        key: 'labor.awaiting',
        label: `待本单位签收的风险报告${nearest}`,
        count: awaiting.total,
        link: '/labor?due=awaitingMe',
        urgent: true,
      },
      {
        key: 'labor.overdue',
        label: '超时未签收的风险报告',
        count: overdue.total,
        link: '/labor?due=overdue',
        urgent: true,
      },
    );
  }
  const followUps = await listReports(actor, { ...one, due: 'followUp' });
  items.push({
    key: 'labor.followUp',
    label: '到期待回访的风险报告',
    count: followUps.total,
    link: '/labor?due=followUp',
    urgent: false,
  });
  return items;
}
