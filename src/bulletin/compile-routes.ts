import { z } from 'zod';
import { actorOf, type HttpApp } from '../platform/http';
import { ErrorBody, IdParams, str, Version, VersionQuery } from '../platform/shared/api';
import { createIssue, deleteDraftIssue, getCompileView, publishIssue, saveLayout } from './compile';
import { IssueCompileView, IssueCreateBody, IssueLayoutBody } from './contract';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['bulletin'];
const VersionBody = z.object({ version: Version });

/** Routes of issue compilation (组稿): new draft issue, layout, publication. */
export function compileRoutes(app: HttpApp) {
  app.post(
    '/api/bulletin/issues',
    {
      schema: {
        tags,
        summary: '新建一期简报（草稿，自动取下一期号）',
        body: IssueCreateBody,
        response: { 200: z.object({ id: str() }), ...errors },
      },
    },
    async (request) => createIssue(actorOf(request), request.body),
  );
  app.get(
    '/api/bulletin/issues/:id/compile',
    {
      schema: {
        tags,
        summary: '组稿视图：本期编排、设置与可编入的已采用稿件',
        params: IdParams,
        response: { 200: IssueCompileView, ...errors },
      },
    },
    async (request) => getCompileView(actorOf(request), request.params.id),
  );
  app.put(
    '/api/bulletin/issues/:id/layout',
    {
      schema: {
        tags,
        summary: '保存本期编排（栏目与稿件顺序、期号、日期、发送范围、印数）',
        params: IdParams,
        body: IssueLayoutBody,
        response: { 200: IssueCompileView, ...errors },
      },
    },
    async (request) => saveLayout(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/bulletin/issues/:id/publish',
    {
      schema: {
        tags,
        summary: '出刊：本期只读，稿件状态变为已刊发',
        params: IdParams,
        body: VersionBody,
        response: { 200: z.object({ id: str(), items: z.number().int() }), ...errors },
      },
    },
    async (request) => publishIssue(actorOf(request), request.params.id, request.body.version),
  );
  app.delete(
    '/api/bulletin/issues/:id',
    {
      schema: {
        tags,
        summary: '删除未出刊的期次（稿件回到待编入）',
        params: IdParams,
        querystring: VersionQuery,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteDraftIssue(actorOf(request), request.params.id, request.query.version);
      return reply.code(204).send(null);
    },
  );
}
