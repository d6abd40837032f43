import { z } from 'zod';
import { listAudit } from './audit';
import { actorOf, type HttpApp } from './http';
import { getJob } from './jobs';
import { ErrorBody, IdParams } from './shared/api';
import { AuditPage, AuditQuery } from './shared/audit-contract';
import { JobView } from './shared/jobs-contract';
import { WaitingList } from './shared/waiting-contract';
import { waitingFor } from './waiting';
import { listNotifications, markNotificationRead } from './notifications';
import { NotificationPage, NotificationQuery, NotificationView } from './shared/notifications-contract';

const HealthBody = z.object({ status: z.literal('ok') });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Routes of the platform itself: health, the audit trail, job progress. */
export function platformRoutes(app: HttpApp) {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: { tags: ['system'], summary: '健康检查', response: { 200: HealthBody } },
    },
    // Answers from memory: the app is built only once the database is open and migrated, and a
    // health check must not queue behind a long database job.
    () => Promise.resolve({ status: 'ok' as const }),
  );
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '操作日志',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...errors },
      },
    },
    async (request) => listAudit(actorOf(request), request.query),
  );
  app.get(
    '/api/home/waiting',
    {
      schema: {
        tags: ['system'],
        summary: '首页待办：各项工作中等待本人处理的事项',
        response: { 200: WaitingList, ...errors },
      },
    },
    async (request) => waitingFor(actorOf(request)),
  );
  app.get(
    '/api/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        summary: '任务进度',
        params: IdParams,
        response: { 200: JobView, ...errors },
      },
    },
    async (request) => getJob(actorOf(request), request.params.id),
  );
  app.get(
    '/api/notifications',
    {
      schema: {
        tags: ['system'],
        summary: '我的通知',
        querystring: NotificationQuery,
        response: { 200: NotificationPage, ...errors },
      },
    },
    async (request) => listNotifications(actorOf(request), request.query),
  );
  app.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags: ['system'],
        summary: '标记通知为已读',
        params: IdParams,
        response: { 200: NotificationView, ...errors },
      },
    },
    async (request) => markNotificationRead(actorOf(request), request.params.id),
  );
}
