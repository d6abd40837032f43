// Queries and writes of information reporting (信息报送) as the web pages use them: the items,
// their state changes, the columns and the notifications.
import type { QueryClient } from '@tanstack/react-query';
import { api } from '../../web/api';
import { notificationKeys } from '../../web/components/notification-bell';
import type {
  AdoptBody,
  ColumnList,
  ColumnsBody,
  MergeBody,
  RejectBody,
  ReturnBody,
  SubmissionCreateBody,
  SubmissionDetail,
  SubmissionImageView,
  SubmissionPage,
  SubmissionPatchBody,
  SubmissionState,
} from '../contract';

/** A list of items as the pages keep it in the address bar. */
export interface SubmissionListState {
  state?: SubmissionState;
  q?: string;
  orgId?: string;
  columnId?: string;
  from?: string;
  to?: string;
  mine?: boolean;
  page: number;
  pageSize: number;
}

export const submissionKeys = {
  all: ['bulletin', 'submissions'] as const,
  list: (state: SubmissionListState) => ['bulletin', 'submissions', 'list', state] as const,
  detail: (id: string) => ['bulletin', 'submissions', 'detail', id] as const,
  columns: ['bulletin', 'columns'] as const,
};

export function fetchSubmissions(state: SubmissionListState): Promise<SubmissionPage> {
  return api.get<SubmissionPage>('/api/bulletin/submissions', {
    ...state,
    mine: state.mine ? 'true' : undefined,
  });
}

const itemPath = (id: string) => `/api/bulletin/submissions/${encodeURIComponent(id)}`;

export function fetchSubmission(id: string): Promise<SubmissionDetail> {
  return api.get<SubmissionDetail>(itemPath(id));
}

export function createSubmission(body: SubmissionCreateBody): Promise<SubmissionDetail> {
  return api.post<SubmissionDetail>('/api/bulletin/submissions', body);
}

export function updateSubmission(id: string, body: SubmissionPatchBody): Promise<SubmissionDetail> {
  return api.patch<SubmissionDetail>(itemPath(id), body);
}

export function submitSubmission(id: string, version: number): Promise<SubmissionDetail> {
  return api.post<SubmissionDetail>(`${itemPath(id)}/submit`, { version });
}

export function returnSubmission(id: string, body: ReturnBody): Promise<SubmissionDetail> {
  return api.post<SubmissionDetail>(`${itemPath(id)}/return`, body);
}

export function rejectSubmission(id: string, body: RejectBody): Promise<SubmissionDetail> {
  return api.post<SubmissionDetail>(`${itemPath(id)}/reject`, body);
}

export function adoptSubmission(id: string, body: AdoptBody): Promise<SubmissionDetail> {
  return api.post<SubmissionDetail>(`${itemPath(id)}/adopt`, body);
}

export function mergeSubmissions(body: MergeBody): Promise<SubmissionDetail> {
  return api.post<SubmissionDetail>('/api/bulletin/submissions/merge', body);
}

export function uploadImage(id: string, file: File): Promise<SubmissionImageView> {
  return api.upload<SubmissionImageView>(`${itemPath(id)}/images`, file);
}

export function deleteImage(image: SubmissionImageView): Promise<{ ok: true }> {
  return api.delete<{ ok: true }>(image.url);
}

export function fetchColumns(): Promise<ColumnList> {
  return api.get<ColumnList>('/api/bulletin/columns');
}

export function saveColumns(body: ColumnsBody): Promise<ColumnList> {
  return api.put<ColumnList>('/api/bulletin/columns', body);
}

/** After any change of an item: lists, the item and the notifications reload. */
export async function invalidateSubmissions(queryClient: QueryClient) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: submissionKeys.all }),
    queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  ]);
}
