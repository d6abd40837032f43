// HTTP of the coverage exports: the statistical report, the list behind a count and the
// three-category worklist, as xlsx downloads. Access and input are checked before any byte is
// sent; the file is then streamed.
import type { z } from 'zod';
import type { Actor } from '../platform/access';
import { streamDownload, XLSX_TYPE } from '../platform/downloads';
import { actorOf, type HttpApp } from '../platform/http';
import { ErrorBody } from '../platform/shared/api';
import { CoverageListQuery, CoverageQuery, PriorityQuery } from './contract';
import { prepareCoverageListExport, preparePriorityExport } from './exports';
import type { PreparedDownload } from '../platform/downloads';
import { prepareCoverageReport } from './report';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Registers a GET that answers with the xlsx its `prepare` builds from the validated query. */
function xlsxRoute<Q extends z.ZodType>(
  app: HttpApp,
  url: string,
  summary: string,
  querystring: Q,
  prepare: (actor: Actor, query: z.output<Q>) => Promise<PreparedDownload>,
) {
  app.get(
    url,
    { schema: { tags: ['coverage'], summary, querystring, response: errors } },
    async (request, reply) =>
      streamDownload(
        request,
        reply,
        XLSX_TYPE,
        await prepare(actorOf(request), request.query as z.output<Q>),
      ),
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
