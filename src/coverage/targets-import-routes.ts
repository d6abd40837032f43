import { requireAccess } from '../platform/access';
import { sendDownload, XLSX_TYPE } from '../platform/downloads';
import { actorOf, type HttpApp } from '../platform/http';
import { withUpload } from '../platform/uploads';
import { ErrorBody } from '../platform/shared/api';
import { buildTargetsTemplate, importTargets } from './targets-import';
import { TargetsImportQuery, TargetsImportResult } from './targets-import-contract';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
/** A targets file has a row per organisation: far below this. */
const MAX_UPLOAD_BYTES = 10 * 2 ** 20;

/** Template download and import of yearly targets. */
export function targetsImportRoutes(app: HttpApp) {
  app.get(
    '/api/coverage/targets/template.xlsx',
    {
      schema: {
        tags: ['coverage'],
        summary: '下载目标导入模板（某组织的下级单位，已填现有目标）',
        querystring: TargetsImportQuery,
      },
    },
    async (request, reply) => {
      const { fileName, content } = await buildTargetsTemplate(actorOf(request), request.query);
      return sendDownload(reply, { filename: fileName, type: XLSX_TYPE, body: content });
    },
  );

  app.post(
    '/api/coverage/targets/import',
    {
      schema: {
        tags: ['coverage'],
        summary: '导入目标（xlsx 或 csv）：全部行无误才写入，否则返回逐行错误',
        consumes: ['multipart/form-data'],
        querystring: TargetsImportQuery,
        response: { 200: TargetsImportResult, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireAccess(actor, 'coverage:target');
      return withUpload(request, { maxBytes: MAX_UPLOAD_BYTES }, (upload) =>
        importTargets(actor, request.query, { filePath: upload.path, originalName: upload.fileName }),
      );
    },
  );
}
