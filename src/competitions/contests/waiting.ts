// What judged contests put on a user's home page: the scores I still owe as a judge.
import type { Actor } from '../../platform/access';
import type { WaitingItem } from '../../platform/shared/waiting-contract';
import { scoresOwed } from './scores';

export async function contestWaiting(actor: Actor): Promise<WaitingItem[]> {
  const owed = await scoresOwed(actor);
  if (!owed.contests) return [];
  return [
    {
      key: 'contests.scores',
      label: `待我评分的比赛（${owed.contests} 场，尚缺 ${owed.scores} 项评分）`,
      count: owed.scores,
      link: '/contests/judging',
      urgent: false,
    },
  ];
}
