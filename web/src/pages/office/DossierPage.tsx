import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Grid,
  Group,
  List,
  Paper,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { type AllowedAction, type DossierView, useDossier } from '../../api/dossiers';
import { QueryError } from '../../components/common';
import { StatusBadge, TimelinessBadge } from '../../components/DossierBadges';
import { DossierPayments } from '../../components/DossierPayments';
import { applicantOf, documentsOf, stepLabel } from '../../lib/dossier';
import { formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { actionLabel, DossierActionModal } from './DossierActionModal';
import { BundleSection } from './dossier/BundleSection';
import { InfoSection } from './dossier/InfoSection';
import { PrintButtons } from './dossier/PrintButtons';
import { Facts, Section } from './dossier/Section';
import { StepsSection } from './dossier/StepsSection';
import { TimelineSection } from './dossier/TimelineSection';

function DossierBody({
  dossier,
  onReload,
  reloading,
}: {
  dossier: DossierView;
  onReload: () => void;
  reloading: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [action, setAction] = useState<AllowedAction | null>(null);
  const applicant = applicantOf(dossier);
  const documents = documentsOf(dossier);
  const names = new Map<string, string>();
  for (const s of dossier.steps) names.set(s.step, s.stepName);
  if (dossier.step && dossier.stepName) names.set(dossier.step, dossier.stepName);
  const stepName = (code: string | null) => stepLabel(code, t, code ? names.get(code) : null, lang);
  const open = ['in_progress', 'paused'].includes(dossier.status);

  return (
    <Stack gap="md" maw={1300} data-testid="dossier-page" data-version={dossier.version}>
      <Anchor component={Link} to="/office/dossiers" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          {t('inbox.title')}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={6}>
          <Title
            order={1}
            size="h2"
            translate="no"
            data-testid="dossier-title"
            className="dossier-code-title"
          >
            {dossier.code}
          </Title>
          <Group gap="xs">
            <StatusBadge status={dossier.status} size="lg" />
            <TimelinessBadge timeliness={dossier.timeliness} size="lg" />
            {dossier.extended && (
              <Badge
                color="orange"
                variant="light"
                radius="sm"
                size="lg"
                style={{ textTransform: 'none' }}
                data-testid="extended-badge"
              >
                {t('dossier.extended')}
              </Badge>
            )}
          </Group>
          <Text>{dossier.procedure.name}</Text>
        </Stack>
        <Button
          variant="subtle"
          leftSection={<IconRefresh size={16} aria-hidden />}
          onClick={onReload}
          loading={reloading}
        >
          {t('dossier.reload')}
        </Button>
      </Group>

      <Paper withBorder p="md" component="section" aria-labelledby="actions-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="actions-title">
            {t('dossier.actions')}
          </Title>
          {dossier.allowedActions.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="no-actions">
              {open ? t('dossier.noActionsForYou') : t('dossier.noActionsClosed')}
            </Text>
          ) : (
            <Group gap="xs" data-testid="allowed-actions">
              {dossier.allowedActions.map((a) => (
                <Button
                  key={`${a.type}-${a.to ?? ''}`}
                  variant={['refuse', 'withdraw', 'cancel'].includes(a.type) ? 'light' : 'filled'}
                  color={['refuse', 'withdraw', 'cancel'].includes(a.type) ? 'red' : undefined}
                  onClick={() => setAction(a)}
                  className="wrap-button"
                  data-testid={`action-${a.type}`}
                  data-to={a.to ?? undefined}
                >
                  {actionLabel(a, t, lang)}
                </Button>
              ))}
            </Group>
          )}
          <Text size="sm" fw={600} mt="xs">
            {t('dossier.print')}
          </Text>
          <PrintButtons dossier={dossier} />
        </Stack>
      </Paper>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <InfoSection dossier={dossier} open={open} stepName={stepName} />
            <BundleSection dossier={dossier} />
            {dossier.assisted && (
              <Section id="assisted" title={t('assist.assistedBy')}>
                <Facts
                  testId="assisted-facts"
                  items={[
                    {
                      label: t('assist.assistedBy'),
                      value: t('assist.assistedByText', {
                        assistant: dossier.assisted.assistant.fullName,
                        team: dossier.assisted.team.name,
                        village: dossier.assisted.team.village,
                      }),
                    },
                    {
                      label: t('assist.method'),
                      value: t('assist.consentText', {
                        name: dossier.assisted.citizen.fullName,
                        method: t(`assist.methods.${dossier.assisted.consent.method}`),
                        at: formatDateTime(dossier.assisted.consent.recordedAt, lang),
                      }),
                    },
                    ...(dossier.assisted.consent.note
                      ? [{ label: t('assist.note'), value: dossier.assisted.consent.note }]
                      : []),
                  ]}
                />
              </Section>
            )}
            <Section id="applicant" title={t('dossier.applicant')}>
              <Facts
                testId="applicant-facts"
                items={[
                  { key: 'fullName', label: t('applicant.fullName'), value: applicant.fullName ?? '—' },
                  { key: 'idNumber', label: t('applicant.idNumber'), value: applicant.idNumber ?? '—' },
                  { key: 'phone', label: t('applicant.phone'), value: applicant.phone ?? '—' },
                  ...(applicant.email
                    ? [{ key: 'email', label: t('applicant.email'), value: applicant.email }]
                    : []),
                  ...(applicant.address
                    ? [{ key: 'address', label: t('applicant.address'), value: applicant.address }]
                    : []),
                  ...(applicant.organization
                    ? [
                        {
                          key: 'organization',
                          label: t('applicant.organization'),
                          value: applicant.organization,
                        },
                      ]
                    : []),
                ]}
              />
            </Section>
            <Section id="documents" title={t('dossier.documents')}>
              {documents.length === 0 ? (
                <Text size="sm">{t('dossier.noDocuments')}</Text>
              ) : (
                <List size="sm" spacing={6} data-testid="dossier-documents">
                  {documents.map((d) => (
                    <List.Item key={d.index}>
                      {d.name || t('dossier.documentN', { n: d.index + 1 })}
                      <Text span size="sm" c="dimmed">
                        {' '}
                        — {t(`documentForm.${d.form ?? 'original'}`, { defaultValue: d.form ?? '' })},{' '}
                        {t('dossier.copies', { count: d.copies ?? 1 })}
                      </Text>
                    </List.Item>
                  ))}
                </List>
              )}
            </Section>
            <DossierPayments code={dossier.code} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <TimelineSection dossier={dossier} stepName={stepName} />
        </Grid.Col>
      </Grid>

      <StepsSection dossier={dossier} stepName={stepName} />

      <DossierActionModal
        dossier={dossier}
        action={action}
        onClose={() => setAction(null)}
        onReload={onReload}
      />
    </Stack>
  );
}

export default function DossierPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  usePageTitle(code || t('inbox.title'));
  const dossier = useDossier(code);
  if (dossier.isPending) return <Skeleton height={400} />;
  if (dossier.isError) {
    if (dossier.error instanceof ApiError && dossier.error.status === 404) {
      return (
        <Box maw={700}>
          <Alert color="orange" title={t('dossier.notFoundTitle')} role="alert">
            {t('dossier.notFound', { code })}
          </Alert>
        </Box>
      );
    }
    return <QueryError error={dossier.error} onRetry={() => dossier.refetch()} />;
  }
  return (
    <DossierBody dossier={dossier.data} onReload={() => dossier.refetch()} reloading={dossier.isRefetching} />
  );
}
