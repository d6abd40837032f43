// Queries and writes of the labour-relations pages.
import { api, type QueryParams } from '../../web/api';
import type { GradingRuleBody, GradingRuleView, ReportBody, ReportPage, ReportView } from '../contract';

export const laborKeys = {
  all: ['labor'] as const,
  rule: ['labor', 'rule'] as const,
  reports: (params: QueryParams) => ['labor', 'reports', params] as const,
  report: (id: string) => ['labor', 'report', id] as const,
};

export const fetchGradingRule = () => api.get<GradingRuleView>('/api/labor/grading-rule');
export const saveGradingRule = (body: GradingRuleBody) =>
  api.put<GradingRuleView>('/api/labor/grading-rule', body);
export const fetchReports = (params: QueryParams) => api.get<ReportPage>('/api/labor/reports', params);
export const fetchReport = (id: string) => api.get<ReportView>(`/api/labor/reports/${id}`);
export const createReport = (body: ReportBody) => api.post<ReportView>('/api/labor/reports', body);
