// The web app's HTTP client: JSON over fetch with the session cookie, one error type for every
// failure the server (or the network) can produce.

/** A field-level problem reported by the server with a 400. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** Any failed request: HTTP status (0 for network failures), stable code and a Chinese message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The `details` of a validation error, when the server named the fields. */
  get fieldIssues(): FieldIssue[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldIssue =>
        typeof d === 'object' &&
        d !== null &&
        typeof (d as FieldIssue).field === 'string' &&
        typeof (d as FieldIssue).message === 'string',
    );
  }

  /** Someone else saved the record since it was loaded. */
  get isStale(): boolean {
    return this.status === 409 && this.code === 'STALE_VERSION';
  }
}

export const STALE_MESSAGE = '该记录已被其他人修改，已为您重新载入最新内容，请核对后再保存';

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

let onUnauthenticated: (() => void) | null = null;

/** Registers what happens when the session is gone (the app sends the user to the login page). */
export function setUnauthenticatedHandler(handler: () => void) {
  onUnauthenticated = handler;
}

/** `?a=1&b=x`, leaving out empty values. */
export function queryString(params: QueryParams | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  /** A multipart body (a file upload), sent as is. */
  form?: FormData;
  /** A 401 here is an answer (e.g. wrong password), not an expired session. */
  allow401?: boolean;
}

function errorFrom(status: number, payload: unknown): ApiError {
  const error = (payload as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)
    ?.error;
  if (error && typeof error.message === 'string') {
    return new ApiError(
      status,
      typeof error.code === 'string' ? error.code : `HTTP_${status}`,
      error.message,
      error.details,
    );
  }
  return new ApiError(status, `HTTP_${status}`, `服务器返回错误（${status}），请稍后重试`);
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | FormData | undefined = options.form;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path + queryString(options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  const text = await response.text();
  let payload: unknown = null;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = null;
    }
  }
  if (!response.ok) {
    const error = errorFrom(response.status, payload);
    if (response.status === 401 && !options.allow401) onUnauthenticated?.();
    throw error;
  }
  return payload as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, options: Pick<RequestOptions, 'allow401'> = {}) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('POST', path, { ...options, body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string, query?: QueryParams) => request<T>('DELETE', path, { query }),
  /** Sends one file as the multipart field `file`. */
  upload: <T>(path: string, file: File, query?: QueryParams) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<T>('POST', path, { query, form });
  },
};

/** The message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return `出错了：${error.message}`;
  return '出错了，请稍后重试';
}
