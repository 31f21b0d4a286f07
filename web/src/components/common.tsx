import { Alert, Badge, Box, Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../api/client';
import type { OnlineLevel } from '../api/public';
import { onlineLevelColor } from '../lib/format';

/** A spinner announced politely as "Đang tải…" (the spinner itself is decorative). */
export function Loading() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status">
      <Loader aria-hidden />
      <span className="visually-hidden">{t('common.loading')}</span>
    </Center>
  );
}

export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={t('errors.title')} role="alert">
      {errorMessage(error)}
      {onRetry && (
        <div>
          <Button variant="subtle" color="red" size="compact-sm" mt="xs" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        </div>
      )}
    </Alert>
  );
}

export function OnlineLevelBadge({ level }: { level: OnlineLevel }) {
  const { t } = useTranslation();
  return (
    <Badge color={onlineLevelColor(level)} variant="light" radius="sm" style={{ textTransform: 'none' }}>
      {t(`onlineLevel.${level}`)}
    </Badge>
  );
}

/** Names a procedure level code ("province", "commune"…) in the user's language. */
export function useLevelLabel(): (level: string) => string {
  const { t } = useTranslation();
  return (level) => t(`level.${level}`, { defaultValue: level });
}

/** Why the last action failed, announced at once; nothing while there is no failure. */
export function FailureAlert({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <Alert color="red" role="alert">
      {message}
    </Alert>
  );
}

/** "← Back to …" above a page's title: a quiet link styled as a button. */
export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <div>
      <Button
        component={Link}
        to={to}
        variant="subtle"
        leftSection={<IconArrowLeft size={16} aria-hidden />}
        px={0}
      >
        {label}
      </Button>
    </div>
  );
}

/** A titled group of a form's fields (a fieldset whose legend is a heading), with an optional line of help. */
export function FormSection({
  title,
  help,
  children,
}: {
  title: string;
  help?: string;
  children: ReactNode;
}) {
  return (
    <Box component="fieldset" className="plain-fieldset">
      <legend className="plain-legend">
        <Title order={2} size="h4" mb={help ? 4 : 'sm'}>
          {title}
        </Title>
      </legend>
      {help && (
        <Text size="sm" c="dimmed" mb="sm">
          {help}
        </Text>
      )}
      <Stack gap="sm">{children}</Stack>
    </Box>
  );
}
