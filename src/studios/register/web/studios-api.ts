// Queries and writes of the studios pages.
import { api, type QueryParams } from '../../../web/api';
import type {
  AddMemberBody,
  BatchBody,
  BatchDetail,
  BatchEditBody,
  BatchList,
  DesignateBody,
  MemberLeaveBody,
  StudioApplyBody,
  StudioDetail,
  StudioEditBody,
  StudioPage,
  StudioReviewBody,
  StudioRevokeBody,
  StudioVersionBody,
  UpgradeBody,
} from '../contract';

export const STUDIOS_API = '/api/studios';

export const studioKeys = {
  all: ['studios'] as const,
  list: (params: QueryParams) => ['studios', 'list', params] as const,
  one: (id: string) => ['studios', 'one', id] as const,
  batches: (params: QueryParams) => ['studios', 'batches', params] as const,
  batch: (id: string) => ['studios', 'batch', id] as const,
};

export const fetchStudios = (params: QueryParams) => api.get<StudioPage>(STUDIOS_API, params);
export const fetchStudio = (id: string) => api.get<StudioDetail>(`${STUDIOS_API}/${id}`);
export const applyForStudio = (body: StudioApplyBody) => api.post<StudioDetail>(STUDIOS_API, body);
export const editStudio = (id: string, body: StudioEditBody) =>
  api.put<StudioDetail>(`${STUDIOS_API}/${id}`, body);
export const fetchBatches = (params: QueryParams = {}) =>
  api.get<BatchList>(`${STUDIOS_API}/batches`, params);
export const fetchBatch = (id: string) => api.get<BatchDetail>(`${STUDIOS_API}/batches/${id}`);
export const createBatch = (body: BatchBody) => api.post<BatchDetail>(`${STUDIOS_API}/batches`, body);
export const updateBatch = (id: string, body: BatchEditBody) =>
  api.put<BatchDetail>(`${STUDIOS_API}/batches/${id}`, body);
/** Model workers of the register whose name or unit holds `q`. */

/** The steps of the designation, by the path of their route. */
export interface StepBodies {
  recommend: StudioVersionBody;
  review: StudioReviewBody;
  resubmit: StudioVersionBody;
  designate: DesignateBody;
  upgrade: UpgradeBody;
  revoke: StudioRevokeBody;
  members: AddMemberBody;
}
export const takeStep = <K extends keyof StepBodies>(id: string, step: K, body: StepBodies[K]) =>
  api.post<StudioDetail>(`${STUDIOS_API}/${id}/${step}`, body);
export const memberLeaves = (id: string, memberId: string, body: MemberLeaveBody) =>
  api.post<StudioDetail>(`${STUDIOS_API}/${id}/members/${memberId}/leave`, body);
