import { Button, Group, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DossierListItem } from '../api/dossiers';
import { formatShortDateTime, stepLabel, timeLeft } from '../lib/dossier';
import { StatusBadge, UrgencyBadge } from './DossierBadges';
import { TableHead } from './DataTable';

/** Re-renders every minute so that "time left" stays true on a screen left open. */
export function useMinuteTick(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

export function DossierTable({
  items,
  caption,
  testId = 'dossier-table',
  hasMore = false,
  loadingMore = false,
  onLoadMore,
  emptyText,
}: {
  items: DossierListItem[];
  caption: string;
  testId?: string;
  hasMore?: boolean;
  loadingMore?: boolean;
  onLoadMore?: () => void;
  emptyText?: string;
}) {
  const { t, i18n } = useTranslation();
  const now = useMinuteTick();
  return (
    <>
      <Table className="stack-table dossier-table" verticalSpacing="sm" highlightOnHover data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <TableHead
          columns={[
            t('dossier.code'),
            t('dossier.procedure'),
            t('dossier.applicant'),
            t('dossier.step'),
            t('dossier.receivedAt'),
            t('dossier.dueAt'),
            t('dossier.timeLeft'),
          ]}
        />
        <Table.Tbody>
          {items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={7}>
                <Text c="dimmed" ta="center" py="md" data-testid="dossier-empty">
                  {emptyText ?? t('inbox.empty')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {items.map((item) => {
            const left = timeLeft(item, t, now);
            return (
              <Table.Tr
                key={item.code}
                data-testid="dossier-row"
                data-code={item.code}
                data-urgency={left.urgency}
              >
                <Table.Td className="cell-title">
                  <Link
                    to={`/office/dossiers/${encodeURIComponent(item.code)}`}
                    className="result-title dossier-code-link"
                    translate="no"
                    data-testid="dossier-link"
                  >
                    {item.code}
                  </Link>
                </Table.Td>
                <Table.Td data-label={t('dossier.procedure')}>
                  <div>
                    <Text size="sm" lineClamp={2} title={item.procedureName}>
                      {item.procedureName || item.procedureCode}
                    </Text>
                    {item.procedureName && item.procedureName !== item.procedureCode && (
                      <Text size="xs" c="dimmed" translate="no">
                        {item.procedureCode}
                      </Text>
                    )}
                  </div>
                </Table.Td>
                <Table.Td data-label={t('dossier.applicant')}>{item.applicantName}</Table.Td>
                <Table.Td data-label={t('dossier.step')}>
                  {left.urgency === 'closed' ? (
                    <StatusBadge status={item.status} />
                  ) : (
                    <Text size="sm" data-testid="step-name">
                      {stepLabel(item.step, t, item.stepName, i18n.language)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td data-label={t('dossier.receivedAt')} className="cell-date">
                  <Text size="sm">{formatShortDateTime(item.receivedAt, i18n.language)}</Text>
                </Table.Td>
                <Table.Td data-label={t('dossier.dueAt')} className="cell-date">
                  <Text size="sm">{formatShortDateTime(item.dueAt, i18n.language)}</Text>
                </Table.Td>
                <Table.Td data-label={t('dossier.timeLeft')}>
                  {left.urgency === 'closed' ? (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  ) : (
                    <Group gap={6} wrap="wrap">
                      <UrgencyBadge left={left} />
                      <Text size="sm" data-testid="time-left">
                        {left.text}
                      </Text>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {hasMore && onLoadMore && (
        <Group justify="center">
          <Button variant="light" onClick={onLoadMore} loading={loadingMore} data-testid="load-more">
            {t('inbox.loadMore')}
          </Button>
        </Group>
      )}
    </>
  );
}
