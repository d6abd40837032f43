import { actorOf, type HttpApp } from '../platform/http';
import { ErrorBody, IdParams, OkBody, VersionQuery } from '../platform/shared/api';
import {
  CampaignBody,
  CampaignList,
  CampaignPatch,
  CampaignQuery,
  CampaignTotalsQuery,
  CampaignTotalsView,
  CampaignView,
  CampaignVisitBody,
  CampaignVisitPage,
  CampaignVisitQuery,
  CampaignVisitUpdate,
  CampaignVisitView,
  CadreList,
  DashboardQuery,
  DashboardView,
  CadreQuery,
  EndPairingBody,
  NeedBody,
  NeedEventBody,
  NeedPage,
  NeedQuery,
  NeedView,
  PairBody,
  PairingFrequencyBody,
  PairingPage,
  PairingQuery,
  PairingView,
  PairResult,
  ProgrammeBody,
  ProgrammeList,
  ProgrammePatch,
  ProgrammeView,
  ReassignBody,
  VisitBody,
  VisitPage,
  VisitQuery,
  VisitView,
  UnpairedPage,
  UnpairedQuery,
} from './contract';
import {
  createProgramme,
  endPairing,
  getProgramme,
  listCadres,
  listPairings,
  listProgrammes,
  listUnpaired,
  pairEnterprises,
  reassignPairing,
  setPairingFrequency,
  updateProgramme,
} from './programmes';
import { xlsxRoute } from '../platform/xlsx-route';
import { requireAccess } from '../platform/access';
import { receivePicture, sendPicture } from '../platform/pictures';
import { PictureParams, PictureView } from '../platform/shared/pictures-contract';
import { addVisitPicture, deleteVisitPicture, visitPictureFile } from './visit-pictures';
import {
  campaignTotals,
  createCampaign,
  createCampaignVisit,
  deleteCampaignVisit,
  getCampaign,
  getCampaignVisit,
  listCampaigns,
  listCampaignVisits,
  updateCampaign,
  updateCampaignVisit,
} from './campaigns';
import { getDashboard } from './dashboard';
import {
  prepareCampaignTotalsExport,
  prepareCampaignVisitsExport,
  prepareNeedsExport,
  preparePairingsExport,
  prepareUnpairedExport,
  prepareVisitsExport,
} from './exports';
import { createNeed, createVisit, followNeed, getNeed, getVisit, listNeeds, listVisits } from './visits';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const writeErrors = { ...errors, 409: ErrorBody };
const tags = ['service'];

/** Routes of the cadre service programme. */
export function serviceRoutes(app: HttpApp) {
  xlsxRoute(
    app,
    '/api/service/pairings/export.xlsx',
    { tags, summary: '导出挂钩企业（xlsx）' },
    PairingQuery,
    preparePairingsExport,
  );
  xlsxRoute(
    app,
    '/api/service/visits/export.xlsx',
    { tags, summary: '导出走访记录（xlsx）' },
    VisitQuery,
    prepareVisitsExport,
  );
  xlsxRoute(
    app,
    '/api/service/needs/export.xlsx',
    { tags, summary: '导出企业需求（xlsx）' },
    NeedQuery,
    prepareNeedsExport,
  );
  xlsxRoute(
    app,
    '/api/service/unpaired/export.xlsx',
    { tags, summary: '导出尚未挂钩的三类企业（xlsx）' },
    UnpairedQuery,
    prepareUnpairedExport,
  );
  app.get(
    '/api/service/programmes',
    { schema: { tags, summary: '服务活动列表', response: { 200: ProgrammeList, ...errors } } },
    async (request) => listProgrammes(actorOf(request)),
  );
  app.post(
    '/api/service/programmes',
    {
      schema: {
        tags,
        summary: '创建服务活动',
        body: ProgrammeBody,
        response: { 200: ProgrammeView, ...errors },
      },
    },
    async (request) => createProgramme(actorOf(request), request.body),
  );
  app.get(
    '/api/service/programmes/:id',
    { schema: { tags, summary: '服务活动', params: IdParams, response: { 200: ProgrammeView, ...errors } } },
    async (request) => getProgramme(actorOf(request), request.params.id),
  );
  app.patch(
    '/api/service/programmes/:id',
    {
      schema: {
        tags,
        summary: '修改服务活动',
        params: IdParams,
        body: ProgrammePatch,
        response: { 200: ProgrammeView, ...writeErrors },
      },
    },
    async (request) => updateProgramme(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/service/programmes/:id/pairings',
    {
      schema: {
        tags,
        summary: '挂钩联系：把企业分配给服务干部',
        params: IdParams,
        body: PairBody,
        response: { 200: PairResult, ...errors },
      },
    },
    async (request) => pairEnterprises(actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/service/cadres',
    {
      schema: {
        tags,
        summary: '可挂钩的服务干部',
        querystring: CadreQuery,
        response: { 200: CadreList, ...errors },
      },
    },
    async (request) => listCadres(actorOf(request), request.query),
  );
  app.get(
    '/api/service/pairings',
    {
      schema: {
        tags,
        summary: '挂钩联系列表',
        querystring: PairingQuery,
        response: { 200: PairingPage, ...errors },
      },
    },
    async (request) => listPairings(actorOf(request), request.query),
  );
  app.post(
    '/api/service/pairings/:id/reassign',
    {
      schema: {
        tags,
        summary: '调整挂钩干部（保留历史）',
        params: IdParams,
        body: ReassignBody,
        response: { 200: PairingView, ...writeErrors },
      },
    },
    async (request) => reassignPairing(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/service/pairings/:id/end',
    {
      schema: {
        tags,
        summary: '解除挂钩',
        params: IdParams,
        body: EndPairingBody,
        response: { 200: PairingView, ...writeErrors },
      },
    },
    async (request) => endPairing(actorOf(request), request.params.id, request.body),
  );
  app.put(
    '/api/service/pairings/:id/frequency',
    {
      schema: {
        tags,
        summary: '设置挂钩企业的走访周期',
        params: IdParams,
        body: PairingFrequencyBody,
        response: { 200: PairingView, ...writeErrors },
      },
    },
    async (request) => setPairingFrequency(actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/service/dashboard',
    {
      schema: {
        tags,
        summary: '服务活动统计：挂钩覆盖、走访、需求，按下级单位汇总',
        querystring: DashboardQuery,
        response: { 200: DashboardView, ...errors },
      },
    },
    async (request) => getDashboard(actorOf(request), request.query),
  );
  app.get(
    '/api/service/unpaired',
    {
      schema: {
        tags,
        summary: '尚未挂钩服务干部的三类企业',
        querystring: UnpairedQuery,
        response: { 200: UnpairedPage, ...errors },
      },
    },
    async (request) => listUnpaired(actorOf(request), request.query),
  );
  app.get(
    '/api/service/visits',
    {
      schema: {
        tags,
        summary: '走访服务记录',
        querystring: VisitQuery,
        response: { 200: VisitPage, ...errors },
      },
    },
    async (request) => listVisits(actorOf(request), request.query),
  );
  app.post(
    '/api/service/visits',
    { schema: { tags, summary: '登记走访服务', body: VisitBody, response: { 200: VisitView, ...errors } } },
    async (request) => createVisit(actorOf(request), request.body),
  );
  app.get(
    '/api/service/visits/:id',
    {
      schema: {
        tags,
        summary: '走访服务记录详情',
        params: IdParams,
        response: { 200: VisitView, ...errors },
      },
    },
    async (request) => getVisit(actorOf(request), request.params.id),
  );
  app.post(
    '/api/service/visits/:id/images',
    {
      schema: {
        tags,
        summary: '上传走访照片（PNG、JPEG、GIF、WebP，每张不超过 10 MB，每次走访最多 9 张）',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 200: PictureView, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireAccess(actor, 'service:record');
      return receivePicture(request, (upload) => addVisitPicture(actor, request.params.id, upload));
    },
  );
  app.get(
    '/api/service/visits/:id/images/:imageId',
    { schema: { tags, summary: '走访照片（原图）', params: PictureParams, response: errors } },
    async (request, reply) =>
      sendPicture(reply, await visitPictureFile(actorOf(request), request.params.id, request.params.imageId)),
  );
  app.delete(
    '/api/service/visits/:id/images/:imageId',
    {
      schema: {
        tags,
        summary: '删除走访照片',
        params: PictureParams,
        response: { 200: OkBody, ...errors },
      },
    },
    async (request) => {
      await deleteVisitPicture(actorOf(request), request.params.id, request.params.imageId);
      return { ok: true as const };
    },
  );
  app.get(
    '/api/service/needs',
    { schema: { tags, summary: '企业需求', querystring: NeedQuery, response: { 200: NeedPage, ...errors } } },
    async (request) => listNeeds(actorOf(request), request.query),
  );
  app.post(
    '/api/service/needs',
    { schema: { tags, summary: '登记企业需求', body: NeedBody, response: { 200: NeedView, ...errors } } },
    async (request) => createNeed(actorOf(request), request.body),
  );
  app.get(
    '/api/service/needs/:id',
    {
      schema: {
        tags,
        summary: '企业需求详情（含跟踪记录）',
        params: IdParams,
        response: { 200: NeedView, ...errors },
      },
    },
    async (request) => getNeed(actorOf(request), request.params.id),
  );
  app.post(
    '/api/service/needs/:id/events',
    {
      schema: {
        tags,
        summary: '跟踪企业需求：交办、进展、解决、关闭、重新办理、备注',
        params: IdParams,
        body: NeedEventBody,
        response: { 200: NeedView, ...writeErrors },
      },
    },
    async (request) => followNeed(actorOf(request), request.params.id, request.body),
  );
  campaignRoutes(app);
}

/** Routes of the seasonal campaigns 送清凉 / 送温暖. */
function campaignRoutes(app: HttpApp) {
  xlsxRoute(
    app,
    '/api/service/campaign-visits/export.xlsx',
    { tags, summary: '导出慰问记录（xlsx）' },
    CampaignVisitQuery,
    prepareCampaignVisitsExport,
  );
  xlsxRoute(
    app,
    '/api/service/campaigns/totals/export.xlsx',
    { tags, summary: '导出送清凉、送温暖汇总表（xlsx，按下级单位）' },
    CampaignTotalsQuery,
    prepareCampaignTotalsExport,
  );
  app.get(
    '/api/service/campaigns',
    {
      schema: {
        tags,
        summary: '送清凉、送温暖活动列表',
        querystring: CampaignQuery,
        response: { 200: CampaignList, ...errors },
      },
    },
    async (request) => listCampaigns(actorOf(request), request.query),
  );
  app.post(
    '/api/service/campaigns',
    {
      schema: {
        tags,
        summary: '建立送清凉或送温暖活动',
        body: CampaignBody,
        response: { 200: CampaignView, ...writeErrors },
      },
    },
    async (request) => createCampaign(actorOf(request), request.body),
  );
  app.get(
    '/api/service/campaigns/totals',
    {
      schema: {
        tags,
        summary: '送清凉、送温暖汇总：本单位及各下级单位',
        querystring: CampaignTotalsQuery,
        response: { 200: CampaignTotalsView, ...errors },
      },
    },
    async (request) => campaignTotals(actorOf(request), request.query),
  );
  app.get(
    '/api/service/campaigns/:id',
    {
      schema: { tags, summary: '慰问活动', params: IdParams, response: { 200: CampaignView, ...errors } },
    },
    async (request) => getCampaign(actorOf(request), request.params.id),
  );
  app.patch(
    '/api/service/campaigns/:id',
    {
      schema: {
        tags,
        summary: '修改慰问活动',
        params: IdParams,
        body: CampaignPatch,
        response: { 200: CampaignView, ...writeErrors },
      },
    },
    async (request) => updateCampaign(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/service/campaigns/:id/visits',
    {
      schema: {
        tags,
        summary: '登记慰问记录',
        params: IdParams,
        body: CampaignVisitBody,
        response: { 200: CampaignVisitView, ...errors },
      },
    },
    async (request) => createCampaignVisit(actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/service/campaign-visits',
    {
      schema: {
        tags,
        summary: '慰问记录',
        querystring: CampaignVisitQuery,
        response: { 200: CampaignVisitPage, ...errors },
      },
    },
    async (request) => listCampaignVisits(actorOf(request), request.query),
  );
  app.get(
    '/api/service/campaign-visits/:id',
    {
      schema: {
        tags,
        summary: '慰问记录详情',
        params: IdParams,
        response: { 200: CampaignVisitView, ...errors },
      },
    },
    async (request) => getCampaignVisit(actorOf(request), request.params.id),
  );
  app.put(
    '/api/service/campaign-visits/:id',
    {
      schema: {
        tags,
        summary: '更正慰问记录',
        params: IdParams,
        body: CampaignVisitUpdate,
        response: { 200: CampaignVisitView, ...writeErrors },
      },
    },
    async (request) => updateCampaignVisit(actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/service/campaign-visits/:id',
    {
      schema: {
        tags,
        summary: '删除误登记的慰问记录',
        params: IdParams,
        querystring: VersionQuery,
        response: { 200: OkBody, ...writeErrors },
      },
    },
    async (request) => deleteCampaignVisit(actorOf(request), request.params.id, request.query.version),
  );
}
