import {
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
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { weekEndOf, weekStartOf } from '../../../../src/domain/staff/evaluation';
import { errorMessage } from '../../api/client';
import {
  completeFollowUp,
  type HotlineCallInput,
  type HotlinePurpose,
  logCall,
  useHotlineCalls,
  useHotlineSummary,
} from '../../api/staff';
import { HOTLINE_ROLES } from '../../auth/roles';
import { FailureAlert, QueryError } from '../../components/common';
import { ListTable } from '../../components/DataTable';
import { textFields, UnitSelect, useUnitChoice } from '../../components/OfficeForm';
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
  const { units, unit, choose: setUnitChoice } = useUnitChoice(HOTLINE_ROLES);
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
  const input = textFields(form, setForm);
  const s = summary.data;
  return (
    <Stack gap="md" maw={1200}>
      <Title order={1}>{t('hotline.title')}</Title>
      <UnitSelect label={t('hotline.unit')} units={units} value={unit} onChange={setUnitChoice} />
      <FailureAlert message={failure} />
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
            {input('callerPhone', t('hotline.callerPhone'), { type: 'tel', inputMode: 'tel' })}
            {input('dossierCode', t('hotline.dossierCode'))}
            {form.purpose === 'attitude' && input('officerUsername', t('hotline.officer'))}
            {form.purpose === 'postal' && input('shipmentTrackingNumber', t('hotline.tracking'))}
            {input('followUpDue', t('hotline.followUpDue'), { type: 'date' })}
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
      <ListTable
        label={t('hotline.list')}
        minWidth={900}
        columns={[t('hotline.when'), t('hotline.purpose'), t('hotline.summary'), t('hotline.followUpDue')]}
        isEmpty={calls.data?.length === 0}
        empty={t('hotline.empty')}
      >
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
      </ListTable>
    </Stack>
  );
}
