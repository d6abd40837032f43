import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { z } from 'zod';
import { requireAccess } from '../platform/access';
import { sendDownload, streamDownload, XLSX_TYPE } from '../platform/downloads';
import { startJob } from '../platform/jobs';
import { JobView } from '../platform/shared/jobs-contract';
import { prepareEnterpriseExport } from './export-service';
import { importEnterprises, importErrorReport } from './import/service';
import { writeTemplate } from './import/template';
import { actorOf, type HttpApp } from '../platform/http';
import { receiveUpload } from '../platform/uploads';
import { ErrorBody, IdParams } from '../platform/shared/api';
import {
  EnterpriseCreateBody,
  EnterpriseDetail,
  EnterpriseListQuery,
  EnterpriseListPage,
  EnterprisePatchBody,
  FactCreateBody,
} from './contract';
import {
  addFact,
  createEnterprise,
  getEnterprise,
  listEnterprises,
  removeFact,
  updateEnterprise,
} from './service';
import { chinaToday } from '../platform/shared/dates';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const FactParams = IdParams.extend({ factId: z.uuid({ error: 'factId 必须是有效的 UUID' }) });

/** Routes of the enterprise registry. */
export function enterpriseRoutes(app: HttpApp) {
  app.get(
    '/api/enterprises',
    {
      schema: {
        tags: ['enterprises'],
        summary: '企业列表',
        querystring: EnterpriseListQuery,
        response: { 200: EnterpriseListPage, ...errors },
      },
    },
    async (request) => listEnterprises(actorOf(request), request.query),
  );
  app.get(
    '/api/enterprises/export.xlsx',
    {
      schema: {
        tags: ['enterprises'],
        summary: '导出筛选后的企业名单（xlsx）',
        querystring: EnterpriseListQuery,
      },
    },
    async (request, reply) => {
      const write = await prepareEnterpriseExport(actorOf(request), request.query);
      return streamDownload(request, reply, XLSX_TYPE, {
        filename: `企业名单-${chinaToday()}.xlsx`,
        write,
      });
    },
  );
  app.get(
    '/api/enterprises/:id',
    {
      schema: {
        tags: ['enterprises'],
        summary: '企业详情及其事项时间线',
        params: IdParams,
        response: { 200: EnterpriseDetail, ...errors },
      },
    },
    async (request) => getEnterprise(actorOf(request), request.params.id),
  );
  app.post(
    '/api/enterprises',
    {
      schema: {
        tags: ['enterprises'],
        summary: '登记企业',
        body: EnterpriseCreateBody,
        response: { 200: EnterpriseDetail, ...errors },
      },
    },
    async (request) => createEnterprise(actorOf(request), request.body),
  );
  app.patch(
    '/api/enterprises/:id',
    {
      schema: {
        tags: ['enterprises'],
        summary: '修改企业',
        params: IdParams,
        body: EnterprisePatchBody,
        response: { 200: EnterpriseDetail, ...errors },
      },
    },
    async (request) => updateEnterprise(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/enterprises/:id/facts',
    {
      schema: {
        tags: ['enterprises'],
        summary: '登记一项事实（建会、换届、合同……）',
        params: IdParams,
        body: FactCreateBody,
        response: { 200: EnterpriseDetail, ...errors },
      },
    },
    async (request) => addFact(actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/enterprises/:id/facts/:factId',
    {
      schema: {
        tags: ['enterprises'],
        summary: '删除误登记的事项',
        params: FactParams,
        response: { 200: EnterpriseDetail, ...errors },
      },
    },
    async (request) => removeFact(actorOf(request), request.params.id, request.params.factId),
  );
}

// ---- import ----

const ImportQuery = z.object({
  dryRun: z.enum(['true', 'false'], { error: 'dryRun 只能是 true 或 false' }).optional(),
});
const ImportParams = z.object({ jobId: z.uuid({ error: 'jobId 必须是有效的 UUID' }) });

/** Upload, template and error-report routes of the enterprise import. */
export function enterpriseImportRoutes(app: HttpApp) {
  app.get(
    '/api/enterprises/import-template.xlsx',
    { schema: { tags: ['enterprises'], summary: '下载企业导入模板' } },
    async (request, reply) => {
      requireAccess(actorOf(request), 'enterprise:read');
      return streamDownload(request, reply, XLSX_TYPE, {
        filename: '企业名单导入模板.xlsx',
        write: writeTemplate,
      });
    },
  );

  app.post(
    '/api/enterprises/imports',
    {
      schema: {
        tags: ['enterprises'],
        summary: '上传企业名单（xlsx 或 csv），作为任务导入；dryRun=true 只校验不写入',
        consumes: ['multipart/form-data'],
        querystring: ImportQuery,
        response: { 200: JobView, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireAccess(actor, 'enterprise:write');
      const upload = await receiveUpload(request, { maxBytes: MAX_UPLOAD_BYTES });
      const dryRun = request.query.dryRun === 'true';
      return startJob(
        actor,
        dryRun ? 'enterprise.import.dryRun' : 'enterprise.import',
        actor.scopePath,
        async (job) => {
          try {
            return await importEnterprises(actor, job, {
              filePath: upload.path,
              originalName: upload.fileName,
              dryRun,
            });
          } finally {
            await rm(upload.path, { force: true });
          }
        },
      );
    },
  );

  app.get(
    '/api/enterprises/imports/:jobId/errors.xlsx',
    { schema: { tags: ['enterprises'], summary: '下载导入错误明细', params: ImportParams } },
    async (request, reply) => {
      const file = await importErrorReport(actorOf(request), request.params.jobId);
      return sendDownload(reply, {
        filename: '导入错误明细.xlsx',
        type: XLSX_TYPE,
        body: createReadStream(file),
      });
    },
  );
}

const MAX_UPLOAD_BYTES = 200 * 2 ** 20;
