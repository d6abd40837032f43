// HTTP of points and rankings: the points table, the points events of an item, the rankings and
// the ranking notice as xlsx and Word.
import { DOCX_TYPE, streamDownload, XLSX_TYPE } from '../platform/downloads';
import { actorOf, type HttpApp } from '../platform/http';
import { ErrorBody, IdParams } from '../platform/shared/api';
import {
  getPointsConfig,
  listPointsEvents,
  recordPointsEvent,
  setPointsConfig,
  voidPointsEvent,
} from './points';
import {
  EventParams,
  PointsConfigBody,
  PointsConfigView,
  PointsEventBody,
  PointsEventList,
  RankingQuery,
  RankingView,
  VoidBody,
} from './points-contract';
import { prepareRankingDocx, prepareRankingXlsx } from './points-notice';
import { getRanking } from './points-ranking';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['bulletin'];

/** Routes of points and rankings. */
export function pointsRoutes(app: HttpApp) {
  app.get(
    '/api/bulletin/points/config',
    { schema: { tags, summary: '积分规则（本编辑单位）', response: { 200: PointsConfigView, ...errors } } },
    async (request) => getPointsConfig(actorOf(request)),
  );
  app.put(
    '/api/bulletin/points/config',
    {
      schema: {
        tags,
        summary: '设置积分规则（整体保存，版本过期返回 409）',
        body: PointsConfigBody,
        response: { 200: PointsConfigView, ...errors },
      },
    },
    async (request) => setPointsConfig(actorOf(request), request.body),
  );
  app.get(
    '/api/bulletin/submissions/:id/points-events',
    {
      schema: {
        tags,
        summary: '稿件的积分事项及各单位、作者所得',
        params: IdParams,
        response: { 200: PointsEventList, ...errors },
      },
    },
    async (request) => listPointsEvents(actorOf(request), request.params.id),
  );
  app.post(
    '/api/bulletin/submissions/:id/points-events',
    {
      schema: {
        tags,
        summary: '记录上级采用、领导批示或特别奖励',
        params: IdParams,
        body: PointsEventBody,
        response: { 200: PointsEventList, ...errors },
      },
    },
    async (request) => recordPointsEvent(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/bulletin/submissions/:id/points-events/:eventId/void',
    {
      schema: {
        tags,
        summary: '作废积分事项（附原因，记录保留）',
        params: EventParams,
        body: VoidBody,
        response: { 200: PointsEventList, ...errors },
      },
    },
    async (request) =>
      voidPointsEvent(actorOf(request), request.params.id, request.params.eventId, request.body),
  );
  app.get(
    '/api/bulletin/points/rankings',
    {
      schema: {
        tags,
        summary: '信息报送积分排名（月、季度、年；按单位或作者）',
        querystring: RankingQuery,
        response: { 200: RankingView, ...errors },
      },
    },
    async (request) => getRanking(actorOf(request), request.query),
  );
  app.get(
    '/api/bulletin/points/rankings.xlsx',
    {
      schema: { tags, summary: '积分排名通报（xlsx）', querystring: RankingQuery, response: errors },
    },
    async (request, reply) =>
      streamDownload(request, reply, XLSX_TYPE, await prepareRankingXlsx(actorOf(request), request.query)),
  );
  app.get(
    '/api/bulletin/points/rankings.docx',
    {
      schema: { tags, summary: '积分排名通报（Word）', querystring: RankingQuery, response: errors },
    },
    async (request, reply) =>
      streamDownload(request, reply, DOCX_TYPE, await prepareRankingDocx(actorOf(request), request.query)),
  );
}
