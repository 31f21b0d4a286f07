import { Alert, Box, Button, Chip, Group, Image, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PRIORITIES, type Priority } from '../../../../src/domain/queue/queue';
import { errorMessage } from '../../api/client';
import { useUnits } from '../../api/public';
import { type TakenTicket, takeTicket, useQueueServices } from '../../api/queue';
import { QueryError } from '../../components/common';
import { formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import './queue.css';

/** Seconds the ticket stays on screen before the kiosk is ready for the next person. */
const RESET_SECONDS = 30;

/** The ticket as printed on an 80 mm receipt printer, and shown on screen meanwhile. */
function TicketSlip({
  ticket,
  unitName,
  serviceName,
}: {
  ticket: TakenTicket;
  unitName: string;
  serviceName: string;
}) {
  const { t, i18n } = useTranslation();
  const [qr, setQr] = useState<string | null>(null);
  const url = `${window.location.origin}/queue/ticket/${ticket.id}`;
  useEffect(() => {
    void QRCode.toDataURL(url, { margin: 1, width: 220 }).then(setQr);
  }, [url]);
  return (
    <Paper withBorder p="lg" className="ticket-slip" data-testid="kiosk-ticket">
      <Stack gap={4} align="center">
        <Text size="sm" ta="center">
          {unitName}
        </Text>
        <Text size="sm">{t('queue.kiosk.yourNumber')}</Text>
        <Text fz={72} fw={800} lh={1} data-testid="kiosk-number">
          {ticket.number}
        </Text>
        <Text fw={600}>{serviceName}</Text>
        <Text size="sm">{formatDateTime(new Date().toISOString(), i18n.language)}</Text>
        <Text>{t('queue.kiosk.ahead', { count: ticket.peopleAhead })}</Text>
        <Text size="sm">
          {ticket.estimatedWaitMinutes === null
            ? t('queue.kiosk.noWait')
            : t('queue.kiosk.wait', { minutes: ticket.estimatedWaitMinutes })}
        </Text>
        {qr && <Image src={qr} w={160} h={160} alt={t('queue.kiosk.scan')} />}
        <Text size="xs" ta="center">
          {t('queue.kiosk.scan')}
        </Text>
      </Stack>
    </Paper>
  );
}

/**
 * The touch-screen kiosk of a unit's hall: choose a service (and a priority), take a number,
 * print it or scan it; the screen resets itself for the next person.
 */
export default function KioskPage() {
  const { unitCode = '' } = useParams();
  const { t } = useTranslation();
  usePageTitle(t('queue.kiosk.title'));
  const services = useQueueServices(unitCode, 10_000);
  const [priority, setPriority] = useState<Priority | null>(null);
  const [seconds, setSeconds] = useState(RESET_SECONDS);
  const take = useMutation({ mutationFn: takeTicket });
  const ticket = take.data;

  useEffect(() => {
    if (!ticket) return;
    setSeconds(RESET_SECONDS);
    const timer = setInterval(() => setSeconds((s) => s - 1), 1000);
    return () => clearInterval(timer);
  }, [ticket]);
  useEffect(() => {
    if (ticket && seconds <= 0) {
      take.reset();
      setPriority(null);
    }
  }, [seconds, ticket, take]);

  const units = useUnits();
  const unitName = units.data?.find((u) => u.code === unitCode)?.name ?? unitCode;
  const serviceName = (code: string) => services.data?.find((s) => s.code === code)?.name ?? code;

  return (
    <Box className="kiosk" p="xl">
      <Stack gap="lg" maw={1100} mx="auto">
        <Title order={1} ta="center">
          {t('queue.kiosk.title')}
        </Title>
        {services.isError && <QueryError error={services.error} onRetry={() => void services.refetch()} />}
        {take.isError && (
          <Alert color="red" role="alert">
            {errorMessage(take.error)}
          </Alert>
        )}
        {ticket ? (
          <Stack align="center" gap="md">
            <TicketSlip ticket={ticket} unitName={unitName} serviceName={serviceName(ticket.serviceCode)} />
            <Group className="no-print">
              <Button size="xl" leftSection={<IconPrinter aria-hidden />} onClick={() => window.print()}>
                {t('queue.kiosk.print')}
              </Button>
              <Button
                size="xl"
                variant="default"
                onClick={() => {
                  take.reset();
                  setPriority(null);
                }}
              >
                {t('queue.kiosk.done')}
              </Button>
            </Group>
            <Text c="dimmed" className="no-print" aria-live="polite">
              {t('queue.kiosk.resetIn', { seconds })}
            </Text>
          </Stack>
        ) : (
          <>
            <Text ta="center" size="xl">
              {t('queue.kiosk.choose')}
            </Text>
            {services.data && services.data.length === 0 && <Alert>{t('queue.kiosk.none')}</Alert>}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
              {services.data?.map((s) => (
                <Button
                  key={s.code}
                  size="xl"
                  h={120}
                  onClick={() => take.mutate({ unitCode, serviceCode: s.code, priority })}
                  loading={take.isPending && take.variables?.serviceCode === s.code}
                  data-testid={`kiosk-service-${s.code}`}
                >
                  <Stack gap={2} align="center">
                    <Text fz={24} fw={700} style={{ whiteSpace: 'normal' }} ta="center">
                      {s.name}
                    </Text>
                    <Text size="md">{t('queue.kiosk.waiting', { count: s.waiting })}</Text>
                  </Stack>
                </Button>
              ))}
            </SimpleGrid>
            <Paper withBorder p="md">
              <Stack gap="xs">
                <Text fw={700}>{t('queue.kiosk.priority')}</Text>
                <Text size="sm">{t('queue.kiosk.priorityHint')}</Text>
                <Chip.Group
                  multiple={false}
                  value={priority ?? ''}
                  onChange={(v) => setPriority((v || null) as Priority | null)}
                >
                  <Group gap="sm">
                    <Chip value="" size="lg">
                      {t('queue.kiosk.noPriority')}
                    </Chip>
                    {PRIORITIES.map((p) => (
                      <Chip key={p} value={p} size="lg" data-testid={`kiosk-priority-${p}`}>
                        {t(`queue.priority.${p}`)}
                      </Chip>
                    ))}
                  </Group>
                </Chip.Group>
              </Stack>
            </Paper>
          </>
        )}
      </Stack>
    </Box>
  );
}
