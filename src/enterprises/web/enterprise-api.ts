// Queries and writes of the enterprise pages, and the import's multipart upload.
import type { QueryClient } from '@tanstack/react-query';
import { api, ApiError, type QueryParams } from '../../web/api';
import { ME_KEY } from '../../web/auth';
import type { JobView } from '../../platform/shared/jobs-contract';
import type { EnterpriseDetail, EnterpriseListPage } from '../contract';
import type { ListState } from './enterprise-format';

export const enterpriseKeys = {
  all: ['enterprises'] as const,
  list: (state: ListState) => ['enterprises', 'list', state] as const,
  count: (state: ListState) => ['enterprises', 'count', { ...state, page: 1 }] as const,
  detail: (id: string) => ['enterprises', 'detail', id] as const,
};

/**
 * A page of the registry. `after` (the previous page's nextCursor) makes a deep page an index
 * range; `exactTotal` counts every match even where the server would estimate.
 */
export function fetchEnterprises(
  state: ListState,
  options: { after?: string; exactTotal?: boolean } = {},
): Promise<EnterpriseListPage> {
  return api.get<EnterpriseListPage>('/api/enterprises', {
    ...state,
    after: options.after,
    exactTotal: options.exactTotal ? 'true' : undefined,
  } satisfies QueryParams);
}

export function fetchEnterprise(id: string): Promise<EnterpriseDetail> {
  return api.get<EnterpriseDetail>(`/api/enterprises/${encodeURIComponent(id)}`);
}

/** After a write: lists and details reload (the home page's counts too). */
export async function invalidateEnterprises(queryClient: QueryClient) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: enterpriseKeys.all }),
    queryClient.invalidateQueries({ queryKey: ['home'] }),
  ]);
}

export const TEMPLATE_HREF = '/api/enterprises/import-template.xlsx';
export const errorReportHref = (jobId: string) =>
  `/api/enterprises/imports/${encodeURIComponent(jobId)}/errors.xlsx`;

/** What a finished import job carries (the server's ImportResult; not part of a contract yet). */
export interface ImportResultView {
  dryRun: boolean;
  committed: boolean;
  rows: number;
  created: number;
  updated: number;
  facts: number;
  errorCount: number;
  errors: { row: number; column: string; value: string; reason: string }[];
  warnings: string[];
  hasReport: boolean;
}

function isImportResult(value: unknown): value is ImportResultView {
  const v = value as Partial<ImportResultView> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.rows === 'number' &&
    Array.isArray(v.errors) &&
    Array.isArray(v.warnings)
  );
}

/** The import's figures of a job: its result on success, `result.details` on rejection. */
export function importResultOf(job: JobView): ImportResultView | null {
  if (job.state === 'succeeded') return isImportResult(job.result) ? job.result : null;
  if (job.state === 'failed') {
    const details = (job.result as { details?: unknown } | null)?.details;
    return isImportResult(details) ? details : null;
  }
  return null;
}

export const isDryRunJob = (job: JobView) => job.kind.endsWith('.dryRun');

export function fetchJob(id: string): Promise<JobView> {
  return api.get<JobView>(`/api/jobs/${encodeURIComponent(id)}`);
}

/**
 * Sends a file to `POST /api/enterprises/imports` (XMLHttpRequest, for the upload's progress)
 * and resolves with the job the server started.
 */
export function uploadImport(
  file: File,
  dryRun: boolean,
  queryClient: QueryClient,
  onProgress: (percent: number) => void,
): Promise<JobView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/enterprises/imports${dryRun ? '?dryRun=true' : ''}`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试'));
    xhr.onload = () => {
      let payload: unknown = null;
      try {
        payload = JSON.parse(xhr.responseText);
      } catch {
        payload = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(payload as JobView);
        return;
      }
      // The session ended: reloading "me" sends the app to the login page.
      if (xhr.status === 401) void queryClient.invalidateQueries({ queryKey: ME_KEY });
      const error = (payload as { error?: { code?: string; message?: string; details?: unknown } } | null)
        ?.error;
      reject(
        error?.message
          ? new ApiError(xhr.status, error.code ?? `HTTP_${xhr.status}`, error.message, error.details)
          : new ApiError(xhr.status, `HTTP_${xhr.status}`, `上传失败（${xhr.status}），请稍后重试`),
      );
    };
    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
}
