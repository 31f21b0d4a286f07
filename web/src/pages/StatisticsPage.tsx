import { Box, NativeSelect, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useUnits } from '../api/public';
import { type PublicPeriodFigures, type Ratio, usePublicStatistics } from '../api/reports';
import { Loading, QueryError } from '../components/common';
import { FigureCard, formatRate } from '../components/FigureCard';
import { formatDate, formatDateTime } from '../lib/format';
import { usePageTitle } from '../lib/usePageTitle';

function PeriodFigures({ figures, lang }: { figures: PublicPeriodFigures; lang: string }) {
  const { t } = useTranslation();
  const f = figures.totals;
  const percent = (r: Ratio) => formatRate(r.value, lang);
  const of = (r: Ratio) =>
    r.denominator
      ? t('statistics.of', { numerator: r.numerator, denominator: r.denominator })
      : t('statistics.none');
  return (
    <Box
      component="section"
      aria-labelledby={`period-${figures.period}`}
      data-testid={`statistics-${figures.period}`}
    >
      <Title order={2} size="h3" id={`period-${figures.period}`} mb="xs">
        {t(`statistics.period.${figures.period}`, {
          from: formatDate(figures.from, lang),
          to: formatDate(figures.to, lang),
        })}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
        <FigureCard
          label={t('reports.card.total')}
          value={String(f.total)}
          hint={t('reports.card.totalHint', { carried: f.carriedOver, received: f.received.total })}
          testId={`statistics-${figures.period}-total`}
        />
        <FigureCard
          label={t('reports.card.resolved')}
          value={String(f.resolved.total)}
          hint={t('reports.card.resolvedHint', {
            early: f.resolved.early,
            onTime: f.resolved.onTime,
            late: f.resolved.late,
          })}
        />
        <FigureCard
          label={t('reports.card.inProgress')}
          value={String(f.inProgress.total)}
          hint={t('reports.card.inProgressHint', {
            notDue: f.inProgress.notDue,
            paused: f.inProgress.paused,
            overdue: f.inProgress.overdue,
          })}
        />
        <FigureCard label={t('reports.onTimeRate')} value={percent(f.onTimeRate)} hint={of(f.onTimeRate)} />
        <FigureCard
          label={t('statistics.online')}
          value={percent(figures.onlineRate)}
          hint={of(figures.onlineRate)}
        />
        <FigureCard
          label={t('statistics.satisfaction')}
          value={percent(figures.satisfactionRate)}
          hint={of(figures.satisfactionRate)}
        />
      </SimpleGrid>
    </Box>
  );
}

/** Công khai: a unit's processing figures this month and this year, for anyone (no personal data). */
export default function StatisticsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('statistics.title'));
  const [params, setParams] = useSearchParams();
  const units = useUnits();
  const roots = (units.data ?? []).filter((u) => u.parentCode === null);
  const unit = params.get('unit') ?? roots[0]?.code;
  const stats = usePublicStatistics(unit);
  return (
    <Stack gap="lg" maw={1100} mx="auto">
      <Box>
        <Title order={1}>{t('statistics.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('statistics.intro')}
        </Text>
      </Box>
      <Box component="form" method="get" action="/statistics">
        <NativeSelect
          label={t('reports.unit')}
          name="unit"
          maw={420}
          data={(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))}
          value={unit ?? ''}
          onChange={(e) => setParams({ unit: e.currentTarget.value })}
          data-testid="statistics-unit"
        />
      </Box>
      {stats.isPending && <Loading />}
      {stats.isError && <QueryError error={stats.error} onRetry={() => void stats.refetch()} />}
      {stats.data && (
        <>
          {stats.data.periods.map((p) => (
            <PeriodFigures key={p.period} figures={p} lang={i18n.language} />
          ))}
          <Text size="sm" c="dimmed">
            {t('reports.asOf', { time: formatDateTime(stats.data.asOf, i18n.language) })}
          </Text>
        </>
      )}
    </Stack>
  );
}
