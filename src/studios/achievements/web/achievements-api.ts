// Queries and writes of the achievements' pages.
import { api, type QueryParams } from '../../../web/api';
import type { AttachmentView } from '../../../platform/shared/attachments-contract';
import type {
  AchievementBody,
  AchievementEditBody,
  AchievementTotalsView,
  AchievementView,
  StudioAchievementsView,
} from '../contract';

export const ACHIEVEMENTS_API = '/api/studios/achievements';

export const achievementKeys = {
  all: ['studio-achievements'] as const,
  studio: (id: string) => ['studio-achievements', 'studio', id] as const,
  totals: (params: QueryParams) => ['studio-achievements', 'totals', params] as const,
};

export const fetchStudioAchievements = (id: string) =>
  api.get<StudioAchievementsView>(`/api/studios/${id}/achievements`);
export const fetchTotals = (params: QueryParams) =>
  api.get<AchievementTotalsView>(`${ACHIEVEMENTS_API}/totals`, params);
export const createAchievement = (studioId: string, body: AchievementBody) =>
  api.post<AchievementView>(`/api/studios/${studioId}/achievements`, body);
export const updateAchievement = (id: string, body: AchievementEditBody) =>
  api.put<AchievementView>(`${ACHIEVEMENTS_API}/${id}`, body);
export const deleteAchievement = (a: AchievementView) =>
  api.delete(`${ACHIEVEMENTS_API}/${a.id}`, { version: a.version });
export const uploadAttachment = (id: string, file: File) =>
  api.upload<AttachmentView>(`${ACHIEVEMENTS_API}/${id}/attachments`, file);
