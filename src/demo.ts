// The demo city, assembled from the features' demo data in one place for `start` and `seed demo`:
// the organisations and users, the enterprise registry (its derived data, the coverage series
// and the worklists, rebuilt as it loads), and the bulletin. Progress goes to `print`.
import { systemActor } from './platform/access';
import { PERMISSIONS } from './platform/shared/access-catalog';
import { seedDemoCadres, seedDemoOrgs } from './orgs/demo';
import { seedDemoEnterprises, type DemoLoadStep } from './enterprises/demo';
import { seedDemoBulletin } from './bulletin/demo';
import { seedDemoCampaigns, seedDemoService } from './service/demo';
import { seedDemoLabor } from './labor/demo';
import { seedDemoMediation } from './labor/mediation-demo';
import { seedDemoContests } from './competitions/contests/demo';
import { seedDemoHonours } from './competitions/honours/demo';
import { seedDemoModelWorkers } from './studios/workers/demo';
import { seedDemoCompetitions } from './competitions/campaigns/demo';
import { seedDemoPlans } from './studios/plans/demo';
import { seedDemoStudios } from './studios/register/demo';
import { seedDemoAssessments } from './studios/assessments/demo';
import { seedDemoAchievements } from './studios/achievements/demo';

export const DEFAULT_DEMO_ENTERPRISES = 20_000;

export interface DemoCounts {
  orgs: number;
  users: number;
  enterprises: number;
  facts: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} 秒`;

/**
 * Writes the demo city into an empty database. `print` receives one line per step with its time;
 * `live`, when given, receives the load's running count to show in place (a terminal), and
 * without it the load is printed every tenth.
 */
export async function seedDemo(
  enterprises: number,
  print: (line: string) => void,
  live?: (line: string) => void,
): Promise<DemoCounts> {
  const started = performance.now();
  let stepStarted = started;
  let current: string | null = null;
  const finish = () => {
    const now = performance.now();
    if (current) print(`${current}（${seconds(now - stepStarted)}）`);
    current = null;
    stepStarted = now;
  };
  const begin = (what: string) => {
    finish();
    current = what;
  };

  begin('组织体系与演示账号');
  const made = await seedDemoOrgs(systemActor(PERMISSIONS));
  begin(`演示企业 ${enterprises.toLocaleString('en')} 家及其事项：生成并写入`);
  let shownTenth = 0;
  const registry = await seedDemoEnterprises(enterprises, {
    onProgress: (step: DemoLoadStep) => {
      switch (step.step) {
        case 'load': {
          const line = `  已写入 ${step.made.toLocaleString('en')} / ${step.count.toLocaleString('en')} 家企业，${step.facts.toLocaleString('en')} 条事项`;
          const tenth = Math.floor((step.made * 10) / Math.max(1, step.count));
          if (live) live(line);
          else if (tenth > shownTenth || step.made === step.count) print(line);
          shownTenth = tenth;
          break;
        }
        case 'index':
          begin(`建立索引 ${step.name}`);
          break;
        case 'foreign key':
          begin(`核对外键 ${step.name}`);
          break;
        case 'derived':
          begin(`重建${step.name}`);
          break;
      }
    },
  });
  begin('信息报送与简报示例');
  await seedDemoBulletin();
  begin('服务企业活动：服务干部、挂钩企业、走访与需求');
  const cadres = await seedDemoCadres();
  await seedDemoService(cadres);
  begin('送清凉、送温暖活动');
  await seedDemoCampaigns(cadres);
  begin('劳动关系风险预警');
  await seedDemoLabor();
  begin('劳动争议调解案件');
  await seedDemoMediation();
  begin('评比竞赛：歌咏比赛、知识竞赛和评分中的演讲比赛');
  await seedDemoContests();
  begin('荣誉库：历年荣誉与推荐');
  await seedDemoHonours();
  begin('劳动竞赛：招商引资竞赛、重点工程竞赛');
  await seedDemoCompetitions();
  begin('劳模名册：历年市、省、全国劳动模范');
  await seedDemoModelWorkers();
  begin('劳模创新工作室：命名批次、历年命名的工作室和申报中的工作室');
  await seedDemoStudios();
  begin('劳模创新工作室：四明确计划与进度');
  await seedDemoPlans();
  begin('劳模创新工作室：两个年度的督察考核');
  await seedDemoAssessments();
  begin('劳模创新工作室：创新成果');
  await seedDemoAchievements();
  finish();
  print(`演示数据写入完成，共用时 ${seconds(performance.now() - started)}`);
  return { ...made, ...registry };
}
