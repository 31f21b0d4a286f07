import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { notificationsContract } from '../../../src/contracts/notifications';
import type { OutputOf } from '../../../src/contracts/operation';
import { endpoint } from './endpoint';

type Contract = typeof notificationsContract;
export type NotificationKind = 'due_soon' | 'overdue' | 'digest';
export type NotificationList = OutputOf<Contract['mine']>;
export type StaffNotification = NotificationList['items'][number];

/** The staff member's own notices, typed by the notifications contract. */
export const notificationsApi = {
  mine: endpoint<Contract['mine']>('GET /me/notifications'),
  markRead: endpoint<Contract['markRead']>('POST /me/notifications/:id/read'),
};

export const notificationKeys = { all: ['notifications'] as const };

export const getNotifications = (signal?: AbortSignal) => notificationsApi.mine(undefined, { signal });

export const markNotificationRead = (id: string) => notificationsApi.markRead({ params: { id } });

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
