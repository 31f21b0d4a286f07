// What the community page's panels share: day labels, server field errors, the kind badge and the confirm dialog.
import { Badge, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import type { ServiceDayKind } from '../../../api/community';
import { formatDate, weekday } from '../../../lib/format';

const KIND_COLOR: Record<ServiceDayKind, string> = { no_appointment: 'teal', no_writing: 'grape' };
export const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** YYYY-MM-DD plus whole months (the 31st of a shorter month runs over, as Date does). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1 + months, d ?? 1)).toISOString().slice(0, 10);
}

/** Server field paths (`days.0`, `body.weekdays`) → the form field they belong to. */
export function fieldErrorsOf(error: unknown, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const [path, message] of Object.entries(error.fieldErrors())) {
    const head = path.split('.')[0] ?? '';
    const key = fields.includes(head) ? head : (fields[0] ?? head);
    if (!out[key]) out[key] = message;
  }
  return out;
}

/** "Thứ Ba, 08/12/2026". */
export function useDayLabel(): (day: string) => string {
  const { t, i18n } = useTranslation();
  return (day) =>
    t('community.dayWithWeekday', {
      weekday: t(`community.weekday.${weekday(day) || 7}`),
      date: formatDate(day, i18n.language),
    });
}

export function KindBadge({ kind }: { kind: ServiceDayKind }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={KIND_COLOR[kind]} style={{ textTransform: 'none' }}>
      {t(`community.kind.${kind}`)}
    </Badge>
  );
}

/** A question before an action that cannot be undone from the same screen. */
export function Confirm({
  opened,
  title,
  children,
  yes,
  busy,
  onYes,
  onClose,
}: {
  opened: boolean;
  title: string;
  children: ReactNode;
  yes: string;
  busy: boolean;
  onYes: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md">
        <Text size="sm">{children}</Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('community.days.keep')}
          </Button>
          <Button color="red" onClick={onYes} loading={busy}>
            {yes}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
