import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconFileSpreadsheet, IconFileText, IconPrinter } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { errorMessage } from '../../api/client';
import { useUnits } from '../../api/public';
import {
  downloadProcessingReport,
  type GroupBy,
  type ProcessingFigures,
  type ProcessingQuery,
  useProcessingReport,
} from '../../api/reports';
import { QueryError } from '../../components/common';
import { FigureCard, formatRate } from '../../components/FigureCard';
import { formatDateTime, todayInVietnam } from '../../lib/format';
import { notify } from '../../lib/notify';
import { usePageTitle } from '../../lib/usePageTitle';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const READERS = ['leader', 'unit_admin', 'system_admin', 'auditor'];
type Preset = 'month' | 'lastMonth' | 'quarter' | 'year';

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The period of a preset, in Vietnam's calendar, up to its natural end (a running period counts up to now). */
function presetPeriod(preset: Preset, today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  if (preset === 'year') return { from: `${y}-01-01`, to: `${y}-12-31` };
  if (preset === 'quarter') {
    const first = Math.floor((m - 1) / 3) * 3 + 1;
    return { from: `${y}-${pad(first)}-01`, to: `${y}-${pad(first + 2)}-${lastDay(y, first + 2)}` };
  }
  const [yy, mm] = preset === 'lastMonth' ? (m === 1 ? [y - 1, 12] : [y, m - 1]) : [y, m];
  return { from: `${yy}-${pad(mm)}-01`, to: `${yy}-${pad(mm)}-${lastDay(yy, mm)}` };
}

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
export default function ReportsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  usePageTitle(t('reports.title'));
  const me = useMe().data;
  const allUnits = useUnits();
  const units = useMemo(() => {
    const names = new Map((allUnits.data ?? []).map((u) => [u.code, u.name]));
    const out = new Map<string, string>();
    for (const r of me?.roles ?? [])
      if (r.unitCode && READERS.includes(r.role))
        out.set(r.unitCode, r.unitName ?? names.get(r.unitCode) ?? r.unitCode);
    if (me?.roles.some((r) => r.role === 'system_admin'))
      for (const u of allUnits.data ?? []) out.set(u.code, u.name);
    return [...out].map(([code, name]) => ({ code, name }));
  }, [me, allUnits.data]);
  const [unitCode, setUnitCode] = useState('');
  const unit = units.some((u) => u.code === unitCode) ? unitCode : (units[0]?.code ?? '');
  const canDescend =
    Boolean(me?.roles.some((r) => r.unitCode === unit && r.includeDescendants)) ||
    Boolean(me?.roles.some((r) => r.role === 'system_admin'));
  const [period, setPeriod] = useState(() => presetPeriod('month', todayInVietnam()));
  const [descendants, setDescendants] = useState(true);
  const [groupBy, setGroupBy] = useState<GroupBy>('unit');

  const validDates = DATE_RE.test(period.from) && DATE_RE.test(period.to);
  const ordered = validDates && period.from <= period.to;
  const query: ProcessingQuery | null =
    unit && ordered
      ? { unit, from: period.from, to: period.to, descendants: canDescend && descendants, groupBy }
      : null;
  const report = useProcessingReport(query);
  const [failure, setFailure] = useState<string | null>(null);
  const download = useMutation({
    mutationFn: downloadProcessingReport,
    onSuccess: (name) => {
      setFailure(null);
      notify({ color: 'green', message: t('reports.downloaded', { name }) });
    },
    onError: (error) => setFailure(errorMessage(error)),
  });
  const data = report.data;
  const totals = data?.totals;
  const rowName = (key: Record<string, string>) =>
    key.unitName ?? key.fieldName ?? (key.procedureCode ? `${key.procedureCode} — ${key.procedureName}` : '');

  return (
    <Stack gap="md" maw={1400}>
      <Title order={1}>{t('reports.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('reports.intro')}
      </Text>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group gap="md" align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('reports.unit')}
              data={units.map((u) => ({ value: u.code, label: u.name }))}
              value={unit}
              onChange={(e) => setUnitCode(e.currentTarget.value)}
              data-testid="report-unit"
            />
            <TextInput
              type="date"
              label={t('reports.from')}
              value={period.from}
              onChange={(e) => setPeriod((p) => ({ ...p, from: e.currentTarget.value }))}
              data-testid="report-from"
            />
            <TextInput
              type="date"
              label={t('reports.to')}
              value={period.to}
              onChange={(e) => setPeriod((p) => ({ ...p, to: e.currentTarget.value }))}
              error={validDates && !ordered ? t('reports.badPeriod') : undefined}
              data-testid="report-to"
            />
            <NativeSelect
              label={t('reports.groupBy')}
              data={(['unit', 'field', 'procedure'] as const).map((g) => ({
                value: g,
                label: t(`reports.group.${g}`),
              }))}
              value={groupBy}
              onChange={(e) => setGroupBy(e.currentTarget.value as GroupBy)}
              data-testid="report-group"
            />
          </Group>
          <Group gap="xs" wrap="wrap">
            {(['month', 'lastMonth', 'quarter', 'year'] as const).map((p) => (
              <Button
                key={p}
                size="compact-sm"
                variant="light"
                onClick={() => setPeriod(presetPeriod(p, todayInVietnam()))}
              >
                {t(`reports.preset.${p}`)}
              </Button>
            ))}
            {canDescend && (
              <Checkbox
                ml="md"
                label={t('reports.descendants')}
                checked={descendants}
                onChange={(e) => setDescendants(e.currentTarget.checked)}
              />
            )}
          </Group>
        </Stack>
      </Paper>

      {report.isError && <QueryError error={report.error} onRetry={() => void report.refetch()} />}
      {failure && (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      )}

      {data && totals && query && (
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
