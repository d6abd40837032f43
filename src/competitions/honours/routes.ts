// Routes of the honours register: the list, its export, counts, import, one honour, the honours
// of an enterprise or organisation, and the steps of the nomination workflow.
import type { z } from 'zod';
import { requireAccess, type Actor } from '../../platform/access';
import { streamDownload, XLSX_TYPE } from '../../platform/downloads';
import { actorOf, type HttpApp } from '../../platform/http';
import { withUpload } from '../../platform/uploads';
import { xlsxRoute } from '../../platform/xlsx-route';
import { ErrorBody, IdParams } from '../../platform/shared/api';
import {
  ConferBody,
  HonourCountsQuery,
  HonourCountsView,
  HonourDetail,
  HonourFilter,
  HonourImportQuery,
  HonourImportResult,
  HonourPage,
  HonourQuery,
  HonoursOfQuery,
  HonoursOfView,
  NominationBody,
  NominationEditBody,
  ObjectionBody,
  ObjectionParams,
  PubliciseBody,
  ResolveObjectionBody,
  ReviewBody,
  RevokeBody,
} from './contract';
import { getHonour, honourCounts, honoursOf, listHonours } from './service';
import {
  conferHonour,
  editNomination,
  nominate,
  publiciseNomination,
  recordObjection,
  resolveObjection,
  reviewNomination,
  revokeHonour,
} from './workflow';
import { prepareCountsExport, prepareHonourExport } from './export';
import { importHonours, writeHonourTemplate } from './import';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const writeErrors = { ...errors, 409: ErrorBody };
const tags = ['competitions'];
const BASE = '/api/competitions/honours';
/** An honour list of a few thousand rows is far below this. */
const MAX_UPLOAD_BYTES = 20 * 2 ** 20;

export function honourRoutes(app: HttpApp) {
  app.get(
    BASE,
    {
      schema: {
        tags,
        summary: '荣誉库：荣誉与推荐（按获奖对象或单位名称搜索，按类型、级别、年度、单位、状态筛选）',
        querystring: HonourQuery,
        response: { 200: HonourPage, ...errors },
      },
    },
    async (request) => listHonours(actorOf(request), request.query),
  );
  app.post(
    BASE,
    {
      schema: {
        tags,
        summary: '推荐荣誉（已推荐）',
        body: NominationBody,
        response: { 200: HonourDetail, ...errors },
      },
    },
    async (request) => nominate(actorOf(request), request.body),
  );
  xlsxRoute(
    app,
    `${BASE}/export.xlsx`,
    { tags, summary: '导出荣誉名单（xlsx，按当前筛选）' },
    HonourFilter,
    prepareHonourExport,
  );
  app.get(
    `${BASE}/counts`,
    {
      schema: {
        tags,
        summary: '已授予荣誉数量：按下级单位和年度，含合计',
        querystring: HonourCountsQuery,
        response: { 200: HonourCountsView, ...errors },
      },
    },
    async (request) => honourCounts(actorOf(request), request.query),
  );
  xlsxRoute(
    app,
    `${BASE}/counts/export.xlsx`,
    { tags, summary: '导出荣誉数量统计（xlsx）' },
    HonourCountsQuery,
    prepareCountsExport,
  );
  app.get(
    `${BASE}/of`,
    {
      schema: {
        tags,
        summary: '某企业或某组织获得的荣誉（已授予）',
        querystring: HonoursOfQuery,
        response: { 200: HonoursOfView, ...errors },
      },
    },
    async (request) => honoursOf(actorOf(request), request.query),
  );
  app.get(
    `${BASE}/import-template.xlsx`,
    { schema: { tags, summary: '下载荣誉名单导入模板', response: errors } },
    async (request, reply) => {
      requireAccess(actorOf(request), 'competition:manage');
      return streamDownload(request, reply, XLSX_TYPE, {
        filename: '荣誉名单导入模板.xlsx',
        write: writeHonourTemplate,
      });
    },
  );
  app.post(
    `${BASE}/import`,
    {
      schema: {
        tags,
        summary:
          '导入历年荣誉名单（xlsx 或 csv，UTF-8 或 GBK）：全部行无误才写入，否则返回逐行错误；dryRun=true 只校验',
        consumes: ['multipart/form-data'],
        querystring: HonourImportQuery,
        response: { 200: HonourImportResult, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireAccess(actor, 'competition:manage');
      return withUpload(request, { maxBytes: MAX_UPLOAD_BYTES }, (upload) =>
        importHonours(actor, {
          filePath: upload.path,
          originalName: upload.fileName,
          dryRun: request.query.dryRun === 'true',
        }),
      );
    },
  );
  app.get(
    `${BASE}/:id`,
    {
      schema: {
        tags,
        summary: '荣誉详情（异议、流程记录）',
        params: IdParams,
        response: { 200: HonourDetail, ...errors },
      },
    },
    async (request) => getHonour(actorOf(request), request.params.id),
  );
  app.put(
    `${BASE}/:id`,
    {
      schema: {
        tags,
        summary: '修改推荐（已推荐或被退回的；退回的修改后重新推荐）',
        params: IdParams,
        body: NominationEditBody,
        response: { 200: HonourDetail, ...writeErrors },
      },
    },
    async (request) => editNomination(actorOf(request), request.params.id, request.body),
  );
  const step = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (actor: Actor, id: string, input: z.output<B>) => Promise<HonourDetail>,
  ) =>
    app.post(
      `${BASE}/:id/${path}`,
      { schema: { tags, summary, params: IdParams, body, response: { 200: HonourDetail, ...writeErrors } } },
      async (request) => run(actorOf(request), request.params.id, request.body as z.output<B>),
    );
  step('review', '审核推荐（通过，或退回并写明理由）', ReviewBody, reviewNomination);
  step('publicise', '开始公示（开始日期和天数，默认 5 天）', PubliciseBody, publiciseNomination);
  step('objections', '登记公示期间收到的异议', ObjectionBody, recordObjection);
  step('confer', '授予荣誉（公示期满且异议均已处理）', ConferBody, conferHonour);
  step('revoke', '撤销推荐或荣誉', RevokeBody, revokeHonour);
  app.post(
    `${BASE}/:id/objections/:objectionId/resolve`,
    {
      schema: {
        tags,
        summary: '登记异议的处理结果',
        params: ObjectionParams,
        body: ResolveObjectionBody,
        response: { 200: HonourDetail, ...writeErrors },
      },
    },
    async (request) =>
      resolveObjection(actorOf(request), request.params.id, request.params.objectionId, request.body),
  );
}
