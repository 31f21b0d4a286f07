import { Alert, Box, Button, Chip, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { errorMessage } from '../../api/client';
import {
  RATING_REASONS,
  type RatingLevel,
  type RatingReason,
  rateAtCounter,
  tabletKey,
  useRatingTarget,
} from '../../api/queue';
import { QueryError } from '../../components/common';
import { usePageTitle } from '../../lib/usePageTitle';
import './queue.css';

const LEVELS = [
  { level: 'very_satisfied', face: '😄', color: 'green' },
  { level: 'satisfied', face: '🙂', color: 'teal' },
  { level: 'neutral', face: '😐', color: 'gray' },
  { level: 'not_satisfied', face: '🙁', color: 'red' },
] as const;

/** Seconds the thanks stay before the tablet is ready for the next citizen. */
const RESET_SECONDS = 5;

/**
 * The satisfaction tablet of a counter: after service the citizen rates the officer (four levels,
 * optional reasons); it waits for the next served ticket by itself.
 */
export default function RatePage() {
  const { counterId } = useParams();
  const { t } = useTranslation();
  usePageTitle(t('queue.rate.title'));
  const [level, setLevel] = useState<RatingLevel | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  // Bound to its counter by the key a unit administrator issued (issue 14 §3).
  const [deviceKey] = useState(() => tabletKey(counterId));
  const target = useRatingTarget(counterId, 3_000, deviceKey);
  const send = useMutation({
    mutationFn: () =>
      rateAtCounter(
        counterId!,
        { ticketId: target.data!.ticket!.id, level: level!, reasons: reasons as RatingReason[] },
        deviceKey,
      ),
    onSuccess: () => void target.refetch(),
  });
  useEffect(() => {
    if (!send.isSuccess) return;
    const timer = setTimeout(() => {
      send.reset();
      setLevel(null);
      setReasons([]);
    }, RESET_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [send.isSuccess, send]);

  const data = target.data;
  return (
    <Box className="kiosk" p="xl">
      <Stack gap="lg" maw={900} mx="auto" align="stretch">
        <Title order={1} ta="center">
          {t('queue.rate.title')}
        </Title>
        {data && (
          <Text ta="center" size="lg">
            {data.counter.name}
          </Text>
        )}
        {!deviceKey && (
          <Alert color="yellow" role="alert" data-testid="rate-no-key">
            {t('queue.rate.noKey')}
          </Alert>
        )}
        {target.isError && <QueryError error={target.error} onRetry={() => void target.refetch()} />}
        {send.isError && (
          <Alert color="red" role="alert">
            {errorMessage(send.error)}
          </Alert>
        )}
        {send.isSuccess ? (
          <Alert color="green" role="status">
            <Text fz={32} fw={700} ta="center" data-testid="rate-thanks">
              {t('queue.rate.thanks')}
            </Text>
          </Alert>
        ) : data?.ticket ? (
          <Stack gap="lg">
            <Text fz={24} ta="center">
              {t('queue.rate.question', { officer: data.officerName ?? '', number: data.ticket.label })}
            </Text>
            <SimpleGrid
              cols={{ base: 2, sm: 4 }}
              spacing="md"
              role="radiogroup"
              aria-label={t('queue.rate.title')}
            >
              {LEVELS.map((l) => (
                <Button
                  key={l.level}
                  h={140}
                  color={l.color}
                  variant={level === l.level ? 'filled' : 'light'}
                  role="radio"
                  aria-checked={level === l.level}
                  onClick={() => setLevel(l.level)}
                >
                  <Stack gap={4} align="center">
                    <Text fz={48} lh={1} aria-hidden>
                      {l.face}
                    </Text>
                    <Text fz="lg" fw={700}>
                      {t(`queue.rate.level.${l.level}`)}
                    </Text>
                  </Stack>
                </Button>
              ))}
            </SimpleGrid>
            <Stack gap="xs">
              <Text fw={700}>{t('queue.rate.reasons')}</Text>
              <Chip.Group multiple value={reasons} onChange={setReasons}>
                <Group gap="sm">
                  {RATING_REASONS.map((r) => (
                    <Chip key={r} value={r} size="lg">
                      {t(`queue.rate.reason.${r}`)}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
            </Stack>
            <Button size="xl" disabled={!level} loading={send.isPending} onClick={() => send.mutate()}>
              {t('queue.rate.send')}
            </Button>
          </Stack>
        ) : (
          data && (
            <Text fz={24} ta="center" c="dimmed" data-testid="rate-wait">
              {t('queue.rate.wait')}
            </Text>
          )
        )}
      </Stack>
    </Box>
  );
}
