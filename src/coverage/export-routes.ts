// HTTP of the coverage exports: the statistical report, the list behind a count and the
// three-category worklist, as xlsx downloads. Access and input are checked before any byte is
// sent; the file is then streamed.
import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../platform/access';
import { actorOf, type HttpApp } from '../platform/http';
import { ErrorBody } from '../platform/shared/api';
import { CoverageListQuery, CoverageQuery, PriorityQuery } from './contract';
import { prepareCoverageListExport, preparePriorityExport, type PreparedExport } from './exports';
import { prepareCoverageReport } from './report';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Sends a prepared xlsx as a download whose Chinese file name survives (RFC 5987). */
function sendXlsx(request: FastifyRequest, reply: FastifyReply, prepared: PreparedExport) {
  const body = new PassThrough();
  void reply
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(prepared.filename)}`)
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .send(body);
  prepared.write(body).catch((err: unknown) => {
    request.log.error({ err }, 'coverage export failed');
    body.destroy(err instanceof Error ? err : new Error('export failed'));
  });
  return reply;
}

/** Registers a GET that answers with the xlsx its `prepare` builds from the validated query. */
function xlsxRoute<Q extends z.ZodType>(
  app: HttpApp,
  url: string,
  summary: string,
  querystring: Q,
  prepare: (actor: Actor, query: z.output<Q>) => Promise<PreparedExport>,
) {
  app.get(
    url,
    { schema: { tags: ['coverage'], summary, querystring, response: errors } },
    async (request, reply) =>
      sendXlsx(request, reply, await prepare(actorOf(request), request.query as z.output<Q>)),
  );
}

/** Routes of the coverage exports. */
export function coverageExportRoutes(app: HttpApp) {
  xlsxRoute(
    app,
    '/api/coverage/report.xlsx',
    '两个普遍工作统计表（xlsx）：某组织各下级单位截至某日的指标及合计',
    CoverageQuery,
    prepareCoverageReport,
  );
  xlsxRoute(
    app,
    '/api/coverage/enterprises/export.xlsx',
    '导出某项统计背后的企业名单（xlsx，与统计数一致）',
    CoverageListQuery,
    prepareCoverageListExport,
  );
  xlsxRoute(
    app,
    '/api/coverage/priority/export.xlsx',
    '导出三类企业名单（xlsx，附类别和原因）',
    PriorityQuery,
    preparePriorityExport,
  );
}
