// Client routes. Each page is its own chunk (React.lazy) so the first load stays small.
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, Outlet, useLocation, useRouteError } from 'react-router-dom';
import type { Permission } from '../orgs/contract';
import { ApiError, errorMessage } from './api';
import { AuthProvider, useAuth, useMeQuery } from './auth';
import { LoadFailed, PageLoading } from './components/page-loading';
import { loginPath } from './next-path';

const LoginPage = lazy(() => import('./pages/login'));
const Shell = lazy(() => import('./shell'));
const HomePage = lazy(() => import('./pages/home'));
const OrgsPage = lazy(() => import('../orgs/web/orgs-page'));
const UsersPage = lazy(() => import('../orgs/web/users-page'));
const EnterprisesPage = lazy(() => import('../enterprises/web/enterprises-page'));
const EnterprisePage = lazy(() => import('../enterprises/web/enterprise-page'));
const EnterpriseImportPage = lazy(() => import('../enterprises/web/import-page'));
const CoveragePage = lazy(() => import('../coverage/web/coverage-page'));
const PriorityPage = lazy(() => import('../coverage/web/priority-page'));
const AlertsPage = lazy(() => import('../coverage/web/alerts-page'));
const ServicePage = lazy(() => import('../service/web/service-page'));
const MyServicePage = lazy(() => import('../service/web/my-service-page'));
const VisitFormPage = lazy(() => import('../service/web/visit-form-page'));
const LaborReportsPage = lazy(() => import('../labor/web/reports-page'));
const LaborReportFormPage = lazy(() => import('../labor/web/report-form-page'));
const LaborMediationPage = lazy(() => import('../labor/web/mediation-page'));
const ContestsPage = lazy(() => import('../competitions/contests/web/contests-page'));
const ContestPage = lazy(() => import('../competitions/contests/web/contest-page'));
const JudgingPage = lazy(() => import('../competitions/contests/web/judging-page'));
const JudgePage = lazy(() => import('../competitions/contests/web/judge-page'));
const LivePage = lazy(() => import('../competitions/contests/web/live-page'));
const CertificatesPage = lazy(() => import('../competitions/contests/web/certificates-page'));
const HonoursPage = lazy(() => import('../competitions/honours/web/honours-page'));
const StudiosPage = lazy(() => import('../studios/register/web/studios-page'));
const StudioPage = lazy(() => import('../studios/register/web/studio-page'));
const StudioBatchesPage = lazy(() => import('../studios/register/web/batches-page'));
const CampaignsPage = lazy(() => import('../competitions/campaigns/web/campaigns-page'));
const CampaignPage = lazy(() => import('../competitions/campaigns/web/campaign-page'));
const WorkersPage = lazy(() => import('../studios/workers/web/workers-page'));
const MilestonesPage = lazy(() => import('../studios/plans/web/milestones-page'));
const AssessmentsPage = lazy(() => import('../studios/assessments/web/assessments-page'));
const AssessmentSheetsPage = lazy(() => import('../studios/assessments/web/sheets-page'));
const AchievementsPage = lazy(() => import('../studios/achievements/web/achievements-page'));
const ArchivePage = lazy(() => import('../bulletin/web/archive-page'));
const IssuePage = lazy(() => import('../bulletin/web/issue-page'));
const MySubmissionsPage = lazy(() => import('../bulletin/web/my-submissions-page'));
const SubmissionFormPage = lazy(() => import('../bulletin/web/submission-form-page'));
const SubmissionPage = lazy(() => import('../bulletin/web/submission-page'));
const DeskPage = lazy(() => import('../bulletin/web/desk-page'));
const ColumnsPage = lazy(() => import('../bulletin/web/columns-page'));
const RankingsPage = lazy(() => import('../bulletin/web/rankings-page'));
const CompilePage = lazy(() => import('../bulletin/web/compile-page'));
const SearchPage = lazy(() => import('../bulletin/web/search-page'));
const AuditPage = lazy(() => import('./pages/audit'));
const ChangePasswordPage = lazy(() => import('./pages/change-password'));
const NotFoundPage = lazy(() => import('./pages/not-found'));
const ForbiddenPage = lazy(() => import('./pages/forbidden'));

function page(node: ReactNode) {
  return <Suspense fallback={<PageLoading />}>{node}</Suspense>;
}

/** Officers and editors both read the bulletin's issues. */
const BULLETIN_READ: Permission[] = ['bulletin:edit', 'bulletin:submit'];

/**
 * Hides a page from a role that lacks its permission (the server refuses the data anyway); with a
 * list, any one of the permissions opens the page.
 */
function RequirePermission({
  permission,
  children,
}: {
  permission: Permission | Permission[];
  children: ReactNode;
}) {
  const { can } = useAuth();
  const allowed = Array.isArray(permission) ? permission.some(can) : can(permission);
  return allowed ? children : <ForbiddenPage />;
}

function guarded(permission: Permission | Permission[], node: ReactNode) {
  return page(<RequirePermission permission={permission}>{node}</RequirePermission>);
}

/** The signed-in part of the app: loads `/api/auth/me`, or goes to the login page. */
function RequireAuth() {
  const location = useLocation();
  const me = useMeQuery();
  if (me.isPending) return <PageLoading tip="正在确认登录状态…" />;
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) {
      return <Navigate to={loginPath(location.pathname + location.search)} replace />;
    }
    return <LoadFailed message={errorMessage(me.error)} onRetry={() => void me.refetch()} />;
  }
  return (
    <AuthProvider me={me.data}>
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
    </AuthProvider>
  );
}

/** A page chunk failed to load (usually a new version was deployed): offer a reload. */
function RouteError() {
  const error = useRouteError();
  const chunkFailed = error instanceof TypeError && /import|module/i.test(error.message);
  return (
    <LoadFailed
      message={chunkFailed ? '页面文件加载失败，系统可能刚刚更新，请刷新页面' : errorMessage(error)}
      onRetry={() => window.location.reload()}
    />
  );
}

export const router = createBrowserRouter(
  [
    { path: '/login', element: page(<LoginPage />), errorElement: <RouteError /> },
    {
      path: '/',
      element: <RequireAuth />,
      errorElement: <RouteError />,
      children: [
        // The venue's screen stands alone, without the menu.
        { path: 'contests/:id/live', element: guarded('competition:manage', <LivePage />) },
        {
          element: <Shell />,
          children: [
            { index: true, element: page(<HomePage />) },
            { path: 'orgs', element: guarded('org:read', <OrgsPage />) },
            { path: 'orgs/:id', element: guarded('org:read', <OrgsPage />) },
            { path: 'enterprises', element: guarded('enterprise:read', <EnterprisesPage />) },
            { path: 'enterprises/import', element: guarded('enterprise:write', <EnterpriseImportPage />) },
            { path: 'enterprises/:id', element: guarded('enterprise:read', <EnterprisePage />) },
            { path: 'coverage', element: guarded('coverage:read', <CoveragePage />) },
            { path: 'priority', element: guarded('coverage:read', <PriorityPage />) },
            { path: 'alerts', element: guarded('coverage:read', <AlertsPage />) },
            { path: 'service', element: guarded('service:read', <ServicePage />) },
            { path: 'service/my', element: guarded('service:record', <MyServicePage />) },
            { path: 'service/visits/new', element: guarded('service:record', <VisitFormPage />) },
            { path: 'labor', element: guarded('labor:report', <LaborReportsPage />) },
            { path: 'competitions/honours', element: guarded('competition:manage', <HonoursPage />) },
            { path: 'labor/reports/new', element: guarded('labor:report', <LaborReportFormPage />) },
            {
              path: 'labor/mediation',
              element: guarded(['labor:mediate', 'labor:handle'], <LaborMediationPage />),
            },
            { path: 'contests', element: guarded('competition:manage', <ContestsPage />) },
            // Judges reach their panels whatever their role; the server answers for the panel.
            { path: 'contests/judging', element: page(<JudgingPage />) },
            { path: 'contests/:id', element: guarded('org:read', <ContestPage />) },
            { path: 'contests/:id/judge', element: page(<JudgePage />) },
            { path: 'contests/:id/certificates', element: guarded('org:read', <CertificatesPage />) },
            { path: 'competitions/campaigns', element: guarded('competition:manage', <CampaignsPage />) },
            { path: 'competitions/campaigns/:id', element: guarded('competition:manage', <CampaignPage />) },
            { path: 'studios/workers', element: guarded('studio:read', <WorkersPage />) },
            { path: 'studios/milestones', element: guarded('studio:read', <MilestonesPage />) },
            { path: 'studios', element: guarded('studio:read', <StudiosPage />) },
            { path: 'studios/batches', element: guarded('studio:read', <StudioBatchesPage />) },
            { path: 'studios/:id', element: guarded('studio:read', <StudioPage />) },
            { path: 'studios/assessments', element: guarded('studio:read', <AssessmentsPage />) },
            { path: 'studios/assessment-sheets', element: guarded('studio:read', <AssessmentSheetsPage />) },
            { path: 'studios/achievements', element: guarded('studio:read', <AchievementsPage />) },
            { path: 'bulletin/archive', element: guarded(BULLETIN_READ, <ArchivePage />) },
            { path: 'bulletin/search', element: guarded(BULLETIN_READ, <SearchPage />) },
            { path: 'bulletin/issues/:id', element: guarded(BULLETIN_READ, <IssuePage />) },
            { path: 'bulletin/submissions', element: guarded('bulletin:submit', <MySubmissionsPage />) },
            { path: 'bulletin/submissions/new', element: guarded('bulletin:submit', <SubmissionFormPage />) },
            {
              path: 'bulletin/submissions/:id/edit',
              element: guarded('bulletin:submit', <SubmissionFormPage />),
            },
            { path: 'bulletin/submissions/:id', element: guarded(BULLETIN_READ, <SubmissionPage />) },
            { path: 'bulletin/desk', element: guarded('bulletin:edit', <DeskPage />) },
            { path: 'bulletin/columns', element: guarded('bulletin:edit', <ColumnsPage />) },
            { path: 'bulletin/rankings', element: guarded(BULLETIN_READ, <RankingsPage />) },
            { path: 'bulletin/issues/:id/compile', element: guarded('bulletin:edit', <CompilePage />) },
            { path: 'admin/users', element: guarded('user:read', <UsersPage />) },
            { path: 'admin/audit', element: guarded('audit:read', <AuditPage />) },
            { path: 'account/password', element: page(<ChangePasswordPage />) },
            { path: '*', element: page(<NotFoundPage />) },
          ],
        },
      ],
    },
  ],
  {
    future: {
      v7_relativeSplatPath: true,
      v7_fetcherPersist: true,
      v7_normalizeFormMethod: true,
      v7_partialHydration: true,
      v7_skipActionErrorRevalidation: true,
    },
  },
);
