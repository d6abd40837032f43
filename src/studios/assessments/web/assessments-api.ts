// Queries and writes of the assessment pages.
import { api, type QueryParams } from '../../../web/api';
import type {
  AssessmentDetail,
  AssessmentPage,
  BulletinItemList,
  FlagBody,
  OpenBody,
  OpenResult,
  ReviewBody,
  ScoreBody,
  SheetBody,
  SheetEditBody,
  SheetList,
  SheetView,
  SummaryView,
} from '../contract';

export const ASSESSMENTS_API = '/api/studios/assessments';
export const SHEETS_API = '/api/studios/assessment-sheets';

export const assessmentKeys = {
  all: ['studioAssessments'] as const,
  list: (params: QueryParams) => ['studioAssessments', 'list', params] as const,
  one: (id: string) => ['studioAssessments', 'one', id] as const,
  summary: (year: number | undefined) => ['studioAssessments', 'summary', year ?? null] as const,
  sheets: ['studioAssessments', 'sheets'] as const,
  items: (q: string) => ['studioAssessments', 'items', q] as const,
};

export const fetchAssessments = (params: QueryParams) => api.get<AssessmentPage>(ASSESSMENTS_API, params);
export const fetchAssessment = (id: string) => api.get<AssessmentDetail>(`${ASSESSMENTS_API}/${id}`);
export const fetchSummary = (year: number | undefined) =>
  api.get<SummaryView>(`${ASSESSMENTS_API}/summary`, { year });
export const fetchSheets = () => api.get<SheetList>(SHEETS_API);
export const fetchBulletinItems = (q: string) =>
  api.get<BulletinItemList>(`${ASSESSMENTS_API}/bulletin-items`, { q: q || undefined });
export const createSheet = (body: SheetBody) => api.post<SheetView>(SHEETS_API, body);
export const updateSheet = (id: string, body: SheetEditBody) =>
  api.put<SheetView>(`${SHEETS_API}/${id}`, body);
export const openYear = (body: OpenBody) => api.post<OpenResult>(`${ASSESSMENTS_API}/open`, body);
export const scoreAssessment = (id: string, body: ScoreBody) =>
  api.put<AssessmentDetail>(`${ASSESSMENTS_API}/${id}/score`, body);
export const reviewAssessment = (id: string, body: ReviewBody) =>
  api.post<AssessmentDetail>(`${ASSESSMENTS_API}/${id}/review`, body);
export const flagAssessment = (id: string, body: FlagBody) =>
  api.post<AssessmentDetail>(`${ASSESSMENTS_API}/${id}/flag`, body);
