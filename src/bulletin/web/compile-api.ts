// Queries and commands of issue compilation (`/bulletin/issues/:id/compile`).
import { api } from '../../web/api';
import type { IssueCompileView, IssueCreateBody, IssueLayoutBody } from '../contract';

export const compileKeys = {
  detail: (id: string) => ['bulletin', 'issues', 'compile', id] as const,
};

export function fetchCompileView(id: string): Promise<IssueCompileView> {
  return api.get<IssueCompileView>(`/api/bulletin/issues/${encodeURIComponent(id)}/compile`);
}

export function createIssue(body: IssueCreateBody): Promise<{ id: string }> {
  return api.post<{ id: string }>('/api/bulletin/issues', body);
}

export function saveLayout(id: string, body: IssueLayoutBody): Promise<IssueCompileView> {
  return api.put<IssueCompileView>(`/api/bulletin/issues/${encodeURIComponent(id)}/layout`, body);
}

export function publishIssue(id: string, version: number): Promise<{ id: string; items: number }> {
  return api.post<{ id: string; items: number }>(`/api/bulletin/issues/${encodeURIComponent(id)}/publish`, {
    version,
  });
}

export function deleteIssue(id: string, version: number): Promise<void> {
  return api.delete<void>(`/api/bulletin/issues/${encodeURIComponent(id)}`, { version });
}
