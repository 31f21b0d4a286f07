import {
  Alert,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { weekEndOf, weekStartOf } from '../../../../src/domain/staff/evaluation';
import { useMe } from '../../api/auth';
import { errorMessage } from '../../api/client';
import {
  completeFollowUp,
  type HotlineCallInput,
  type HotlinePurpose,
  logCall,
  useHotlineCalls,
  useHotlineSummary,
} from '../../api/staff';
import { HOTLINE_ROLES, unitsWithRole } from '../../auth/roles';
import { QueryError } from '../../components/common';
import { formatDateTime, todayInVietnam } from '../../lib/format';
import { notify } from '../../lib/notify';
import { usePageTitle } from '../../lib/usePageTitle';

const PURPOSES: HotlinePurpose[] = ['guidance', 'postal', 'feedback', 'attitude'];
const EMPTY = {
  purpose: 'guidance' as HotlinePurpose,
  callerName: '',
  callerPhone: '',
  summary: '',
  dossierCode: '',
  officerUsername: '',
  shipmentTrackingNumber: '',
  followUpDue: '',
};

/** The hotline operator's screen: log each call (purpose, links, follow-up), this week's calls and summary. */
export default function HotlinePage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('hotline.title'));
  const me = useMe().data;
  const units = useMemo(() => unitsWithRole(me, HOTLINE_ROLES), [me]);
  const [unitChoice, setUnitChoice] = useState('');
  const unit = units.some((u) => u.code === unitChoice) ? unitChoice : (units[0]?.code ?? '');
  const week = weekStartOf(todayInVietnam());
  const calls = useHotlineCalls(unit, week, weekEndOf(week));
  const summary = useHotlineSummary(unit, week);
  const [form, setForm] = useState(EMPTY);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['hotline'] });
  const save = useMutation({
    mutationFn: () =>
      logCall(
        Object.fromEntries(
          Object.entries({ ...form, unitCode: unit }).filter(([, v]) => v !== ''),
        ) as HotlineCallInput,
      ),
    onSuccess: () => {
      setFailure(null);
      setForm(EMPTY);
      notify({ color: 'green', message: t('hotline.saved') });
      refresh();
    },
    onError: (e) => setFailure(errorMessage(e)),
  });
  const done = useMutation({
    mutationFn: (id: string) => completeFollowUp(id, notes[id] ?? ''),
    onSuccess: refresh,
    onError: (e) => setFailure(errorMessage(e)),
  });
  const input = (key: keyof typeof EMPTY, label: string, type = 'text') => (
    <TextInput
      label={label}
      type={type}
      value={form[key]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setForm((f) => ({ ...f, [key]: value }));
      }}
    />
  );
  const s = summary.data;
  return (
    <Stack gap="md" maw={1200}>
      <Title order={1}>{t('hotline.title')}</Title>
      <NativeSelect
        label={t('hotline.unit')}
        data={units.map((u) => ({ value: u.code, label: u.name }))}
        value={unit}
        onChange={(e) => setUnitChoice(e.currentTarget.value)}
        maw={360}
      />
      {failure && (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      )}
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('hotline.log')}
          </Title>
          <NativeSelect
            label={t('hotline.purpose')}
            data={PURPOSES.map((p) => ({ value: p, label: t(`hotline.purposes.${p}`) }))}
            value={form.purpose}
            onChange={(e) => {
              const purpose = e.currentTarget.value as HotlinePurpose;
              setForm((f) => ({ ...f, purpose }));
            }}
            maw={420}
          />
          <Group align="flex-end" wrap="wrap">
            {input('callerName', t('hotline.callerName'))}
            {input('callerPhone', t('hotline.callerPhone'))}
            {input('dossierCode', t('hotline.dossierCode'))}
            {form.purpose === 'attitude' && input('officerUsername', t('hotline.officer'))}
            {form.purpose === 'postal' && input('shipmentTrackingNumber', t('hotline.tracking'))}
            {input('followUpDue', t('hotline.followUpDue'), 'date')}
          </Group>
          <Textarea
            label={t('hotline.summary')}
            value={form.summary}
            autosize
            minRows={2}
            onChange={(e) => {
              const summaryText = e.currentTarget.value;
              setForm((f) => ({ ...f, summary: summaryText }));
            }}
          />
          <Group>
            <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!unit}>
              {t('hotline.save')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {s && (
        <Paper withBorder p="md" data-testid="hotline-summary">
          <Group gap="lg" wrap="wrap">
            <Text fw={700}>
              {t('hotline.week')}: {t('hotline.calls', { count: s.calls })}
            </Text>
            {PURPOSES.map((p) => (
              <Badge key={p} variant="light" size="lg">
                {t(`hotline.purposes.${p}`)}: {s.byPurpose[p]}
              </Badge>
            ))}
            <Text size="sm">{t('hotline.followUps', s.followUps)}</Text>
          </Group>
        </Paper>
      )}
      <Title order={2} size="h4">
        {t('hotline.list')}
      </Title>
      {calls.isError && <QueryError error={calls.error} onRetry={() => void calls.refetch()} />}
      <Table.ScrollContainer
        minWidth={900}
        type="native"
        tabIndex={0}
        role="region"
        aria-label={t('hotline.list')}
      >
        <Table striped fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('hotline.when')}</Table.Th>
              <Table.Th>{t('hotline.purpose')}</Table.Th>
              <Table.Th>{t('hotline.summary')}</Table.Th>
              <Table.Th>{t('hotline.followUpDue')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(calls.data ?? []).map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  {formatDateTime(c.createdAt, i18n.language)}
                  <Text size="xs" c="dimmed">
                    {c.receivedByName}
                  </Text>
                </Table.Td>
                <Table.Td>{t(`hotline.purposes.${c.purpose}`)}</Table.Td>
                <Table.Td>
                  {c.summary}
                  <Text size="xs" c="dimmed">
                    {[c.callerName, c.callerPhone, c.dossierCode, c.officerName, c.shipmentTrackingNumber]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {c.followUpDue &&
                    (c.followUpDoneAt ? (
                      <Badge color="green" variant="light">
                        {t('hotline.done')}
                      </Badge>
                    ) : (
                      <Group gap="xs" wrap="nowrap">
                        <Text size="sm">{c.followUpDue}</Text>
                        <TextInput
                          size="xs"
                          aria-label={t('hotline.doneNote')}
                          placeholder={t('hotline.doneNote')}
                          value={notes[c.id] ?? ''}
                          onChange={(e) => {
                            const note = e.currentTarget.value;
                            setNotes((n) => ({ ...n, [c.id]: note }));
                          }}
                        />
                        <Button size="compact-xs" onClick={() => done.mutate(c.id)}>
                          {t('hotline.markDone')}
                        </Button>
                      </Group>
                    ))}
                </Table.Td>
              </Table.Tr>
            ))}
            {calls.data?.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>{t('hotline.empty')}</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
