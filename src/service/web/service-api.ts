// Queries and writes of the cadre service programme's pages.
import { api, type QueryParams } from '../../web/api';
import type { PictureView } from '../../platform/shared/pictures-contract';
import type {
  CampaignBody,
  CampaignList,
  CampaignTotalsView,
  CampaignView,
  CampaignVisitBody,
  CampaignVisitPage,
  CampaignVisitUpdate,
  CampaignVisitView,
  CadreView,
  NeedBody,
  NeedEventBody,
  NeedPage,
  NeedView,
  PairBody,
  PairingPage,
  PairingView,
  PairResult,
  ProgrammeBody,
  ProgrammeList,
  ProgrammeView,
  VisitBody,
  VisitPage,
  UnpairedPage,
  VisitView,
} from '../contract';

export const serviceKeys = {
  all: ['service'] as const,
  programmes: ['service', 'programmes'] as const,
  pairings: (params: QueryParams) => ['service', 'pairings', params] as const,
  visits: (params: QueryParams) => ['service', 'visits', params] as const,
  needs: (params: QueryParams) => ['service', 'needs', params] as const,
  need: (id: string) => ['service', 'need', id] as const,
  cadres: (programmeId: string, q: string) => ['service', 'cadres', programmeId, q] as const,
};

export const fetchProgrammes = () => api.get<ProgrammeList>('/api/service/programmes');
export const createProgramme = (body: ProgrammeBody) =>
  api.post<ProgrammeView>('/api/service/programmes', body);
export const fetchPairings = (params: QueryParams) => api.get<PairingPage>('/api/service/pairings', params);
export const pairEnterprises = (programmeId: string, body: PairBody) =>
  api.post<PairResult>(`/api/service/programmes/${programmeId}/pairings`, body);
export const reassignPairing = (id: string, body: { cadreId: string; reason: string; version: number }) =>
  api.post<PairingView>(`/api/service/pairings/${id}/reassign`, body);
export const endPairing = (id: string, body: { reason: string; version: number }) =>
  api.post<PairingView>(`/api/service/pairings/${id}/end`, body);
export const fetchCadres = (programmeId: string, q: string) =>
  api.get<{ items: CadreView[] }>('/api/service/cadres', { programmeId, q });
export const fetchVisits = (params: QueryParams) => api.get<VisitPage>('/api/service/visits', params);
export const createVisit = (body: VisitBody) => api.post<VisitView>('/api/service/visits', body);
export const uploadVisitImage = (visitId: string, file: File) =>
  api.upload<PictureView>(`/api/service/visits/${visitId}/images`, file);
export const fetchNeeds = (params: QueryParams) => api.get<NeedPage>('/api/service/needs', params);
export const fetchNeed = (id: string) => api.get<NeedView>(`/api/service/needs/${id}`);
export const createNeed = (body: NeedBody) => api.post<NeedView>('/api/service/needs', body);
export const followNeed = (id: string, body: NeedEventBody) =>
  api.post<NeedView>(`/api/service/needs/${id}/events`, body);
export const fetchUnpaired = (params: QueryParams) => api.get<UnpairedPage>('/api/service/unpaired', params);

export const campaignKeys = {
  all: ['service', 'campaigns'] as const,
  list: (params: QueryParams) => ['service', 'campaigns', 'list', params] as const,
  totals: (params: QueryParams) => ['service', 'campaigns', 'totals', params] as const,
  visits: (params: QueryParams) => ['service', 'campaigns', 'visits', params] as const,
};
export const fetchCampaigns = (params: QueryParams) =>
  api.get<CampaignList>('/api/service/campaigns', params);
export const createCampaign = (body: CampaignBody) => api.post<CampaignView>('/api/service/campaigns', body);
export const fetchCampaignTotals = (params: QueryParams) =>
  api.get<CampaignTotalsView>('/api/service/campaigns/totals', params);
export const fetchCampaignVisits = (params: QueryParams) =>
  api.get<CampaignVisitPage>('/api/service/campaign-visits', params);
export const createCampaignVisit = (campaignId: string, body: CampaignVisitBody) =>
  api.post<CampaignVisitView>(`/api/service/campaigns/${campaignId}/visits`, body);
export const updateCampaignVisit = (id: string, body: CampaignVisitUpdate) =>
  api.put<CampaignVisitView>(`/api/service/campaign-visits/${id}`, body);
export const deleteCampaignVisit = (id: string, version: number) =>
  api.delete<{ ok: true }>(`/api/service/campaign-visits/${id}`, { version });
