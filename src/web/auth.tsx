// Who is signed in: `/api/auth/me` loaded once through TanStack Query, and what they may do.
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { MeView, Permission } from '../orgs/contract';
import { api } from './api';

export const ME_KEY = ['auth', 'me'] as const;

/** Loads the signed-in user; a 401 is an answer here ("nobody"), not a redirect. */
export function fetchMe(): Promise<MeView> {
  return api.get<MeView>('/api/auth/me', undefined, { allow401: true });
}

export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

export interface Auth {
  me: MeView;
  /** Whether the user's role grants a permission (the server still enforces every request). */
  can: (permission: Permission) => boolean;
  logout: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ me, children }: { me: MeView; children: ReactNode }) {
  const queryClient = useQueryClient();
  const permissions = useMemo(() => new Set(me.permissions), [me.permissions]);
  const can = useCallback((permission: Permission) => permissions.has(permission), [permissions]);
  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout', {}, { allow401: true });
    } finally {
      queryClient.clear();
    }
  }, [queryClient]);
  const value = useMemo(() => ({ me, can, logout }), [me, can, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The signed-in user; only inside the authenticated part of the app. */
export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
