import { MantineProvider } from '@mantine/core';
import {
  type DehydratedState,
  HydrationBoundary,
  type QueryClient,
  QueryClientProvider,
} from '@tanstack/react-query';
import { lazy, type ReactNode, StrictMode, Suspense } from 'react';
import { theme } from './theme';

// The toasts' container (with its transitions) arrives just after the first render; toasts shown
// before it is there wait in the notifications store.
const Notifications = lazy(() =>
  import('@mantine/notifications').then((m) => ({ default: m.Notifications })),
);

/**
 * Everything around the routes, the same in the browser (web/src/boot.tsx) and on the server
 * (web/src/entry-server.tsx): a pre-rendered page hydrates only onto the very tree that rendered it.
 */
export function AppProviders({
  queryClient,
  state,
  children,
}: {
  queryClient: QueryClient;
  /** API answers the server used for a pre-rendered page. */
  state?: DehydratedState;
  children: ReactNode;
}) {
  return (
    <StrictMode>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <Suspense fallback={null}>
          <Notifications position="top-right" />
        </Suspense>
        <QueryClientProvider client={queryClient}>
          <HydrationBoundary state={state}>{children}</HydrationBoundary>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>
  );
}
