// HTTP of judged contests: setting up (contest, entries, judges), scoring from a phone, the live
// screen, the release, corrections, the results notice and the certificates.
import { actorOf, type HttpApp } from '../../platform/http';
import { ErrorBody, IdParams, VersionQuery } from '../../platform/shared/api';
import { DOCX_TYPE, sendDownload } from '../../platform/downloads';
import { chinaDay } from '../../platform/shared/dates';
import { now } from '../../platform/clock';
import { z } from 'zod';
import {
  CertificateList,
  CertificateParams,
  CertificateQuery,
  ContestCreateBody,
  ContestDetail,
  ContestPage,
  ContestPatchBody,
  ContestQuery,
  CorrectionList,
  EntriesBody,
  EntryParams,
  EntryPatchBody,
  JudgeBody,
  JudgeCandidateQuery,
  JudgeCandidates,
  JudgeParams,
  JudgeSheet,
  JudgingList,
  ResultsView,
  ScoreBody,
  StateBody,
} from './contract';
import {
  addEntries,
  addJudge,
  createContest,
  deleteContest,
  deleteEntry,
  getContest,
  judgeCandidates,
  listContests,
  openScoring,
  removeJudge,
  updateContest,
  updateEntry,
} from './contests';
import {
  contestResults,
  judgeSheet,
  listCorrections,
  myJudging,
  releasedResults,
  releaseResults,
  submitScores,
} from './scores';
import { certificatesDocx, certificatesOf, noticeDocx } from './word';
import { notFound } from '../../platform/errors';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const writeErrors = { ...errors, 409: ErrorBody };
const tags = ['competitions'];
const ScoreResult = z.object({ corrected: z.number().int(), given: z.number().int() });
const today = () => chinaDay(now());

export function contestRoutes(app: HttpApp) {
  app.get(
    '/api/contests',
    {
      schema: {
        tags,
        summary: '评比竞赛列表（本单位及下级、上级单位组织的）',
        querystring: ContestQuery,
        response: { 200: ContestPage, ...errors },
      },
    },
    async (request) => listContests(actorOf(request), request.query),
  );
  app.post(
    '/api/contests',
    {
      schema: {
        tags,
        summary: '新建评比竞赛',
        body: ContestCreateBody,
        response: { 200: ContestDetail, ...writeErrors },
      },
    },
    async (request) => createContest(actorOf(request), request.body),
  );
  app.get(
    '/api/contests/judging',
    { schema: { tags, summary: '我担任评委的比赛（待评分数）', response: { 200: JudgingList, ...errors } } },
    async (request) => myJudging(actorOf(request)),
  );
  app.get(
    '/api/contests/:id',
    {
      schema: {
        tags,
        summary: '评比竞赛详情',
        params: IdParams,
        response: { 200: ContestDetail, ...errors },
      },
    },
    async (request) => getContest(actorOf(request), request.params.id),
  );
  app.patch(
    '/api/contests/:id',
    {
      schema: {
        tags,
        summary: '修改比赛（轮次、评分项仅在筹备阶段可改；规则和其他奖项在成绩发布前可改）',
        params: IdParams,
        body: ContestPatchBody,
        response: { 200: ContestDetail, ...writeErrors },
      },
    },
    async (request) => updateContest(actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/contests/:id',
    {
      schema: {
        tags,
        summary: '删除尚无评分的比赛',
        params: IdParams,
        querystring: VersionQuery,
        response: { 204: z.null(), ...writeErrors },
      },
    },
    async (request, reply) => {
      await deleteContest(actorOf(request), request.params.id, request.query.version);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/contests/:id/entries',
    {
      schema: {
        tags,
        summary: '添加参赛者（按出场顺序排在最后）',
        params: IdParams,
        body: EntriesBody,
        response: { 200: ContestDetail, ...writeErrors },
      },
    },
    async (request) => addEntries(actorOf(request), request.params.id, request.body),
  );
  app.patch(
    '/api/contests/:id/entries/:entryId',
    {
      schema: {
        tags,
        summary: '修改参赛者',
        params: EntryParams,
        body: EntryPatchBody,
        response: { 200: ContestDetail, ...writeErrors },
      },
    },
    async (request) => updateEntry(actorOf(request), request.params.id, request.params.entryId, request.body),
  );
  app.delete(
    '/api/contests/:id/entries/:entryId',
    {
      schema: {
        tags,
        summary: '删除参赛者（评分开始前）',
        params: EntryParams,
        querystring: VersionQuery,
        response: { 200: ContestDetail, ...writeErrors },
      },
    },
    async (request) =>
      deleteEntry(actorOf(request), request.params.id, request.params.entryId, request.query.version),
  );
  app.get(
    '/api/contests/:id/judge-candidates',
    {
      schema: {
        tags,
        summary: '可选为评委的用户',
        params: IdParams,
        querystring: JudgeCandidateQuery,
        response: { 200: JudgeCandidates, ...errors },
      },
    },
    async (request) => judgeCandidates(actorOf(request), request.params.id, request.query.q ?? undefined),
  );
  app.post(
    '/api/contests/:id/judges',
    {
      schema: {
        tags,
        summary: '添加评委（已有用户，或新建仅能评分的评委账号）',
        params: IdParams,
        body: JudgeBody,
        response: { 200: ContestDetail, ...writeErrors },
      },
    },
    async (request) => addJudge(actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/contests/:id/judges/:judgeId',
    {
      schema: {
        tags,
        summary: '移出尚未评分的评委',
        params: JudgeParams,
        querystring: VersionQuery,
        response: { 200: ContestDetail, ...writeErrors },
      },
    },
    async (request) =>
      removeJudge(actorOf(request), request.params.id, request.params.judgeId, request.query.version),
  );
  app.post(
    '/api/contests/:id/open',
    {
      schema: {
        tags,
        summary: '开始评分',
        params: IdParams,
        body: StateBody,
        response: { 200: ContestDetail, ...writeErrors },
      },
    },
    async (request) => openScoring(actorOf(request), request.params.id, request.body.version),
  );
  app.get(
    '/api/contests/:id/sheet',
    {
      schema: {
        tags,
        summary: '评委评分表（只含本人的评分）',
        params: IdParams,
        response: { 200: JudgeSheet, ...writeErrors },
      },
    },
    async (request) => judgeSheet(actorOf(request), request.params.id),
  );
  app.put(
    '/api/contests/:id/scores',
    {
      schema: {
        tags,
        summary: '评委提交本人的评分（已提交的评分修改时须填写更正理由）',
        params: IdParams,
        body: ScoreBody,
        response: { 200: ScoreResult, ...writeErrors },
      },
    },
    async (request) => submitScores(actorOf(request), request.params.id, request.body),
  );
  app.put(
    '/api/contests/:id/scores/correction',
    {
      schema: {
        tags,
        summary: '组织者更正评委的评分（须填写理由，记录在更正记录中）',
        params: IdParams,
        body: ScoreBody,
        response: { 200: ScoreResult, ...writeErrors },
      },
    },
    async (request) => submitScores(actorOf(request), request.params.id, request.body, true),
  );
  app.get(
    '/api/contests/:id/results',
    {
      schema: {
        tags,
        summary: '比赛成绩（组织者随时可看；其他人在成绩发布后）',
        params: IdParams,
        response: { 200: ResultsView, ...writeErrors },
      },
    },
    async (request) => contestResults(actorOf(request), request.params.id),
  );
  app.get(
    '/api/contests/:id/live',
    {
      schema: {
        tags,
        summary: '现场大屏（成绩发布前只显示各轮得分，不显示单个评委的评分）',
        params: IdParams,
        response: { 200: ResultsView, ...writeErrors },
      },
    },
    async (request) => contestResults(actorOf(request), request.params.id, true),
  );
  app.post(
    '/api/contests/:id/release',
    {
      schema: {
        tags,
        summary: '发布成绩（评分全部完成后）',
        params: IdParams,
        body: StateBody,
        response: { 200: ContestDetail, ...writeErrors },
      },
    },
    async (request) => releaseResults(actorOf(request), request.params.id, request.body.version),
  );
  app.get(
    '/api/contests/:id/corrections',
    {
      schema: {
        tags,
        summary: '评分更正记录',
        params: IdParams,
        response: { 200: CorrectionList, ...errors },
      },
    },
    async (request) => listCorrections(actorOf(request), request.params.id),
  );
  app.get(
    '/api/contests/:id/notice.docx',
    { schema: { tags, summary: '比赛结果通报（Word，公文格式）', params: IdParams, response: writeErrors } },
    async (request, reply) => {
      const view = await releasedResults(actorOf(request), request.params.id);
      return sendDownload(reply, {
        filename: `关于${view.contest.name}结果的通报.docx`,
        type: DOCX_TYPE,
        body: await noticeDocx(view, today()),
      });
    },
  );
  app.get(
    '/api/contests/:id/certificates',
    {
      schema: {
        tags,
        summary: '奖状（每个获奖者一张）',
        params: IdParams,
        response: { 200: CertificateList, ...writeErrors },
      },
    },
    async (request) => {
      const view = await releasedResults(actorOf(request), request.params.id);
      return { items: certificatesOf(view, today()) };
    },
  );
  app.get(
    '/api/contests/:id/certificates.docx',
    { schema: { tags, summary: '全部奖状（Word，每页一张）', params: IdParams, response: writeErrors } },
    async (request, reply) => {
      const view = await releasedResults(actorOf(request), request.params.id);
      return sendDownload(reply, {
        filename: `${view.contest.name}奖状.docx`,
        type: DOCX_TYPE,
        body: await certificatesDocx(certificatesOf(view, today())),
      });
    },
  );
  app.get(
    '/api/contests/:id/entries/:entryId/certificate.docx',
    {
      schema: {
        tags,
        summary: '一个获奖者的奖状（Word）',
        params: CertificateParams,
        querystring: CertificateQuery,
        response: writeErrors,
      },
    },
    async (request, reply) => {
      const view = await releasedResults(actorOf(request), request.params.id);
      const items = certificatesOf(view, today()).filter(
        (c) => c.entryId === request.params.entryId && c.award === request.query.award,
      );
      if (!items.length) throw notFound('奖状');
      return sendDownload(reply, {
        filename: `${items[0]!.recipient}${items[0]!.prize}奖状.docx`,
        type: DOCX_TYPE,
        body: await certificatesDocx(items),
      });
    },
  );
}
