import { Alert, Badge, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useTicket } from '../../api/queue';
import { QueryError } from '../../components/common';
import { formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';

/** A queue ticket followed on a phone (the QR on the printed ticket opens it); it refreshes itself. */
export default function TicketPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const ticket = useTicket(id, 10_000);
  const data = ticket.data;
  usePageTitle(data ? t('queue.ticket.title', { number: data.number }) : t('queue.kiosk.yourNumber'));
  return (
    <Stack gap="md" maw={520} mx="auto">
      {ticket.isError && <QueryError error={ticket.error} onRetry={() => void ticket.refetch()} />}
      {data && (
        <Paper withBorder p="lg">
          <Stack gap="sm" align="center">
            <Text>{data.unit.name}</Text>
            <Title order={1} fz={64} data-testid="ticket-number">
              {data.number}
            </Title>
            <Badge
              size="lg"
              color={data.status === 'called' ? 'orange' : data.status === 'waiting' ? 'blue' : 'gray'}
            >
              {t(`queue.status.${data.status}`)}
            </Badge>
            <Text>
              {t('queue.ticket.service')}: {data.serviceName}
            </Text>
            {data.status === 'waiting' && (
              <>
                <Text fz="xl" fw={700}>
                  {t('queue.ticket.ahead', { count: data.peopleAhead })}
                </Text>
                <Text>
                  {data.estimatedWaitMinutes === null
                    ? t('queue.kiosk.noWait')
                    : t('queue.ticket.wait', { minutes: data.estimatedWaitMinutes })}
                </Text>
              </>
            )}
            {data.counter && (data.status === 'called' || data.status === 'serving') && (
              <Alert color="orange" role="status" w="100%">
                <Text fz="xl" fw={700} ta="center">
                  {t('queue.ticket.calledTo', { counter: data.counter.name })}
                </Text>
              </Alert>
            )}
            {data.dossierCode && <Text>{t('queue.ticket.dossier', { code: data.dossierCode })}</Text>}
            <Text size="sm" c="dimmed">
              {t('queue.ticket.taken')} {formatDateTime(data.takenAt, i18n.language)}.{' '}
              {t('queue.ticket.refresh')}
            </Text>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
