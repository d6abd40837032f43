// Queries and writes of the studios' plan pages.
import { api, type QueryParams } from '../../../web/api';
import type {
  MilestoneBody,
  MilestoneDetail,
  MilestoneEditBody,
  MilestonePage,
  PlanBody,
  PlanEditBody,
  PlanView,
  ReportBody,
  StudioPlansView,
} from '../contract';

export const MILESTONES_API = '/api/studios/milestones';

export const planKeys = {
  all: ['studio-plans'] as const,
  ofStudio: (studioId: string) => ['studio-plans', 'studio', studioId] as const,
  worklist: (params: QueryParams) => ['studio-plans', 'worklist', params] as const,
};

export const fetchStudioPlans = (studioId: string) =>
  api.get<StudioPlansView>(`/api/studios/${studioId}/plans`);
export const fetchMilestones = (params: QueryParams) => api.get<MilestonePage>(MILESTONES_API, params);
export const createPlan = (studioId: string, body: PlanBody) =>
  api.post<PlanView>(`/api/studios/${studioId}/plans`, body);
export const updatePlan = (planId: string, body: PlanEditBody) =>
  api.put<PlanView>(`/api/studios/plans/${planId}`, body);
export const addMilestone = (planId: string, body: MilestoneBody) =>
  api.post<MilestoneDetail>(`/api/studios/plans/${planId}/milestones`, body);
export const updateMilestone = (milestoneId: string, body: MilestoneEditBody) =>
  api.put<MilestoneDetail>(`${MILESTONES_API}/${milestoneId}`, body);
export const deleteMilestone = (milestoneId: string, version: number) =>
  api.delete<{ ok: true }>(`${MILESTONES_API}/${milestoneId}`, { version });
export const reportProgress = (milestoneId: string, body: ReportBody) =>
  api.post<MilestoneDetail>(`${MILESTONES_API}/${milestoneId}/reports`, body);
