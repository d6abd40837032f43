// What the features hand the platform, in one place: the rewriters that move their copies of an
// organisation's path when a node moves, the checks that keep a node in use from being
// deactivated, the listeners that keep derived data exact when enterprises change, and the
// providers of the home page's waiting items. The app and the command line call this before anything else, so an entry
// point can never run with a stale cache because it forgot an import.
import { listenToChanges } from './platform/change-tracking';
import { registerOrgInUseCheck, registerPathRewriter } from './platform/org-paths';
import { rewriteBulletinPaths } from './bulletin/service';
import { rewriteCoveragePaths } from './coverage/service';
import { seriesListener } from './coverage/series-store';
import { worklistListener } from './coverage/worklist-store';
import { jointUnionInUse, rewriteEnterprisePaths } from './enterprises/service';
import { rewriteServicePaths, serviceEnterpriseListener } from './service/paths';
import { laborEnterpriseListener, rewriteLaborPaths } from './labor/paths';
import { registerWaiting } from './platform/waiting';
import { rewriteNotificationPaths } from './platform/notifications';
import { bulletinWaiting } from './bulletin/waiting';
import { coverageWaiting } from './coverage/waiting';
import { serviceWaiting } from './service/waiting';
import { laborWaiting } from './labor/waiting';
import { rewriteContestPaths } from './competitions/contests/paths';
import { contestWaiting } from './competitions/contests/waiting';
import { honourEnterpriseListener, rewriteHonourPaths } from './competitions/honours/paths';
import { honourWaiting } from './competitions/honours/waiting';
import { rewriteCampaignPaths } from './competitions/campaigns/campaigns-service';
import { campaignWaiting } from './competitions/campaigns/waiting';
import { rewriteModelWorkerPaths } from './studios/workers/paths';
import { rewritePlanPaths } from './studios/plans/paths';
import { planWaiting } from './studios/plans/waiting';
import { rewriteStudioPaths } from './studios/register/paths';
import { studioWaiting } from './studios/register/waiting';
import { rewriteAssessmentPaths } from './studios/assessments/paths';
import { assessmentWaiting } from './studios/assessments/waiting';
import { rewriteAchievementPaths } from './studios/achievements/paths';

let wired = false;

/** Registers every feature's rewriters and listeners once per process. */
export function wireFeatures(): void {
  if (wired) return;
  wired = true;
  registerPathRewriter(rewriteEnterprisePaths);
  registerPathRewriter(rewriteCoveragePaths);
  registerPathRewriter(rewriteBulletinPaths);
  registerPathRewriter(rewriteServicePaths);
  registerPathRewriter(rewriteLaborPaths);
  registerPathRewriter(rewriteContestPaths);
  registerPathRewriter(rewriteHonourPaths);
  registerPathRewriter(rewriteNotificationPaths);
  registerPathRewriter(rewriteCampaignPaths);
  registerPathRewriter(rewriteModelWorkerPaths);
  registerPathRewriter(rewritePlanPaths);
  registerPathRewriter(rewriteStudioPaths);
  registerPathRewriter(rewriteAssessmentPaths);
  registerPathRewriter(rewriteAchievementPaths);
  listenToChanges('enterprises', seriesListener);
  listenToChanges('enterprises', worklistListener);
  listenToChanges('enterprises', serviceEnterpriseListener);
  listenToChanges('enterprises', laborEnterpriseListener);
  listenToChanges('enterprises', honourEnterpriseListener);
  registerOrgInUseCheck(jointUnionInUse);
  // The home page's waiting items, in the order they are shown.
  registerWaiting(contestWaiting);
  registerWaiting(laborWaiting);
  registerWaiting(serviceWaiting);
  registerWaiting(bulletinWaiting);
  registerWaiting(coverageWaiting);
  registerWaiting(honourWaiting);
  registerWaiting(campaignWaiting);
  registerWaiting(planWaiting);
  registerWaiting(studioWaiting);
  registerWaiting(assessmentWaiting);
}
