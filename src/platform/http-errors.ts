// The one place where a failure becomes an HTTP answer (DESIGN rule 6): the platform's own errors,
// schema validation, the framework's parse and URL errors, upload errors and database errors,
// wrapped or bare. What is the client's doing answers 4xx with a Chinese message and, where it is
// known, the field; everything else is a 500 that is logged with the request id it also carries.
import type { FastifyError, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldIssue } from './errors';
import { DbError } from './db/types';
import { toStorable } from './shared/api';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId?: string };
}

/** The field a validation issue names; a hostile key is shown with its bad characters replaced. */
function fieldName(instancePath: string): string {
  const name = instancePath.replace(/^\//, '').replaceAll('/', '.') || '(请求体)';
  const shown = toStorable(name);
  return shown.length > 100 ? `${shown.slice(0, 100)}…` : shown;
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The database error inside `err`: the ORM wraps the driver's error as its `cause`. */
function dbErrorOf(err: unknown): DbError | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (current instanceof DbError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const reply = (status: number, code: string, message: string, details?: unknown) => ({
  status,
  body: {
    error: { code, message: toStorable(message), ...(details === undefined ? {} : { details }) },
  } as ErrorBody,
});

/** A database error caused by what the client sent, as a 4xx; undefined for the server's own faults. */
function fromDatabase(err: DbError) {
  const code = err.code ?? '';
  const field = err.column ? camel(err.column) : undefined;
  const details = field ? [{ field, message: '取值不正确' }] : undefined;
  if (code === '23505') return reply(409, 'CONFLICT', '与已有数据重复');
  if (code === '23503')
    return /still referenced/.test(err.detail ?? err.message)
      ? reply(409, 'CONFLICT', '该记录仍被其他数据引用，不能删除')
      : reply(400, 'VALIDATION_FAILED', '引用的记录不存在', details);
  if (code === '23502' || code === '23514')
    return reply(
      400,
      'VALIDATION_FAILED',
      field ? `字段 ${field} 的取值不符合要求` : '数据不符合要求',
      details,
    );
  if (code === '22001') return reply(400, 'VALIDATION_FAILED', '文本过长', details);
  if (code === '22003') return reply(400, 'VALIDATION_FAILED', '数值超出范围', details);
  if (code === '22021' || code === '22P05')
    return reply(400, 'VALIDATION_FAILED', '含有无法保存的字符（空字符或不成对的代理字符）', details);
  if (code === '22007' || code === '22008')
    return reply(400, 'VALIDATION_FAILED', '日期或时间不正确', details);
  // The rest of class 22 (data exceptions): a value of the wrong form reached a statement.
  if (code.startsWith('22')) return reply(400, 'VALIDATION_FAILED', '参数格式不正确', details);
  if (code === '54000') return reply(413, 'TOO_LARGE', '内容过大，超出了可处理的范围');
  if (code === '40001' || code === '40P01') return reply(409, 'RETRY', '数据正被他人同时修改，请稍后重试');
  if (code === '57014') return reply(503, 'TIMEOUT', '处理超时，请缩小范围后重试');
  return undefined;
}

/** Errors of the framework and of the upload parser that are the client's doing. */
function fromFramework(fe: FastifyError & { statusCode?: number }) {
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return reply(400, 'BAD_JSON', '请求内容不是有效的 JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return reply(413, 'TOO_LARGE', '请求内容过大');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return reply(415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的请求内容类型');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return reply(400, 'BAD_UPLOAD', '请以 multipart/form-data 表单上传文件');
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return reply(400, 'BAD_URL', '请求地址不正确');
    default:
  }
  if (fe instanceof SyntaxError && fe.statusCode === 400)
    return reply(400, 'BAD_JSON', '请求内容不是有效的 JSON');
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500)
    return reply(fe.statusCode, fe.code ?? 'BAD_REQUEST', '请求不正确');
  return undefined;
}

/** The status and body that answer `err`; a 500 is logged with the request id its body carries. */
export function errorResponse(err: unknown, request: FastifyRequest): { status: number; body: ErrorBody } {
  if (err instanceof AppError) return reply(err.status, err.code, err.message, err.details);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details: FieldIssue[] = err.validation.map((v) => ({
      field: fieldName(v.instancePath),
      // The locale's messages may quote what was sent (an unknown key): keep it showable.
      message: toStorable(v.message ?? '格式不正确'),
    }));
    const first = details[0];
    const where =
      err.validationContext === 'querystring'
        ? '查询参数'
        : err.validationContext === 'params'
          ? '路径参数'
          : '';
    return reply(
      400,
      'VALIDATION_FAILED',
      first ? `${where}字段 ${first.field} 不正确：${first.message}` : '请求参数不正确',
      details,
    );
  }
  const db = dbErrorOf(err);
  const known = db ? fromDatabase(db) : fromFramework(err as FastifyError);
  if (known) return known;
  logServerError(err, request);
  const out = reply(500, 'INTERNAL', `服务器内部错误，请稍后重试或联系管理员（请求编号 ${request.id}）`);
  out.body.error.requestId = request.id;
  return out;
}

/** Every 500 reaches the log with its request id, whether or not requests are logged. */
export function logServerError(err: unknown, request: FastifyRequest) {
  const line = {
    level: 'error',
    time: new Date().toISOString(),
    requestId: request.id,
    method: request.method,
    url: request.url.split('?')[0],
    error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),
  };
  // With the request logger on, pino writes it; otherwise standard error does.
  if (request.log.level !== 'silent') request.log.error({ err, requestId: request.id }, 'unhandled error');
  else process.stderr.write(`${JSON.stringify(line)}\n`);
}
