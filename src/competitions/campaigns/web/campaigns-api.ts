// Queries and writes of the labour competitions' pages.
import { api, type QueryParams } from '../../../web/api';
import type {
  CampaignBody,
  CampaignDetail,
  CampaignPage,
  CampaignPatchBody,
  CommendationBody,
  FigureAcceptBody,
  IndicatorBody,
  ParticipantBody,
  SourceList,
  TotalsView,
  ValueBody,
  ValuePage,
  ValueView,
} from '../contract';

const BASE = '/api/competitions/campaigns';

export const campaignKeys = {
  all: ['competitions', 'campaigns'] as const,
  list: (params: QueryParams) => ['competitions', 'campaigns', 'list', params] as const,
  one: (id: string) => ['competitions', 'campaigns', 'one', id] as const,
  values: (id: string, params: QueryParams) => ['competitions', 'campaigns', 'values', id, params] as const,
  totals: (id: string, params: QueryParams) => ['competitions', 'campaigns', 'totals', id, params] as const,
  sources: (id: string) => ['competitions', 'campaigns', 'sources', id] as const,
  search: (id: string, q: string) => ['competitions', 'campaigns', 'search', id, q] as const,
};

export const fetchCampaigns = (params: QueryParams) => api.get<CampaignPage>(BASE, params);
export const fetchCampaign = (id: string) => api.get<CampaignDetail>(`${BASE}/${id}`);
export const createCampaign = (body: CampaignBody) => api.post<CampaignDetail>(BASE, body);
export const updateCampaign = (id: string, body: CampaignPatchBody) =>
  api.patch<CampaignDetail>(`${BASE}/${id}`, body);
export const setUnits = (id: string, version: number, orgIds: string[]) =>
  api.put<CampaignDetail>(`${BASE}/${id}/units`, { version, orgIds });
export const addParticipant = (id: string, body: ParticipantBody) =>
  api.post<CampaignDetail>(`${BASE}/${id}/participants`, body);
export const removeParticipant = (id: string, childId: string, version: number) =>
  api.delete<CampaignDetail>(`${BASE}/${id}/participants/${childId}`, { version });
export const addIndicator = (id: string, body: IndicatorBody) =>
  api.post<CampaignDetail>(`${BASE}/${id}/indicators`, body);
export const removeIndicator = (id: string, childId: string, version: number) =>
  api.delete<CampaignDetail>(`${BASE}/${id}/indicators/${childId}`, { version });
export const fetchValues = (id: string, params: QueryParams) =>
  api.get<ValuePage>(`${BASE}/${id}/values`, params);
export const reportValue = (id: string, body: ValueBody) => api.put<ValueView>(`${BASE}/${id}/values`, body);
export const acceptValue = (id: string, valueId: string, version: number) =>
  api.post<ValueView>(`${BASE}/${id}/values/${valueId}/accept`, { version });
export const returnValue = (id: string, valueId: string, version: number, reason: string) =>
  api.post<ValueView>(`${BASE}/${id}/values/${valueId}/return`, { version, reason });
export const fetchTotals = (id: string, params: QueryParams) =>
  api.get<TotalsView>(`${BASE}/${id}/totals`, params);
export const totalsExportPath = `${BASE}/totals.xlsx`;
export const addCommendation = (id: string, body: CommendationBody) =>
  api.post<CampaignDetail>(`${BASE}/${id}/commendations`, body);
export const removeCommendation = (id: string, childId: string, version: number) =>
  api.delete<CampaignDetail>(`${BASE}/${id}/commendations/${childId}`, { version });
export const fetchSources = (id: string) => api.get<SourceList>(`${BASE}/${id}/sources`);
export const searchSources = (id: string, q: string) =>
  api.get<SourceList>(`${BASE}/${id}/sources/search`, { q: q || undefined });
export const linkSource = (id: string, itemId: string) =>
  api.post<SourceList>(`${BASE}/${id}/sources`, { itemId });
export const acceptFigure = (id: string, itemId: string, position: number, body: FigureAcceptBody) =>
  api.post<ValueView>(`${BASE}/${id}/sources/${itemId}/figures/${position}/accept`, body);
