import { Badge, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDossierList } from '../../api/dossiers';
import { QueryError } from '../../components/common';
import { DossierTable, useMinuteTick } from '../../components/DossierTable';
import { timeLeft } from '../../lib/dossier';
import { usePageTitle } from '../../lib/usePageTitle';

/** The leader's approval step in the processes ("Lãnh đạo ký duyệt"). */
const APPROVAL_STEP = 'phe_duyet';

function Block({
  id,
  title,
  help,
  count,
  color,
  children,
}: {
  id: string;
  title: string;
  help: string;
  count: number | null;
  color: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${id}-title`} data-testid={`leader-${id}`}>
      <Stack gap="sm">
        <Group gap="xs">
          <Title order={2} size="h4" id={`${id}-title`}>
            {title}
          </Title>
          {count !== null && (
            <Badge color={color} variant="light" radius="sm" data-testid={`leader-${id}-count`}>
              {count}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {help}
        </Text>
        {children}
      </Stack>
    </Paper>
  );
}

export default function LeaderPage() {
  const { t } = useTranslation();
  usePageTitle(t('leader.title'));
  const now = useMinuteTick();
  // The approval queue: open dossiers at the leader's "phê duyệt" step.
  const approval = useDossierList({ status: 'in_progress', step: APPROVAL_STEP, limit: 100 });
  const overdue = useDossierList({ overdue: true, limit: 100 });
  // Due soon has no server filter: it is read from the open dossiers.
  const open = useDossierList({ status: 'in_progress', limit: 200 });

  const awaiting = useMemo(() => approval.data?.pages.flatMap((p) => p.items) ?? [], [approval.data]);
  const overdueItems = useMemo(() => overdue.data?.pages.flatMap((p) => p.items) ?? [], [overdue.data]);
  const openItems = useMemo(() => open.data?.pages.flatMap((p) => p.items) ?? [], [open.data]);
  const dueSoon = useMemo(
    () => openItems.filter((d) => timeLeft(d, t, now).urgency === 'soon'),
    [openItems, t, now],
  );

  return (
    <Stack gap="md" maw={1400}>
      <Title order={1}>{t('leader.title')}</Title>
      <Block
        id="approval"
        title={t('leader.awaiting')}
        help={t('leader.awaitingHelp')}
        count={approval.data ? awaiting.length : null}
        color="blue"
      >
        {approval.isError && <QueryError error={approval.error} onRetry={() => approval.refetch()} />}
        {approval.isPending ? (
          <Skeleton height={160} />
        ) : (
          <DossierTable
            items={awaiting}
            caption={t('leader.awaiting')}
            testId="leader-approval-table"
            emptyText={t('leader.noneAwaiting')}
            hasMore={Boolean(approval.hasNextPage)}
            loadingMore={approval.isFetchingNextPage}
            onLoadMore={() => approval.fetchNextPage()}
          />
        )}
      </Block>
      <Block
        id="overdue"
        title={t('leader.overdue')}
        help={t('leader.overdueHelp')}
        count={overdue.data ? overdueItems.length : null}
        color="red"
      >
        {overdue.isError && <QueryError error={overdue.error} onRetry={() => overdue.refetch()} />}
        {overdue.isPending ? (
          <Skeleton height={160} />
        ) : (
          <DossierTable
            items={overdueItems}
            caption={t('leader.overdue')}
            testId="leader-overdue-table"
            emptyText={t('leader.noneOverdue')}
            hasMore={Boolean(overdue.hasNextPage)}
            loadingMore={overdue.isFetchingNextPage}
            onLoadMore={() => overdue.fetchNextPage()}
          />
        )}
      </Block>
      <Block
        id="soon"
        title={t('leader.dueSoon')}
        help={t('leader.dueSoonHelp')}
        count={open.data ? dueSoon.length : null}
        color="orange"
      >
        {open.isError && <QueryError error={open.error} onRetry={() => open.refetch()} />}
        {open.isPending ? (
          <Skeleton height={160} />
        ) : (
          <DossierTable
            items={dueSoon}
            caption={t('leader.dueSoon')}
            testId="leader-soon-table"
            emptyText={t('leader.noneSoon')}
            hasMore={Boolean(open.hasNextPage)}
            loadingMore={open.isFetchingNextPage}
            onLoadMore={() => open.fetchNextPage()}
          />
        )}
      </Block>
    </Stack>
  );
}
