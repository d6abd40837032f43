// Routes of the studios' four-clarity plans: a studio's plans, a plan, its milestones, the progress
// reports, and the worklist of milestones with its export.
import { actorOf, type HttpApp } from '../../platform/http';
import { xlsxRoute } from '../../platform/xlsx-route';
import { ErrorBody, IdParams, OkBody, VersionQuery } from '../../platform/shared/api';
import {
  MilestoneBody,
  MilestoneDetail,
  MilestoneEditBody,
  MilestoneFilter,
  MilestonePage,
  MilestoneParams,
  MilestoneQuery,
  PlanBody,
  PlanEditBody,
  PlanParams,
  PlanView,
  ReportBody,
  StudioPlansView,
} from './contract';
import {
  addMilestone,
  createPlan,
  deleteMilestone,
  getStudioPlans,
  reportProgress,
  updateMilestone,
  updatePlan,
} from './service';
import { prepareMilestoneExport } from './export';
import { listMilestones } from './worklist';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const writeErrors = { ...errors, 409: ErrorBody };
const tags = ['studios'];

export function planRoutes(app: HttpApp) {
  app.get(
    '/api/studios/milestones',
    {
      schema: {
        tags,
        summary: '工作室计划进度：各工作室的计划安排（逾期、30天内到期、逾期完成，按地区、工作室、年度筛选）',
        querystring: MilestoneQuery,
        response: { 200: MilestonePage, ...errors },
      },
    },
    async (request) => listMilestones(actorOf(request), request.query),
  );
  xlsxRoute(
    app,
    '/api/studios/milestones/export.xlsx',
    { tags, summary: '导出工作室计划进度（xlsx，按当前筛选）' },
    MilestoneFilter,
    prepareMilestoneExport,
  );
  app.get(
    '/api/studios/:id/plans',
    {
      schema: {
        tags,
        summary: '工作室的四明确计划（目标、任务、安排、要求）及各项安排的进度',
        params: IdParams,
        response: { 200: StudioPlansView, ...errors },
      },
    },
    async (request) => getStudioPlans(actorOf(request), request.params.id),
  );
  app.post(
    '/api/studios/:id/plans',
    {
      schema: {
        tags,
        summary: '制定工作室计划（已命名挂牌的工作室）',
        params: IdParams,
        body: PlanBody,
        response: { 200: PlanView, ...writeErrors },
      },
    },
    async (request) => createPlan(actorOf(request), request.params.id, request.body),
  );
  app.put(
    '/api/studios/plans/:planId',
    {
      schema: {
        tags,
        summary: '修改工作室计划（计划期须包含已有安排的完成时限）',
        params: PlanParams,
        body: PlanEditBody,
        response: { 200: PlanView, ...writeErrors },
      },
    },
    async (request) => updatePlan(actorOf(request), request.params.planId, request.body),
  );
  app.post(
    '/api/studios/plans/:planId/milestones',
    {
      schema: {
        tags,
        summary: '添加计划安排（内容、完成时限、责任人）',
        params: PlanParams,
        body: MilestoneBody,
        response: { 200: MilestoneDetail, ...writeErrors },
      },
    },
    async (request) => addMilestone(actorOf(request), request.params.planId, request.body),
  );
  app.put(
    '/api/studios/milestones/:milestoneId',
    {
      schema: {
        tags,
        summary: '修改计划安排',
        params: MilestoneParams,
        body: MilestoneEditBody,
        response: { 200: MilestoneDetail, ...writeErrors },
      },
    },
    async (request) => updateMilestone(actorOf(request), request.params.milestoneId, request.body),
  );
  app.delete(
    '/api/studios/milestones/:milestoneId',
    {
      schema: {
        tags,
        summary: '删除计划安排（尚未报告进度的）',
        params: MilestoneParams,
        querystring: VersionQuery,
        response: { 200: OkBody, ...writeErrors },
      },
    },
    async (request) => deleteMilestone(actorOf(request), request.params.milestoneId, request.query.version),
  );
  app.post(
    '/api/studios/milestones/:milestoneId/reports',
    {
      schema: {
        tags,
        summary: '报告计划安排的进度（逾期的报告提示所在地区和市总工会）',
        params: MilestoneParams,
        body: ReportBody,
        response: { 200: MilestoneDetail, ...writeErrors },
      },
    },
    async (request) => reportProgress(actorOf(request), request.params.milestoneId, request.body),
  );
}
