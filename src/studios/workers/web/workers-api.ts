// Queries and writes of the model workers pages.
import { api, type QueryParams } from '../../../web/api';
import type {
  FromHonoursResult,
  HonourCandidates,
  ModelWorkerCreateBody,
  ModelWorkerDetail,
  ModelWorkerEditBody,
  ModelWorkerImportResult,
  ModelWorkerPage,
  ModelWorkerRef,
} from '../contract';

export const WORKERS_API = '/api/studios/workers';

export const workerKeys = {
  all: ['model-workers'] as const,
  list: (params: QueryParams) => ['model-workers', 'list', params] as const,
  one: (id: string) => ['model-workers', 'one', id] as const,
  lookup: (q: string) => ['model-workers', 'lookup', q] as const,
  honours: (q: string) => ['model-workers', 'honours', q] as const,
};

export const fetchWorkers = (params: QueryParams) => api.get<ModelWorkerPage>(WORKERS_API, params);
export const fetchWorker = (id: string) => api.get<ModelWorkerDetail>(`${WORKERS_API}/${id}`);
export const lookupWorkers = (q: string) => api.get<ModelWorkerRef[]>(`${WORKERS_API}/lookup`, { q });
export const fetchHonourCandidates = (q: string) =>
  api.get<HonourCandidates>(`${WORKERS_API}/honours`, { q });
export const createWorker = (body: ModelWorkerCreateBody) => api.post<ModelWorkerDetail>(WORKERS_API, body);
export const editWorker = (id: string, body: ModelWorkerEditBody) =>
  api.put<ModelWorkerDetail>(`${WORKERS_API}/${id}`, body);
export const addFromHonours = () => api.post<FromHonoursResult>(`${WORKERS_API}/from-honours`);
export const importWorkers = (file: File, dryRun: boolean) =>
  api.upload<ModelWorkerImportResult>(`${WORKERS_API}/import`, file, dryRun ? { dryRun: 'true' } : undefined);
