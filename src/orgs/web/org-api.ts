// Queries of the organisation tree shared by the organisation and user pages.
import type { QueryClient } from '@tanstack/react-query';
import { api } from '../../web/api';
import type { OrgDetail, OrgListQuery, OrgPage } from '../contract';

/** `GET /api/orgs` parameters as the web app sends them. */
export type OrgQuery = Omit<OrgListQuery, 'page' | 'pageSize'> & { page?: number; pageSize?: number };

export const orgKeys = {
  all: ['orgs'] as const,
  detail: (id: string) => ['orgs', 'detail', id] as const,
  list: (query: OrgQuery) => ['orgs', 'list', query] as const,
};

export function fetchOrg(id: string): Promise<OrgDetail> {
  return api.get<OrgDetail>(`/api/orgs/${encodeURIComponent(id)}`);
}

export function fetchOrgs(query: OrgQuery): Promise<OrgPage> {
  return api.get<OrgPage>('/api/orgs', { ...query });
}

/** After any write to organisations: every tree level, detail, search and count reloads. */
export async function invalidateOrgs(queryClient: QueryClient) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: orgKeys.all }),
    queryClient.invalidateQueries({ queryKey: ['home'] }),
  ]);
}

/** "吴中区总工会 / 长桥街道工会": where a node lies, inside the reader's scope. */
export function ancestorPath(org: { ancestors: { name: string }[] }): string {
  return org.ancestors.map((a) => a.name).join(' / ');
}
