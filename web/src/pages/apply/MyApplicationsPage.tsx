import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMyApplications } from '../../api/applications';
import { Loading, QueryError } from '../../components/common';
import { formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';

/** "Hồ sơ của tôi": drafts to resume, submitted applications and the dossiers they became. */
export default function MyApplicationsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('apply.myDossiers'));
  const list = useMyApplications();
  return (
    <Stack gap="md" maw={820} mx="auto">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('apply.myDossiers')}
        </Title>
        <Button
          component={Link}
          to="/me/profile"
          variant="default"
          leftSection={<IconUser size={16} aria-hidden />}
        >
          {t('apply.profile')}
        </Button>
      </Group>
      {list.isPending && <Loading />}
      {list.isError && <QueryError error={list.error} />}
      {list.data?.items.length === 0 && (
        <Alert color="blue">
          {t('apply.noneYet')}{' '}
          <Anchor component={Link} to="/">
            {t('apply.findProcedure')}
          </Anchor>
        </Alert>
      )}
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {list.data?.items.map((item) => (
          <li key={item.id}>
            <Card withBorder radius="md" padding="md">
              <Stack gap={4}>
                <Anchor component={Link} to={`/applications/${item.id}`} fw={600}>
                  {item.procedureName}
                </Anchor>
                <Group gap="xs">
                  <Badge variant="light">
                    {item.dossierStatus
                      ? t(`apply.dossierStatus.${item.dossierStatus}`)
                      : t(`apply.status.${item.status}`)}
                  </Badge>
                  {item.code && (
                    <Text size="sm" ff="monospace">
                      {item.code}
                    </Text>
                  )}
                </Group>
                <Text size="sm" c="dimmed">
                  {item.unitName ? `${item.unitName} · ` : ''}
                  {item.appointmentAt
                    ? t('apply.appointment', { at: formatDateTime(item.appointmentAt, i18n.language) })
                    : t('apply.updated', { at: formatDateTime(item.updatedAt, i18n.language) })}
                </Text>
              </Stack>
            </Card>
          </li>
        ))}
      </Stack>
    </Stack>
  );
}
