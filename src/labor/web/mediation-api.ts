// Queries and writes of the mediation pages.
import { api, type QueryParams } from '../../web/api';
import type {
  CaseBody,
  CaseDetail,
  CasePage,
  CloseCaseBody,
  MediatorList,
  SessionBody,
} from '../mediation-contract';

export const mediationKeys = {
  all: ['labor', 'mediation'] as const,
  cases: (params: QueryParams) => ['labor', 'mediation', 'cases', params] as const,
  case: (id: string) => ['labor', 'mediation', 'case', id] as const,
  mediators: (orgId: string | undefined) => ['labor', 'mediation', 'mediators', orgId ?? ''] as const,
};

export const fetchCases = (params: QueryParams) => api.get<CasePage>('/api/labor/mediation/cases', params);
export const fetchCase = (id: string) => api.get<CaseDetail>(`/api/labor/mediation/cases/${id}`);
export const createCase = (body: CaseBody) => api.post<CaseDetail>('/api/labor/mediation/cases', body);
export const addSession = (id: string, body: SessionBody) =>
  api.post<CaseDetail>(`/api/labor/mediation/cases/${id}/sessions`, body);
export const closeCase = (id: string, body: CloseCaseBody) =>
  api.post<CaseDetail>(`/api/labor/mediation/cases/${id}/close`, body);
export const fetchMediators = (orgId?: string) =>
  api.get<MediatorList>('/api/labor/mediation/mediators', { orgId });
export const agreementUrl = (id: string) => `/api/labor/mediation/cases/${id}/agreement.docx`;
