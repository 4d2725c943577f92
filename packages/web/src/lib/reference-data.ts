import { DEFAULT_PRIORITY_MATRIX, type DeskSettings, type PriorityMatrix } from '@deskside/shared';
import { useQuery } from '@tanstack/react-query';
import { api, fetchStaff, queryKeys } from './api';

const LONG = 5 * 60_000;

/** Groups change rarely; one fetch serves every select on the page. */
export function useGroups(enabled = true) {
  return useQuery({ queryKey: queryKeys.groups, queryFn: () => api.groups().then((r) => r.items), staleTime: LONG, enabled });
}

export function useStaff(enabled = true) {
  return useQuery({ queryKey: queryKeys.staff, queryFn: fetchStaff, staleTime: LONG, enabled });
}

export function useSettings(enabled = true) {
  return useQuery({ queryKey: queryKeys.settings, queryFn: () => api.settings(), staleTime: LONG, enabled });
}

/** The matrix in force; the shipped default until the settings arrive (or if they cannot be read). */
export function matrixOf(settings: DeskSettings | undefined): PriorityMatrix {
  return settings?.priorityMatrix ?? DEFAULT_PRIORITY_MATRIX;
}

export function byId<T extends { id: number }>(items: readonly T[] | undefined): Map<number, T> {
  return new Map((items ?? []).map((item) => [item.id, item]));
}
