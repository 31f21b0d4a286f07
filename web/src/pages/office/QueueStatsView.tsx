import { Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type QueueStatistics, queueApi } from '../../api/queue';
import { QueryError } from '../../components/common';

type StatsRow = QueueStatistics['totals'];

export const QUEUE_GROUPS = ['service', 'counter', 'officer'] as const;

/** The hall queue of a unit over the period: tickets, served, no-shows, average wait and service times. */
export function QueueStatsView({
  query,
}: {
  query: { unit: string; from: string; to: string; groupBy: string };
}) {
  const { t, i18n } = useTranslation();
  const stats = useQuery({
    queryKey: ['queue', 'statistics', query],
    queryFn: () =>
      queueApi.statistics({ query: { ...query, groupBy: query.groupBy as (typeof QUEUE_GROUPS)[number] } }),
  });
  const minutes = (v: number | null) =>
    v === null
      ? '—'
      : v.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 1 });
  if (stats.isError) return <QueryError error={stats.error} />;
  if (!stats.data) return null;
  const cells = (r: StatsRow) => (
    <>
      <Table.Td ta="right">{r.tickets}</Table.Td>
      <Table.Td ta="right">{r.served}</Table.Td>
      <Table.Td ta="right">{r.noShows}</Table.Td>
      <Table.Td ta="right">{minutes(r.averageWaitMinutes)}</Table.Td>
      <Table.Td ta="right">{minutes(r.averageServiceMinutes)}</Table.Td>
    </>
  );
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('reports.table.intro.queue')}
      </Text>
      {stats.data.rows.length === 0 ? (
        <Text c="dimmed">{t('reports.table.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped withTableBorder data-testid="queue-stats">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t(`reports.queue.group.${stats.data.groupBy}`)}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('reports.queue.tickets')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('reports.queue.served')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('reports.queue.noShows')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('reports.queue.wait')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('reports.queue.service')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stats.data.rows.map((r) => (
                <Table.Tr key={r.key.code}>
                  <Table.Th scope="row" fw={400}>
                    {r.key.name}
                  </Table.Th>
                  {cells(r)}
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">{t('reports.col.totalRow')}</Table.Th>
                {cells(stats.data.totals)}
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
