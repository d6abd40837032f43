import { enterpriseImportRoutes, enterpriseRoutes } from './enterprises/routes';
import { platformRoutes } from './platform/platform-routes';
import { configureFiles } from './platform/files';
import { orgRoutes } from './orgs/routes';
import { coverageRoutes } from './coverage/routes';
import { buildSeries } from './coverage/series-store';
import { buildWorklist, worklistToday } from './coverage/worklist-store';
import { coverageExportRoutes } from './coverage/export-routes';
import { alertRoutes } from './coverage/alert-routes';
import { bulletinRoutes } from './bulletin/routes';
import { pointsRoutes } from './bulletin/points-routes';
import { serviceRoutes } from './service/routes';
import { laborRoutes, mediationRoutes } from './labor/routes';
import { contestRoutes } from './competitions/contests/routes';
import { honourRoutes } from './competitions/honours/routes';
import { modelWorkerRoutes } from './studios/workers/routes';
import { planRoutes } from './studios/plans/routes';
import { assessmentRoutes } from './studios/assessments/routes';
import { campaignRoutes } from './competitions/campaigns/routes';
import { studioRoutes } from './studios/register/routes';
import { achievementRoutes } from './studios/achievements/routes';
import { loadActor } from './orgs/users-service';
import type { Database } from './platform/db/client';
import { setDatabase } from './platform/db/client';
import { createHttpApp, webRootDefault } from './platform/http';
import { wireFeatures } from './wiring';
import { scheduleMaintenance } from './platform/maintenance';
import { escalateOverdue } from './labor/escalation';
import { configureSessions, purgeExpiredSessions } from './platform/sessions';
import { purgeThrottle } from './platform/sign-in-throttle';

export interface AppOptions {
  database: Database;
  sessionSecret: string;
  sessionTtlHours?: number;
  /** Serve the built web app from here (default dist/web); tests pass none. */
  webRoot?: string | null;
  logger?: boolean;
  secureCookies?: boolean;
  trustProxy?: boolean;
  /** Uploads and generated reports; default a temporary folder. */
  filesDir?: string;
}

/** The whole application: platform plus every feature's routes, on an open, migrated database. */
export async function buildApp(options: AppOptions) {
  wireFeatures();
  setDatabase(options.database);
  if (options.filesDir) configureFiles(options.filesDir);
  // The coverage series of any rule that has none yet (a new database, a new version).
  await options.database.transaction((tx) => buildSeries(tx, { full: false }));
  // Likewise the worklists (three categories, due-date alerts), brought to today once a day.
  await options.database.transaction((tx) => buildWorklist(tx, { full: false }));
  const sessionTtlHours = options.sessionTtlHours ?? 12;
  configureSessions({ secret: options.sessionSecret, ttlHours: sessionTtlHours });
  const app = await createHttpApp({
    sessionSecret: options.sessionSecret,
    loadActor,
    webRoot: options.webRoot === null ? undefined : (options.webRoot ?? webRootDefault),
    logger: options.logger,
    trustProxy: options.trustProxy,
  });
  scheduleMaintenance(app, options.database, [
    { name: 'expired sessions', run: () => purgeExpiredSessions(options.database.orm) },
    { name: 'sign-in failures and addresses', run: () => purgeThrottle(options.database.orm) },
    { name: 'worklists to today', run: async () => void (await worklistToday()) },
    { name: 'overdue risk reports', run: async () => void (await escalateOverdue()) },
  ]);
  platformRoutes(app);
  orgRoutes(app, { secureCookies: options.secureCookies ?? false, sessionTtlHours });
  enterpriseRoutes(app);
  enterpriseImportRoutes(app);
  coverageRoutes(app);
  coverageExportRoutes(app);
  alertRoutes(app);
  bulletinRoutes(app);
  pointsRoutes(app);
  serviceRoutes(app);
  laborRoutes(app);
  mediationRoutes(app);
  contestRoutes(app);
  honourRoutes(app);
  campaignRoutes(app);
  modelWorkerRoutes(app);
  planRoutes(app);
  studioRoutes(app);
  assessmentRoutes(app);
  achievementRoutes(app);
  await app.ready();
  return app;
}
