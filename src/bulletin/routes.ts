import { requireAccess } from '../platform/access';
import { DOCX_TYPE, sendDownload } from '../platform/downloads';
import { actorOf, type HttpApp } from '../platform/http';
import { withUpload } from '../platform/uploads';
import { ErrorBody, IdParams } from '../platform/shared/api';
import {
  adoptSubmission,
  mergeSubmissions,
  rejectSubmission,
  returnSubmission,
  submitSubmission,
} from './adopt';
import { getIssue, importLegacyBulletin, listIssues } from './archive';
import { listColumns, setColumns } from './columns';
import {
  AdoptBody,
  ColumnList,
  ColumnsBody,
  IssueImportQuery,
  IssueImportResult,
  IssueListQuery,
  IssuePage,
  IssueView,
  MergeBody,
  SearchPage,
  SearchQuery,
  RejectBody,
  ReturnBody,
  SubmissionCreateBody,
  SubmissionDetail,
  SubmissionListQuery,
  SubmissionPage,
  SubmissionPatchBody,
  TransitionBody,
  ARCHIVE_LIMITS,
} from './contract';
import { compileRoutes } from './compile-routes';
import { imageRoutes } from './images';
import { searchBulletin } from './search';
import { createSubmission, getSubmission, listSubmissions, updateSubmission } from './service';
import { exportIssueDocx } from './word';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['bulletin'];

/** Routes of information reporting: submissions, adoption, columns and notifications. */
export function bulletinRoutes(app: HttpApp) {
  app.get(
    '/api/bulletin/submissions',
    {
      schema: {
        tags,
        summary: '稿件列表（信息员：本单位；编辑：管理范围内）',
        querystring: SubmissionListQuery,
        response: { 200: SubmissionPage, ...errors },
      },
    },
    async (request) => listSubmissions(actorOf(request), request.query),
  );
  app.post(
    '/api/bulletin/submissions',
    {
      schema: {
        tags,
        summary: '新建稿件（草稿）',
        body: SubmissionCreateBody,
        response: { 200: SubmissionDetail, ...errors },
      },
    },
    async (request) => createSubmission(actorOf(request), request.body),
  );
  // Registered before /:id so that "merge" is never read as an id.
  app.post(
    '/api/bulletin/submissions/merge',
    {
      schema: {
        tags,
        summary: '合并多篇稿件为一篇采用稿，署名所有来源单位',
        body: MergeBody,
        response: { 200: SubmissionDetail, ...errors },
      },
    },
    async (request) => mergeSubmissions(actorOf(request), request.body),
  );
  app.get(
    '/api/bulletin/submissions/:id',
    {
      schema: {
        tags,
        summary: '稿件详情：原稿、编辑稿及处理记录',
        params: IdParams,
        response: { 200: SubmissionDetail, ...errors },
      },
    },
    async (request) => getSubmission(actorOf(request), request.params.id),
  );
  app.patch(
    '/api/bulletin/submissions/:id',
    {
      schema: {
        tags,
        summary: '修改稿件（信息员改草稿或退回稿；编辑改采用稿的编辑稿、栏目、采用方式）',
        params: IdParams,
        body: SubmissionPatchBody,
        response: { 200: SubmissionDetail, ...errors },
      },
    },
    async (request) => updateSubmission(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/bulletin/submissions/:id/submit',
    {
      schema: {
        tags,
        summary: '报送（或修改后重新报送）',
        params: IdParams,
        body: TransitionBody,
        response: { 200: SubmissionDetail, ...errors },
      },
    },
    async (request) => submitSubmission(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/bulletin/submissions/:id/return',
    {
      schema: {
        tags,
        summary: '退回修改（附意见）',
        params: IdParams,
        body: ReturnBody,
        response: { 200: SubmissionDetail, ...errors },
      },
    },
    async (request) => returnSubmission(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/bulletin/submissions/:id/adopt',
    {
      schema: {
        tags,
        summary: '采用：选择栏目与采用方式，可附编辑稿',
        params: IdParams,
        body: AdoptBody,
        response: { 200: SubmissionDetail, ...errors },
      },
    },
    async (request) => adoptSubmission(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/bulletin/submissions/:id/reject',
    {
      schema: {
        tags,
        summary: '不予采用（附理由）',
        params: IdParams,
        body: RejectBody,
        response: { 200: SubmissionDetail, ...errors },
      },
    },
    async (request) => rejectSubmission(actorOf(request), request.params.id, request.body),
  );
  imageRoutes(app);
  compileRoutes(app);
  app.get(
    '/api/bulletin/columns',
    { schema: { tags, summary: '简报栏目', response: { 200: ColumnList, ...errors } } },
    async (request) => listColumns(actorOf(request)),
  );
  app.put(
    '/api/bulletin/columns',
    {
      schema: {
        tags,
        summary: '设置简报栏目（顺序、名称、启用）',
        body: ColumnsBody,
        response: { 200: ColumnList, ...errors },
      },
    },
    async (request) => setColumns(actorOf(request), request.body),
  );
  app.get(
    '/api/bulletin/search',
    {
      schema: {
        tags,
        summary: '信息检索：稿件与往期简报全文检索（分词、按相关度排序、标出命中词）',
        querystring: SearchQuery,
        response: { 200: SearchPage, ...errors },
      },
    },
    async (request) => searchBulletin(actorOf(request), request.query),
  );
  app.get(
    '/api/bulletin/issues',
    {
      schema: {
        tags,
        summary: '简报期次列表（按年份、期号倒序）',
        querystring: IssueListQuery,
        response: { 200: IssuePage, ...errors },
      },
    },
    async (request) => listIssues(actorOf(request), request.query),
  );
  // Registered before /:id so that "import" is never read as an id.
  app.post(
    '/api/bulletin/issues/import',
    {
      schema: {
        tags,
        summary: '导入往期简报（.txt 或 .docx），存为历史存档期次',
        consumes: ['multipart/form-data'],
        querystring: IssueImportQuery,
        response: { 200: IssueImportResult, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireAccess(actor, 'bulletin:edit');
      return withUpload(request, { maxBytes: ARCHIVE_LIMITS.bytes, what: '简报文件' }, (upload) =>
        importLegacyBulletin(actor, {
          filePath: upload.path,
          originalName: upload.fileName,
          series: request.query.series,
          year: request.query.year,
          number: request.query.number,
        }),
      );
    },
  );
  app.get(
    '/api/bulletin/issues/:id',
    {
      schema: {
        tags,
        summary: '简报期次：各栏目的信息、来源单位与发送范围',
        params: IdParams,
        response: { 200: IssueView, ...errors },
      },
    },
    async (request) => getIssue(actorOf(request), request.params.id),
  );
  app.get(
    '/api/bulletin/issues/:id/export.docx',
    {
      schema: {
        tags,
        summary: '导出期次为 Word 文档（公文格式；仅限已出刊或历史存档的期次）',
        params: IdParams,
        response: errors,
      },
    },
    async (request, reply) => {
      const file = await exportIssueDocx(actorOf(request), request.params.id);
      return sendDownload(reply, { filename: file.filename, type: DOCX_TYPE, body: file.content });
    },
  );
}
