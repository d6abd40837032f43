// What labour competitions put on a user's home page: the values my unit must still report (for
// each participant of my subtree, each indicator and each period begun, not reported or
// returned) and, for organisers, the values reported and waiting to be checked. An organiser is
// reminded to report only for participants of its own unit.
import { sql } from 'drizzle-orm';
import { can, type Actor } from '../../platform/access';
import { db, execute } from '../../platform/db/client';
import { now } from '../../platform/clock';
import { chinaDay } from '../../platform/shared/dates';
import type { WaitingItem } from '../../platform/shared/waiting-contract';
import type { Cycle } from './contract';
import { periodsBetween } from './periods';

export async function campaignWaiting(actor: Actor): Promise<WaitingItem[]> {
  if (!can(actor, 'competition:manage')) return [];
  const today = chinaDay(now());
  const scope = actor.scopePath + '%';
  return db.readTransaction(async (tx) => {
    const due = await execute<{
      cycle: Cycle;
      starts_on: string;
      ends_on: string;
      indicators: number;
      done: number;
    }>(
      tx,
      sql`select c.cycle, c.starts_on::text, c.ends_on::text,
            (select count(*) from campaign_indicators i where i.campaign_id = c.id)::int as indicators,
            (select count(*) from campaign_values v where v.participant_id = p.id and v.state <> 'returned')::int as done
          from campaign_participants p join campaigns c on c.id = p.campaign_id
          where c.state = 'active' and c.starts_on <= ${today}::date and p.org_path like ${scope}
            and (c.org_path not like ${scope} or p.org_id = ${actor.orgId})`,
    );
    let missing = 0;
    for (const d of due) {
      const periods = periodsBetween(d.cycle, d.starts_on, d.ends_on < today ? d.ends_on : today).length;
      missing += Math.max(0, d.indicators * periods - d.done);
    }
    const [check] = await execute<{ n: number }>(
      tx,
      sql`select count(*)::int as n from campaign_values v join campaigns c on c.id = v.campaign_id
          where c.state = 'active' and v.state = 'reported' and c.org_path like ${scope}`,
    );
    return [
      {
        key: 'competition.campaign.report',
        label: '待填报的竞赛指标',
        count: missing,
        link: '/competitions/campaigns?waiting=report',
        urgent: false,
      },
      {
        key: 'competition.campaign.check',
        label: '待核实的竞赛数据',
        count: Number(check?.n ?? 0),
        link: '/competitions/campaigns?waiting=check',
        urgent: false,
      },
    ];
  });
}
