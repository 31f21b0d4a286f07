import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import {
  actOnTicket,
  callNext,
  type TicketAction,
  useQueueCounters,
  useQueueServices,
} from '../../api/queue';
import { QUEUE_ROLES } from '../../auth/roles';
import { FailureAlert, QueryError } from '../../components/common';
import { useUnitChoice } from '../../components/OfficeForm';
import { notify } from '../../lib/notify';
import { usePageTitle } from '../../lib/usePageTitle';

/**
 * The officer's counter panel: call the next number (priority first), call again, mark absent,
 * serve, finish, transfer to another service, link the dossier received for it.
 */
export default function CounterPage() {
  const { t } = useTranslation();
  usePageTitle(t('queue.counter.title'));
  const { units, unit, choose: setUnitChoice } = useUnitChoice(QUEUE_ROLES);
  const counters = useQueueCounters(unit || undefined);
  const services = useQueueServices(unit || undefined, 5_000);
  const [counterChoice, setCounterChoice] = useState('');
  const counter = counters.data?.find((c) => c.id === counterChoice) ?? counters.data?.[0];
  const [transferTo, setTransferTo] = useState('');
  const [dossierCode, setDossierCode] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['queue'] });

  const next = useMutation({
    mutationFn: () => callNext(counter!.id),
    onSuccess: (ticket) => {
      setFailure(null);
      notify({
        color: ticket ? 'green' : 'gray',
        message: ticket ? t('queue.counter.called', { number: ticket.number }) : t('queue.counter.nobody'),
      });
      refresh();
    },
    onError: (e) => setFailure(errorMessage(e)),
  });
  const act = useMutation({
    mutationFn: (body: TicketAction) => actOnTicket(counter!.id, counter!.current!.id, body),
    onSuccess: () => {
      setFailure(null);
      refresh();
    },
    onError: (e) => setFailure(errorMessage(e)),
  });
  const current = counter?.current ?? null;
  const mine = services.data?.filter((s) => counter?.serviceCodes.includes(s.code)) ?? [];
  const others = services.data?.filter((s) => s.code !== current?.serviceCode) ?? [];

  return (
    <Stack gap="md" maw={1000}>
      <Title order={1}>{t('queue.counter.title')}</Title>
      <Group align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('queue.counter.unit')}
          data={units.map((u) => ({ value: u.code, label: u.name }))}
          value={unit}
          onChange={(e) => setUnitChoice(e.currentTarget.value)}
        />
        <NativeSelect
          label={t('queue.counter.counter')}
          data={(counters.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={counter?.id ?? ''}
          onChange={(e) => setCounterChoice(e.currentTarget.value)}
          data-testid="counter-select"
        />
        {unit && (
          <Group gap="xs">
            <Anchor href={`/display/${encodeURIComponent(unit)}`} target="_blank">
              {t('queue.counter.display')}
            </Anchor>
            <Anchor href={`/kiosk/${encodeURIComponent(unit)}`} target="_blank">
              {t('queue.counter.kiosk')}
            </Anchor>
            {counter && (
              <Anchor href={`/rate/${counter.id}`} target="_blank">
                {t('queue.counter.tablet')}
              </Anchor>
            )}
          </Group>
        )}
      </Group>
      {counters.isError && <QueryError error={counters.error} onRetry={() => void counters.refetch()} />}
      {counters.data && counters.data.length === 0 && <Alert>{t('queue.counter.noCounters')}</Alert>}
      <FailureAlert message={failure} />
      {counter && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Paper withBorder p="md">
            <Stack gap="sm">
              <Text c="dimmed">{t('queue.counter.current')}</Text>
              {current ? (
                <Group>
                  <Text fz={56} fw={800} lh={1} data-testid="counter-current">
                    {current.label}
                  </Text>
                  <Badge size="lg">{t(`queue.status.${current.status}`)}</Badge>
                </Group>
              ) : (
                <Text>{t('queue.counter.none')}</Text>
              )}
              <Button
                size="lg"
                onClick={() => next.mutate()}
                loading={next.isPending}
                data-testid="counter-next"
              >
                {t('queue.counter.next')}
              </Button>
              {current && (
                <Group gap="xs" wrap="wrap">
                  {current.status === 'called' && (
                    <>
                      <Button
                        variant="light"
                        onClick={() => act.mutate({ action: 'recall' })}
                        data-testid="counter-recall"
                      >
                        {t('queue.counter.recall')}
                      </Button>
                      <Button onClick={() => act.mutate({ action: 'start' })} data-testid="counter-start">
                        {t('queue.counter.start')}
                      </Button>
                      <Button
                        color="red"
                        variant="light"
                        onClick={() => act.mutate({ action: 'no_show' })}
                        title={t('queue.counter.noShowHint')}
                        data-testid="counter-no-show"
                      >
                        {t('queue.counter.noShow')}
                      </Button>
                    </>
                  )}
                  {current.status === 'serving' && (
                    <Button
                      color="green"
                      onClick={() => act.mutate({ action: 'finish' })}
                      data-testid="counter-finish"
                    >
                      {t('queue.counter.finish')}
                    </Button>
                  )}
                </Group>
              )}
              {current && (
                <Group align="flex-end" gap="xs" wrap="wrap">
                  <NativeSelect
                    label={t('queue.counter.transferTo')}
                    data={[
                      { value: '', label: '—' },
                      ...others.map((s) => ({ value: s.code, label: s.name })),
                    ]}
                    value={transferTo}
                    onChange={(e) => setTransferTo(e.currentTarget.value)}
                  />
                  <Button
                    variant="default"
                    disabled={!transferTo}
                    onClick={() => act.mutate({ action: 'transfer', serviceCode: transferTo })}
                  >
                    {t('queue.counter.transfer')}
                  </Button>
                </Group>
              )}
              {current && (
                <Group align="flex-end" gap="xs" wrap="wrap">
                  <TextInput
                    label={t('queue.counter.dossierCode')}
                    value={dossierCode}
                    onChange={(e) => setDossierCode(e.currentTarget.value)}
                  />
                  <Button
                    variant="default"
                    disabled={!dossierCode.trim()}
                    onClick={() => act.mutate({ action: 'link', dossierCode: dossierCode.trim() })}
                  >
                    {t('queue.counter.link')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Paper>
          <Paper withBorder p="md">
            <Stack gap="xs">
              <Text fw={700}>{t('queue.counter.services')}</Text>
              {mine.map((s) => (
                <Group key={s.code} justify="space-between">
                  <Text>{s.name}</Text>
                  <Badge size="lg" variant="light" data-testid={`counter-waiting-${s.code}`}>
                    {t('queue.counter.waiting')}: {s.waiting}
                  </Badge>
                </Group>
              ))}
            </Stack>
          </Paper>
        </SimpleGrid>
      )}
    </Stack>
  );
}
