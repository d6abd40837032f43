// Routes of a studio's achievements: the studio's records with their totals, a record's changes and
// files, and the totals over the reader's scope with their export.
import { requireAccess } from '../../platform/access';
import { receiveAttachment, sendStoredFile } from '../../platform/attachments';
import { actorOf, type HttpApp } from '../../platform/http';
import { xlsxRoute } from '../../platform/xlsx-route';
import { ErrorBody, IdParams, OkBody, VersionQuery } from '../../platform/shared/api';
import { AttachmentView } from '../../platform/shared/attachments-contract';
import {
  AchievementAttachmentParams,
  AchievementBody,
  AchievementEditBody,
  AchievementParams,
  AchievementTotalsQuery,
  AchievementTotalsView,
  AchievementView,
  MAX_ACHIEVEMENT_ATTACHMENTS,
  StudioAchievementsQuery,
  StudioAchievementsView,
} from './contract';
import {
  achievementTotals,
  createAchievement,
  deleteAchievement,
  listStudioAchievements,
  updateAchievement,
  WRITE,
} from './service';
import {
  achievementAttachmentFile,
  addAchievementAttachment,
  deleteAchievementAttachment,
} from './attachments';
import { prepareTotalsExport } from './export';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const writeErrors = { ...errors, 409: ErrorBody };
const tags = ['studios'];
const BASE = '/api/studios/achievements';

export function achievementRoutes(app: HttpApp) {
  app.get(
    '/api/studios/:id/achievements',
    {
      schema: {
        tags,
        summary: '工作室的创新成果（按年度，可按年度、类型筛选），及其历年合计',
        params: IdParams,
        querystring: StudioAchievementsQuery,
        response: { 200: StudioAchievementsView, ...errors },
      },
    },
    async (request) => listStudioAchievements(actorOf(request), request.params.id, request.query),
  );
  app.post(
    '/api/studios/:id/achievements',
    {
      schema: {
        tags,
        summary: '登记工作室的一项成果（创新成果、技术改进、专利、项目、人才培养、合理化建议、获奖）',
        params: IdParams,
        body: AchievementBody,
        response: { 200: AchievementView, ...writeErrors },
      },
    },
    async (request) => createAchievement(actorOf(request), request.params.id, request.body),
  );
  app.get(
    `${BASE}/totals`,
    {
      schema: {
        tags,
        summary: '创新成果统计：按地区、级别、年度或工作室合计（可按年度、级别、地区、工作室筛选）',
        querystring: AchievementTotalsQuery,
        response: { 200: AchievementTotalsView, ...errors },
      },
    },
    async (request) => achievementTotals(actorOf(request), request.query),
  );
  xlsxRoute(
    app,
    `${BASE}/totals/export.xlsx`,
    { tags, summary: '导出创新成果统计（xlsx，按当前分组和筛选）' },
    AchievementTotalsQuery,
    prepareTotalsExport,
  );
  app.put(
    `${BASE}/:achievementId`,
    {
      schema: {
        tags,
        summary: '修改一项成果（带版本号）',
        params: AchievementParams,
        body: AchievementEditBody,
        response: { 200: AchievementView, ...writeErrors },
      },
    },
    async (request) => updateAchievement(actorOf(request), request.params.achievementId, request.body),
  );
  app.delete(
    `${BASE}/:achievementId`,
    {
      schema: {
        tags,
        summary: '删除一项成果及其附件（带版本号）',
        params: AchievementParams,
        querystring: VersionQuery,
        response: { 200: OkBody, ...writeErrors },
      },
    },
    async (request) => {
      await deleteAchievement(actorOf(request), request.params.achievementId, request.query.version);
      return { ok: true as const };
    },
  );
  app.post(
    `${BASE}/:achievementId/attachments`,
    {
      schema: {
        tags,
        summary: `上传成果附件（证书、验收报告、照片：PDF、Word、Excel 或图片，每个不超过 20 MB，每项最多 ${MAX_ACHIEVEMENT_ATTACHMENTS} 个）`,
        consumes: ['multipart/form-data'],
        params: AchievementParams,
        response: { 200: AttachmentView, ...writeErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireAccess(actor, WRITE);
      return receiveAttachment(request, (upload) =>
        addAchievementAttachment(actor, request.params.achievementId, upload),
      );
    },
  );
  app.get(
    `${BASE}/:achievementId/attachments/:attachmentId`,
    {
      schema: {
        tags,
        summary: '成果附件（原文件）',
        params: AchievementAttachmentParams,
        response: errors,
      },
    },
    async (request, reply) =>
      sendStoredFile(
        reply,
        await achievementAttachmentFile(
          actorOf(request),
          request.params.achievementId,
          request.params.attachmentId,
        ),
      ),
  );
  app.delete(
    `${BASE}/:achievementId/attachments/:attachmentId`,
    {
      schema: {
        tags,
        summary: '删除成果附件',
        params: AchievementAttachmentParams,
        response: { 200: OkBody, ...writeErrors },
      },
    },
    async (request) => {
      await deleteAchievementAttachment(
        actorOf(request),
        request.params.achievementId,
        request.params.attachmentId,
      );
      return { ok: true as const };
    },
  );
}
