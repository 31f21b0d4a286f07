import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';

/** The app's query cache settings, the same in the browser and when the server pre-renders a page. */
export function createQueryClient(): QueryClient {
  // An administrator without the second factor production requires is refused everything but
  // enrolment (403 `totp_enrolment_required`): refreshing `me` lets the office's guard
  // (RequireSecondFactor) take them to the security page.
  const enrolmentRequired = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'totp_enrolment_required')
      void client.invalidateQueries({ queryKey: ['me'] });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: enrolmentRequired }),
    mutationCache: new MutationCache({ onError: enrolmentRequired }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Client errors (4xx) will not get better by retrying.
        retry: (failureCount, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
      },
    },
  });
  return client;
}
