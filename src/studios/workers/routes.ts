// Routes of the model workers register: the list, its export, the import with its template, the
// studios' picker, the honours to choose from and the adding of them all, one record and its change.
import { requireAccess } from '../../platform/access';
import { streamDownload, XLSX_TYPE } from '../../platform/downloads';
import { actorOf, type HttpApp } from '../../platform/http';
import { withUpload } from '../../platform/uploads';
import { xlsxRoute } from '../../platform/xlsx-route';
import { ErrorBody, IdParams } from '../../platform/shared/api';
import {
  FromHonoursResult,
  HonourCandidateQuery,
  HonourCandidates,
  ModelWorkerCreateBody,
  ModelWorkerDetail,
  ModelWorkerEditBody,
  ModelWorkerFilter,
  ModelWorkerImportQuery,
  ModelWorkerImportResult,
  ModelWorkerLookup,
  ModelWorkerLookupQuery,
  ModelWorkerPage,
  ModelWorkerQuery,
} from './contract';
import {
  addFromHonours,
  createModelWorker,
  editModelWorker,
  getModelWorker,
  honourCandidates,
  listModelWorkers,
  lookupModelWorkers,
} from './service';
import { prepareModelWorkerExport } from './export';
import { importModelWorkers, writeModelWorkerTemplate } from './import';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const writeErrors = { ...errors, 409: ErrorBody };
const tags = ['studios'];
const BASE = '/api/studios/workers';
/** A list of a few thousand model workers is far below this. */
const MAX_UPLOAD_BYTES = 20 * 2 ** 20;

export function modelWorkerRoutes(app: HttpApp) {
  app.get(
    BASE,
    {
      schema: {
        tags,
        summary: '劳模名册（按姓名或单位搜索，按级别、年度、状态、专业领域、单位、是否关联荣誉库筛选）',
        querystring: ModelWorkerQuery,
        response: { 200: ModelWorkerPage, ...errors },
      },
    },
    async (request) => listModelWorkers(actorOf(request), request.query),
  );
  app.post(
    BASE,
    {
      schema: {
        tags,
        summary: '登记劳模',
        body: ModelWorkerCreateBody,
        response: { 200: ModelWorkerDetail, ...writeErrors },
      },
    },
    async (request) => createModelWorker(actorOf(request), request.body),
  );
  xlsxRoute(
    app,
    `${BASE}/export.xlsx`,
    { tags, summary: '导出劳模名册（xlsx，按当前筛选；联系方式仅生产部、劳模协会可见）' },
    ModelWorkerFilter,
    prepareModelWorkerExport,
  );
  app.get(
    `${BASE}/import-template.xlsx`,
    { schema: { tags, summary: '下载劳模名单导入模板', response: errors } },
    async (request, reply) => {
      requireAccess(actorOf(request), 'studio:manage');
      return streamDownload(request, reply, XLSX_TYPE, {
        filename: '劳模名单导入模板.xlsx',
        write: writeModelWorkerTemplate,
      });
    },
  );
  app.post(
    `${BASE}/import`,
    {
      schema: {
        tags,
        summary:
          '导入劳模名单（xlsx 或 csv，UTF-8 或 GBK）：全部行无误才写入，否则返回逐行错误；dryRun=true 只校验',
        consumes: ['multipart/form-data'],
        querystring: ModelWorkerImportQuery,
        response: { 200: ModelWorkerImportResult, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireAccess(actor, 'studio:manage');
      return withUpload(request, { maxBytes: MAX_UPLOAD_BYTES }, (upload) =>
        importModelWorkers(actor, {
          filePath: upload.path,
          originalName: upload.fileName,
          dryRun: request.query.dryRun === 'true',
        }),
      );
    },
  );
  app.get(
    `${BASE}/lookup`,
    {
      schema: {
        tags,
        summary: '选择劳模（全市劳模名册，按姓名或单位查找，最多 20 人，不含联系方式）',
        querystring: ModelWorkerLookupQuery,
        response: { 200: ModelWorkerLookup, ...errors },
      },
    },
    async (request) => lookupModelWorkers(actorOf(request), request.query.q),
  );
  app.get(
    `${BASE}/honours`,
    {
      schema: {
        tags,
        summary: '从荣誉库选择：本单位范围内已授予的劳动模范荣誉',
        querystring: HonourCandidateQuery,
        response: { 200: HonourCandidates, ...errors },
      },
    },
    async (request) => honourCandidates(actorOf(request), request.query.q),
  );
  app.post(
    `${BASE}/from-honours`,
    {
      schema: {
        tags,
        summary: '将荣誉库中本单位范围内已授予、尚未登记的劳动模范全部加入劳模名册',
        response: { 200: FromHonoursResult, ...errors },
      },
    },
    async (request) => addFromHonours(actorOf(request)),
  );
  app.get(
    `${BASE}/:id`,
    {
      schema: {
        tags,
        summary: '劳模详情（含修改记录）',
        params: IdParams,
        response: { 200: ModelWorkerDetail, ...errors },
      },
    },
    async (request) => getModelWorker(actorOf(request), request.params.id),
  );
  app.put(
    `${BASE}/:id`,
    {
      schema: {
        tags,
        summary: '修改劳模信息（含在职、退休、已故状态的变更）',
        params: IdParams,
        body: ModelWorkerEditBody,
        response: { 200: ModelWorkerDetail, ...writeErrors },
      },
    },
    async (request) => editModelWorker(actorOf(request), request.params.id, request.body),
  );
}
