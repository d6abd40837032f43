// Providers (antd in Chinese, TanStack Query) and the router; every page is loaded lazily. antd's
// App (message, modal, notification) is provided by the shell: the login page needs none of them.
import { ConfigProvider } from 'antd';
// The ES module build: the CommonJS `antd/locale/zh_CN` loses its default export in the bundle.
import zhCN from 'antd/es/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router-dom';
import { ApiError, setUnauthenticatedHandler } from './api';
import { ME_KEY } from './auth';
import { loginPath } from './next-path';
import { router } from './router';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not change by asking again; a network hiccup might.
      retry: (failures, error) =>
        failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});

// The session ended (expired, logged out elsewhere, account deactivated): back to the login page,
// remembering where the user was going.
setUnauthenticatedHandler(() => {
  const { pathname, search } = router.state.location;
  if (pathname === '/login') return;
  queryClient.removeQueries({ queryKey: ME_KEY });
  void router.navigate(loginPath(pathname + search), { replace: true });
});

// A user who asked the system for less motion (prefers-reduced-motion) gets dialogs, drawers and
// menus that appear at once instead of zooming and sliding. The browser journeys ask for it too:
// a button clicked while its dialog was still zooming in could miss it on a slow machine.
const reducedMotion =
  typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

export function App() {
  return (
    // A row of segments wider than a phone scrolls within itself, not the page.
    <ConfigProvider
      locale={zhCN}
      theme={{ token: { motion: !reducedMotion } }}
      segmented={{ style: { maxWidth: '100%', overflowX: 'auto' } }}
    >
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} future={{ v7_startTransition: true }} />
      </QueryClientProvider>
    </ConfigProvider>
  );
}
