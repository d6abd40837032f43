// Routes of labour relations: the grading rule and the risk reports of the early-warning system.
import { actorOf, type HttpApp } from '../platform/http';
import { ErrorBody, IdParams, OkBody } from '../platform/shared/api';
import { requireAccess, type Actor } from '../platform/access';
import { receiveAttachment, sendStoredFile } from '../platform/attachments';
import { AttachmentParams, AttachmentView } from '../platform/shared/attachments-contract';
import { addReportAttachment, deleteReportAttachment, reportAttachmentFile } from './attachments';
import { z } from 'zod';
import {
  AcknowledgeBody,
  CloseBody,
  CoordinationBody,
  FollowUpBody,
  LinkEnterpriseBody,
  MAX_REPORT_ATTACHMENTS,
  ReportDetail,
  ResolveBody,
  AnalysisQuery,
  AnalysisView,
  GradingRuleBody,
  GradingRuleView,
  ReportBody,
  ReportPage,
  ReportQuery,
  ReportView,
} from './contract';
import { getGradingRule, setGradingRule } from './rules';
import { createReport, getReport, listReports } from './reports';
import { laborAnalysis, prepareAnalysisExport } from './analysis';
import { xlsxRoute } from '../platform/xlsx-route';
import { DOCX_TYPE, sendDownload } from '../platform/downloads';
import {
  CaseBody,
  CaseDetail,
  CasePage,
  CaseQuery,
  CloseCaseBody,
  MediatorList,
  MediatorQuery,
  SessionBody,
} from './mediation-contract';
import {
  addSession,
  caseForAgreement,
  closeCase,
  createCase,
  getCase,
  listCases,
  listMediators,
} from './mediation';
import { agreementDocx, agreementFileName } from './mediation-word';
import {
  acknowledgeReport,
  closeReport,
  coordinateReport,
  followUpReport,
  linkEnterprise,
  resolveReport,
} from './handling';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const writeErrors = { ...errors, 409: ErrorBody };
const tags = ['labor'];

export function laborRoutes(app: HttpApp) {
  app.get(
    '/api/labor/grading-rule',
    { schema: { tags, summary: '预警分级标准', response: { 200: GradingRuleView, ...errors } } },
    async (request) => getGradingRule(actorOf(request)),
  );
  app.put(
    '/api/labor/grading-rule',
    {
      schema: {
        tags,
        summary: '修改预警分级标准（市总工会法工部）',
        body: GradingRuleBody,
        response: { 200: GradingRuleView, ...writeErrors },
      },
    },
    async (request) => setGradingRule(actorOf(request), request.body),
  );
  app.get(
    '/api/labor/reports',
    {
      schema: {
        tags,
        summary: '劳动关系风险报告',
        querystring: ReportQuery,
        response: { 200: ReportPage, ...errors },
      },
    },
    async (request) => listReports(actorOf(request), request.query),
  );
  app.post(
    '/api/labor/reports',
    {
      schema: {
        tags,
        summary: '上报劳动关系风险',
        body: ReportBody,
        response: { 200: ReportView, ...errors },
      },
    },
    async (request) => createReport(actorOf(request), request.body),
  );
  app.get(
    '/api/labor/reports/:id',
    {
      schema: { tags, summary: '风险报告详情', params: IdParams, response: { 200: ReportDetail, ...errors } },
    },
    async (request) => getReport(actorOf(request), request.params.id),
  );
  xlsxRoute(
    app,
    '/api/labor/analysis/export.xlsx',
    { tags, summary: '导出分析研判表（xlsx，按下级单位、行业和企业规模，近 24 个月）' },
    AnalysisQuery,
    prepareAnalysisExport,
  );
  const step = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (actor: Actor, id: string, input: z.output<B>) => Promise<ReportDetail>,
  ) =>
    app.post(
      `/api/labor/reports/:id/${path}`,
      { schema: { tags, summary, params: IdParams, body, response: { 200: ReportDetail, ...writeErrors } } },
      async (request) => run(actorOf(request), request.params.id, request.body as z.output<B>),
    );
  step('acknowledge', '签收风险报告', AcknowledgeBody, acknowledgeReport);
  step('coordination', '登记协调处置情况', CoordinationBody, coordinateReport);
  step('resolve', '登记风险已化解', ResolveBody, resolveReport);
  step('close', '风险报告销号', CloseBody, closeReport);
  step('follow-up', '登记回访情况', FollowUpBody, followUpReport);
  step('enterprise', '将手填企业的风险报告关联到企业名录', LinkEnterpriseBody, linkEnterprise);
  app.post(
    '/api/labor/reports/:id/attachments',
    {
      schema: {
        tags,
        summary: `上传风险报告附件（PDF、Word、Excel 或图片，每个不超过 20 MB，每份报告最多 ${MAX_REPORT_ATTACHMENTS} 个）`,
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 200: AttachmentView, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireAccess(actor, 'labor:report');
      return receiveAttachment(request, (upload) => addReportAttachment(actor, request.params.id, upload));
    },
  );
  app.get(
    '/api/labor/reports/:id/attachments/:attachmentId',
    { schema: { tags, summary: '风险报告附件（原文件）', params: AttachmentParams, response: errors } },
    async (request, reply) =>
      sendStoredFile(
        reply,
        await reportAttachmentFile(actorOf(request), request.params.id, request.params.attachmentId),
      ),
  );
  app.delete(
    '/api/labor/reports/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: '删除风险报告附件',
        params: AttachmentParams,
        response: { 200: OkBody, ...errors },
      },
    },
    async (request) => {
      await deleteReportAttachment(actorOf(request), request.params.id, request.params.attachmentId);
      return { ok: true as const };
    },
  );
  app.get(
    '/api/labor/analysis',
    {
      schema: {
        tags,
        summary: '风险报告分析研判：按下级单位、风险类型、行业、企业规模和月份（近 24 个月）',
        querystring: AnalysisQuery,
        response: { 200: AnalysisView, ...errors },
      },
    },
    async (request) => laborAnalysis(actorOf(request), request.query),
  );
}

/** Routes of union mediation: cases, sessions, closing, the agreement and the mediators' caseload. */
export function mediationRoutes(app: HttpApp) {
  const tags = ['labor'];
  app.get(
    '/api/labor/mediation/cases',
    {
      schema: {
        tags,
        summary: '劳动争议调解案件（个人信息脱敏）',
        querystring: CaseQuery,
        response: { 200: CasePage, ...errors },
      },
    },
    async (request) => listCases(actorOf(request), request.query),
  );
  app.post(
    '/api/labor/mediation/cases',
    {
      schema: { tags, summary: '受理调解申请', body: CaseBody, response: { 200: CaseDetail, ...errors } },
    },
    async (request) => createCase(actorOf(request), request.body),
  );
  app.get(
    '/api/labor/mediation/cases/:id',
    {
      schema: {
        tags,
        summary: '调解案件详情（有权限者显示完整个人信息，并记入审计）',
        params: IdParams,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => getCase(actorOf(request), request.params.id),
  );
  app.post(
    '/api/labor/mediation/cases/:id/sessions',
    {
      schema: {
        tags,
        summary: '登记调解过程',
        params: IdParams,
        body: SessionBody,
        response: { 200: CaseDetail, ...writeErrors },
      },
    },
    async (request) => addSession(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/labor/mediation/cases/:id/close',
    {
      schema: {
        tags,
        summary: '调解结案',
        params: IdParams,
        body: CloseCaseBody,
        response: { 200: CaseDetail, ...writeErrors },
      },
    },
    async (request) => closeCase(actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/labor/mediation/cases/:id/agreement.docx',
    {
      schema: {
        tags,
        summary: '调解协议书（Word，公文格式）',
        params: IdParams,
        response: writeErrors,
      },
    },
    async (request, reply) => {
      const c = await caseForAgreement(actorOf(request), request.params.id);
      return sendDownload(reply, {
        filename: agreementFileName(c),
        type: DOCX_TYPE,
        body: await agreementDocx(c),
      });
    },
  );
  app.get(
    '/api/labor/mediation/mediators',
    {
      schema: {
        tags,
        summary: '调解员及其办案量',
        querystring: MediatorQuery,
        response: { 200: MediatorList, ...errors },
      },
    },
    async (request) => listMediators(actorOf(request), request.query),
  );
}
