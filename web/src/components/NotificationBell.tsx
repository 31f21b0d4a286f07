import {
  ActionIcon,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  ThemeIcon,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconBell, IconClockHour4, IconReport } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../api/auth';
import { type StaffNotification, useMarkNotificationRead, useNotifications } from '../api/notifications';
import { formatShortDateTime } from '../lib/dossier';
import { QueryError } from './common';

const KIND_ICON: Record<string, { icon: typeof IconBell; color: string }> = {
  overdue: { icon: IconAlertTriangle, color: 'red' },
  due_soon: { icon: IconClockHour4, color: 'orange' },
  digest: { icon: IconReport, color: 'blue' },
};

function NoticeContent({ item }: { item: StaffNotification }) {
  const { t, i18n } = useTranslation();
  const kind = KIND_ICON[item.kind] ?? { icon: IconBell, color: 'gray' };
  const Icon = kind.icon;
  return (
    <Group gap="sm" align="flex-start" wrap="nowrap">
      <ThemeIcon color={kind.color} variant="light" radius="xl" size="md" aria-hidden>
        <Icon size={16} />
      </ThemeIcon>
      <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
        <Text size="xs" c="dimmed">
          {t(`notifications.kind.${item.kind}`, { defaultValue: item.kind })} ·{' '}
          {formatShortDateTime(item.createdAt, i18n.language)}
          {!item.read && (
            <>
              {' · '}
              <Text span size="xs" fw={700} c="brand.8">
                {t('notifications.unreadMark')}
              </Text>
            </>
          )}
        </Text>
        <Text size="sm" fw={item.read ? 500 : 700} style={{ overflowWrap: 'anywhere' }}>
          {item.title}
        </Text>
        {item.body && (
          <Text size="sm" c="dimmed" lineClamp={4} className="prewrap" style={{ overflowWrap: 'anywhere' }}>
            {item.body}
          </Text>
        )}
      </Stack>
    </Group>
  );
}

/** Staff header: a bell with the unread count; its popover lists the notices (clicking one marks it read). */
export function NotificationBell() {
  const { t } = useTranslation();
  const me = useMe().data;
  const isStaff = me?.kind === 'staff';
  const [opened, { close, toggle }] = useDisclosure(false);
  const list = useNotifications(isStaff);
  const markRead = useMarkNotificationRead();
  if (!isStaff) return null;

  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];
  const open = (item: StaffNotification) => {
    if (!item.read) markRead.mutate(item.id);
  };

  let content: ReactNode;
  if (list.isError) content = <QueryError error={list.error} onRetry={() => list.refetch()} />;
  else if (list.isPending) content = <Text size="sm">{t('common.loading')}</Text>;
  else if (items.length === 0)
    content = (
      <Text size="sm" c="dimmed" py="sm" data-testid="notifications-empty">
        {t('notifications.empty')}
      </Text>
    );
  else
    content = (
      <ScrollArea.Autosize mah="min(28rem, 70vh)" type="auto" offsetScrollbars>
        <Stack gap={4} component="ul" className="plain-list" data-testid="notifications-list">
          {items.map((item) => (
            <li key={item.id}>
              {item.dossierCode ? (
                <UnstyledButton
                  component={Link}
                  to={`/office/dossiers/${encodeURIComponent(item.dossierCode)}`}
                  className="notice-item"
                  data-read={item.read || undefined}
                  data-testid="notification-item"
                  onClick={() => {
                    open(item);
                    close();
                  }}
                >
                  <NoticeContent item={item} />
                  <span className="visually-hidden">
                    {' '}
                    — {t('notifications.openDossier', { code: item.dossierCode })}
                  </span>
                </UnstyledButton>
              ) : (
                <UnstyledButton
                  className="notice-item"
                  data-read={item.read || undefined}
                  data-testid="notification-item"
                  aria-disabled={item.read || undefined}
                  onClick={() => open(item)}
                >
                  <NoticeContent item={item} />
                  {!item.read && <span className="visually-hidden"> — {t('notifications.markRead')}</span>}
                </UnstyledButton>
              )}
            </li>
          ))}
        </Stack>
      </ScrollArea.Autosize>
    );

  return (
    <Popover
      opened={opened}
      onDismiss={close}
      position="bottom-end"
      width={380}
      shadow="md"
      withArrow
      trapFocus
      returnFocus
      withinPortal
      styles={{ dropdown: { maxWidth: 'calc(100vw - 16px)' } }}
    >
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          onClick={toggle}
          aria-label={unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')}
          data-testid="notification-bell"
          data-unread={unread}
          style={{ overflow: 'visible' }}
        >
          <Indicator
            label={unread > 99 ? '99+' : unread}
            size={16}
            color="red"
            disabled={unread === 0}
            offset={2}
            aria-hidden
          >
            <IconBell size={22} aria-hidden style={{ display: 'block' }} />
          </Indicator>
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown aria-labelledby="notifications-title" data-testid="notifications-panel" p="sm">
        <Stack gap="xs">
          <Group justify="space-between" gap="xs">
            <Title order={2} size="h5" id="notifications-title">
              {t('notifications.title')}
            </Title>
            <Text size="xs" c="dimmed">
              {t('notifications.unreadCount', { count: unread })}
            </Text>
          </Group>
          {content}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
