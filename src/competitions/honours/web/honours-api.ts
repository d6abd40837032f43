// Queries and writes of the honours pages.
import { api, type QueryParams } from '../../../web/api';
import type {
  ConferBody,
  HonourCountsView,
  HonourDetail,
  HonourImportResult,
  HonourPage,
  HonoursOfView,
  NominationBody,
  NominationEditBody,
  ObjectionBody,
  PubliciseBody,
  ResolveObjectionBody,
  ReviewBody,
  RevokeBody,
} from '../contract';

export const HONOURS_API = '/api/competitions/honours';

export const honourKeys = {
  all: ['honours'] as const,
  list: (params: QueryParams) => ['honours', 'list', params] as const,
  one: (id: string) => ['honours', 'one', id] as const,
  counts: (params: QueryParams) => ['honours', 'counts', params] as const,
  of: (params: QueryParams) => ['honours', 'of', params] as const,
};

export const fetchHonours = (params: QueryParams) => api.get<HonourPage>(HONOURS_API, params);
export const fetchHonour = (id: string) => api.get<HonourDetail>(`${HONOURS_API}/${id}`);
export const fetchCounts = (params: QueryParams) =>
  api.get<HonourCountsView>(`${HONOURS_API}/counts`, params);
export const fetchHonoursOf = (params: QueryParams) => api.get<HonoursOfView>(`${HONOURS_API}/of`, params);
export const nominate = (body: NominationBody) => api.post<HonourDetail>(HONOURS_API, body);
export const editNomination = (id: string, body: NominationEditBody) =>
  api.put<HonourDetail>(`${HONOURS_API}/${id}`, body);
export const importHonours = (file: File, dryRun: boolean) =>
  api.upload<HonourImportResult>(`${HONOURS_API}/import`, file, dryRun ? { dryRun: 'true' } : undefined);

/** The steps of the workflow, by the path of their route. */
export interface StepBodies {
  review: ReviewBody;
  publicise: PubliciseBody;
  objections: ObjectionBody;
  confer: ConferBody;
  revoke: RevokeBody;
}
export const takeStep = <K extends keyof StepBodies>(id: string, step: K, body: StepBodies[K]) =>
  api.post<HonourDetail>(`${HONOURS_API}/${id}/${step}`, body);
export const resolveObjection = (id: string, objectionId: string, body: ResolveObjectionBody) =>
  api.post<HonourDetail>(`${HONOURS_API}/${id}/objections/${objectionId}/resolve`, body);
