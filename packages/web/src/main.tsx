import './lib/zod-csp';
import '@radix-ui/themes/styles.css';
import './app.css';
import { Theme } from '@radix-ui/themes';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppRouter } from './app/router';
import { isApiError, queryKeys } from './lib/api';

/** A session that ended mid-work (expired, signed out elsewhere) sends the person to sign in again. */
function onSessionLost(error: unknown): void {
  if (!isApiError(error, 401) || router.state.location.pathname === '/login') return;
  queryClient.removeQueries({ queryKey: queryKeys.me });
  void router.navigate({ to: '/login', search: { redirect: router.state.location.href } });
}

const queryClient = new QueryClient({
  // The sign-in check itself redirects from the router; only later 401s mean the session was lost.
  queryCache: new QueryCache({ onError: (error, query) => query.queryKey[0] !== 'me' && onSessionLost(error) }),
  mutationCache: new MutationCache({ onError: onSessionLost }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // Problems from the API are answers, not glitches: retrying a 404 or 403 only delays the message.
      retry: (count, error) => !isApiError(error) && count < 2,
    },
  },
});

const router = createAppRouter(queryClient);

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

createRoot(root).render(
  <StrictMode>
    <Theme accentColor="indigo" grayColor="slate" radius="medium" panelBackground="solid">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </Theme>
  </StrictMode>,
);
