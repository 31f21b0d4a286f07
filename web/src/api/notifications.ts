import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export type NotificationKind = 'due_soon' | 'overdue' | 'digest';

export interface StaffNotification {
  id: string;
  kind: NotificationKind | string;
  title: string;
  body: string;
  dossierCode: string | null;
  createdAt: string;
  read: boolean;
}

export interface NotificationList {
  unread: number;
  items: StaffNotification[];
}

export const notificationKeys = { all: ['notifications'] as const };

export const getNotifications = (signal?: AbortSignal) =>
  api<NotificationList>('/me/notifications', { signal });

export const markNotificationRead = (id: string) =>
  api<void>(`/me/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' });

/** The caller's notices, refreshed every minute while the page is visible. */
export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.all,
    queryFn: ({ signal }) => getNotifications(signal),
    enabled,
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}

/** Marks a notice read, at once in the cache, then as the server says. */
export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markNotificationRead,
    onMutate: async (id) => {
      await queryClient.cancelQueries({ queryKey: notificationKeys.all });
      queryClient.setQueryData<NotificationList>(notificationKeys.all, (old) => {
        if (!old) return old;
        const target = old.items.find((i) => i.id === id);
        if (!target || target.read) return old;
        return {
          unread: Math.max(0, old.unread - 1),
          items: old.items.map((i) => (i.id === id ? { ...i, read: true } : i)),
        };
      });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
