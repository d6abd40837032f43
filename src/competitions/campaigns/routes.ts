// Routes of labour competitions: the competition and its parts, values and their checking,
// totals and rankings (also as xlsx), commendation and the bulletin items linked as sources.
import { z } from 'zod';
import { actorOf, type HttpApp } from '../../platform/http';
import { ErrorBody, IdParams, VersionQuery } from '../../platform/shared/api';
import { xlsxRoute } from '../../platform/xlsx-route';
import {
  AcceptBody,
  CampaignBody,
  CampaignChildParams,
  CampaignDetail,
  CampaignPage,
  CampaignPatchBody,
  CampaignQuery,
  CommendationBody,
  FigureAcceptBody,
  FigureParams,
  IndicatorBody,
  ParticipantBody,
  ReturnBody,
  SourceLinkBody,
  SourceList,
  SourceSearchQuery,
  TotalsQuery,
  TotalsView,
  UnitsBody,
  ValueBody,
  ValuePage,
  ValueQuery,
  ValueView,
} from './contract';
import {
  addCommendation,
  addIndicator,
  addParticipant,
  createCampaign,
  getCampaign,
  listCampaigns,
  removeCommendation,
  removeIndicator,
  removeParticipant,
  setUnits,
  updateCampaign,
} from './campaigns-service';
import { acceptValue, listValues, reportValue, returnValue } from './values';
import { campaignTotals, prepareTotalsExport } from './totals';
import { acceptFigure, linkSource, listSources, searchSources } from './sources';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const writeErrors = { ...errors, 409: ErrorBody };
const tags = ['competitions'];
const BASE = '/api/competitions/campaigns';

const ValueParams = z.object({
  id: CampaignChildParams.shape.id,
  valueId: CampaignChildParams.shape.childId,
});

export function campaignRoutes(app: HttpApp) {
  app.get(
    BASE,
    {
      schema: {
        tags,
        summary: '劳动竞赛列表',
        querystring: CampaignQuery,
        response: { 200: CampaignPage, ...errors },
      },
    },
    async (request) => listCampaigns(actorOf(request), request.query),
  );
  app.post(
    BASE,
    {
      schema: {
        tags,
        summary: '发起劳动竞赛',
        body: CampaignBody,
        response: { 200: CampaignDetail, ...writeErrors },
      },
    },
    async (request) => createCampaign(actorOf(request), request.body),
  );
  app.get(
    `${BASE}/:id`,
    {
      schema: {
        tags,
        summary: '劳动竞赛详情',
        params: IdParams,
        response: { 200: CampaignDetail, ...errors },
      },
    },
    async (request) => getCampaign(actorOf(request), request.params.id),
  );
  app.patch(
    `${BASE}/:id`,
    {
      schema: {
        tags,
        summary: '修改劳动竞赛',
        params: IdParams,
        body: CampaignPatchBody,
        response: { 200: CampaignDetail, ...writeErrors },
      },
    },
    async (request) => updateCampaign(actorOf(request), request.params.id, request.body),
  );
  app.put(
    `${BASE}/:id/units`,
    {
      schema: {
        tags,
        summary: '设置参赛单位',
        params: IdParams,
        body: UnitsBody,
        response: { 200: CampaignDetail, ...writeErrors },
      },
    },
    async (request) => setUnits(actorOf(request), request.params.id, request.body),
  );
  app.post(
    `${BASE}/:id/participants`,
    {
      schema: {
        tags,
        summary: '添加参赛对象（项目、班组或个人）',
        params: IdParams,
        body: ParticipantBody,
        response: { 200: CampaignDetail, ...writeErrors },
      },
    },
    async (request) => addParticipant(actorOf(request), request.params.id, request.body),
  );
  app.delete(
    `${BASE}/:id/participants/:childId`,
    {
      schema: {
        tags,
        summary: '删除参赛对象（尚无填报数据时）',
        params: CampaignChildParams,
        querystring: VersionQuery,
        response: { 200: CampaignDetail, ...writeErrors },
      },
    },
    async (request) =>
      removeParticipant(actorOf(request), request.params.id, request.params.childId, request.query.version),
  );
  app.post(
    `${BASE}/:id/indicators`,
    {
      schema: {
        tags,
        summary: '添加竞赛指标',
        params: IdParams,
        body: IndicatorBody,
        response: { 200: CampaignDetail, ...writeErrors },
      },
    },
    async (request) => addIndicator(actorOf(request), request.params.id, request.body),
  );
  app.delete(
    `${BASE}/:id/indicators/:childId`,
    {
      schema: {
        tags,
        summary: '删除竞赛指标（尚无填报数据时）',
        params: CampaignChildParams,
        querystring: VersionQuery,
        response: { 200: CampaignDetail, ...writeErrors },
      },
    },
    async (request) =>
      removeIndicator(actorOf(request), request.params.id, request.params.childId, request.query.version),
  );
  app.get(
    `${BASE}/:id/values`,
    {
      schema: {
        tags,
        summary: '竞赛填报数据',
        params: IdParams,
        querystring: ValueQuery,
        response: { 200: ValuePage, ...errors },
      },
    },
    async (request) => listValues(actorOf(request), request.params.id, request.query),
  );
  app.put(
    `${BASE}/:id/values`,
    {
      schema: {
        tags,
        summary: '填报（或退回后重新填报）参赛对象某期的指标数值',
        params: IdParams,
        body: ValueBody,
        response: { 200: ValueView, ...writeErrors },
      },
    },
    async (request) => reportValue(actorOf(request), request.params.id, request.body),
  );
  app.post(
    `${BASE}/:id/values/:valueId/accept`,
    {
      schema: {
        tags,
        summary: '核实填报数据（主办单位）',
        params: ValueParams,
        body: AcceptBody,
        response: { 200: ValueView, ...writeErrors },
      },
    },
    async (request) => acceptValue(actorOf(request), request.params.id, request.params.valueId, request.body),
  );
  app.post(
    `${BASE}/:id/values/:valueId/return`,
    {
      schema: {
        tags,
        summary: '退回填报数据（主办单位，须写明原因）',
        params: ValueParams,
        body: ReturnBody,
        response: { 200: ValueView, ...writeErrors },
      },
    },
    async (request) => returnValue(actorOf(request), request.params.id, request.params.valueId, request.body),
  );
  app.get(
    `${BASE}/:id/totals`,
    {
      schema: {
        tags,
        summary: '指标汇总与排名（按参赛对象、参赛单位、区和填报期）',
        params: IdParams,
        querystring: TotalsQuery,
        response: { 200: TotalsView, ...errors },
      },
    },
    async (request) => {
      const { campaignName: _, ...view } = await campaignTotals(
        actorOf(request),
        request.params.id,
        request.query,
      );
      return view;
    },
  );
  xlsxRoute(
    app,
    `${BASE}/totals.xlsx`,
    { tags, summary: '导出指标汇总与排名（xlsx）' },
    TotalsQuery.extend({ campaignId: CampaignChildParams.shape.id }),
    prepareTotalsExport,
  );
  app.post(
    `${BASE}/:id/commendations`,
    {
      schema: {
        tags,
        summary: '表彰先进个人或先进集体',
        params: IdParams,
        body: CommendationBody,
        response: { 200: CampaignDetail, ...writeErrors },
      },
    },
    async (request) => addCommendation(actorOf(request), request.params.id, request.body),
  );
  app.delete(
    `${BASE}/:id/commendations/:childId`,
    {
      schema: {
        tags,
        summary: '撤销表彰记录',
        params: CampaignChildParams,
        querystring: VersionQuery,
        response: { 200: CampaignDetail, ...writeErrors },
      },
    },
    async (request) =>
      removeCommendation(actorOf(request), request.params.id, request.params.childId, request.query.version),
  );
  app.get(
    `${BASE}/:id/sources`,
    {
      schema: {
        tags,
        summary: '关联的工作动态信息及其中的数字',
        params: IdParams,
        response: { 200: SourceList, ...errors },
      },
    },
    async (request) => listSources(actorOf(request), request.params.id),
  );
  app.get(
    `${BASE}/:id/sources/search`,
    {
      schema: {
        tags,
        summary: '查找可关联的已录用信息',
        params: IdParams,
        querystring: SourceSearchQuery,
        response: { 200: SourceList, ...errors },
      },
    },
    async (request) => searchSources(actorOf(request), request.params.id, request.query),
  );
  app.post(
    `${BASE}/:id/sources`,
    {
      schema: {
        tags,
        summary: '关联已录用的工作动态信息',
        params: IdParams,
        body: SourceLinkBody,
        response: { 200: SourceList, ...writeErrors },
      },
    },
    async (request) => linkSource(actorOf(request), request.params.id, request.body),
  );
  app.post(
    `${BASE}/:id/sources/:itemId/figures/:position/accept`,
    {
      schema: {
        tags,
        summary: '采用信息中的数字作为指标数值',
        params: FigureParams,
        body: FigureAcceptBody,
        response: { 200: ValueView, ...writeErrors },
      },
    },
    async (request) => acceptFigure(actorOf(request), request.params, request.body),
  );
}
