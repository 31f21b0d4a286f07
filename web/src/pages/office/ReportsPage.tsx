import {
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { IconFileSpreadsheet, IconFileText, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  downloadProcessingReport,
  type GroupBy,
  type ProcessingFigures,
  type ProcessingQuery,
  useProcessingReport,
} from '../../api/reports';
import { FailureAlert, QueryError } from '../../components/common';
import { FigureCard, formatRate } from '../../components/FigureCard';
import { formatDateTime } from '../../lib/format';
import { useDownload } from '../../lib/useDownload';
import { usePageTitle } from '../../lib/usePageTitle';
import {
  TABLE_REPORT_KINDS,
  TABLE_REPORTS,
  type TableGroupBy,
  type TableReportKind,
} from '../../../../src/domain/statistics/table-reports';
import { DrillPanel } from './DrillPanel';
import { ReportScopeControls, useReportScope } from './ReportScope';
import { TableReportView } from './TableReportView';
import { QUEUE_GROUPS, QueueStatsView } from './QueueStatsView';

function FigureCells({ f, lang }: { f: ProcessingFigures; lang: string }) {
  const cells = [
    f.total,
    f.received.online,
    f.received.counter + f.received.postal,
    f.carriedOver,
    f.resolved.total,
    f.resolved.early,
    f.resolved.onTime,
    f.resolved.late,
    f.inProgress.total,
    f.inProgress.notDue,
    f.inProgress.overdue,
    f.refused,
    f.withdrawn,
  ];
  return (
    <>
      {cells.map((value, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
        <Table.Td key={i} ta="right">
          {value}
        </Table.Td>
      ))}
      <Table.Td ta="right">{formatRate(f.onTimeRate.value, lang)}</Table.Td>
    </>
  );
}

const COLUMNS = [
  'total',
  'online',
  'counter',
  'carriedOver',
  'resolved',
  'early',
  'onTime',
  'late',
  'inProgress',
  'notDue',
  'overdue',
  'refused',
  'withdrawn',
  'rate',
] as const;

/** The processing report (form 06) of a unit for a period, with its identities shown as sentences, and exports. */
function ProcessingView({ query }: { query: ProcessingQuery }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const report = useProcessingReport(query);
  const download = useDownload(downloadProcessingReport);
  const failure = download.failure;
  const data = report.data;
  const totals = data?.totals;
  const rowName = (key: Record<string, string>) =>
    key.unitName ?? key.fieldName ?? (key.procedureCode ? `${key.procedureCode} — ${key.procedureName}` : '');

  return (
    <Stack gap="md">
      <Text c="dimmed" size="sm">
        {t('reports.intro')}
      </Text>
      {report.isError && <QueryError error={report.error} onRetry={() => void report.refetch()} />}
      <FailureAlert message={failure} />

      {data && totals && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" data-testid="report-totals">
            <FigureCard
              label={t('reports.card.total')}
              value={totals.total}
              hint={t('reports.card.totalHint', {
                carried: totals.carriedOver,
                received: totals.received.total,
              })}
              testId="report-total"
            />
            <FigureCard
              label={t('reports.card.resolved')}
              value={totals.resolved.total}
              hint={t('reports.card.resolvedHint', {
                early: totals.resolved.early,
                onTime: totals.resolved.onTime,
                late: totals.resolved.late,
              })}
              testId="report-resolved"
            />
            <FigureCard
              label={t('reports.card.inProgress')}
              value={totals.inProgress.total}
              hint={t('reports.card.inProgressHint', {
                notDue: totals.inProgress.notDue,
                paused: totals.inProgress.paused,
                overdue: totals.inProgress.overdue,
              })}
              testId="report-in-progress"
            />
            <FigureCard
              label={t('reports.onTimeRate')}
              value={formatRate(totals.onTimeRate.value, lang)}
              hint={
                totals.onTimeRate.denominator
                  ? t('reports.rateOf', {
                      numerator: totals.onTimeRate.numerator,
                      denominator: totals.onTimeRate.denominator,
                    })
                  : t('reports.noRate')
              }
              testId="report-rate"
            />
          </SimpleGrid>

          <Group justify="space-between" wrap="wrap">
            <Text size="sm" c="dimmed">
              {t('reports.asOf', { time: formatDateTime(data.asOf, lang) })}
            </Text>
            <Group gap="xs">
              <Button
                leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
                loading={download.isPending && download.variables?.format === 'xlsx'}
                onClick={() => download.mutate({ query, format: 'xlsx' })}
                data-testid="report-xlsx"
              >
                {t('reports.excel')}
              </Button>
              <Button
                variant="default"
                leftSection={<IconFileText size={18} aria-hidden />}
                loading={download.isPending && download.variables?.format === 'csv'}
                onClick={() => download.mutate({ query, format: 'csv' })}
              >
                {t('reports.csv')}
              </Button>
              <Button
                variant="default"
                leftSection={<IconPrinter size={18} aria-hidden />}
                loading={download.isPending && download.variables?.format === 'pdf'}
                onClick={() => download.mutate({ query, format: 'pdf' })}
              >
                {t('reports.pdf')}
              </Button>
            </Group>
          </Group>

          {/* Wider than a phone or a laptop with the menu: the region scrolls, and takes focus to scroll by keyboard. */}
          <Table.ScrollContainer
            minWidth={1100}
            type="native"
            tabIndex={0}
            role="region"
            aria-label={t('reports.title')}
          >
            <Table striped withTableBorder withColumnBorders fz="sm" data-testid="report-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th miw={220}>{t('reports.col.name')}</Table.Th>
                  {COLUMNS.map((c) => (
                    <Table.Th key={c} ta="right">
                      {t(`reports.col.${c}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.rows.map((row) => (
                  <Table.Tr key={JSON.stringify(row.key)}>
                    <Table.Th scope="row" fw={400}>
                      {rowName(row.key)}
                    </Table.Th>
                    <FigureCells f={row} lang={lang} />
                  </Table.Tr>
                ))}
                {data.rows.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={COLUMNS.length + 1}>{t('reports.empty')}</Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr fw={700}>
                  <Table.Th scope="row">{t('reports.col.totalRow')}</Table.Th>
                  <FigureCells f={totals} lang={lang} />
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}

type View = 'processing' | TableReportKind | 'overdue' | 'queue';
const VIEWS: readonly View[] = ['processing', ...TABLE_REPORT_KINDS, 'overdue', 'queue'];

/**
 * Reports and statistics: form 06, the other reports (satisfaction, online and cashless, postal
 * service, digitisation, officers, feedback) and the overdue list, on one scope (unit, period, the
 * units below). The view is in the address (?view=), so a report can be linked and reloaded.
 */
export default function ReportsPage() {
  const { t } = useTranslation();
  usePageTitle(t('reports.menu'));
  const scope = useReportScope('month');
  const [params, setParams] = useSearchParams();
  const asked = params.get('view') as View | null;
  const view: View = asked && VIEWS.includes(asked) ? asked : 'processing';
  const [groupBys, setGroupBys] = useState<Record<string, string>>({});
  const groupOptions: readonly string[] =
    view === 'processing'
      ? ['unit', 'field', 'procedure']
      : view === 'overdue'
        ? []
        : view === 'queue'
          ? QUEUE_GROUPS
          : TABLE_REPORTS[view].groupBy;
  const groupBy = groupBys[view] && groupOptions.includes(groupBys[view]) ? groupBys[view] : groupOptions[0];

  return (
    <Stack gap="md" maw={1400}>
      <Title order={1}>{t('reports.menu')}</Title>
      <Tabs
        value={view}
        onChange={(v) => setParams(v && v !== 'processing' ? { view: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          {VIEWS.map((v) => (
            <Tabs.Tab key={v} value={v} data-testid={`report-view-${v}`}>
              {t(`reports.view.${v}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <ReportScopeControls scope={scope}>
            {groupOptions.length > 1 && (
              <NativeSelect
                label={t('reports.groupBy')}
                data={groupOptions.map((g) => ({ value: g, label: t(`reports.group.${g}`) }))}
                value={groupBy}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setGroupBys((g) => ({ ...g, [view]: value }));
                }}
                data-testid="report-group"
              />
            )}
          </ReportScopeControls>
        </Stack>
      </Paper>
      <Title order={2} size="h3">
        {view === 'processing' ? t('reports.title') : t(`reports.view.${view}`)}
      </Title>
      {scope.query && view === 'processing' && (
        <ProcessingView query={{ ...scope.query, groupBy: groupBy as GroupBy }} />
      )}
      {scope.query && view === 'overdue' && (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('reports.table.intro.overdue')}
          </Text>
          <DrillPanel query={{ ...scope.query, category: 'inProgress.overdue' }} />
        </Stack>
      )}
      {scope.query && view === 'queue' && (
        <QueueStatsView
          query={{
            unit: scope.query.unit,
            from: scope.query.from,
            to: scope.query.to,
            groupBy: groupBy ?? 'service',
          }}
        />
      )}
      {scope.query && view !== 'processing' && view !== 'overdue' && view !== 'queue' && (
        <TableReportView kind={view} query={{ ...scope.query, groupBy: groupBy as TableGroupBy }} />
      )}
    </Stack>
  );
}
