// Routes of the yearly assessment: the score sheets, opening a year, the list, one assessment and
// its steps (score, review, flag), the year at a glance, the bulletin items picker and the reports.
import type { z } from 'zod';
import { DOCX_TYPE, sendDownload } from '../../platform/downloads';
import { actorOf, type HttpApp } from '../../platform/http';
import { xlsxRoute } from '../../platform/xlsx-route';
import { ErrorBody, IdParams } from '../../platform/shared/api';
import type { Actor } from '../../platform/access';
import {
  AssessmentDetail,
  AssessmentPage,
  AssessmentQuery,
  BulletinItemList,
  BulletinItemQuery,
  FlagBody,
  OpenBody,
  OpenResult,
  ReportQuery,
  ReviewBody,
  ScoreBody,
  SheetBody,
  SheetEditBody,
  SheetList,
  SheetView,
  SummaryQuery,
  SummaryView,
} from './contract';
import { assessmentSummary, getAssessment, listAssessments, searchBulletinItems } from './service';
import { createSheet, listSheets, updateSheet } from './sheets';
import { flagAssessment, openYear, reviewAssessment, scoreAssessment } from './workflow';
import { prepareReportXlsx, reportWord } from './report';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const writeErrors = { ...errors, 409: ErrorBody };
const tags = ['studios'];
const BASE = '/api/studios/assessments';
const SHEETS = '/api/studios/assessment-sheets';

export function assessmentRoutes(app: HttpApp) {
  app.get(
    SHEETS,
    { schema: { tags, summary: '督察考核表（按年度）', response: { 200: SheetList, ...errors } } },
    async (request) => listSheets(actorOf(request)),
  );
  app.post(
    SHEETS,
    {
      schema: {
        tags,
        summary: '制定年度督察考核表（指标、权重之和为 100、满分、佐证材料、分数线、连续不合格摘牌次数）',
        body: SheetBody,
        response: { 200: SheetView, ...writeErrors },
      },
    },
    async (request) => createSheet(actorOf(request), request.body),
  );
  app.put(
    `${SHEETS}/:id`,
    {
      schema: {
        tags,
        summary: '修改督察考核表（已有工作室按此表评分后不能修改）',
        params: IdParams,
        body: SheetEditBody,
        response: { 200: SheetView, ...writeErrors },
      },
    },
    async (request) => updateSheet(actorOf(request), request.params.id, request.body),
  );
  app.post(
    `${BASE}/open`,
    {
      schema: {
        tags,
        summary: '启动年度督察考核：为当前已命名的每个工作室建立一份待评分的考核（可重复调用）',
        body: OpenBody,
        response: { 200: OpenResult, ...writeErrors },
      },
    },
    async (request) => openYear(actorOf(request), request.body),
  );
  app.get(
    BASE,
    {
      schema: {
        tags,
        summary: '督察考核列表（按年度、状态、结果、地区、级别、批次筛选，按工作室名称搜索）',
        querystring: AssessmentQuery,
        response: { 200: AssessmentPage, ...errors },
      },
    },
    async (request) => listAssessments(actorOf(request), request.query),
  );
  app.get(
    `${BASE}/summary`,
    {
      schema: {
        tags,
        summary: '年度督察考核概况：各状态、各结果的数量，可选的批次和地区',
        querystring: SummaryQuery,
        response: { 200: SummaryView, ...errors },
      },
    },
    async (request) => assessmentSummary(actorOf(request), request.query),
  );
  app.get(
    `${BASE}/bulletin-items`,
    {
      schema: {
        tags,
        summary: '可关联的已录用信息（表彰宣传）',
        querystring: BulletinItemQuery,
        response: { 200: BulletinItemList, ...errors },
      },
    },
    async (request) => searchBulletinItems(actorOf(request), request.query.q),
  );
  xlsxRoute(
    app,
    `${BASE}/report.xlsx`,
    { tags, summary: '督察考核结果表（xlsx，按年度，可选批次、地区）' },
    ReportQuery,
    prepareReportXlsx,
  );
  app.get(
    `${BASE}/report.docx`,
    {
      schema: {
        tags,
        summary: '督察考核情况报告（Word，公文格式，按年度，可选批次、地区）',
        querystring: ReportQuery,
        response: errors,
      },
    },
    async (request, reply) => {
      const file = await reportWord(actorOf(request), request.query);
      return sendDownload(reply, { filename: file.filename, type: DOCX_TYPE, body: file.content });
    },
  );
  app.get(
    `${BASE}/:id`,
    {
      schema: {
        tags,
        summary: '督察考核详情（考核表、各项得分、审定、表彰宣传）',
        params: IdParams,
        response: { 200: AssessmentDetail, ...errors },
      },
    },
    async (request) => getAssessment(actorOf(request), request.params.id),
  );
  app.put(
    `${BASE}/:id/score`,
    {
      schema: {
        tags,
        summary:
          '评分（工作室所在区或产业工会；区级及市本级申报的由市总工会）：各项得分与说明，自动计算总分和初评结果',
        params: IdParams,
        body: ScoreBody,
        response: { 200: AssessmentDetail, ...writeErrors },
      },
    },
    async (request) => scoreAssessment(actorOf(request), request.params.id, request.body),
  );
  const step = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (actor: Actor, id: string, input: z.output<B>) => Promise<AssessmentDetail>,
  ) =>
    app.post(
      `${BASE}/:id/${path}`,
      {
        schema: {
          tags,
          summary,
          params: IdParams,
          body,
          response: { 200: AssessmentDetail, ...writeErrors },
        },
      },
      async (request) => run(actorOf(request), request.params.id, request.body as z.output<B>),
    );
  step(
    'review',
    '市总工会审定考核结果（改变初评结果须写明意见；达到连续不合格次数的予以摘牌）',
    ReviewBody,
    reviewAssessment,
  );
  step('flag', '优秀工作室列入表彰宣传（说明、关联已录用的信息），或取消', FlagBody, flagAssessment);
}
