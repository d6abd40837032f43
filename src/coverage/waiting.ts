// What the coverage figures put on a user's home page: the due-date alerts of their scope within
// the default reminder window, and the indicators of their unit and the units below it that
// stand under this year's target.
import { can, type Actor } from '../platform/access';
import type { WaitingItem } from '../platform/shared/waiting-contract';
import { chinaToday } from '../platform/shared/dates';
import { getAlertSummary } from './alerts';
import { ALERT_KIND_LABELS, DEFAULT_WITHIN_DAYS } from './alerts-contract';
import { getCoverage } from './service';
import { INDICATORS } from './contract';

export async function coverageWaiting(actor: Actor): Promise<WaitingItem[]> {
  if (!can(actor, 'coverage:read')) return [];
  const items: WaitingItem[] = [];
  const summary = await getAlertSummary(actor, { withinDays: DEFAULT_WITHIN_DAYS });
  for (const k of summary.kinds) {
    items.push({
      key: `coverage.alert.${k.kind}`,
      label: `到期提醒：${ALERT_KIND_LABELS[k.kind]}`,
      count: k.total,
      link: `/alerts?kind=${k.kind}`,
      urgent: (k.expired ?? 0) > 0,
    });
  }
  const view = await getCoverage(actor, { date: chinaToday() });
  let behind = 0;
  for (const row of [view.node, ...view.children]) {
    for (const indicator of INDICATORS) {
      const target = row.targets[indicator];
      const rate = row.rates[indicator];
      if (target !== undefined && rate !== null && rate < target) behind += 1;
    }
  }
  items.push({
    key: 'coverage.behindTarget',
    label: '未达年度目标的指标（本单位及下级）',
    count: behind,
    link: '/coverage',
    urgent: false,
  });
  return items;
}
