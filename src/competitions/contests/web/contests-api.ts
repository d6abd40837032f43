// Queries and writes of the contest pages.
import { api, type QueryParams } from '../../../web/api';
import type {
  CertificateView,
  ContestCreateBody,
  ContestDetail,
  ContestPage,
  ContestPatchBody,
  CorrectionView,
  JudgeBody,
  JudgeSheet,
  ResultsView,
  ScoreBody,
} from '../contract';

export const contestKeys = {
  all: ['contests'] as const,
  list: (params: QueryParams) => ['contests', 'list', params] as const,
  one: (id: string) => ['contests', 'one', id] as const,
  results: (id: string, live: boolean) => ['contests', 'results', id, live] as const,
  sheet: (id: string) => ['contests', 'sheet', id] as const,
  judging: ['contests', 'judging'] as const,
  corrections: (id: string) => ['contests', 'corrections', id] as const,
  certificates: (id: string) => ['contests', 'certificates', id] as const,
  candidates: (id: string, q: string) => ['contests', 'candidates', id, q] as const,
};

export const fetchContests = (params: QueryParams) => api.get<ContestPage>('/api/contests', params);
export const fetchContest = (id: string) => api.get<ContestDetail>(`/api/contests/${id}`);
export const createContest = (body: ContestCreateBody) => api.post<ContestDetail>('/api/contests', body);
export const patchContest = (id: string, body: ContestPatchBody) =>
  api.patch<ContestDetail>(`/api/contests/${id}`, body);
export const deleteContest = (id: string, version: number) =>
  api.delete<null>(`/api/contests/${id}`, { version });
export const addEntries = (
  id: string,
  entries: { name: string; unitName?: string | null; orgId?: string | null; members?: string | null }[],
) => api.post<ContestDetail>(`/api/contests/${id}/entries`, { entries });
export const patchEntry = (
  id: string,
  entryId: string,
  body: { version: number; name?: string; unitName?: string | null; members?: string | null; seq?: number },
) => api.patch<ContestDetail>(`/api/contests/${id}/entries/${entryId}`, body);
export const deleteEntry = (id: string, entryId: string, version: number) =>
  api.delete<ContestDetail>(`/api/contests/${id}/entries/${entryId}`, { version });
export const fetchCandidates = (id: string, q: string) =>
  api.get<{ items: { id: string; name: string; username: string; unit: string }[] }>(
    `/api/contests/${id}/judge-candidates`,
    { q: q || undefined },
  );
export const addJudge = (id: string, body: JudgeBody) =>
  api.post<ContestDetail>(`/api/contests/${id}/judges`, body);
export const removeJudge = (id: string, judgeId: string, version: number) =>
  api.delete<ContestDetail>(`/api/contests/${id}/judges/${judgeId}`, { version });
export const openScoring = (id: string, version: number) =>
  api.post<ContestDetail>(`/api/contests/${id}/open`, { version });
export const releaseResults = (id: string, version: number) =>
  api.post<ContestDetail>(`/api/contests/${id}/release`, { version });
export const fetchResults = (id: string, live: boolean) =>
  api.get<ResultsView>(`/api/contests/${id}/${live ? 'live' : 'results'}`);
export const fetchSheet = (id: string) => api.get<JudgeSheet>(`/api/contests/${id}/sheet`);
export const fetchJudging = () =>
  api.get<{
    items: { id: string; name: string; heldOn: string; state: ContestDetail['state']; missing: number }[];
  }>('/api/contests/judging');
export const submitScores = (id: string, body: ScoreBody) =>
  api.put<{ corrected: number; given: number }>(`/api/contests/${id}/scores`, body);
export const correctScores = (id: string, body: ScoreBody) =>
  api.put<{ corrected: number; given: number }>(`/api/contests/${id}/scores/correction`, body);
export const fetchCorrections = (id: string) =>
  api.get<{ items: CorrectionView[] }>(`/api/contests/${id}/corrections`);
export const fetchCertificates = (id: string) =>
  api.get<{ items: CertificateView[] }>(`/api/contests/${id}/certificates`);
export const noticeUrl = (id: string) => `/api/contests/${id}/notice.docx`;
export const certificatesUrl = (id: string) => `/api/contests/${id}/certificates.docx`;
export const certificateUrl = (id: string, entryId: string, award: string) =>
  `/api/contests/${id}/entries/${entryId}/certificate.docx?award=${encodeURIComponent(award)}`;
