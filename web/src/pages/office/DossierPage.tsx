import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Collapse,
  Grid,
  Group,
  List,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import {
  IconArrowLeft,
  IconChevronDown,
  IconChevronRight,
  IconPrinter,
  IconRefresh,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import {
  type AllowedAction,
  type DossierEventView,
  type DossierForm,
  type DossierView,
  type DueExplanationItem,
  dossierFormUrl,
  useDossier,
} from '../../api/dossiers';
import type { ProcessingTime } from '../../api/public';
import { QueryError } from '../../components/common';
import { StatusBadge, TimelinessBadge } from '../../components/DossierBadges';
import { DossierPayments } from '../../components/DossierPayments';
import {
  applicantOf,
  documentsOf,
  formatMinutes,
  formatShortDateTime,
  isRecord,
  stepLabel,
  stepTimelinessColor,
} from '../../lib/dossier';
import { formatDateTime, formatProcessingTime } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { actionLabel, DossierActionModal } from './DossierActionModal';
import { TableHead } from '../../components/DataTable';

function Facts({
  items,
  testId,
}: {
  items: { label: string; value: ReactNode; key?: string }[];
  testId?: string;
}) {
  return (
    <dl className="facts" data-testid={testId}>
      {items.map((item) => (
        <div key={item.key ?? item.label} className="facts-row" data-fact={item.key}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${id}-title`}>
      <Title order={2} size="h4" id={`${id}-title`} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** The lines that explain an event: note, reason, items, new date, unit, result, return method. */
function eventLines(
  event: DossierEventView,
  t: TFunction,
  lang: string,
  stepName: (code: string | null) => string,
): string[] {
  const p = isRecord(event.payload) ? event.payload : {};
  const lines: string[] = [];
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  if (event.type === 'receive') {
    if (str(p.channel))
      lines.push(
        `${t('dossier.channel')}: ${t(`channel.${str(p.channel)}`, { defaultValue: str(p.channel) })}`,
      );
    if (typeof p.documents === 'number') lines.push(t('event.documentsCount', { count: p.documents }));
  } else if (str(p.unitCode)) {
    lines.push(`${t('event.unit')}: ${str(p.unitCode)}`);
  }
  if (str(p.toStep)) lines.push(`${t('event.toStep')}: ${stepName(str(p.toStep))}`);
  if (Array.isArray(p.items) && p.items.length > 0) {
    const items = p.items
      .map((i) =>
        isRecord(i)
          ? [
              str(i.document),
              i.form ? `(${t(`documentForm.${str(i.form)}`, { defaultValue: str(i.form) })})` : '',
            ]
              .filter(Boolean)
              .join(' ')
          : str(i),
      )
      .filter(Boolean);
    lines.push(`${t('event.items')}: ${items.join('; ')}`);
  }
  if (str(p.newDueAt)) lines.push(`${t('event.newDueAt')}: ${formatDateTime(str(p.newDueAt), lang)}`);
  if (str(p.title))
    lines.push(
      `${t('event.result')}: ${str(p.title)}${str(p.number) ? ` (${t('event.number')} ${str(p.number)})` : ''}`,
    );
  if (str(p.method))
    lines.push(
      `${t('event.method')}: ${t(`resultDelivery.${str(p.method)}`, { defaultValue: str(p.method) })}`,
    );
  if (str(p.trackingNumber)) lines.push(`${t('event.trackingNumber')}: ${str(p.trackingNumber)}`);
  if (str(p.reason)) lines.push(`${t('event.reason')}: ${str(p.reason)}`);
  if (str(p.note)) lines.push(`${t('event.note')}: ${str(p.note)}`);
  return lines;
}

/** "Cách tính hạn": the lines of how the due date given at reception was computed, folded by default. */
function DueExplanation({ items }: { items: DueExplanationItem[] }) {
  const { t, i18n } = useTranslation();
  const [opened, setOpened] = useState(false);
  const id = useId();
  if (items.length === 0) return null;
  const en = i18n.language === 'en';
  return (
    <Box mt={4} data-testid="due-explanation">
      <Button
        variant="subtle"
        size="compact-sm"
        px={0}
        aria-expanded={opened}
        aria-controls={id}
        onClick={() => setOpened((o) => !o)}
        leftSection={
          opened ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />
        }
        data-testid="due-explanation-toggle"
      >
        {t('dossier.dueExplanation')}
      </Button>
      <Collapse expanded={opened}>
        <Box id={id}>
          <Text size="xs" c="dimmed" mt={4}>
            {t('dossier.dueExplanationHelp')}
          </Text>
          <List size="sm" spacing={2} mt={4} data-testid="due-explanation-list">
            {items.map((item, i) => (
              <List.Item
                // biome-ignore lint/suspicious/noArrayIndexKey: the lines are in order, a date may repeat
                key={i}
                data-kind={item.kind}
                fw={item.kind === 'due' ? 600 : undefined}
              >
                {en && item.textEn ? item.textEn : item.text}
              </List.Item>
            ))}
          </List>
        </Box>
      </Collapse>
    </Box>
  );
}

/** "Hồ sơ liên thông cùng bộ": the other dossiers received in the same bundle. */
function BundleSection({ dossier }: { dossier: DossierView }) {
  const { t } = useTranslation();
  if (!dossier.bundle?.length) return null;
  return (
    <Section id="bundle" title={t('dossier.bundle')}>
      <Text size="sm" c="dimmed" mb="xs">
        {t('dossier.bundleHelp')}
      </Text>
      <List size="sm" spacing={6} data-testid="bundle-list">
        {dossier.bundle.map((b) => (
          <List.Item key={b.code} data-code={b.code}>
            <Group gap="xs" component="span" wrap="wrap">
              <Anchor
                component={Link}
                to={`/office/dossiers/${encodeURIComponent(b.code)}`}
                translate="no"
                fw={600}
                data-testid="bundle-link"
              >
                {b.code}
              </Anchor>
              <Text span size="sm" c="dimmed" translate="no">
                {b.procedureCode}
              </Text>
              <StatusBadge status={b.status} data-testid="bundle-status" />
            </Group>
          </List.Item>
        ))}
      </List>
    </Section>
  );
}

function PrintButtons({ dossier }: { dossier: DossierView }) {
  const { t } = useTranslation();
  const types = new Set(dossier.events.map((e) => e.type));
  const forms: DossierForm[] = ['01'];
  if (types.has('request_supplement')) forms.push('02');
  if (dossier.extended || types.has('extend')) forms.push('04');
  forms.push('05');
  return (
    <Group gap="xs" data-testid="print-buttons">
      {forms.map((form) => (
        <Button
          key={form}
          component="a"
          href={dossierFormUrl(dossier.code, form)}
          target="_blank"
          rel="noopener"
          variant="default"
          size="compact-md"
          className="wrap-button"
          leftSection={<IconPrinter size={16} aria-hidden />}
          data-testid={`print-${form}`}
        >
          {t(`forms.f${form}`)}
          <span className="visually-hidden"> ({t('common.newTab')})</span>
        </Button>
      ))}
    </Group>
  );
}

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
            <Section id="info" title={t('dossier.info')}>
              <Facts
                testId="dossier-facts"
                items={[
                  {
                    key: 'procedure',
                    label: t('dossier.procedure'),
                    value: (
                      <>
                        {dossier.procedure.name}{' '}
                        <Text span size="sm" c="dimmed" translate="no">
                          ({dossier.procedure.code},{' '}
                          {t('dossier.procedureVersion', { n: dossier.procedure.version })})
                        </Text>
                      </>
                    ),
                  },
                  {
                    key: 'processingTime',
                    label: t('procedure.processingTime'),
                    value: formatProcessingTime(dossier.procedure.processingTime as ProcessingTime, null, t),
                  },
                  { key: 'step', label: t('dossier.step'), value: open ? stepName(dossier.step) : '—' },
                  {
                    key: 'receivingUnit',
                    label: t('dossier.receivingUnit'),
                    value: dossier.receivingUnit.name,
                  },
                  { key: 'currentUnit', label: t('dossier.currentUnit'), value: dossier.currentUnit.name },
                  {
                    key: 'channel',
                    label: t('dossier.channel'),
                    value: t(`channel.${dossier.channel}`, { defaultValue: dossier.channel }),
                  },
                  {
                    key: 'resultDelivery',
                    label: t('reception.resultDelivery'),
                    value: t(`resultDelivery.${dossier.resultDelivery}`, {
                      defaultValue: dossier.resultDelivery,
                    }),
                  },
                  {
                    key: 'receivedAt',
                    label: t('dossier.receivedAt'),
                    value: formatDateTime(dossier.receivedAt, lang),
                  },
                  {
                    key: 'dueAt',
                    label: t('dossier.dueAt'),
                    value: (
                      <>
                        {formatDateTime(dossier.dueAt, lang)}
                        {dossier.originalDueAt !== dossier.dueAt && (
                          <Text span size="sm" c="dimmed">
                            {' '}
                            ({t('dossier.originalDue', { date: formatDateTime(dossier.originalDueAt, lang) })}
                            )
                          </Text>
                        )}
                        <DueExplanation items={dossier.dueExplanation ?? []} />
                      </>
                    ),
                  },
                  {
                    key: 'appointmentAt',
                    label: t('dossier.appointmentAt'),
                    value: (
                      <>
                        {formatDateTime(dossier.appointmentAt, lang)}
                        {dossier.extended && (
                          <Text span size="sm" fw={600} className="text-warning" data-testid="extended-note">
                            {' '}
                            ({t('dossier.extendedNote')})
                          </Text>
                        )}
                      </>
                    ),
                  },
                  ...(dossier.paused || dossier.pausedMinutes > 0
                    ? [
                        {
                          key: 'paused',
                          label: t('dossier.pausedTime'),
                          value: `${formatMinutes(dossier.pausedMinutes, t)}${dossier.paused ? ` — ${t('dossier.pausedNow')}` : ''}`,
                        },
                      ]
                    : []),
                  ...(dossier.resolvedAt
                    ? [
                        {
                          key: 'resolvedAt',
                          label: t('dossier.resolvedAt'),
                          value: formatDateTime(dossier.resolvedAt, lang),
                        },
                      ]
                    : []),
                  ...(dossier.returnedAt
                    ? [
                        {
                          key: 'returnedAt',
                          label: t('dossier.returnedAt'),
                          value: formatDateTime(dossier.returnedAt, lang),
                        },
                      ]
                    : []),
                ]}
              />
            </Section>
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
          <Section id="timeline" title={t('dossier.timeline')}>
            <Timeline
              bulletSize={14}
              lineWidth={2}
              active={dossier.events.length - 1}
              data-testid="dossier-timeline"
            >
              {[...dossier.events].reverse().map((e) => {
                const lines = eventLines(e, t, lang, stepName);
                return (
                  <Timeline.Item
                    key={e.seq}
                    title={
                      <Text fw={600} size="sm" component="span">
                        {t(`dossierEvent.${e.type}`, { defaultValue: e.type })}
                      </Text>
                    }
                    data-testid="timeline-event"
                    data-type={e.type}
                  >
                    <Text size="xs" c="dimmed">
                      {formatDateTime(e.at, lang)}
                      {e.actorName ? ` · ${e.actorName}` : ''}
                      {e.step ? ` · → ${stepName(e.step)}` : ''}
                    </Text>
                    {lines.map((line) => (
                      <Text key={line} size="sm" className="prewrap">
                        {line}
                      </Text>
                    ))}
                  </Timeline.Item>
                );
              })}
            </Timeline>
          </Section>
        </Grid.Col>
      </Grid>

      <Section id="steps" title={t('dossier.steps')}>
        <Text size="sm" c="dimmed" mb="xs">
          {t('dossier.stepsHelp')}
        </Text>
        <Table.ScrollContainer minWidth={0}>
          <Table className="stack-table" verticalSpacing="xs" withTableBorder data-testid="steps-table">
            <TableHead
              columns={[
                t('dossier.step'),
                t('dossier.unit'),
                t('dossier.stepStarted'),
                t('dossier.stepEnded'),
                t('dossier.stepDeadline'),
                t('dossier.stepResult'),
              ]}
            />
            <Table.Tbody>
              {dossier.steps.map((s, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a step may repeat; the order is the identity
                <Table.Tr key={i} data-testid="step-row">
                  <Table.Td data-label={t('dossier.step')}>{stepName(s.step)}</Table.Td>
                  <Table.Td data-label={t('dossier.unit')}>{s.unitCode ?? '—'}</Table.Td>
                  <Table.Td data-label={t('dossier.stepStarted')}>
                    {formatShortDateTime(s.startedAt, lang)}
                  </Table.Td>
                  <Table.Td data-label={t('dossier.stepEnded')}>
                    {s.endedAt ? formatShortDateTime(s.endedAt, lang) : '—'}
                  </Table.Td>
                  <Table.Td data-label={t('dossier.stepDeadline')}>
                    {formatShortDateTime(s.deadline, lang)}
                  </Table.Td>
                  <Table.Td data-label={t('dossier.stepResult')}>
                    <Badge
                      color={stepTimelinessColor(s.timeliness)}
                      variant="light"
                      radius="sm"
                      style={{ textTransform: 'none' }}
                    >
                      {s.timeliness
                        ? t(`timeliness.${s.timeliness}`, { defaultValue: s.timeliness })
                        : s.endedAt
                          ? '—'
                          : t('dossier.stepRunning')}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Section>

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
