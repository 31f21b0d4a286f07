import { Button, EmptyState, Stack } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../lib/usePageTitle';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <Stack maw={640} mx="auto" py="xl" data-testid="not-found">
      <EmptyState
        icon={<IconMapOff aria-hidden />}
        title={<h1 style={{ margin: 0, font: 'inherit' }}>{t('notFound.title')}</h1>}
        description={t('notFound.text')}
      >
        <Button component={Link} to="/">
          {t('notFound.home')}
        </Button>
      </EmptyState>
    </Stack>
  );
}
