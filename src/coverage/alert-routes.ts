import { actorOf, type HttpApp } from '../platform/http';
import { ErrorBody } from '../platform/shared/api';
import { AlertListQuery, AlertPage, AlertSummary, AlertSummaryQuery } from './alerts-contract';
import { getAlertSummary, listAlerts } from './alerts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Routes of the due-date alerts (到期提醒). */
export function alertRoutes(app: HttpApp) {
  app.get(
    '/api/coverage/alerts/summary',
    {
      schema: {
        tags: ['coverage'],
        summary: '到期提醒：某组织（含下级）各类提醒的企业数',
        querystring: AlertSummaryQuery,
        response: { 200: AlertSummary, ...errors },
      },
    },
    async (request) => getAlertSummary(actorOf(request), request.query),
  );
  app.get(
    '/api/coverage/alerts',
    {
      schema: {
        tags: ['coverage'],
        summary: '到期提醒：某类提醒的企业名单（按紧急程度排序，附原因）',
        querystring: AlertListQuery,
        response: { 200: AlertPage, ...errors },
      },
    },
    async (request) => listAlerts(actorOf(request), request.query),
  );
}
