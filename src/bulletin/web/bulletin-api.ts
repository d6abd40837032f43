// Queries and the upload of the bulletin archive (`/bulletin/archive`, `/bulletin/issues/:id`).
import type { QueryClient } from '@tanstack/react-query';
import { ApiError, api, queryString } from '../../web/api';
import { ME_KEY } from '../../web/auth';
import type { IssueImportResult, IssuePage, IssueView } from '../contract';

export interface ArchiveState {
  year?: number;
  page: number;
  pageSize: number;
}

export interface ImportOptions {
  year?: number;
  number?: number;
}

export const issueKeys = {
  all: ['bulletin', 'issues'] as const,
  list: (state: ArchiveState) => ['bulletin', 'issues', 'list', state] as const,
  detail: (id: string) => ['bulletin', 'issues', 'detail', id] as const,
};

export function fetchIssues(state: ArchiveState): Promise<IssuePage> {
  return api.get<IssuePage>('/api/bulletin/issues', { ...state });
}

export function fetchIssue(id: string): Promise<IssueView> {
  return api.get<IssueView>(`/api/bulletin/issues/${encodeURIComponent(id)}`);
}

/** Sends one legacy file to `POST /api/bulletin/issues/import`; refusals come as an ApiError. */
export async function importIssue(
  file: File,
  options: ImportOptions,
  queryClient: QueryClient,
): Promise<IssueImportResult> {
  const body = new FormData();
  body.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`/api/bulletin/issues/import${queryString({ ...options })}`, {
      method: 'POST',
      body,
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  const payload = (await response.json().catch(() => null)) as
    IssueImportResult | { error?: { code?: string; message?: string; details?: unknown } } | null;
  if (response.ok) return payload as IssueImportResult;
  // The session ended: reloading "me" sends the app to the login page.
  if (response.status === 401) void queryClient.invalidateQueries({ queryKey: ME_KEY });
  const error = payload && 'error' in payload ? payload.error : undefined;
  throw error?.message
    ? new ApiError(response.status, error.code ?? `HTTP_${response.status}`, error.message, error.details)
    : new ApiError(response.status, `HTTP_${response.status}`, `上传失败（${response.status}），请稍后重试`);
}

/** 第8期, 增刊 or 增刊第2期; the number may be unknown for an old file. */
export function issueNumberLabel(issue: { number: number | null; supplement: boolean }): string {
  if (issue.supplement) return issue.number === null ? '增刊' : `增刊第${issue.number}期`;
  return issue.number === null ? '期号不详' : `第${issue.number}期`;
}

/** `2012-08-15` → `2012年8月15日`. */
export function chineseDate(date: string | null): string | null {
  if (!date) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}
