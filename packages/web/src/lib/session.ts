import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import type { Me } from '@deskside/shared';
import { api, queryKeys } from './api';

/** Who is signed in; asking also hands the client its CSRF token. */
export const meQuery = queryOptions({
  queryKey: queryKeys.me,
  queryFn: () => api.me(),
  staleTime: Infinity,
  retry: false,
});

/** The signed-in person; only for pages behind the signed-in layout, which loads it first. */
export function useMe(): Me {
  return useSuspenseQuery(meQuery).data;
}
