// Queries and writes of the labour-relations pages.
import { api, type QueryParams } from '../../web/api';
import type {
  AcknowledgeBody,
  CloseBody,
  CoordinationBody,
  FollowUpBody,
  GradingRuleBody,
  GradingRuleView,
  LinkEnterpriseBody,
  ReportBody,
  ReportDetail,
  ReportPage,
  ReportView,
  ResolveBody,
} from '../contract';

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
export const fetchReport = (id: string) => api.get<ReportDetail>(`/api/labor/reports/${id}`);
export const createReport = (body: ReportBody) => api.post<ReportView>('/api/labor/reports', body);

/** The steps after a report, by the path of their route. */
export interface StepBodies {
  acknowledge: AcknowledgeBody;
  coordination: CoordinationBody;
  resolve: ResolveBody;
  close: CloseBody;
  'follow-up': FollowUpBody;
  enterprise: LinkEnterpriseBody;
}
export const takeStep = <K extends keyof StepBodies>(id: string, step: K, body: StepBodies[K]) =>
  api.post<ReportDetail>(`/api/labor/reports/${id}/${step}`, body);
