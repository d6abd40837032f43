/** A field-level problem in a request: which field, and why, in Chinese. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** An error meant for the user: HTTP status, stable code, Chinese message. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: FieldIssue[] | Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: FieldIssue[]) =>
  new AppError(400, 'VALIDATION_FAILED', message, details);

/** One field is wrong: 400 naming it. */
export const invalidField = (field: string, message: string) =>
  new AppError(400, 'VALIDATION_FAILED', message, [{ field, message }]);

export const unauthenticated = (message = '请先登录') => new AppError(401, 'UNAUTHENTICATED', message);

export const forbidden = (message = '您的角色没有执行此操作的权限') =>
  new AppError(403, 'FORBIDDEN', message);

/** Not found, or outside the actor's scope: the two answer the same so nothing leaks. */
export const notFound = (what = '记录') =>
  new AppError(404, 'NOT_FOUND', `${what}不存在，或不在您的管理范围内`);

export const conflict = (message: string, details?: FieldIssue[]) =>
  new AppError(409, 'CONFLICT', message, details);

export const staleVersion = () =>
  new AppError(409, 'STALE_VERSION', '该记录已被其他人修改，请刷新后查看最新内容再保存');

/** 429 with the seconds to wait, which the answer also gives as `Retry-After`. */
export const tooManyRequests = (message: string, retryAfterSeconds?: number) =>
  new AppError(
    429,
    'TOO_MANY_REQUESTS',
    message,
    retryAfterSeconds === undefined ? undefined : { retryAfterSeconds },
  );
