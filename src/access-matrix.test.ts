// The access matrix: every operation of the OpenAPI document, for every role, on a record of its
// own scope, on one of another district, and without signing in. Each operation names its gate
// below: the permission it needs and whether its records are bound to an organisation's scope.
// An operation added to the document without an entry here fails the first test.
//
// What each answer must be:
// - not signed in: 401 (except the sign-in itself);
// - signed in without the permission: 403;
// - with the permission, a record of its own scope: access granted (anything but 401/403/404; a
//   write carries a stale version, so it is refused with 409 after the gate and changes nothing);
// - with the permission, a record of another district: 404, the same as a record that does not
//   exist.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildEnterprise,
  buildOrg,
  buildUser,
  clientFor,
  loginAs,
  PASSWORD,
  buildUscc,
  rootFederation,
  setupTestApp,
  type Client,
} from '../tests/test-app';
import { operationsOf, sample, type Operation, type Schema } from '../tests/hostile';
import { png } from '../tests/images';
import { buildBatch, buildModelWorker, buildStudio } from '../tests/studio-factories';
import { DEFAULT_GRADING_RULE } from './labor/contract';
import { ROLE_PERMISSIONS, DEPARTMENT_PERMISSIONS, type Permission } from './platform/shared/access-catalog';
import type { OrgDetail } from './orgs/contract';
import type { UserView } from './orgs/contract';

const ctx = setupTestApp();

/** Who may call an operation. */
type Gate =
  | {
      permission: Permission | readonly Permission[];
      scope: Scope;
      cityOnly?: boolean;
      /** A district's own step on a record below it: the city with the permission is refused (403). */
      notCity?: boolean;
      /** The records are seen by the units below their organisation too (a contest by its subtree). */
      seenBelow?: boolean;
    }
  | { permission: 'signedIn'; scope: Scope }
  | { permission: 'public'; scope: 'none' };
/**
 * How its records are bound to a scope: `record` (a record in the path or the query belongs to an
 * organisation: outside the caller's subtree it answers 404 whatever the role, as the platform's
 * gate checks the scope first), `owner` (the record is the caller's own: a job, a notification;
 * anyone else's answers 404), `none` (one for the whole city, or the caller's own list).
 */
type Scope = 'record' | 'owner' | 'none';

const p = (permission: Permission, scope: Scope = 'record'): Gate => ({ permission, scope });

const GATES: Record<string, Gate> = {
  'GET /api/health': { permission: 'public', scope: 'none' },
  'POST /api/auth/login': { permission: 'public', scope: 'none' },
  // Signing out without a session is harmless and answers as a successful sign-out.
  'POST /api/auth/logout': { permission: 'public', scope: 'none' },
  'POST /api/auth/password': { permission: 'signedIn', scope: 'none' },
  'GET /api/auth/me': { permission: 'signedIn', scope: 'none' },
  'GET /api/notifications': { permission: 'signedIn', scope: 'none' },
  'POST /api/notifications/{id}/read': { permission: 'signedIn', scope: 'owner' },
  // A job is seen by whoever started it and by anyone whose subtree holds the unit it ran for.
  'GET /api/jobs/{id}': { permission: 'signedIn', scope: 'record' },
  'GET /api/audit': p('audit:read', 'none'),
  'GET /api/home/waiting': { permission: 'signedIn', scope: 'none' },

  'GET /api/orgs': p('org:read'),
  'POST /api/orgs': p('org:write'),
  'GET /api/orgs/{id}': p('org:read'),
  'PATCH /api/orgs/{id}': p('org:write'),
  'DELETE /api/orgs/{id}': p('org:write'),
  'POST /api/orgs/{id}/move': p('org:write'),
  'GET /api/users': p('user:read'),
  'POST /api/users': p('user:write'),
  'GET /api/users/{id}': p('user:read'),
  'PATCH /api/users/{id}': p('user:write'),
  'DELETE /api/users/{id}': p('user:write'),
  'POST /api/users/{id}/password': p('user:write'),

  'GET /api/enterprises': p('enterprise:read'),
  'POST /api/enterprises': p('enterprise:write'),
  'GET /api/enterprises/export.xlsx': p('enterprise:read'),
  'GET /api/enterprises/import-template.xlsx': p('enterprise:read', 'none'),
  'POST /api/enterprises/imports': p('enterprise:write', 'none'),
  // The error report of an import: for those who import, and who see the job.
  'GET /api/enterprises/imports/{jobId}/errors.xlsx': p('enterprise:write'),
  'GET /api/enterprises/{id}': p('enterprise:read'),
  'PATCH /api/enterprises/{id}': p('enterprise:write'),
  'POST /api/enterprises/{id}/facts': p('enterprise:write'),
  'DELETE /api/enterprises/{id}/facts/{factId}': p('enterprise:write'),

  'GET /api/coverage': p('coverage:read'),
  'GET /api/coverage/trend': p('coverage:read'),
  'GET /api/coverage/enterprises': p('coverage:read'),
  'GET /api/coverage/enterprises/export.xlsx': p('coverage:read'),
  'GET /api/coverage/report.xlsx': p('coverage:read'),
  'GET /api/coverage/priority': p('coverage:read'),
  'GET /api/coverage/priority/export.xlsx': p('coverage:read'),
  'GET /api/coverage/alerts': p('coverage:read'),
  'GET /api/coverage/alerts/summary': p('coverage:read'),
  'GET /api/coverage/rules': p('coverage:read', 'none'),
  'GET /api/coverage/priority-rule': p('coverage:read', 'none'),
  // So is the reading of the three categories.
  'PUT /api/coverage/priority-rule': { permission: 'coverage:target', scope: 'none', cityOnly: true },
  // The counting rule is the city federation's to set.
  'PUT /api/coverage/rules/{year}': { permission: 'coverage:target', scope: 'none', cityOnly: true },
  'GET /api/coverage/targets/template.xlsx': p('coverage:target', 'none'),
  'POST /api/coverage/targets/import': p('coverage:target', 'none'),
  'GET /api/coverage/targets/{orgId}': p('coverage:read'),
  'PUT /api/coverage/targets/{orgId}': p('coverage:target'),

  'GET /api/bulletin/columns': p('bulletin:submit', 'none'),
  'PUT /api/bulletin/columns': p('bulletin:edit', 'none'),
  'GET /api/bulletin/submissions': p('bulletin:submit'),
  'POST /api/bulletin/submissions': p('bulletin:submit', 'none'),
  'POST /api/bulletin/submissions/merge': p('bulletin:edit', 'none'),
  'GET /api/bulletin/submissions/{id}': p('bulletin:submit'),
  'PATCH /api/bulletin/submissions/{id}': p('bulletin:submit'),
  'POST /api/bulletin/submissions/{id}/submit': p('bulletin:submit'),
  'POST /api/bulletin/submissions/{id}/images': p('bulletin:submit'),
  'GET /api/bulletin/submissions/{id}/images/{imageId}': p('bulletin:submit'),
  'DELETE /api/bulletin/submissions/{id}/images/{imageId}': p('bulletin:submit'),
  'POST /api/bulletin/submissions/{id}/adopt': p('bulletin:edit', 'none'),
  'POST /api/bulletin/submissions/{id}/reject': p('bulletin:edit', 'none'),
  'POST /api/bulletin/submissions/{id}/return': p('bulletin:edit', 'none'),
  'GET /api/bulletin/submissions/{id}/points-events': p('bulletin:submit'),
  'POST /api/bulletin/submissions/{id}/points-events': p('bulletin:edit', 'none'),
  'POST /api/bulletin/submissions/{id}/points-events/{eventId}/void': p('bulletin:edit', 'none'),
  'GET /api/bulletin/issues': p('bulletin:submit', 'none'),
  'POST /api/bulletin/issues': p('bulletin:edit', 'none'),
  'POST /api/bulletin/issues/import': p('bulletin:edit', 'none'),
  'GET /api/bulletin/issues/{id}': p('bulletin:submit', 'none'),
  'DELETE /api/bulletin/issues/{id}': p('bulletin:edit', 'none'),
  'GET /api/bulletin/issues/{id}/compile': p('bulletin:edit', 'none'),
  'PUT /api/bulletin/issues/{id}/layout': p('bulletin:edit', 'none'),
  'POST /api/bulletin/issues/{id}/publish': p('bulletin:edit', 'none'),
  'GET /api/bulletin/issues/{id}/export.docx': p('bulletin:submit', 'none'),
  'GET /api/bulletin/search': p('bulletin:submit', 'none'),
  // Those who submit may read how points are counted; only the editors change it.
  'GET /api/service/programmes': p('service:read', 'none'),
  'POST /api/service/programmes': p('service:record'),
  'GET /api/service/programmes/{id}': p('service:read'),
  'PATCH /api/service/programmes/{id}': p('service:record'),
  'POST /api/service/programmes/{id}/pairings': p('service:record'),
  // Without a programme: the cadres who reach the caller's own scope.
  'GET /api/service/cadres': p('service:record', 'none'),
  'GET /api/service/pairings': p('service:read'),
  'GET /api/service/unpaired': p('service:read'),
  'GET /api/service/dashboard': p('service:read'),
  'GET /api/service/pairings/export.xlsx': p('service:read'),
  'GET /api/service/visits/export.xlsx': p('service:read'),
  'GET /api/service/needs/export.xlsx': p('service:read'),
  'GET /api/service/unpaired/export.xlsx': p('service:read'),
  'POST /api/service/pairings/{id}/reassign': p('service:record'),
  'POST /api/service/pairings/{id}/end': p('service:record'),
  'PUT /api/service/pairings/{id}/frequency': p('service:record'),
  'GET /api/service/visits': p('service:read'),
  'POST /api/service/visits': p('service:record'),
  'GET /api/service/visits/{id}': p('service:read'),
  'GET /api/service/needs': p('service:read'),
  'POST /api/service/needs': p('service:record'),
  'GET /api/service/needs/{id}': p('service:read'),
  'POST /api/service/needs/{id}/events': p('service:record'),
  'POST /api/service/visits/{id}/images': p('service:record'),
  'GET /api/service/visits/{id}/images/{imageId}': p('service:read'),
  'DELETE /api/service/visits/{id}/images/{imageId}': p('service:record'),
  'GET /api/labor/grading-rule': p('labor:report', 'none'),
  'PUT /api/labor/grading-rule': { permission: 'labor:handle', scope: 'none', cityOnly: true },
  'GET /api/labor/reports': p('labor:report'),
  'GET /api/labor/analysis': p('labor:report'),
  'GET /api/labor/analysis/export.xlsx': p('labor:report'),
  'POST /api/labor/reports': p('labor:report'),
  'GET /api/labor/reports/{id}': p('labor:report'),
  'POST /api/labor/reports/{id}/acknowledge': p('labor:handle'),
  'POST /api/labor/reports/{id}/coordination': p('labor:handle'),
  'POST /api/labor/reports/{id}/resolve': p('labor:handle'),
  'POST /api/labor/reports/{id}/close': p('labor:handle'),
  'POST /api/labor/reports/{id}/follow-up': p('labor:report'),
  // The units involved in the report (reporting, asked to acknowledge, handling) and its handlers.
  'POST /api/labor/reports/{id}/enterprise': p('labor:report'),
  'POST /api/labor/reports/{id}/attachments': p('labor:report'),
  'GET /api/labor/reports/{id}/attachments/{attachmentId}': p('labor:report'),
  'DELETE /api/labor/reports/{id}/attachments/{attachmentId}': p('labor:report'),
  // Cases are read by mediators and by the legal department (labor:handle).
  'GET /api/labor/mediation/cases': { permission: ['labor:mediate', 'labor:handle'], scope: 'record' },
  'POST /api/labor/mediation/cases': p('labor:mediate'),
  'GET /api/labor/mediation/cases/{id}': { permission: ['labor:mediate', 'labor:handle'], scope: 'record' },
  'POST /api/labor/mediation/cases/{id}/sessions': p('labor:mediate'),
  'POST /api/labor/mediation/cases/{id}/close': p('labor:mediate'),
  'GET /api/labor/mediation/cases/{id}/agreement.docx': {
    permission: ['labor:mediate', 'labor:handle'],
    scope: 'record',
  },
  'GET /api/labor/mediation/mediators': { permission: ['labor:mediate', 'labor:handle'], scope: 'record' },
  'GET /api/service/campaigns': p('service:read', 'none'),
  'POST /api/service/campaigns': p('service:record'),
  'GET /api/service/campaigns/totals': p('service:read'),
  'GET /api/service/campaigns/totals/export.xlsx': p('service:read'),
  'GET /api/service/campaigns/{id}': p('service:read'),
  'PATCH /api/service/campaigns/{id}': p('service:record'),
  'POST /api/service/campaigns/{id}/visits': p('service:record'),
  'GET /api/service/campaign-visits': p('service:read'),
  'GET /api/service/campaign-visits/export.xlsx': p('service:read'),
  'GET /api/service/campaign-visits/{id}': p('service:read'),
  'PUT /api/service/campaign-visits/{id}': p('service:record'),
  'DELETE /api/service/campaign-visits/{id}': p('service:record'),

  // The honours register: competition staff of the unit's scope; a step on a nomination is for a
  // unit above the nominating one (the scene's nomination is the township's).
  'GET /api/competitions/honours': p('competition:manage'),
  'POST /api/competitions/honours': p('competition:manage'),
  'GET /api/competitions/honours/export.xlsx': p('competition:manage'),
  'GET /api/competitions/honours/counts': p('competition:manage'),
  'GET /api/competitions/honours/counts/export.xlsx': p('competition:manage'),
  // An enterprise's or an organisation's page shows its honours to whoever sees the page.
  'GET /api/competitions/honours/of': {
    permission: ['competition:manage', 'enterprise:read', 'org:read'],
    scope: 'record',
  },
  'GET /api/competitions/honours/import-template.xlsx': p('competition:manage', 'none'),
  'POST /api/competitions/honours/import': p('competition:manage', 'none'),
  'GET /api/competitions/honours/{id}': p('competition:manage'),
  'PUT /api/competitions/honours/{id}': p('competition:manage'),
  'POST /api/competitions/honours/{id}/review': p('competition:manage'),
  'POST /api/competitions/honours/{id}/publicise': p('competition:manage'),
  'POST /api/competitions/honours/{id}/objections': p('competition:manage'),
  'POST /api/competitions/honours/{id}/objections/{objectionId}/resolve': p('competition:manage'),
  'POST /api/competitions/honours/{id}/confer': p('competition:manage'),
  'POST /api/competitions/honours/{id}/revoke': p('competition:manage'),

  // The model workers register: read in the scope of the unit keeping a record, kept by studio
  // staff; the studios' picker reads the whole register (names only) for those who apply or manage.
  'GET /api/studios/workers': p('studio:read'),
  'POST /api/studios/workers': p('studio:manage'),
  'GET /api/studios/workers/export.xlsx': p('studio:read'),
  'GET /api/studios/workers/import-template.xlsx': p('studio:manage', 'none'),
  'POST /api/studios/workers/import': p('studio:manage', 'none'),
  'GET /api/studios/workers/lookup': { permission: ['studio:apply', 'studio:manage'], scope: 'none' },
  'GET /api/studios/workers/honours': p('studio:manage', 'none'),
  'POST /api/studios/workers/from-honours': p('studio:manage', 'none'),
  'GET /api/studios/workers/{id}': p('studio:read'),
  'PUT /api/studios/workers/{id}': p('studio:manage'),
  // A studio's achievements are read by whoever reads its studio, and written by its own side
  // (studio:apply) or by studio staff (studio:manage) of its scope.
  'GET /api/studios/{id}/achievements': p('studio:read'),
  'POST /api/studios/{id}/achievements': { permission: ['studio:apply', 'studio:manage'], scope: 'record' },
  'GET /api/studios/achievements/totals': p('studio:read'),
  'GET /api/studios/achievements/totals/export.xlsx': p('studio:read'),
  'PUT /api/studios/achievements/{achievementId}': {
    permission: ['studio:apply', 'studio:manage'],
    scope: 'record',
  },
  'DELETE /api/studios/achievements/{achievementId}': {
    permission: ['studio:apply', 'studio:manage'],
    scope: 'record',
  },
  'POST /api/studios/achievements/{achievementId}/attachments': {
    permission: ['studio:apply', 'studio:manage'],
    scope: 'record',
  },
  'GET /api/studios/achievements/{achievementId}/attachments/{attachmentId}': p('studio:read'),
  'DELETE /api/studios/achievements/{achievementId}/attachments/{attachmentId}': {
    permission: ['studio:apply', 'studio:manage'],
    scope: 'record',
  },

  'GET /api/bulletin/points/config': p('bulletin:submit', 'none'),
  'PUT /api/bulletin/points/config': p('bulletin:edit', 'none'),
  'GET /api/bulletin/points/rankings': p('bulletin:submit', 'none'),
  'GET /api/bulletin/points/rankings.docx': p('bulletin:submit', 'none'),
  'GET /api/bulletin/points/rankings.xlsx': p('bulletin:submit', 'none'),

  // A contest is seen by its organiser's whole subtree and by the organisations above it; it is
  // run by staff with competition:manage of its organiser's subtree.
  'GET /api/contests': p('org:read', 'none'),
  'POST /api/contests': p('competition:manage'),
  'GET /api/contests/judging': { permission: 'signedIn', scope: 'none' },
  'GET /api/contests/{id}': { permission: 'org:read', scope: 'record', seenBelow: true },
  'PATCH /api/contests/{id}': p('competition:manage'),
  'DELETE /api/contests/{id}': p('competition:manage'),
  'POST /api/contests/{id}/entries': p('competition:manage'),
  'PATCH /api/contests/{id}/entries/{entryId}': p('competition:manage'),
  'DELETE /api/contests/{id}/entries/{entryId}': p('competition:manage'),
  'GET /api/contests/{id}/judge-candidates': p('competition:manage'),
  'POST /api/contests/{id}/judges': p('competition:manage'),
  'DELETE /api/contests/{id}/judges/{judgeId}': p('competition:manage'),
  'POST /api/contests/{id}/open': p('competition:manage'),
  // The sheet and the scores are the panel's own: to anyone else the contest is not there.
  'GET /api/contests/{id}/sheet': { permission: 'signedIn', scope: 'owner' },
  'PUT /api/contests/{id}/scores': { permission: 'signedIn', scope: 'owner' },
  'PUT /api/contests/{id}/scores/correction': p('competition:manage'),
  'GET /api/contests/{id}/results': { permission: 'org:read', scope: 'record', seenBelow: true },
  'GET /api/contests/{id}/live': p('competition:manage'),
  'POST /api/contests/{id}/release': p('competition:manage'),
  'GET /api/contests/{id}/corrections': p('competition:manage'),
  'GET /api/contests/{id}/notice.docx': { permission: 'org:read', scope: 'record', seenBelow: true },
  'GET /api/contests/{id}/certificates': { permission: 'org:read', scope: 'record', seenBelow: true },
  'GET /api/contests/{id}/certificates.docx': { permission: 'org:read', scope: 'record', seenBelow: true },
  'GET /api/contests/{id}/entries/{entryId}/certificate.docx': {
    permission: 'org:read',
    scope: 'record',
    seenBelow: true,
  },
  // Labour competitions: run by those who may manage them; a competition is seen in the owner's
  // subtree and below it, managed from the owner's subtree, reported by its participants' units.
  'GET /api/competitions/campaigns': p('competition:manage', 'none'),
  'POST /api/competitions/campaigns': p('competition:manage'),
  'GET /api/competitions/campaigns/{id}': p('competition:manage'),
  'PATCH /api/competitions/campaigns/{id}': p('competition:manage'),
  'PUT /api/competitions/campaigns/{id}/units': p('competition:manage'),
  'POST /api/competitions/campaigns/{id}/participants': p('competition:manage'),
  'DELETE /api/competitions/campaigns/{id}/participants/{childId}': p('competition:manage'),
  'POST /api/competitions/campaigns/{id}/indicators': p('competition:manage'),
  'DELETE /api/competitions/campaigns/{id}/indicators/{childId}': p('competition:manage'),
  'GET /api/competitions/campaigns/{id}/values': p('competition:manage'),
  'PUT /api/competitions/campaigns/{id}/values': p('competition:manage'),
  'POST /api/competitions/campaigns/{id}/values/{valueId}/accept': p('competition:manage'),
  'POST /api/competitions/campaigns/{id}/values/{valueId}/return': p('competition:manage'),
  'GET /api/competitions/campaigns/{id}/totals': p('competition:manage'),
  'GET /api/competitions/campaigns/totals.xlsx': p('competition:manage'),
  'POST /api/competitions/campaigns/{id}/commendations': p('competition:manage'),
  'DELETE /api/competitions/campaigns/{id}/commendations/{childId}': p('competition:manage'),
  'GET /api/competitions/campaigns/{id}/sources': p('competition:manage'),
  'GET /api/competitions/campaigns/{id}/sources/search': p('competition:manage'),
  'POST /api/competitions/campaigns/{id}/sources': p('competition:manage'),
  'POST /api/competitions/campaigns/{id}/sources/{itemId}/figures/{position}/accept': p('competition:manage'),

  // Studios: read by whoever reads the city's data in its scope; applied for, and kept, by the
  // applicant side; recommended by the district above; reviewed, designated and revoked by the city.
  'GET /api/studios': p('studio:read'),
  'POST /api/studios': p('studio:apply'),
  'GET /api/studios/export.xlsx': p('studio:read'),
  'GET /api/studios/batches': p('studio:read', 'none'),
  'POST /api/studios/batches': { permission: 'studio:manage', scope: 'none', cityOnly: true },
  'GET /api/studios/batches/{id}': p('studio:read', 'none'),
  'PUT /api/studios/batches/{id}': { permission: 'studio:manage', scope: 'none', cityOnly: true },
  'GET /api/studios/{id}': p('studio:read'),
  'PUT /api/studios/{id}': p('studio:apply'),
  'POST /api/studios/{id}/recommend': p('studio:manage'),
  'POST /api/studios/{id}/review': { permission: 'studio:manage', scope: 'record', cityOnly: true },
  'POST /api/studios/{id}/resubmit': p('studio:apply'),
  'POST /api/studios/{id}/designate': { permission: 'studio:manage', scope: 'record', cityOnly: true },
  'POST /api/studios/{id}/upgrade': p('studio:apply'),
  'POST /api/studios/{id}/revoke': { permission: 'studio:manage', scope: 'record', cityOnly: true },
  'POST /api/studios/{id}/members': { permission: ['studio:apply', 'studio:manage'], scope: 'record' },
  'POST /api/studios/{id}/members/{memberId}/leave': {
    permission: ['studio:apply', 'studio:manage'],
    scope: 'record',
  },
  // A studio's plan: read by whoever reads studios, kept by the studio's own side (studio:apply),
  // its progress reported by that side or by those who supervise studios; all within the scope.
  // The worklist takes a unit of the scope (orgId).
  'GET /api/studios/milestones': p('studio:read'),
  'GET /api/studios/milestones/export.xlsx': p('studio:read'),
  'GET /api/studios/{id}/plans': p('studio:read'),
  'POST /api/studios/{id}/plans': p('studio:apply'),
  'PUT /api/studios/plans/{planId}': p('studio:apply'),
  'POST /api/studios/plans/{planId}/milestones': p('studio:apply'),
  'PUT /api/studios/milestones/{milestoneId}': p('studio:apply'),
  'DELETE /api/studios/milestones/{milestoneId}': p('studio:apply'),
  'POST /api/studios/milestones/{milestoneId}/reports': {
    permission: ['studio:apply', 'studio:manage'],
    scope: 'record',
  },
  // The yearly assessment of studios: sheets and opening a year are the city's; a studio below a
  // district is scored by that district (not by the city), and reviewed and flagged by the city.
  'GET /api/studios/assessment-sheets': p('studio:read', 'none'),
  'POST /api/studios/assessment-sheets': { permission: 'studio:manage', scope: 'none', cityOnly: true },
  'PUT /api/studios/assessment-sheets/{id}': { permission: 'studio:manage', scope: 'none', cityOnly: true },
  'POST /api/studios/assessments/open': { permission: 'studio:manage', scope: 'none', cityOnly: true },
  'GET /api/studios/assessments': p('studio:read'),
  'GET /api/studios/assessments/summary': p('studio:read', 'none'),
  'GET /api/studios/assessments/bulletin-items': p('studio:manage', 'none'),
  'GET /api/studios/assessments/report.xlsx': p('studio:read'),
  'GET /api/studios/assessments/report.docx': p('studio:read'),
  'GET /api/studios/assessments/{id}': p('studio:read'),
  'PUT /api/studios/assessments/{id}/score': { permission: 'studio:manage', scope: 'record', notCity: true },
  'POST /api/studios/assessments/{id}/review': {
    permission: 'studio:manage',
    scope: 'record',
    cityOnly: true,
  },
  'POST /api/studios/assessments/{id}/flag': { permission: 'studio:manage', scope: 'record', cityOnly: true },
};

/** A stale version: a write that passes its gate is refused as a conflict and changes nothing. */
const STALE = 999_999;

/** The records of one district that the operations are called on. */
interface Scene {
  district: OrgDetail;
  town: OrgDetail;
  user: UserView;
  enterprise: string;
  /** A draft of the district's information officer, with an image. */
  draft: string;
  image: string;
  /** A submission sent to the editors, and one they adopted (with its points event). */
  submitted: string;
  adopted: string;
  event: string;
  /** A job and a notification of someone of the district. */
  job: string;
  /** The district's service programme, a pairing in it, a visit and the need it raised. */
  programme: string;
  pairing: string;
  visit: string;
  need: string;
  /** A picture of the visit. */
  visitImage: string;
  /** A risk report of the district's township. */
  report: string;
  reportAttachment: string;
  mediationCase: string;
  /** The district's 送清凉 campaign and a delivery in it. */
  campaign: string;
  campaignVisit: string;
  notification: string;
  /** The district's contest in preparation, with an entry and a judge. */
  contest: string;
  contestEntry: string;
  contestJudge: string;
  /** A nomination for an honour by the township, waiting for review. */
  honour: string;
  /** The district's labour competition: a participant, an indicator, a value reported, a commendation. */
  competition: string;
  participant: string;
  indicator: string;
  competitionValue: string;
  commendation: string;
  /** A model worker kept by the district. */
  modelWorker: string;
  /** An application for a studio by the township (waiting for recommendation), its leader (a
   * model worker) as a member, and a batch of designation. */
  studio: string;
  studioMember: string;
  studioBatch: string;
  /** A designated studio of the township, with a plan and a milestone. */
  plannedStudio: string;
  studioPlan: string;
  studioMilestone: string;
  /** The open assessment of a studio applied for by the township. */
  assessment: string;
  /** An achievement of the planned studio and a file of that. */
  achievement: string;
  achievementAttachment: string;
}

/** Records of the actor's own: its draft and image, its import job, a notification. */
interface Mine {
  draft?: string;
  image?: string;
  job?: string;
  notification?: string;
}

interface Actor {
  name: string;
  client: Client;
  permissions: readonly Permission[];
  city: boolean;
  /** A grassroots chair's scope is its own union: the township's records lie beyond it. */
  reachesOwnScene: boolean;
  /** The actor's own district, and another district when it has one. */
  own: Scene;
  other: Scene | null;
  mine: Mine;
}

let root: OrgDetail;
let admin: Client;
let operations: Operation[] = [];
const scenes: Scene[] = [];
let draftIssue = '';
let archivedIssue = '';
let actors: Actor[] = [];

function ok<T>(res: { statusCode: number; body: string }): T {
  if (res.statusCode !== 200) throw new Error(`scene: ${res.statusCode} ${res.body}`);
  return JSON.parse(res.body) as T;
}

let columnId = '';
let assessmentSheet = '';

/** A draft of `client`'s unit with one image. */
async function draftWithImage(
  client: Client,
  title: string,
): Promise<{ id: string; version: number; image: string }> {
  const draft = ok<{ id: string; version: number }>(
    await client.post('/api/bulletin/submissions', {
      title,
      body: '　　近日，区总工会召开工资集体协商推进会。',
      authors: ['赵信息'],
      suggestedColumnId: columnId,
    }),
  );
  const image = ok<{ id: string }>(
    await client.upload(`/api/bulletin/submissions/${draft.id}/images`, '图.png', png(1, 1)),
  );
  return { ...draft, image: image.id };
}

/** An import dry run of `client`: a job with an error report. */
async function importJob(client: Client): Promise<string> {
  const job = ok<{ id: string; state: string }>(
    await client.upload(
      '/api/enterprises/imports?dryRun=true',
      '名单.csv',
      '统一社会信用代码,企业名称,所属乡镇(街道)\r\nx,测试企业,无此乡镇',
    ),
  );
  for (let state = job.state; state === 'running';) {
    await new Promise((r) => setTimeout(r, 50));
    state = ok<{ state: string }>(await client.get(`/api/jobs/${job.id}`)).state;
  }
  return job.id;
}

async function buildScene(name: string, suffix: string): Promise<Scene> {
  const district = await buildOrg({ name });
  const town = await buildOrg({ parent: district, name: `${suffix}街道工会` });
  const user = await buildUser({ role: 'infoOfficer', org: town });
  const staff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: district }));
  const officer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: district }));
  const enterprise = await buildEnterprise({ org: town });
  const draft = await draftWithImage(officer, `${suffix}草稿`);
  const send = async (title: string) => {
    const d = await draftWithImage(officer, title);
    return ok<{ id: string; version: number }>(
      await officer.post(`/api/bulletin/submissions/${d.id}/submit`, { version: d.version }),
    );
  };
  const submitted = await send(`${suffix}报送稿件`);
  const toAdopt = await send(`${suffix}采用稿件`);
  const adopted = ok<{ id: string }>(
    await admin.post(`/api/bulletin/submissions/${toAdopt.id}/adopt`, {
      version: toAdopt.version,
      adoptionKind: 'full',
    }),
  );
  const events = ok<{ items: { id: string }[] }>(
    await admin.get(`/api/bulletin/submissions/${adopted.id}/points-events`),
  );
  const notices = ok<{ items: { id: string }[] }>(await officer.get('/api/notifications'));
  const programme = ok<{ id: string }>(
    await staff.post('/api/service/programmes', {
      name: `${suffix}服务企业活动`,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      levels: ['district', 'township'],
    }),
  );
  const cadre = await buildUser({ role: 'serviceCadre', org: town });
  ok(
    await staff.post(`/api/service/programmes/${programme.id}/pairings`, {
      cadreId: cadre.id,
      enterpriseIds: [enterprise.id],
    }),
  );
  const pairing = ok<{ items: { id: string }[] }>(await staff.get(`/api/service/pairings?orgId=${town.id}`));
  const visit = ok<{ id: string; needIds: string[] }>(
    await staff.post('/api/service/visits', {
      enterpriseId: enterprise.id,
      programmeId: programme.id,
      visitedOn: '2026-06-01',
      items: ['coverage.publicity'],
      content: '宣传建会',
      needs: [{ kind: 'policy', description: '咨询政策' }],
    }),
  );
  const campaign = ok<{ id: string }>(
    await staff.post('/api/service/campaigns', {
      season: 'summer',
      year: 2026,
      startsOn: '2026-06-15',
      endsOn: '2026-08-31',
    }),
  );
  const campaignVisit = ok<{ id: string }>(
    await staff.post(`/api/service/campaigns/${campaign.id}/visits`, {
      enterpriseId: enterprise.id,
      visitedOn: '2026-07-10',
      groups: { frontline: 20 },
      moneyFen: 100_000,
    }),
  );
  const visitImage = ok<{ id: string }>(
    await staff.upload(`/api/service/visits/${visit.id}/images`, '走访.png', png(2, 2)),
  );
  // Reported by the township, so that the district acknowledges and handles it.
  const townCadre = await loginAs(ctx, await buildUser({ role: 'serviceCadre', org: town }));
  const report = ok<{ id: string }>(
    await townCadre.post('/api/labor/reports', {
      enterpriseId: enterprise.id,
      kinds: ['wageArrears'],
      workers: 30,
      months: 1,
      amountFen: 1_000_000,
      occurredOn: '2026-11-01',
      description: '拖欠工资',
    }),
  );
  const reportAttachment = ok<{ id: string }>(
    await townCadre.upload(`/api/labor/reports/${report.id}/attachments`, '现场.png', png(2, 2)),
  );
  // A case taken by the district's mediation committee.
  const mediatorUser = await buildUser({ role: 'mediator', org: district });
  const mediation = ok<{ id: string }>(
    await (
      await loginAs(ctx, mediatorUser)
    ).post('/api/labor/mediation/cases', {
      enterpriseId: enterprise.id,
      workers: [{ name: '王建国', idNumber: '11010519491231002X', phone: null }],
      claims: [{ kind: 'wages', amountFen: 100_000 }],
      facts: '拖欠工资',
      appliedOn: '2026-11-02',
      mediatorIds: [mediatorUser.id],
    }),
  );
  const contest = ok<{ id: string }>(
    await staff.post('/api/contests', {
      name: `${suffix}知识竞赛`,
      category: 'knowledge',
      heldOn: '2026-11-20',
      organisers: name,
      entryKind: 'team',
    }),
  );
  const withEntry = ok<{ entryList: { id: string }[] }>(
    await staff.post(`/api/contests/${contest.id}/entries`, { entries: [{ name: '第一代表队' }] }),
  );
  const withJudge = ok<{ judgeList: { id: string }[] }>(
    await staff.post(`/api/contests/${contest.id}/judges`, { userId: cadre.id }),
  );
  const townStaff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: town }));
  const honour = ok<{ id: string }>(
    await townStaff.post('/api/competitions/honours', {
      kind: 'mayDayMedal',
      level: 'city',
      year: 2026,
      awardingBody: '苏州市总工会',
      recipientKind: 'person',
      recipientName: '张建华',
      enterpriseId: enterprise.id,
    }),
  );
  // A labour competition of the district, the township taking part, the adopted item linked.
  let competition = ok<{ id: string; version: number }>(
    await staff.post('/api/competitions/campaigns', {
      name: `${suffix}招商引资劳动竞赛`,
      kind: 'labour',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      cycle: 'quarter',
    }),
  );
  competition = ok(
    await staff.put(`/api/competitions/campaigns/${competition.id}/units`, {
      version: competition.version,
      orgIds: [town.id],
    }),
  );
  ok(
    await staff.post(`/api/competitions/campaigns/${competition.id}/participants`, {
      kind: 'project',
      name: `${suffix}招商项目组`,
      orgId: town.id,
    }),
  );
  ok(
    await staff.post(`/api/competitions/campaigns/${competition.id}/indicators`, {
      name: '签约项目',
      unit: '项',
      decimals: 0,
      rollup: 'sum',
    }),
  );
  const competitionDetail = ok<{
    participantList: { id: string }[];
    indicators: { id: string }[];
    commendations: { id: string }[];
  }>(
    await staff.post(`/api/competitions/campaigns/${competition.id}/commendations`, {
      kind: 'individual',
      name: '张明',
      title: '先进个人',
      orgId: town.id,
      awardedOn: '2026-12-01',
    }),
  );
  const competitionValue = ok<{ id: string }>(
    await staff.put(`/api/competitions/campaigns/${competition.id}/values`, {
      participantId: competitionDetail.participantList[0]!.id,
      indicatorId: competitionDetail.indicators[0]!.id,
      period: '2026-Q1',
      value: '12',
    }),
  );
  ok(await staff.post(`/api/competitions/campaigns/${competition.id}/sources`, { itemId: adopted.id }));
  const modelWorker = ok<{ id: string }>(
    await staff.post('/api/studios/workers', {
      name: `${suffix}劳模`,
      level: 'city',
      year: 2015,
      unitName: `${suffix}某公司`,
      status: 'active',
    }),
  );
  const plannedStudio = await buildStudio({ org: town, name: `${suffix}劳模创新工作室` });
  const studioPlan = ok<{ id: string }>(
    await staff.post(`/api/studios/${plannedStudio.id}/plans`, {
      title: '年度计划',
      periodFrom: '2026-01-01',
      periodTo: '2026-12-31',
      goals: '目标',
      tasks: '任务',
      requirements: '要求',
    }),
  );
  const studioMilestone = ok<{ id: string }>(
    await staff.post(`/api/studios/plans/${studioPlan.id}/milestones`, {
      title: '安排',
      dueOn: '2026-06-30',
      owner: '张明',
    }),
  );
  const leader = await buildModelWorker({ org: district });
  const studio = ok<{ id: string; members: { id: string }[] }>(
    await townStaff.post('/api/studios', {
      name: `${suffix}劳模创新工作室`,
      leaderId: leader.id,
      hostUnitName: `${suffix}机械厂`,
      field: '机械制造',
    }),
  );
  const studioBatch = await buildBatch({ name: `${suffix}测试批次` });
  const assessedStudio = await buildStudio({ org: town, name: `${suffix}劳模创新工作室` });
  assessmentSheet ||= ok<{ id: string }>(
    await admin.post('/api/studios/assessment-sheets', {
      name: '2026年度督察考核表',
      year: 2026,
      criteria: [{ key: 'plan', label: '计划落实', weight: 100, maxScore: 100, evidence: null }],
      excellentFrom: 90,
      passFrom: 60,
      failsToRevoke: 2,
    }),
  ).id;
  ok(await admin.post('/api/studios/assessments/open', { year: 2026, sheetId: assessmentSheet }));
  const assessment = ok<{ items: { id: string }[] }>(
    await admin.get(`/api/studios/assessments?studioId=${assessedStudio.id}`),
  ).items[0]!.id;
  const achievement = ok<{ id: string }>(
    await staff.post(`/api/studios/${plannedStudio.id}/achievements`, {
      year: 2025,
      kind: 'project',
      title: `${suffix}节能改造项目`,
    }),
  );
  const achievementAttachment = ok<{ id: string }>(
    await staff.upload(`/api/studios/achievements/${achievement.id}/attachments`, '验收.png', png(2, 2)),
  );
  return {
    modelWorker: modelWorker.id,
    studio: studio.id,
    studioMember: studio.members[0]!.id,
    studioBatch: studioBatch.id,
    plannedStudio: plannedStudio.id,
    studioPlan: studioPlan.id,
    studioMilestone: studioMilestone.id,
    assessment,
    achievement: achievement.id,
    achievementAttachment: achievementAttachment.id,
    contest: contest.id,
    contestEntry: withEntry.entryList[0]!.id,
    contestJudge: withJudge.judgeList[0]!.id,
    honour: honour.id,
    competition: competition.id,
    participant: competitionDetail.participantList[0]!.id,
    indicator: competitionDetail.indicators[0]!.id,
    competitionValue: competitionValue.id,
    commendation: competitionDetail.commendations[0]!.id,
    mediationCase: mediation.id,
    report: report.id,
    reportAttachment: reportAttachment.id,
    visitImage: visitImage.id,
    campaign: campaign.id,
    campaignVisit: campaignVisit.id,
    district,
    town,
    user,
    enterprise: enterprise.id,
    draft: draft.id,
    image: draft.image,
    submitted: submitted.id,
    adopted: adopted.id,
    event: events.items[0]!.id,
    job: await importJob(staff),
    notification: notices.items[0]!.id,
    programme: programme.id,
    pairing: pairing.items[0]!.id,
    visit: visit.id,
    need: visit.needIds[0]!,
  };
}

beforeAll(async () => {
  root = await rootFederation();
  admin = await loginAs(ctx, await buildUser({ role: 'admin', org: root }));
  columnId = ok<{ items: { id: string }[] }>(await admin.get('/api/bulletin/columns')).items[0]!.id;
  scenes.push(await buildScene('吴中区总工会', '长桥'), await buildScene('吴江市总工会', '盛泽'));
  draftIssue = ok<{ id: string }>(await admin.post('/api/bulletin/issues', {})).id;
  archivedIssue = ok<{ id: string }>(
    await admin.upload(
      '/api/bulletin/issues/import?year=2012&number=8',
      '简报.txt',
      '【工作动态】\n市总工会召开三季度工作推进会\n　　8月3日，市总工会召开三季度工作推进会。（市总办公室）',
    ),
  ).id;
  operations = operationsOf(ctx.app.swagger());
  const [a, b] = scenes as [Scene, Scene];
  const grassroots = await buildOrg({ parent: a.town, kind: 'grassrootsUnion', name: '某公司工会' });
  const variants: { name: string; role: NonNullable<Parameters<typeof buildUser>[0]>; city?: boolean }[] = [
    { name: 'admin', role: { role: 'admin', org: root }, city: true },
    {
      name: 'federationStaff/organisation',
      role: { role: 'federationStaff', org: root, department: 'organisation' },
      city: true,
    },
    {
      name: 'federationStaff/office',
      role: { role: 'federationStaff', org: root, department: 'office' },
      city: true,
    },
    { name: 'unionStaff', role: { role: 'unionStaff', org: a.district } },
    { name: 'grassrootsChair', role: { role: 'grassrootsChair', org: grassroots } },
    { name: 'infoOfficer', role: { role: 'infoOfficer', org: a.district } },
    { name: 'serviceCadre', role: { role: 'serviceCadre', org: a.district } },
    { name: 'mediator', role: { role: 'mediator', org: a.district } },
    { name: 'judge', role: { role: 'judge', org: a.district } },
  ];
  actors = [];
  for (const v of variants) {
    const client = await loginAs(ctx, await buildUser(v.role));
    const department = v.role.department;
    const permissions = [
      ...ROLE_PERMISSIONS[v.role.role!],
      ...(department ? DEPARTMENT_PERMISSIONS[department] : []),
    ];
    const mine: Mine = {};
    if (permissions.includes('bulletin:submit')) {
      const draft = await draftWithImage(client, `${v.name}的草稿`);
      mine.draft = draft.id;
      mine.image = draft.image;
    }
    if (permissions.includes('enterprise:write')) mine.job = await importJob(client);
    mine.notification = ok<{ items: { id: string }[] }>(await client.get('/api/notifications')).items[0]?.id;
    actors.push({
      name: v.name,
      client,
      permissions,
      city: v.city ?? false,
      reachesOwnScene: v.role.role !== 'grassrootsChair',
      own: a,
      other: v.city ? null : b,
      mine,
    });
  }
}, 300_000);

/** The request for `op` on the records of `scene` (the actor's own records taking precedence). */
async function requestFor(
  op: Operation,
  scene: Scene,
  mine: Mine,
): Promise<{ url: string; body?: unknown; record: RecordKind }> {
  const path = op.path;
  const ids: Record<string, string> = {
    jobId: mine.job ?? scene.job,
    imageId: mine.image ?? scene.image,
    eventId: scene.event,
    // Targets are set by the unit above: the township's, by its district or the city.
    orgId: path.startsWith('/api/coverage/targets/') ? scene.town.id : scene.district.id,
    year: '2027',
  };
  if (path.startsWith('/api/orgs/')) ids.id = scene.town.id;
  if (path.startsWith('/api/users/')) ids.id = scene.user.id;
  if (path.startsWith('/api/enterprises/')) ids.id = scene.enterprise;
  if (path.startsWith('/api/jobs/')) ids.id = ids.jobId!;
  if (path.startsWith('/api/service/programmes/')) ids.id = scene.programme;
  if (path.startsWith('/api/service/pairings/')) ids.id = scene.pairing;
  if (path.startsWith('/api/service/visits/')) ids.id = scene.visit;
  if (path.startsWith('/api/service/needs/')) ids.id = scene.need;
  if (path.startsWith('/api/service/visits/{id}/images/')) {
    // Deleting a picture takes no version: each call removes a picture of its own (the uploads of
    // the matrix's own calls are cleared first, so that the visit has room for it).
    if (op.method === 'DELETE')
      await ctx.database.rows('delete from service_visit_images where visit_id = $1 and id <> $2', [
        scene.visit,
        scene.visitImage,
      ]);
    ids.imageId =
      op.method === 'DELETE'
        ? ok<{ id: string }>(
            await admin.upload(`/api/service/visits/${scene.visit}/images`, '走访.png', png(2, 2)),
          ).id
        : scene.visitImage;
  }
  if (path.startsWith('/api/service/campaigns/')) ids.id = scene.campaign;
  if (path.startsWith('/api/labor/reports/')) ids.id = scene.report;
  if (path.startsWith('/api/labor/reports/{id}/attachments/'))
    // Deleting takes no version: each call removes an attachment of its own.
    ids.attachmentId =
      op.method === 'DELETE'
        ? ok<{ id: string }>(
            await admin.upload(`/api/labor/reports/${scene.report}/attachments`, '现场.png', png(2, 2)),
          ).id
        : scene.reportAttachment;
  if (path.startsWith('/api/labor/mediation/cases/')) ids.id = scene.mediationCase;
  if (path.startsWith('/api/contests/{id}')) {
    ids.id = scene.contest;
    ids.entryId = scene.contestEntry;
    ids.judgeId = scene.contestJudge;
  }
  if (path.startsWith('/api/service/campaign-visits/')) ids.id = scene.campaignVisit;
  if (path.startsWith('/api/competitions/honours/')) {
    ids.id = scene.honour;
    // The nomination waits for review: a step on an objection is refused for its state first.
    ids.objectionId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
  }
  if (path.startsWith('/api/competitions/campaigns/')) {
    ids.id = scene.competition;
    ids.valueId = scene.competitionValue;
    ids.itemId = scene.adopted;
    ids.position = '0';
    if (path.includes('/participants/')) ids.childId = scene.participant;
    if (path.includes('/indicators/')) ids.childId = scene.indicator;
    if (path.includes('/commendations/')) ids.childId = scene.commendation;
  }
  if (path.startsWith('/api/studios/')) {
    ids.id = path.startsWith('/api/studios/batches/')
      ? scene.studioBatch
      : path.startsWith('/api/studios/workers/')
        ? scene.modelWorker
        : path.startsWith('/api/studios/{id}/plans')
          ? scene.plannedStudio
          : scene.studio;
    // The leader: leaving is refused for the member's role, after the gate.
    ids.memberId = scene.studioMember;
    ids.planId = scene.studioPlan;
    ids.milestoneId = scene.studioMilestone;
  }
  if (path.startsWith('/api/studios/assessments/')) ids.id = scene.assessment;
  if (path.startsWith('/api/studios/assessment-sheets/')) ids.id = assessmentSheet;
  if (path.startsWith('/api/studios/{id}/achievements')) ids.id = scene.plannedStudio;
  if (path.startsWith('/api/studios/achievements/{achievementId}')) {
    ids.achievementId = scene.achievement;
    // Deleting a file takes no version: each call removes a file of its own.
    ids.attachmentId =
      op.method === 'DELETE' && path.endsWith('{attachmentId}')
        ? ok<{ id: string }>(
            await admin.upload(
              `/api/studios/achievements/${scene.achievement}/attachments`,
              '验收.png',
              png(2, 2),
            ),
          ).id
        : scene.achievementAttachment;
  }
  if (path.startsWith('/api/notifications/')) ids.id = mine.notification ?? scene.notification;
  if (path.startsWith('/api/bulletin/submissions/')) {
    const drafting = /\{id\}(\/submit|\/images.*)?$/.test(path) && op.method !== 'GET';
    ids.id = path.includes('points-events')
      ? scene.adopted
      : drafting || path.includes('/images')
        ? (mine.draft ?? scene.draft)
        : scene.submitted;
  }
  // Published issues are for every reader; a draft issue is the editors' own.
  if (path.startsWith('/api/bulletin/issues/'))
    ids.id = op.method === 'GET' && !path.endsWith('/compile') ? archivedIssue : draftIssue;
  if (path === '/api/enterprises/{id}/facts/{factId}') {
    // Deleting a fact takes no version: each call removes a fact of its own.
    const added = ok<{ facts: { id: string; kind: string; eventDate: string | null }[] }>(
      await admin.post(`/api/enterprises/${scene.enterprise}/facts`, {
        kind: 'survey',
        eventDate: '2020-01-01',
        data: { flag: 'tenseRelations' },
        explanation: `${Math.random()}`,
      }),
    );
    ids.factId = added.facts.find((f) => f.kind === 'survey')!.id;
  }
  const known = (name: string, schema: Schema): unknown => {
    if (name === 'version') return STALE;
    if (name === 'orgId' || name === 'parentId')
      return path === '/api/enterprises' ? scene.town.id : scene.district.id;
    if (name === 'coOrgIds') return [];
    if (name === 'recipientOrgId') return null;
    if (
      ['jointUnionOrgId', 'unionUscc', 'divisionCode', 'department', 'editedTitle', 'editedBody'].includes(
        name,
      )
    )
      return null;
    if (name === 'ids' || name === 'submissionIds' || (name === 'items' && path.startsWith('/api/bulletin/')))
      return [scene.submitted, scene.adopted];
    if (name === 'columnId' || name === 'suggestedColumnId') return columnId;
    if (name === 'programmeId') return scene.programme;
    if (name === 'enterpriseId') return scene.enterprise;
    if (name === 'month') return 11;
    // A delivery of a campaign: people and money, so that the body passes its checks.
    if (name === 'groups') return { frontline: 5 };
    if (name === 'workers')
      return path === '/api/labor/mediation/cases'
        ? [{ name: '王建国', idNumber: '11010519491231002X', phone: null }]
        : path.startsWith('/api/labor/')
          ? 30
          : [];
    if (name === 'claims') return [{ kind: 'wages', amountFen: 100 }];
    if (name === 'reportId') return scene.report;
    if (name === 'employerPhone') return null;
    if (
      path === '/api/labor/grading-rule' &&
      (name === 'red' ||
        name === 'orange' ||
        name === 'yellow' ||
        name === 'deadlines' ||
        name === 'followUpDays')
    )
      return DEFAULT_GRADING_RULE[name];
    if (name === 'moneyFen') return 10_000;
    // Contacts are the production department's and the association's to write.
    if (path.startsWith('/api/studios/workers') && (name === 'phone' || name === 'address')) return null;
    if (path.startsWith('/api/competitions/')) {
      if (name === 'campaignId') return scene.competition;
      if (name === 'indicatorId') return scene.indicator;
      if (name === 'participantId') return scene.participant;
      if (name === 'period') return '2026-Q2';
      if (name === 'value') return '5';
    }
    if (path.startsWith('/api/studios')) {
      if (name === 'leaderId' || name === 'modelWorkerId') return scene.modelWorker;
      if (name === 'hostOrgId') return null;
      if (name === 'batchId') return scene.studioBatch;
    }
    // A valid sheet, so that the body passes its checks and the gate answers.
    if (path.startsWith('/api/studios/assessment-sheets')) {
      if (name === 'criteria')
        return [{ key: 'plan', label: '计划落实', weight: 100, maxScore: 100, evidence: null }];
      if (name === 'excellentFrom') return 90;
      if (name === 'passFrom') return 60;
    }
    if (name === 'currentPassword') return 'not-the-password';
    if (name === 'password' || name === 'newPassword') return PASSWORD;
    if (name === 'username') return `matrix_${Math.random().toString(36).slice(2, 10)}`;
    if (name === 'role') return 'infoOfficer';
    if (name === 'kind' && schema.enum?.includes('grassrootsUnion')) return 'grassrootsUnion';
    if (name === 'authors') return ['赵信息'];
    if (name === 'uscc') return path.startsWith('/api/orgs') ? null : buildUscc('91');
    return undefined;
  };
  const url = path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? '');
  const scoping = ['orgId', 'parentId', 'version', 'month'];
  const query = op.parameters
    .filter((x) => x.in === 'query' && (x.required || scoping.includes(x.name)))
    .map((x) => `${x.name}=${encodeURIComponent(String(sample(x.schema, x.name, known)))}`);
  let body = op.jsonBody ? sample(op.jsonBody, '', known) : undefined;
  // The officer's change of a draft: the editors' copy is changed on its own.
  if (path === '/api/bulletin/submissions/{id}' && op.method === 'PATCH')
    body = { version: STALE, title: '改后的标题' };
  const submission = path.startsWith('/api/bulletin/submissions/{id}');
  const jobs = path.includes('{jobId}') || path.startsWith('/api/jobs/');
  return {
    url: url + (query.length ? `?${query.join('&')}` : ''),
    body: body ?? (op.method === 'GET' || op.method === 'DELETE' ? undefined : {}),
    record: {
      mine: submission ? ids.id === mine.draft : jobs ? ids.jobId === mine.job : false,
      submission,
      draft: submission && (ids.id === scene.draft || ids.id === mine.draft),
    },
  };
}

/** What record an operation was called on: the actor's own, an item of the bulletin, a draft. */
interface RecordKind {
  mine: boolean;
  submission: boolean;
  draft: boolean;
}

async function call(
  client: Client,
  op: Operation,
  scene: Scene,
  mine: Mine,
): Promise<{ status: number; body: string; record: RecordKind }> {
  const { url, body, record } = await requestFor(op, scene, mine);
  const image = op.path.includes('images');
  const res = op.multipart
    ? await client.upload(url, image ? '图.png' : '名单.csv', image ? png(1, 1) : 'a,b\r\n1,2')
    : await client.request(op.method, url, body);
  return { status: res.statusCode, body: res.body.slice(0, 200), record };
}

const keyOf = (op: Operation) => `${op.method} ${op.path}`;

type Outcome = 'granted' | 401 | 403 | 404;

/** What `actor` must get from an operation behind `gate`, called on `record` of its own scope or another district. */
function expected(
  actor: Actor,
  gate: Gate,
  target: 'own' | 'other',
  record: RecordKind,
  op: Operation,
): Outcome {
  if (gate.permission === 'public') return 'granted';
  // The permission first: a role that may never do this learns nothing of the record.
  if (
    gate.permission !== 'signedIn' &&
    ![gate.permission].flat().some((permission) => actor.permissions.includes(permission))
  )
    return 403;
  if (gate.scope === 'owner') {
    const owns =
      target === 'own' && actor.mine.notification !== undefined && op.path.startsWith('/api/notifications/');
    return owns ? 'granted' : 404;
  }
  // An item of the bulletin is seen by its own unit, and beyond draft by the editors above it.
  const reaches = record.submission
    ? (!actor.city && actor.reachesOwnScene) || (actor.permissions.includes('bulletin:edit') && !record.draft)
    : actor.reachesOwnScene;
  const seenBelow = 'seenBelow' in gate && gate.seenBelow === true;
  const reached = gate.scope === 'none' || record.mine || (target === 'own' && (reaches || seenBelow));
  if (!reached) return 404;
  if ('cityOnly' in gate && gate.cityOnly && !actor.city) return 403;
  if ('notCity' in gate && gate.notCity && actor.city) return 403;
  return 'granted';
}

const matches = (outcome: Outcome, status: number) =>
  outcome === 'granted' ? ![401, 403, 404].includes(status) : status === outcome;

describe('the access matrix over every operation of the OpenAPI document', () => {
  it('names the gate of every operation, and only of operations that exist', () => {
    const keys = operations.map(keyOf);
    expect(
      keys.filter((k) => !(k in GATES)),
      'operations without an entry',
    ).toEqual([]);
    expect(
      Object.keys(GATES).filter((k) => !keys.includes(k)),
      'entries without an operation',
    ).toEqual([]);
  });

  it('without signing in, every operation but the sign-in and sign-out answers 401', async () => {
    const anonymous = clientFor(ctx);
    const wrong: string[] = [];
    for (const op of operations) {
      if (GATES[keyOf(op)]!.permission === 'public') continue;
      const res = await call(anonymous, op, scenes[0]!, {});
      if (res.status !== 401) wrong.push(`${keyOf(op)}: ${res.status} ${res.body}`);
    }
    expect(wrong).toEqual([]);
  });

  it('each role: 403 without the permission, granted in its own scope, 404 in another district', async () => {
    const wrong: string[] = [];
    const seen = new Map<Outcome, number>();
    // Changing the password and ending the session come last.
    const rank = (op: Operation) =>
      op.path === '/api/auth/logout' ? 2 : op.path.startsWith('/api/auth/') ? 1 : 0;
    const order = [...operations].sort((x, y) => rank(x) - rank(y));
    for (const actor of actors) {
      for (const op of order) {
        const gate = GATES[keyOf(op)]!;
        if (gate.permission === 'public') continue;
        const targets: ['own' | 'other', Scene, Mine][] = [['own', actor.own, actor.mine]];
        if (actor.other && gate.scope !== 'none') targets.push(['other', actor.other, {}]);
        for (const [target, scene, mine] of targets) {
          const res = await call(actor.client, op, scene, mine);
          const want = expected(actor, gate, target, res.record, op);
          seen.set(want, (seen.get(want) ?? 0) + 1);
          if (!matches(want, res.status))
            wrong.push(`${actor.name} ${keyOf(op)} (${target}): want ${want}, got ${res.status} ${res.body}`);
        }
      }
    }
    console.info(`access matrix: ${JSON.stringify(Object.fromEntries(seen))}, ${wrong.length} wrong`);
    // Every kind of answer occurs: the matrix is not vacuous.
    for (const outcome of ['granted', 403, 404] as const) expect(seen.get(outcome) ?? 0).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  }, 600_000);
});
