// Queries and the upload of the bulletin archive (`/bulletin/archive`, `/bulletin/issues/:id`).
import { api } from '../../web/api';
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
export function importIssue(file: File, options: ImportOptions): Promise<IssueImportResult> {
  return api.upload<IssueImportResult>('/api/bulletin/issues/import', file, { ...options });
}

/** 第8期, 增刊 or 增刊第2期; the number may be unknown for an old file. */
export function issueNumberLabel(issue: { number: number | null; supplement: boolean }): string {
  if (issue.supplement) return issue.number === null ? '增刊' : `增刊第${issue.number}期`;
  return issue.number === null ? '期号不详' : `第${issue.number}期`;
}
