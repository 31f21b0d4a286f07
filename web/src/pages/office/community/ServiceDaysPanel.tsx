// The service days tab of the community page: announcing no-appointment and no-writing days, and the list of them.
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  CloseButton,
  Group,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVICE_DAY_KINDS } from '../../../../../src/domain/calendar/service-days';
import { errorMessage } from '../../../api/client';
import {
  addServiceDays,
  removeServiceDay,
  type ServiceDay,
  type ServiceDayKind,
  type ServiceDaysInput,
  useServiceDays,
} from '../../../api/community';
import { QueryError } from '../../../components/common';
import { TableHead } from '../../../components/DataTable';
import { addDays, formatDate, todayInVietnam } from '../../../lib/format';
import { notify } from '../../../lib/notify';
import { addMonths, Confirm, fieldErrorsOf, ISO_WEEKDAYS, KindBadge, useDayLabel } from './common';

const DAY_FIELDS = ['days', 'weekdays', 'from', 'to', 'note', 'kind'] as const;

export function ServiceDaysPanel({ unit }: { unit: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const dayLabel = useDayLabel();
  const today = todayInVietnam();
  const until = addMonths(today, 3);
  const list = useServiceDays(unit, today, until);
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['community', 'service-days'] });
    void queryClient.invalidateQueries({ queryKey: ['public', 'unit'] });
  };

  const [kind, setKind] = useState<ServiceDayKind>('no_appointment');
  const [mode, setMode] = useState<'dates' | 'weekly'>('weekly');
  const [date, setDate] = useState('');
  const [dates, setDates] = useState<string[]>([]);
  const [weekdays, setWeekdays] = useState<string[]>([]);
  const [from, setFrom] = useState(addDays(today, 1));
  const [to, setTo] = useState(addMonths(today, 1));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [added, setAdded] = useState<string[] | null>(null);
  const [confirming, setConfirming] = useState<ServiceDay | null>(null);

  const save = useMutation({
    mutationFn: () => {
      // A date typed but not yet added counts too.
      const days = [...new Set([...dates, ...(date ? [date] : [])])].sort();
      const body: ServiceDaysInput =
        mode === 'dates'
          ? { kind, days }
          : { kind, weekdays: weekdays.map(Number).sort((a, b) => a - b), from, to };
      if (note.trim()) body.note = note.trim();
      return addServiceDays(unit, body);
    },
    onSuccess: (result) => {
      setFailure(null);
      setErrors({});
      setAdded(result.added);
      setDates([]);
      setDate('');
      notify({ color: 'green', message: t('community.days.saved', { count: result.added.length }) });
      refresh();
    },
    onError: (e) => {
      setAdded(null);
      setFailure(errorMessage(e));
      const fields = fieldErrorsOf(e, DAY_FIELDS);
      // A "no day" error on the dates belongs to the weekdays when the form asks for weekdays.
      if (mode === 'weekly' && fields.days && !fields.weekdays) {
        fields.weekdays = fields.days;
        delete fields.days;
      }
      setErrors(fields);
    },
  });
  const remove = useMutation({
    mutationFn: (d: ServiceDay) => removeServiceDay(unit, d.day, d.kind),
    onSuccess: (_, d) => {
      setConfirming(null);
      notify({
        color: 'green',
        message: t('community.days.removed', {
          kind: t(`community.kind.${d.kind}`).toLowerCase(),
          day: dayLabel(d.day),
        }),
      });
      refresh();
    },
    onError: (e) => {
      setConfirming(null);
      setFailure(errorMessage(e));
      refresh();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const addDate = () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    setDates((list) => [...new Set([...list, date])].sort());
    setDate('');
  };

  return (
    <Stack gap="md">
      {failure && (
        <Alert
          color="red"
          role="alert"
          withCloseButton
          onClose={() => setFailure(null)}
          closeButtonLabel={t('common.close')}
        >
          {failure}
        </Alert>
      )}
      <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="service-days-add">
        <Stack gap="sm">
          <Title order={2} size="h4" id="service-days-add">
            {t('community.days.add')}
          </Title>
          <Radio.Group
            label={t('community.days.kindLabel')}
            value={kind}
            error={errors.kind}
            onChange={(v) => setKind(v as ServiceDayKind)}
          >
            <Stack gap="xs" mt="xs">
              {SERVICE_DAY_KINDS.map((k) => (
                <Radio
                  key={k}
                  value={k}
                  label={t(`community.kind.${k}`)}
                  description={t(`community.kindHelp.${k}`)}
                />
              ))}
            </Stack>
          </Radio.Group>
          <Radio.Group
            label={t('community.days.modeLabel')}
            value={mode}
            onChange={(v) => setMode(v === 'dates' ? 'dates' : 'weekly')}
          >
            <Group gap="lg" mt="xs">
              <Radio value="weekly" label={t('community.days.mode.weekly')} />
              <Radio value="dates" label={t('community.days.mode.dates')} />
            </Group>
          </Radio.Group>
          {mode === 'dates' ? (
            <Stack gap="xs">
              <Group align="flex-end" gap="xs" wrap="wrap">
                <TextInput
                  type="date"
                  label={t('community.days.date')}
                  value={date}
                  min={today}
                  error={errors.days}
                  onChange={(e) => setDate(e.currentTarget.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      addDate();
                    }
                  }}
                />
                <Button variant="light" onClick={addDate} disabled={!date}>
                  {t('community.days.addDate')}
                </Button>
              </Group>
              <Text size="sm" fw={600} id="service-days-chosen">
                {t('community.days.chosen')}
              </Text>
              {dates.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('community.days.noDates')}
                </Text>
              ) : (
                <Group gap="xs" component="ul" className="plain-list" aria-labelledby="service-days-chosen">
                  {dates.map((d) => (
                    <Badge
                      key={d}
                      component="li"
                      variant="outline"
                      size="lg"
                      style={{ textTransform: 'none' }}
                      rightSection={
                        <CloseButton
                          size="xs"
                          aria-label={t('community.days.removeDate', { day: dayLabel(d) })}
                          onClick={() => setDates((list) => list.filter((x) => x !== d))}
                        />
                      }
                    >
                      {dayLabel(d)}
                    </Badge>
                  ))}
                </Group>
              )}
            </Stack>
          ) : (
            <Stack gap="xs">
              <Checkbox.Group
                label={t('community.days.weekdays')}
                description={t('community.days.weeklyHelp')}
                value={weekdays}
                error={errors.weekdays}
                onChange={setWeekdays}
              >
                <Group gap="md" mt="xs">
                  {ISO_WEEKDAYS.map((w) => (
                    <Checkbox key={w} value={String(w)} label={t(`community.weekday.${w}`)} />
                  ))}
                </Group>
              </Checkbox.Group>
              <SimpleGrid cols={{ base: 1, xs: 2 }} maw={520}>
                <TextInput
                  type="date"
                  label={t('community.days.from')}
                  value={from}
                  error={errors.from}
                  onChange={(e) => setFrom(e.currentTarget.value)}
                  required
                />
                <TextInput
                  type="date"
                  label={t('community.days.to')}
                  value={to}
                  min={from}
                  error={errors.to}
                  onChange={(e) => setTo(e.currentTarget.value)}
                  required
                />
              </SimpleGrid>
            </Stack>
          )}
          <Textarea
            label={t('community.days.noteLabel')}
            description={t('community.days.noteHelp')}
            value={note}
            error={errors.note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={1}
            maxLength={500}
          />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('community.days.save')}
            </Button>
          </Group>
          {added && (
            <Alert color="green" data-testid="service-days-added">
              <Text size="sm" fw={600}>
                {t('community.days.addedList', { count: added.length })}
              </Text>
              <Text size="sm">{added.map(dayLabel).join('; ')}</Text>
            </Alert>
          )}
        </Stack>
      </Paper>

      <Stack gap={2}>
        <Title order={2} size="h4" id="service-days-list">
          {t('community.days.list')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('community.days.listHelp', { from: formatDate(today, lang), to: formatDate(until, lang) })}
        </Text>
      </Stack>
      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      <Table
        striped
        withTableBorder
        verticalSpacing="xs"
        className="stack-table"
        aria-labelledby="service-days-list"
        data-testid="service-days-table"
      >
        <TableHead
          columns={[
            t('community.days.day'),
            t('community.days.kindCol'),
            t('community.days.note'),
            t('community.days.actions'),
          ]}
        />
        <Table.Tbody>
          {(list.data ?? []).map((d) => (
            <Table.Tr key={`${d.day}:${d.kind}`}>
              <Table.Td data-label={t('community.days.day')}>{dayLabel(d.day)}</Table.Td>
              <Table.Td data-label={t('community.days.kindCol')}>
                <KindBadge kind={d.kind} />
              </Table.Td>
              <Table.Td data-label={t('community.days.note')}>{d.note ?? '—'}</Table.Td>
              <Table.Td>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  aria-label={t('community.days.removeLabel', {
                    kind: t(`community.kind.${d.kind}`).toLowerCase(),
                    day: dayLabel(d.day),
                  })}
                  onClick={() => setConfirming(d)}
                >
                  {t('community.days.remove')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
          {list.data?.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={4}>{t('community.days.empty')}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <Confirm
        opened={confirming !== null}
        title={t('community.days.confirmTitle')}
        yes={t('community.days.confirmYes')}
        busy={remove.isPending}
        onYes={() => confirming && remove.mutate(confirming)}
        onClose={() => setConfirming(null)}
      >
        {confirming &&
          t('community.days.confirmText', {
            kind: t(`community.kind.${confirming.kind}`).toLowerCase(),
            day: dayLabel(confirming.day),
          })}
      </Confirm>
    </Stack>
  );
}
