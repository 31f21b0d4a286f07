import {
  Anchor,
  Badge,
  Box,
  Card,
  Group,
  List,
  Paper,
  Stack,
  Table,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { useFields, useProcedure, useUnits } from '../api/public';
import type { ProcedureDetail, ProcedureVersion } from '../api/public';
import { BackLink, Loading, OnlineLevelBadge, QueryError, useLevelLabel } from '../components/common';
import { Linkify } from '../components/Linkify';
import { ApplyOnlineButton } from './apply/ApplyOnlineButton';
import { formatDate, formatMoney, formatProcessingTime } from '../lib/format';
import { usePageTitle } from '../lib/usePageTitle';
import { type CodeNames, valueText } from '../lib/valueText';
import { useFieldName } from '../lib/catalog';
import { TableHead } from '../components/DataTable';

function Unconfirmed() {
  const { t } = useTranslation();
  return (
    <Badge
      color="orange"
      variant="light"
      radius="sm"
      ml="xs"
      style={{ textTransform: 'none', verticalAlign: 'middle' }}
      title={t('procedure.unconfirmedHelp')}
      data-testid="unconfirmed"
    >
      {t('procedure.unconfirmed')}
    </Badge>
  );
}

function Section({
  id,
  title,
  unconfirmed,
  children,
}: {
  id: string;
  title: string;
  unconfirmed?: boolean;
  children: ReactNode;
}) {
  return (
    <Box component="section" aria-labelledby={`${id}-title`}>
      <Title order={2} size="h3" id={`${id}-title`} mb="sm">
        {title}
        {unconfirmed && <Unconfirmed />}
      </Title>
      {children}
    </Box>
  );
}

function Facts({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <dl className="facts">
      {items.map((item) => (
        <div key={item.label} className="facts-row">
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function isLink(value: string): boolean {
  return /^(https?:\/\/|\/)/.test(value);
}

function YesNo({ value }: { value: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} component="span" wrap="nowrap">
      {value ? <IconCheck size={16} aria-hidden color="green" /> : <IconX size={16} aria-hidden />}
      <span>{value ? t('common.yes') : t('common.no')}</span>
    </Group>
  );
}

function VersionHistory({
  versions,
  currentNumber,
}: {
  versions: ProcedureVersion[];
  currentNumber: number;
}) {
  const { t, i18n } = useTranslation();
  const units = useUnits();
  const fields = useFields();
  const names: CodeNames = {};
  for (const u of units.data ?? []) names[u.code] = u.name;
  for (const f of fields.data ?? []) names[f.code] = i18n.language === 'en' && f.nameEn ? f.nameEn : f.name;
  const sorted = [...versions].sort((a, b) => b.number - a.number);
  if (sorted.length === 0) return <Text c="dimmed">{t('procedure.noVersions')}</Text>;
  return (
    <Timeline bulletSize={22} lineWidth={2} active={0}>
      {sorted.map((version) => (
        <Timeline.Item
          key={version.number}
          title={
            <Group gap="xs" component="span">
              <Text fw={600} component="h3" size="md" m={0}>
                {t('procedure.versionTitle', {
                  number: version.number,
                  date: formatDate(version.effectiveFrom, i18n.language),
                })}
              </Text>
              {version.inForce && (
                <Badge color="green" variant="light" radius="sm" style={{ textTransform: 'none' }}>
                  {t('procedure.inForce')}
                </Badge>
              )}
              {version.inForce === false && version.number > currentNumber && (
                <Badge color="blue" variant="light" radius="sm" style={{ textTransform: 'none' }}>
                  {t('procedure.scheduled')}
                </Badge>
              )}
            </Group>
          }
          data-testid="procedure-version"
        >
          {version.changeNote && (
            <Text size="sm" className="prewrap" mt={4}>
              {version.changeNote}
            </Text>
          )}
          {version.changes.length > 0 ? (
            <Table
              withTableBorder
              withColumnBorders
              verticalSpacing="xs"
              fz="sm"
              mt="xs"
              className="stack-table"
            >
              <Table.Caption>{t('procedure.changesCaption', { number: version.number })}</Table.Caption>
              <TableHead
                columns={[t('procedure.changedField'), t('procedure.before'), t('procedure.after')]}
              />
              <Table.Tbody>
                {version.changes.map((change) => (
                  <Table.Tr key={change.field}>
                    <Table.Th scope="row" fw={500}>
                      {t(`procedureField.${change.field}`, { defaultValue: change.field })}
                    </Table.Th>
                    <Table.Td data-label={t('procedure.before')}>
                      <pre className="change-value">
                        {valueText(change.field, change.before, t, i18n.language, names)}
                      </pre>
                    </Table.Td>
                    <Table.Td data-label={t('procedure.after')}>
                      <pre className="change-value">
                        {valueText(change.field, change.after, t, i18n.language, names)}
                      </pre>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : (
            <Text size="sm" c="dimmed" mt={4}>
              {version.number === 1 ? t('procedure.firstVersion') : t('procedure.noChanges')}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

function ProcedureView({ procedure }: { procedure: ProcedureDetail }) {
  const { t, i18n } = useTranslation();
  const levelLabel = useLevelLabel();
  const fields = useFields();
  const fieldName = useFieldName(fields.data);
  const lang = i18n.language;
  const unconfirmed = new Set(procedure.unconfirmed ?? []);
  const isUnconfirmed = (...keys: string[]) => keys.some((k) => unconfirmed.has(k));
  const withFlag = (value: ReactNode, ...keys: string[]) =>
    isUnconfirmed(...keys) ? (
      <>
        {value}
        <Unconfirmed />
      </>
    ) : (
      value
    );

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Title order={1} size="h2">
          {procedure.name}
        </Title>
        <Group gap="xs">
          <Badge variant="outline" color="gray" radius="sm" style={{ textTransform: 'none' }} translate="no">
            {t('procedure.code')}: {procedure.code}
          </Badge>
          <OnlineLevelBadge level={procedure.onlineLevel} />
          {procedure.status === 'retired' && (
            <Badge color="red" variant="light" radius="sm" style={{ textTransform: 'none' }}>
              {t('procedure.retired')}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('procedure.currentVersion', {
            number: procedure.version.number,
            date: formatDate(procedure.version.effectiveFrom, lang),
          })}
        </Text>
        {procedure.onlineLevel !== 'counter' && procedure.status !== 'retired' && (
          <ApplyOnlineButton procedureCode={procedure.code} />
        )}
      </Stack>

      <Paper withBorder p="md">
        <Facts
          items={[
            { label: t('procedure.field'), value: fieldName(procedure.field.code, procedure.field.name) },
            {
              label: t('procedure.levels'),
              value: withFlag(procedure.levels.map(levelLabel).join(', ') || '—', 'levels'),
            },
            {
              label: t('procedure.processingTime'),
              value: withFlag(
                <span data-testid="processing-time">
                  {formatProcessingTime(procedure.processingTime, procedure.processingTimeText, t)}
                  {procedure.processingTimeText && (
                    <Text component="span" size="sm" c="dimmed" display="block">
                      {procedure.processingTimeText}
                    </Text>
                  )}
                </span>,
                'processingTime',
                'processingTimeText',
              ),
            },
            {
              label: t('procedure.units'),
              value: withFlag(
                procedure.units.length ? (
                  <span data-testid="procedure-units">
                    {procedure.units.map((u, i) => (
                      <span key={u.code}>
                        {i > 0 && '; '}
                        <Anchor component={Link} to={`/units/${encodeURIComponent(u.code)}`}>
                          {u.name}
                        </Anchor>
                      </span>
                    ))}
                  </span>
                ) : (
                  '—'
                ),
                'unitCodes',
              ),
            },
            ...(procedure.implementingAgency
              ? [
                  {
                    label: t('procedure.implementingAgency'),
                    value: withFlag(procedure.implementingAgency, 'implementingAgency'),
                  },
                ]
              : []),
            { label: t('procedure.result'), value: withFlag(procedure.resultType || '—', 'resultType') },
          ]}
        />
      </Paper>

      <Section id="fees" title={t('procedure.fees')} unconfirmed={isUnconfirmed('fees', 'feeNote')}>
        {procedure.fees.length === 0 ? (
          <Text data-testid="fees">{t('procedure.free')}</Text>
        ) : (
          <List spacing={4} data-testid="fees">
            {procedure.fees.map((fee, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: fees have no identity of their own
              <List.Item key={index}>
                <Text component="span" fw={600}>
                  {fee.amount === 0 ? t('procedure.free') : formatMoney(fee.amount, lang)}
                </Text>
                {fee.condition && <Text component="span"> — {fee.condition}</Text>}
              </List.Item>
            ))}
          </List>
        )}
        {procedure.feeNote && (
          <Text size="sm" c="dimmed" mt="xs" className="prewrap">
            {procedure.feeNote}
          </Text>
        )}
      </Section>

      <Section id="documents" title={t('procedure.documents')} unconfirmed={isUnconfirmed('documents')}>
        {procedure.documents.length === 0 ? (
          <Text c="dimmed">{t('procedure.noDocuments')}</Text>
        ) : (
          <Table
            striped
            withTableBorder
            verticalSpacing="sm"
            className="stack-table"
            data-testid="documents-table"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('procedure.documentName')}</Table.Th>
                <Table.Th scope="col" ta="center">
                  {t('procedure.copies')}
                </Table.Th>
                <Table.Th scope="col">{t('procedure.documentForm')}</Table.Th>
                <Table.Th scope="col">{t('procedure.required')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {procedure.documents.map((doc, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: documents are listed in order
                <Table.Tr key={index}>
                  <Table.Td>
                    {doc.name}
                    {doc.template && (
                      <Text size="sm" mt={2}>
                        {t('procedure.template')}:{' '}
                        {isLink(doc.template) ? (
                          <Anchor href={doc.template} target="_blank" rel="noreferrer">
                            {doc.template.split('/').pop()}
                          </Anchor>
                        ) : (
                          doc.template
                        )}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td className="cell-number" data-label={t('procedure.copies')}>
                    {doc.copies}
                  </Table.Td>
                  <Table.Td data-label={t('procedure.documentForm')}>
                    {t(`documentForm.${doc.form}`, { defaultValue: doc.form })}
                  </Table.Td>
                  <Table.Td data-label={t('procedure.required')}>
                    {doc.required ? t('common.yes') : t('common.no')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>

      <Section id="conditions" title={t('procedure.conditions')} unconfirmed={isUnconfirmed('conditions')}>
        <Text className="prewrap">{procedure.conditions || t('procedure.noConditions')}</Text>
      </Section>

      <Section
        id="submission"
        title={t('procedure.howToSubmit')}
        unconfirmed={isUnconfirmed('onlineLevel', 'postalSubmission', 'postalReturn')}
      >
        <Facts
          items={[
            {
              label: t('procedure.onlineLevel'),
              value: (
                <Stack gap={2}>
                  <span>{t(`onlineLevel.${procedure.onlineLevel}`)}</span>
                  <Text size="sm" c="dimmed">
                    {t(`onlineLevelHelp.${procedure.onlineLevel}`)}
                  </Text>
                </Stack>
              ),
            },
            { label: t('procedure.postalSubmission'), value: <YesNo value={procedure.postalSubmission} /> },
            { label: t('procedure.postalReturn'), value: <YesNo value={procedure.postalReturn} /> },
          ]}
        />
      </Section>

      {procedure.steps.length > 0 && (
        <Section id="steps" title={t('procedure.steps')} unconfirmed={isUnconfirmed('steps')}>
          <List type="ordered" spacing="xs">
            {procedure.steps.map((step, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: steps are ordered text
              <List.Item key={index}>{step}</List.Item>
            ))}
          </List>
        </Section>
      )}

      <Section id="result" title={t('procedure.result')} unconfirmed={isUnconfirmed('resultType')}>
        <Text>{procedure.resultType || '—'}</Text>
      </Section>

      <Section id="legal" title={t('procedure.legalBasis')} unconfirmed={isUnconfirmed('legalBasis')}>
        {procedure.legalBasis.length === 0 ? (
          <Text c="dimmed">—</Text>
        ) : (
          <List spacing={4}>
            {procedure.legalBasis.map((line, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: legal basis lines are plain text
              <List.Item key={index}>{line}</List.Item>
            ))}
          </List>
        )}
      </Section>

      {procedure.source && (
        <Text size="sm" c="dimmed" data-testid="procedure-source">
          {t('procedure.source')}: <Linkify text={procedure.source} />
        </Text>
      )}

      <Section id="versions" title={t('procedure.versions')}>
        <Card withBorder padding="md">
          <VersionHistory versions={procedure.versions} currentNumber={procedure.version.number} />
        </Card>
      </Section>
    </Stack>
  );
}

export function ProcedurePage() {
  const { t } = useTranslation();
  const { code } = useParams();
  const query = useProcedure(code);
  usePageTitle(query.data?.name ?? t('procedure.title'));

  return (
    <Stack gap="md" maw={1000} mx="auto">
      <BackLink to="/" label={t('procedure.back')} />
      {query.isPending && <Loading />}
      {query.isError &&
        (query.error instanceof ApiError && query.error.status === 404 ? (
          <Stack>
            <Title order={1} size="h2">
              {t('procedure.notFoundTitle')}
            </Title>
            <Text>{t('procedure.notFoundText', { code })}</Text>
          </Stack>
        ) : (
          <QueryError error={query.error} onRetry={() => query.refetch()} />
        ))}
      {query.data && <ProcedureView procedure={query.data} />}
    </Stack>
  );
}
