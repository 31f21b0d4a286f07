import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import { Button, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Dashboard, type DrillCategory, type DrillQuery, useDashboard } from '../../api/reports';
import { QueryError } from '../../components/common';
import { FigureCard, formatRate } from '../../components/FigureCard';
import { formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { monthPeriod, ReportScopeControls, type ScopeQuery, useReportScope } from './ReportScope';
import { DrillPanel } from './DrillPanel';
import { ServiceIndexPanel } from './ServiceIndexPanel';

/** A month's bars cover only the part of it inside the chosen period. */
function monthInPeriod(month: string, scope: ScopeQuery): { from: string; to: string } {
  const m = monthPeriod(month);
  // ISO dates sort as text: the later start and the earlier end.
  return { from: [m.from, scope.from].sort()[1]!, to: [m.to, scope.to].sort()[0]! };
}

/** One chart of the dashboard, under its title. */
function ChartCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Charts({
  data,
  scope,
  open,
}: {
  data: Dashboard;
  scope: ScopeQuery;
  open: (category: DrillCategory, extra?: Partial<DrillQuery>) => void;
}) {
  const { t } = useTranslation();
  const months = data.months.map((m) => ({
    month: m.month,
    online: m.received.online,
    counter: m.received.counter,
    postal: m.received.postal,
    early: m.resolved.early,
    onTime: m.resolved.onTime,
    late: m.resolved.late,
    rate: m.onlineRate.value === null ? null : Math.round(m.onlineRate.value * 1000) / 10,
  }));
  const onMonth = (category: DrillCategory) => (entry: { payload?: { month?: string } }) => {
    const month = entry?.payload?.month;
    if (month) open(category, monthInPeriod(month, scope));
  };
  const overdueUnits = data.byUnit
    .filter((u) => u.inProgress.overdue > 0)
    .sort((a, b) => b.inProgress.overdue - a.inProgress.overdue)
    .slice(0, 12)
    .map((u) => ({ unit: u.unitName, unitCode: u.unitCode, overdue: u.inProgress.overdue }));
  const series = (names: Array<[string, string]>) =>
    names.map(([name, color]) => ({ name, color, label: t(`dashboard.series.${name}`) }));
  // Received by channel, resolved by timeliness: a click on a bar opens the dossiers behind it.
  const monthBars = (group: 'received' | 'resolved', names: Array<[string, string]>) => (
    <>
      <BarChart
        h={260}
        data={months}
        dataKey="month"
        type="stacked"
        withLegend
        series={series(names)}
        barProps={(s) => ({
          onClick: onMonth(`${group}.${s.name}` as DrillCategory) as never,
          cursor: 'pointer',
        })}
      />
      <Text size="xs" c="dimmed">
        {t('dashboard.chart.clickHint')}
      </Text>
    </>
  );
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      <ChartCard title={t('dashboard.chart.received')}>
        {monthBars('received', [
          ['online', 'blue.6'],
          ['counter', 'teal.6'],
          ['postal', 'orange.5'],
        ])}
      </ChartCard>
      <ChartCard title={t('dashboard.chart.resolved')}>
        {monthBars('resolved', [
          ['early', 'green.6'],
          ['onTime', 'blue.5'],
          ['late', 'red.6'],
        ])}
      </ChartCard>
      <ChartCard title={t('dashboard.chart.onlineRate')}>
        <LineChart
          h={240}
          data={months}
          dataKey="month"
          yAxisProps={{ domain: [0, 100] }}
          unit="%"
          series={series([['rate', 'blue.6']])}
          connectNulls={false}
        />
      </ChartCard>
      <ChartCard title={t('dashboard.chart.overdueByUnit')}>
        {overdueUnits.length ? (
          <BarChart
            h={240}
            data={overdueUnits}
            dataKey="unit"
            orientation="vertical"
            yAxisProps={{ width: 140 }}
            series={series([['overdue', 'red.6']])}
            barProps={{
              onClick: ((entry: { payload?: { unitCode?: string } }) => {
                if (entry?.payload?.unitCode)
                  open('inProgress.overdue', { unitCode: entry.payload.unitCode });
              }) as never,
              cursor: 'pointer',
            }}
          />
        ) : (
          <Text size="sm">{t('dashboard.chart.none')}</Text>
        )}
        {data.overdueByStep.length > 0 && (
          <>
            <Text size="sm" fw={600} mt="sm">
              {t('dashboard.chart.overdueByStep')}
            </Text>
            <BarChart
              h={180}
              data={data.overdueByStep.map((s) => ({
                step: t(`dossierStep.${s.step}`, { defaultValue: s.step }),
                overdue: s.count,
              }))}
              dataKey="step"
              series={series([['overdue', 'red.4']])}
            />
          </>
        )}
      </ChartCard>
    </SimpleGrid>
  );
}

/** The leader's dashboard: headline figures, charts over the months and units, and the dossiers behind each. */
export default function DashboardPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  usePageTitle(t('dashboard.title'));
  const scope = useReportScope('year');
  const board = useDashboard(scope.query);
  const [drill, setDrill] = useState<DrillQuery | null>(null);
  const data = board.data;
  const open = (category: DrillCategory, extra: Partial<DrillQuery> = {}) => {
    if (scope.query) setDrill({ ...scope.query, category, ...extra });
  };
  const openLabel = (category: DrillCategory) =>
    t('dashboard.card.open', { label: t(`dashboard.category.${category}`) });
  const totals = data?.totals;
  const rateHint = (r: { numerator: number; denominator: number }, key: string) =>
    t(key, { numerator: r.numerator, denominator: r.denominator });

  return (
    <Stack gap="md" maw={1400}>
      <Title order={1}>{t('dashboard.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('dashboard.intro')}
      </Text>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <ReportScopeControls scope={scope} />
        </Stack>
      </Paper>
      {board.isError && <QueryError error={board.error} onRetry={() => void board.refetch()} />}
      {data && totals && scope.query && (
        <>
          <Text size="sm" c="dimmed">
            {t('reports.asOf', { time: formatDateTime(data.asOf, lang) })}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" data-testid="dashboard-cards">
            <FigureCard
              label={t('dashboard.card.received')}
              value={totals.received.total}
              hint={t('dashboard.card.receivedHint', {
                online: totals.received.online,
                counter: totals.received.counter,
                postal: totals.received.postal,
                carried: totals.carriedOver,
              })}
              testId="dashboard-received"
              onOpen={() => open('received')}
              openLabel={openLabel('received')}
            />
            <FigureCard
              label={t('reports.card.resolved')}
              value={totals.resolved.total}
              hint={t('reports.card.resolvedHint', {
                early: totals.resolved.early,
                onTime: totals.resolved.onTime,
                late: totals.resolved.late,
              })}
              testId="dashboard-resolved"
              onOpen={() => open('resolved')}
              openLabel={openLabel('resolved')}
            />
            <FigureCard
              label={t('reports.onTimeRate')}
              value={formatRate(totals.onTimeRate.value, lang)}
              hint={
                totals.onTimeRate.denominator
                  ? rateHint(totals.onTimeRate, 'reports.rateOf')
                  : t('reports.noRate')
              }
              testId="dashboard-rate"
              onOpen={() => open('resolved.late')}
              openLabel={openLabel('resolved.late')}
            />
            <FigureCard
              label={t('dashboard.card.overdue')}
              value={totals.inProgress.overdue}
              hint={t('dashboard.card.overdueHint', {
                total: totals.inProgress.total,
                paused: totals.inProgress.paused,
              })}
              testId="dashboard-overdue"
              onOpen={() => open('inProgress.overdue')}
              openLabel={openLabel('inProgress.overdue')}
            />
            <FigureCard
              label={t('dashboard.card.online')}
              value={formatRate(data.onlineRate.value, lang)}
              hint={rateHint(data.onlineRate, 'statistics.of')}
              testId="dashboard-online"
              onOpen={() => open('received.online')}
              openLabel={openLabel('received.online')}
            />
            <FigureCard
              label={t('dashboard.card.cashless')}
              value={formatRate(data.cashlessRate.value, lang)}
              hint={rateHint(data.cashlessRate, 'dashboard.card.cashlessHint')}
              testId="dashboard-cashless"
            />
            <FigureCard
              label={t('dashboard.card.satisfaction')}
              value={formatRate(data.satisfaction.rate.value, lang)}
              hint={rateHint(data.satisfaction.rate, 'dashboard.card.satisfactionHint')}
              testId="dashboard-satisfaction"
            />
          </SimpleGrid>

          {drill && <DrillPanel query={drill} onClose={() => setDrill(null)} />}

          <ServiceIndexPanel scope={scope.query} />

          <Charts data={data} scope={scope.query} open={open} />

          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="xs">
              {t('dashboard.byUnit')}
            </Title>
            <Table.ScrollContainer
              minWidth={700}
              type="native"
              tabIndex={0}
              role="region"
              aria-label={t('dashboard.byUnit')}
            >
              <Table striped fz="sm" data-testid="dashboard-units">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('reports.col.name')}</Table.Th>
                    <Table.Th ta="right">{t('reports.col.total')}</Table.Th>
                    <Table.Th ta="right">{t('reports.col.resolved')}</Table.Th>
                    <Table.Th ta="right">{t('reports.col.late')}</Table.Th>
                    <Table.Th ta="right">{t('reports.col.overdue')}</Table.Th>
                    <Table.Th ta="right">{t('reports.col.rate')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.byUnit.map((u) => (
                    <Table.Tr key={u.unitCode}>
                      <Table.Th scope="row" fw={400}>
                        {u.unitName}
                      </Table.Th>
                      <Table.Td ta="right">{u.total}</Table.Td>
                      <Table.Td ta="right">{u.resolved.total}</Table.Td>
                      <Table.Td ta="right">
                        <Button
                          variant="subtle"
                          size="compact-sm"
                          disabled={u.resolved.late === 0}
                          onClick={() => open('resolved.late', { unitCode: u.unitCode })}
                          aria-label={`${openLabel('resolved.late')} — ${u.unitName}`}
                        >
                          {u.resolved.late}
                        </Button>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Button
                          variant="subtle"
                          size="compact-sm"
                          color="red"
                          disabled={u.inProgress.overdue === 0}
                          onClick={() => open('inProgress.overdue', { unitCode: u.unitCode })}
                          aria-label={`${openLabel('inProgress.overdue')} — ${u.unitName}`}
                        >
                          {u.inProgress.overdue}
                        </Button>
                      </Table.Td>
                      <Table.Td ta="right">{formatRate(u.onTimeRate.value, lang)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        </>
      )}
    </Stack>
  );
}
