import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { requireAccess } from '../platform/access';
import { invalidField } from '../platform/errors';
import { filesDir } from '../platform/files';
import { actorOf, type HttpApp } from '../platform/http';
import { newId } from '../platform/ids';
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
      return reply
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(content);
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
      const part = await request.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
      if (!part) throw invalidField('file', '请选择要上传的文件');
      const target = path.join(filesDir('uploads'), `${newId()}${path.extname(part.filename).slice(0, 10)}`);
      try {
        await pipeline(part.file, createWriteStream(target));
        if (part.file.truncated) throw invalidField('file', `文件超过 ${MAX_UPLOAD_BYTES / 2 ** 20} MB 上限`);
        return await importTargets(actor, request.query, { filePath: target, originalName: part.filename });
      } finally {
        await rm(target, { force: true });
      }
    },
  );
}
