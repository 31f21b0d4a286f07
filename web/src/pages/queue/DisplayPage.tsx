import { Badge, Box, Button, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconVolume } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { API_BASE } from '../../api/client';
import { type QueueNotice, useDisplayState } from '../../api/queue';
import { QueryError } from '../../components/common';
import { usePageTitle } from '../../lib/usePageTitle';
import './queue.css';

/** A short two-tone chime (Web Audio): heard before each call, and alone where no voice speaks Vietnamese. */
function chime(context: AudioContext) {
  const now = context.currentTime;
  for (const [i, freq] of [660, 880].entries()) {
    const osc = context.createOscillator();
    const gain = context.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, now + i * 0.35);
    gain.gain.exponentialRampToValueAtTime(0.4, now + i * 0.35 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.35 + 0.3);
    osc.connect(gain).connect(context.destination);
    osc.start(now + i * 0.35);
    osc.stop(now + i * 0.35 + 0.32);
  }
}

function vietnameseVoice(): SpeechSynthesisVoice | null {
  if (typeof speechSynthesis === 'undefined') return null;
  return speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith('vi')) ?? null;
}

/**
 * The hall's screen: the tickets at each counter now (the latest call highlighted), the ones just
 * called, how many wait per service. Live through server-sent events; each call is announced with
 * a chime and, where the browser has a Vietnamese voice, spoken ("Mời số 1025 đến quầy số 3").
 */
export default function DisplayPage() {
  const { unitCode = '' } = useParams();
  const { t } = useTranslation();
  usePageTitle(t('queue.display.title'));
  const state = useDisplayState(unitCode);
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);
  const [last, setLast] = useState<QueueNotice | null>(null);
  const [sound, setSound] = useState(false);
  const [voiceMissing, setVoiceMissing] = useState(false);
  const audio = useRef<AudioContext | null>(null);
  const soundRef = useRef(false);

  const announce = useCallback((notice: QueueNotice) => {
    if (!soundRef.current || !notice.announcement) return;
    if (audio.current) chime(audio.current);
    const voice = vietnameseVoice();
    setVoiceMissing(!voice);
    if (voice && typeof speechSynthesis !== 'undefined') {
      const utterance = new SpeechSynthesisUtterance(notice.announcement);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      utterance.rate = 0.9;
      // After the chime.
      setTimeout(() => speechSynthesis.speak(utterance), 800);
    }
  }, []);

  useEffect(() => {
    if (!unitCode) return;
    const source = new EventSource(`${API_BASE}/queue/display/${encodeURIComponent(unitCode)}/events`);
    const refresh = () => void queryClient.invalidateQueries({ queryKey: ['queue', 'display', unitCode] });
    source.onopen = () => {
      setLive(true);
      refresh();
    };
    source.onerror = () => setLive(false);
    for (const type of ['taken', 'called', 'recalled', 'started', 'finished', 'no_show', 'transferred']) {
      source.addEventListener(type, (event) => {
        const notice = JSON.parse((event as MessageEvent<string>).data) as QueueNotice;
        if (notice.type === 'called' || notice.type === 'recalled') {
          setLast(notice);
          announce(notice);
        }
        refresh();
      });
    }
    return () => source.close();
  }, [unitCode, queryClient, announce]);

  const enableSound = () => {
    audio.current ??= new AudioContext();
    void audio.current.resume();
    soundRef.current = true;
    setSound(true);
    setVoiceMissing(!vietnameseVoice());
  };

  const data = state.data;
  return (
    <Box className="queue-display" p="xl">
      <Stack gap="lg">
        <Group justify="space-between" wrap="nowrap">
          <div>
            <Title order={1} c="white">
              {t('queue.display.title')}
            </Title>
            <Text size="xl">{data?.unit.name ?? unitCode}</Text>
          </div>
          <Group>
            <Badge size="xl" color={live ? 'green' : 'orange'} data-testid="display-live">
              {live ? t('queue.display.live') : t('queue.display.reconnecting')}
            </Badge>
            <Button
              size="lg"
              color="yellow"
              variant={sound ? 'light' : 'filled'}
              leftSection={<IconVolume aria-hidden />}
              onClick={enableSound}
            >
              {sound ? t('queue.display.soundOn') : t('queue.display.sound')}
            </Button>
          </Group>
        </Group>
        {state.isError && <QueryError error={state.error} onRetry={() => void state.refetch()} />}
        {last?.announcement && (
          <Text
            fz={40}
            fw={800}
            ta="center"
            c="yellow"
            role="status"
            aria-live="assertive"
            data-testid="display-announcement"
          >
            {last.announcement}
          </Text>
        )}
        {sound && voiceMissing && (
          <Text ta="center" c="yellow.2">
            {t('queue.display.noVoice')}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="xl">
          <Stack style={{ gridColumn: 'span 2' }} gap="sm">
            <Title order={2} c="white">
              {t('queue.display.calling')}
            </Title>
            {data && data.calling.length === 0 && <Text size="xl">{t('queue.display.none')}</Text>}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" data-testid="display-calling">
              {data?.calling.map((c) => (
                <Group
                  key={c.ticketId}
                  justify="space-between"
                  p="lg"
                  className={`called-row${last?.ticketId === c.ticketId ? ' fresh' : ''}`}
                >
                  <Text fz={56} fw={800} lh={1}>
                    {c.label}
                  </Text>
                  <Text fz={32} fw={700}>
                    {t('queue.display.counter', { number: c.counterNumber })}
                  </Text>
                </Group>
              ))}
            </SimpleGrid>
          </Stack>
          <Stack gap="sm">
            <Title order={2} c="white">
              {t('queue.display.recent')}
            </Title>
            <Table c="white" fz="xl">
              <Table.Tbody>
                {data?.recent.map((r) => (
                  <Table.Tr key={`${r.label}-${r.counterNumber}`}>
                    <Table.Td>{r.label}</Table.Td>
                    <Table.Td>{t('queue.display.counter', { number: r.counterNumber })}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Title order={2} c="white">
              {t('queue.display.waiting')}
            </Title>
            <Table c="white" fz="lg" data-testid="display-waiting">
              <Table.Tbody>
                {data?.waiting.map((w) => (
                  <Table.Tr key={w.serviceCode}>
                    <Table.Td>{w.name}</Table.Td>
                    <Table.Td ta="right" fw={700}>
                      {w.waiting}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        </SimpleGrid>
      </Stack>
    </Box>
  );
}
