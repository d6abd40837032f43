import { actorOf, type HttpApp } from '../platform/http';
import { ErrorBody } from '../platform/shared/api';
import { EnterprisePage } from '../enterprises/contract';
import { CoverageListQuery, CoverageQuery, CoverageView } from './contract';
import { getCoverage, listCoverageEnterprises } from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Routes of the coverage indicators. */
export function coverageRoutes(app: HttpApp) {
  app.get(
    '/api/coverage',
    {
      schema: {
        tags: ['coverage'],
        summary: '两个普遍：某组织（含下级）截至某日的指标及各下级明细',
        querystring: CoverageQuery,
        response: { 200: CoverageView, ...errors },
      },
    },
    async (request) => getCoverage(actorOf(request), request.query),
  );
  app.get(
    '/api/coverage/enterprises',
    {
      schema: {
        tags: ['coverage'],
        summary: '某项统计背后的企业名单（与统计数一致）',
        querystring: CoverageListQuery,
        response: { 200: EnterprisePage, ...errors },
      },
    },
    async (request) => listCoverageEnterprises(actorOf(request), request.query),
  );
}
