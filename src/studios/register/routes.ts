// Routes of the studios register: the list and its export, an application, one studio with its
// steps of designation and its members, and the named batches.
import type { z } from 'zod';
import type { Actor } from '../../platform/access';
import { actorOf, type HttpApp } from '../../platform/http';
import { xlsxRoute } from '../../platform/xlsx-route';
import { ErrorBody, IdParams } from '../../platform/shared/api';
import {
  AddMemberBody,
  BatchBody,
  BatchDetail,
  BatchEditBody,
  BatchList,
  BatchQuery,
  DesignateBody,
  MemberLeaveBody,
  MemberParams,
  StudioApplyBody,
  StudioDetail,
  StudioEditBody,
  StudioFilter,
  StudioPage,
  StudioQuery,
  StudioReviewBody,
  StudioRevokeBody,
  StudioVersionBody,
  UpgradeBody,
} from './contract';
import { createBatch, getBatch, listBatches, updateBatch } from './batches';
import { prepareStudioExport } from './export';
import { getStudio, listStudios } from './service';
import {
  addMember,
  applyForStudio,
  designateStudio,
  editStudio,
  memberLeaves,
  recommendStudio,
  resubmitStudio,
  reviewStudio,
  revokeDesignation,
  upgradeStudio,
} from './workflow';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const writeErrors = { ...errors, 409: ErrorBody };
const tags = ['studios'];
const BASE = '/api/studios';

export function studioRoutes(app: HttpApp) {
  app.get(
    BASE,
    {
      schema: {
        tags,
        summary: '劳模创新工作室：名称或承载单位搜索，按级别、状态、批次、地区、领域、命名年度筛选',
        querystring: StudioQuery,
        response: { 200: StudioPage, ...errors },
      },
    },
    async (request) => listStudios(actorOf(request), request.query),
  );
  app.post(
    BASE,
    {
      schema: {
        tags,
        summary: '申报劳模创新工作室（已申报）',
        body: StudioApplyBody,
        response: { 200: StudioDetail, ...errors },
      },
    },
    async (request) => applyForStudio(actorOf(request), request.body),
  );
  xlsxRoute(
    app,
    `${BASE}/export.xlsx`,
    { tags, summary: '导出劳模创新工作室名单（xlsx，按当前筛选）' },
    StudioFilter,
    prepareStudioExport,
  );
  app.get(
    `${BASE}/batches`,
    {
      schema: {
        tags,
        summary: '命名批次（含本辖区在各批次命名的工作室数）',
        querystring: BatchQuery,
        response: { 200: BatchList, ...errors },
      },
    },
    async (request) => listBatches(actorOf(request), request.query),
  );
  app.post(
    `${BASE}/batches`,
    {
      schema: {
        tags,
        summary: '设立命名批次（市总工会）',
        body: BatchBody,
        response: { 200: BatchDetail, ...writeErrors },
      },
    },
    async (request) => createBatch(actorOf(request), request.body),
  );
  app.get(
    `${BASE}/batches/:id`,
    {
      schema: {
        tags,
        summary: '命名批次详情：该批次命名的工作室，及可命名的审核通过申报',
        params: IdParams,
        response: { 200: BatchDetail, ...errors },
      },
    },
    async (request) => getBatch(actorOf(request), request.params.id),
  );
  app.put(
    `${BASE}/batches/:id`,
    {
      schema: {
        tags,
        summary: '修改命名批次（市总工会；挂牌日期随之更新该批次工作室的挂牌日期）',
        params: IdParams,
        body: BatchEditBody,
        response: { 200: BatchDetail, ...writeErrors },
      },
    },
    async (request) => updateBatch(actorOf(request), request.params.id, request.body),
  );
  app.get(
    `${BASE}/:id`,
    {
      schema: {
        tags,
        summary: '工作室详情：负责人、承载单位、成员、命名记录、流程记录和可进行的操作',
        params: IdParams,
        response: { 200: StudioDetail, ...errors },
      },
    },
    async (request) => getStudio(actorOf(request), request.params.id),
  );
  app.put(
    `${BASE}/:id`,
    {
      schema: {
        tags,
        summary: '修改申报（已申报或被退回的，由申报一方修改）',
        params: IdParams,
        body: StudioEditBody,
        response: { 200: StudioDetail, ...writeErrors },
      },
    },
    async (request) => editStudio(actorOf(request), request.params.id, request.body),
  );
  const step = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (actor: Actor, id: string, input: z.output<B>) => Promise<StudioDetail>,
  ) =>
    app.post(
      `${BASE}/:id/${path}`,
      { schema: { tags, summary, params: IdParams, body, response: { 200: StudioDetail, ...writeErrors } } },
      async (request) => run(actorOf(request), request.params.id, request.body as z.output<B>),
    );
  step('recommend', '推荐申报（申报单位所在的区、县级市或产业工会）', StudioVersionBody, recommendStudio);
  step('review', '审核申报（市总工会：通过，或退回并写明理由）', StudioReviewBody, reviewStudio);
  step('resubmit', '被退回的申报修改后重新申报', StudioVersionBody, resubmitStudio);
  step('designate', '命名挂牌（市总工会：命名进与申报级别相同的批次）', DesignateBody, designateStudio);
  step('upgrade', '已命名的工作室申报晋级（申报级别须高于现有级别）', UpgradeBody, upgradeStudio);
  step('revoke', '摘牌（市总工会，写明理由）', StudioRevokeBody, revokeDesignation);
  step('members', '增加成员（加入日期）', AddMemberBody, addMember);
  app.post(
    `${BASE}/:id/members/:memberId/leave`,
    {
      schema: {
        tags,
        summary: '成员退出（退出日期）',
        params: MemberParams,
        body: MemberLeaveBody,
        response: { 200: StudioDetail, ...writeErrors },
      },
    },
    async (request) =>
      memberLeaves(actorOf(request), request.params.id, request.params.memberId, request.body),
  );
}
