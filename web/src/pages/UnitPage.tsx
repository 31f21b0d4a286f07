import { Anchor, Badge, Box, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { type PublicUnit, type ServiceDayKind, usePublicUnit } from '../api/community';
import { BackLink, Loading, QueryError, useLevelLabel } from '../components/common';
import { formatDate, formatLongDate, todayInVietnam, weekday } from '../lib/format';
import { usePageTitle } from '../lib/usePageTitle';
import { UnitRequests } from './UnitRequests';

const KINDS: readonly ServiceDayKind[] = ['no_appointment', 'no_writing'];
const KIND_COLOR: Record<ServiceDayKind, string> = { no_appointment: 'teal', no_writing: 'grape' };

function KindBadge({ kind }: { kind: ServiceDayKind }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={KIND_COLOR[kind]} style={{ textTransform: 'none' }}>
      {t(`community.kind.${kind}`)}
    </Badge>
  );
}

function Tel({ number }: { number: string | null }) {
  if (!number) return <>—</>;
  return <Anchor href={`tel:${number.replace(/[^\d+]/g, '')}`}>{number}</Anchor>;
}

function UnitView({ unit }: { unit: PublicUnit }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const levelLabel = useLevelLabel();
  const today = todayInVietnam();
  const facts: { label: string; value: ReactNode }[] = [
    { label: t('community.unitPage.code'), value: <span translate="no">{unit.code}</span> },
    { label: t('community.unitPage.level'), value: levelLabel(unit.level) },
    ...(unit.parent
      ? [
          {
            label: t('community.unitPage.parent'),
            value: (
              <Anchor component={Link} to={`/units/${encodeURIComponent(unit.parent.code)}`}>
                {unit.parent.name}
              </Anchor>
            ),
          },
        ]
      : []),
    { label: t('community.unitPage.address'), value: unit.address ?? '—' },
    { label: t('community.unitPage.phone'), value: <Tel number={unit.phone} /> },
    ...(unit.hotline
      ? [{ label: t('community.unitPage.hotline'), value: <Tel number={unit.hotline} /> }]
      : []),
    {
      label: t('community.unitPage.procedures'),
      value: (
        <span>
          {t('community.unitPage.procedureCount', { count: unit.procedureCount })}
          {unit.procedureCount > 0 && (
            <>
              {' · '}
              <Anchor component={Link} to={`/?unit=${encodeURIComponent(unit.code)}`}>
                {t('community.unitPage.catalogLink')}
              </Anchor>
            </>
          )}
        </span>
      ),
    },
    {
      label: t('community.unitPage.sameDay'),
      value: t('community.unitPage.sameDayCount', { count: unit.sameDayProcedureCount }),
    },
  ];

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Title order={1} size="h2">
          {unit.name}
        </Title>
        <Group gap="xs">
          <Badge variant="outline" color="gray" radius="sm" style={{ textTransform: 'none' }}>
            {levelLabel(unit.level)}
          </Badge>
        </Group>
      </Stack>

      <Paper withBorder p="md">
        <dl className="facts" data-testid="unit-facts">
          {facts.map((f) => (
            <div key={f.label} className="facts-row">
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      </Paper>

      <Box component="section" aria-labelledby="service-days-title">
        <Title order={2} size="h3" id="service-days-title" mb="xs">
          {t('community.unitPage.schedule')}
        </Title>
        <Text mb="sm">{t('community.unitPage.scheduleIntro')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mb="md">
          {KINDS.map((k) => (
            <Paper key={k} withBorder p="sm" radius="md">
              <Stack gap={6}>
                <div>
                  <KindBadge kind={k} />
                </div>
                <Text size="sm">{t(`community.unitPage.explain.${k}`)}</Text>
              </Stack>
            </Paper>
          ))}
        </SimpleGrid>
        <Title order={3} size="h4" mb="xs" id="service-days-upcoming">
          {t('community.unitPage.upcoming')}
        </Title>
        {unit.upcomingServiceDays.length === 0 ? (
          <Text c="dimmed">{t('community.unitPage.noDays')}</Text>
        ) : (
          <Stack
            component="ol"
            gap="xs"
            className="plain-list"
            aria-labelledby="service-days-upcoming"
            data-testid="upcoming-service-days"
          >
            {unit.upcomingServiceDays.map((d) => (
              <Paper key={`${d.day}:${d.kind}`} component="li" withBorder p="sm">
                <Group justify="space-between" gap="xs" wrap="wrap" align="flex-start">
                  <Stack gap={2}>
                    <Text fw={600}>
                      <time dateTime={d.day} title={formatLongDate(d.day, lang)}>
                        {t('community.dayWithWeekday', {
                          weekday: t(`community.weekday.${weekday(d.day) || 7}`),
                          date: formatDate(d.day, lang),
                        })}
                      </time>
                      {d.day === today && (
                        <Badge
                          component="span"
                          ml="xs"
                          color="blue"
                          variant="filled"
                          style={{ textTransform: 'none' }}
                        >
                          {t('community.unitPage.today')}
                        </Badge>
                      )}
                    </Text>
                    {d.note && <Text size="sm">{d.note}</Text>}
                  </Stack>
                  <KindBadge kind={d.kind} />
                </Group>
              </Paper>
            ))}
          </Stack>
        )}
      </Box>
      {unit.hasCounter && <UnitRequests unitCode={unit.code} />}
    </Stack>
  );
}

/**
 * The public page of a unit (xã, phường, cơ quan): where it is, how to call it, what it receives,
 * and the coming days on which its one-stop counter resolves same-day procedures while the citizen
 * waits (ngày không hẹn) or fills the forms for them (ngày không viết).
 */
export default function UnitPage() {
  const { t } = useTranslation();
  const { code } = useParams();
  const query = usePublicUnit(code);
  usePageTitle(query.data?.name ?? t('community.unitPage.schedule'));

  return (
    <Stack gap="md" maw={900} mx="auto">
      <BackLink to="/" label={t('community.unitPage.back')} />
      {query.isPending && <Loading />}
      {query.isError &&
        (query.error instanceof ApiError && query.error.status === 404 ? (
          <Title order={1} size="h2">
            {t('community.unitPage.notFound', { code })}
          </Title>
        ) : (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ))}
      {query.data && <UnitView unit={query.data} />}
    </Stack>
  );
}
