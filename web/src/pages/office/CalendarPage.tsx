import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Grid,
  Group,
  List,
  Modal,
  NativeSelect,
  NumberInput,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import {
  calendarKeys,
  type DueQuery,
  type DurationKind,
  deleteCalendarDay,
  putCalendarDay,
  useCalendarDays,
  useDue,
} from '../../api/calendar';
import { ApiError, errorMessage } from '../../api/client';
import { useUnits } from '../../api/public';
import type { CalendarDay, CalendarDayKind } from '../../api/calendar';
import { QueryError } from '../../components/common';
import {
  formatDate,
  formatDateTime,
  formatLongDate,
  localToIsoVietnam,
  nextMondayAtNine,
  todayInVietnam,
  VN_TIME_ZONE,
  weekday,
} from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { unitOptions } from '../../lib/catalog';
import { isWorkingWeekday, YearCalendar } from './YearCalendar';
import { notify } from '../../lib/notify';
import { TableHead } from '../../components/DataTable';

function vnDateOf(isoInstant: string): string | null {
  const value = new Date(isoInstant);
  if (Number.isNaN(value.getTime())) return null;
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: VN_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(value);
}

function DayModal({
  date,
  existing,
  isWeekend,
  unit,
  onClose,
}: {
  date: string;
  existing: CalendarDay | undefined;
  isWeekend: boolean;
  unit: string | undefined;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<CalendarDayKind>(existing?.kind ?? (isWeekend ? 'workday' : 'holiday'));
  const [name, setName] = useState(existing?.name ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: calendarKeys.all });
  const onError = (error: unknown) => {
    const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};
    setErrors(fieldErrors);
    setFailure(
      error instanceof ApiError &&
        error.code === 'validation_failed' &&
        (fieldErrors.kind || fieldErrors.name)
        ? t('editor.fixErrors')
        : errorMessage(error),
    );
  };

  const save = useMutation({
    mutationFn: () => putCalendarDay(date, unit, { kind, name: name.trim() }),
    onSuccess: async () => {
      notify({
        color: 'green',
        message: t('calendar.saved', { date: formatDate(date, i18n.language) }),
      });
      onClose();
      await refresh();
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: () => deleteCalendarDay(date, unit),
    onSuccess: async () => {
      notify({
        color: 'green',
        message: t('calendar.removed', { date: formatDate(date, i18n.language) }),
      });
      onClose();
      await refresh();
    },
    onError,
  });

  return (
    <form
      noValidate
      data-testid="day-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!name.trim()) {
          setErrors({ name: t('calendar.nameRequired') });
          return;
        }
        setErrors({});
        setFailure(null);
        save.mutate();
      }}
    >
      <Stack gap="sm">
        <Text fw={500}>{formatLongDate(date, i18n.language)}</Text>
        {existing ? (
          <Text size="sm">
            {t('calendar.currently', {
              kind: existing.kind === 'holiday' ? t('calendar.kindHoliday') : t('calendar.kindWorkday'),
              name: existing.name,
            })}
            {existing.provisional && ` (${t('calendar.provisional')})`}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {isWeekend ? t('calendar.regularWeekend') : t('calendar.regularWorkday')}
          </Text>
        )}
        {existing?.provisional && (
          <Text size="sm" c="dimmed">
            {t('calendar.confirmProvisional')}
          </Text>
        )}
        {failure && (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {failure}
          </Alert>
        )}
        <NativeSelect
          label={t('calendar.dayKind')}
          data={[
            { value: 'holiday', label: t('calendar.kindHoliday') },
            { value: 'workday', label: t('calendar.kindWorkday') },
          ]}
          value={kind}
          onChange={(event) => setKind(event.currentTarget.value as CalendarDayKind)}
          error={errors.kind}
          data-testid="day-kind"
        />
        <TextInput
          label={t('calendar.dayName')}
          placeholder={
            kind === 'holiday' ? t('calendar.holidayPlaceholder') : t('calendar.workdayPlaceholder')
          }
          required
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
          data-testid="day-name"
          data-autofocus
        />
        <Group justify="space-between" mt="sm">
          <div>
            {existing && (
              <Button
                color="red"
                variant="light"
                loading={remove.isPending}
                onClick={() => {
                  setFailure(null);
                  remove.mutate();
                }}
                data-testid="day-remove"
              >
                {t('calendar.remove')}
              </Button>
            )}
          </div>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="day-save">
              {t('common.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

function DuePreview({ unit, onDue }: { unit: string | undefined; onDue: (due: string | null) => void }) {
  const { t, i18n } = useTranslation();
  const [from, setFrom] = useState(nextMondayAtNine);
  const [kind, setKind] = useState<DurationKind>('workingDays');
  const [value, setValue] = useState<number | ''>(5);
  const [debouncedKey] = useDebouncedValue(`${from}|${kind}|${value}`, 300);
  const [dFrom = '', dKind = 'workingDays', dValue = ''] = debouncedKey.split('|');
  const debounced = {
    from: dFrom,
    kind: dKind as DurationKind,
    value: dValue === '' ? ('' as const) : Number(dValue),
  };

  const fromIso = localToIsoVietnam(debounced.from);
  const valid =
    fromIso !== null && (debounced.kind === 'sameDay' || (debounced.value !== '' && debounced.value > 0));
  const query: DueQuery | null = valid
    ? {
        from: fromIso,
        kind: debounced.kind,
        value: debounced.kind === 'sameDay' ? 0 : Number(debounced.value),
        unit,
      }
    : null;
  const due = useDue(query);
  const dueAt = due.data?.dueAt ?? null;

  useEffect(() => {
    onDue(valid ? dueAt : null);
  }, [dueAt, valid, onDue]);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="due-preview-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="due-preview-title">
          {t('calendar.previewTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('calendar.previewHelp')}
        </Text>
        <TextInput
          type="datetime-local"
          label={t('calendar.receivedAt')}
          description={t('calendar.vietnamTime')}
          value={from}
          onChange={(event) => setFrom(event.currentTarget.value)}
          error={fromIso === null && from ? t('calendar.invalidDate') : undefined}
          data-testid="due-from"
        />
        <NativeSelect
          label={t('calendar.durationKind')}
          data={[
            { value: 'workingDays', label: t('editor.timeKinds.workingDays') },
            { value: 'workingHours', label: t('editor.timeKinds.workingHours') },
            { value: 'sameDay', label: t('editor.timeKinds.sameDay') },
          ]}
          value={kind}
          onChange={(event) => setKind(event.currentTarget.value as DurationKind)}
          data-testid="due-kind"
        />
        {kind !== 'sameDay' && (
          <NumberInput
            label={kind === 'workingDays' ? t('editor.days') : t('editor.hours')}
            min={1}
            max={kind === 'workingDays' ? 365 : 2000}
            allowDecimal={false}
            value={value}
            onChange={(v) => setValue(typeof v === 'number' ? v : '')}
            data-testid="due-value"
          />
        )}

        <Box aria-live="polite" aria-busy={due.isFetching}>
          {due.isError && <QueryError error={due.error} />}
          {due.data && valid && (
            <Stack gap="xs" style={{ opacity: due.isPlaceholderData || due.isFetching ? 0.6 : 1 }}>
              <Text size="sm">{t('calendar.dueAt')}</Text>
              <Text fw={700} size="xl" c="brand.8" data-testid="due-at" data-value={due.data.dueAt}>
                {formatDateTime(due.data.dueAt, i18n.language)}
              </Text>
              {due.data.effectiveStart && due.data.effectiveStart !== due.data.from && (
                <Text size="sm">
                  {t('calendar.effectiveStart', {
                    at: formatDateTime(due.data.effectiveStart, i18n.language),
                  })}
                </Text>
              )}
              <Text size="sm" c="dimmed">
                {t('calendar.workingMinutes', {
                  hours: Math.floor(due.data.workingMinutes / 60),
                  minutes: due.data.workingMinutes % 60,
                })}
              </Text>
              {due.data.explanation.length > 0 && (
                <>
                  <Title order={3} size="h6" mt="xs">
                    {t('calendar.explanation')}
                  </Title>
                  <List size="sm" spacing={4} type="ordered" data-testid="due-explanation">
                    {due.data.explanation.map((item, index) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: explanation lines are ordered
                      <List.Item key={index} data-day={item.date} data-kind={item.kind}>
                        {i18n.language === 'en' ? item.textEn || item.text : item.text}
                      </List.Item>
                    ))}
                  </List>
                </>
              )}
            </Stack>
          )}
        </Box>
      </Stack>
    </Paper>
  );
}

export default function CalendarPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('calendar.title'));
  const me = useMe().data;
  const units = useUnits();
  const thisYear = Number(todayInVietnam().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [unit, setUnit] = useState<string | undefined>(undefined);
  const [selected, setSelected] = useState<string | null>(null);
  const [dueAt, setDueAt] = useState<string | null>(null);

  // Default jurisdiction: the admin's own unit, else the top of the tree.
  useEffect(() => {
    if (unit !== undefined || !units.data) return;
    const own = me?.roles.find((r) => r.unitCode && units.data.some((u) => u.code === r.unitCode))?.unitCode;
    setUnit(own ?? unitOptions(units.data)[0]?.value ?? '');
  }, [unit, units.data, me]);

  const calendar = useCalendarDays(year, unit || undefined);
  const days = calendar.data?.days ?? [];
  const workingWeekdays = calendar.data?.settings.workingWeekdays ?? [1, 2, 3, 4, 5];
  const special = useMemo(() => [...days].sort((a, b) => a.date.localeCompare(b.date)), [days]);
  const selectedDay = selected ? days.find((d) => d.date === selected) : undefined;
  const dueDate = dueAt ? vnDateOf(dueAt) : null;
  const marked = dueDate ? { [dueDate]: t('calendar.dueMarker') } : undefined;

  const years = Array.from({ length: 7 }, (_, i) => thisYear - 2 + i);
  if (!years.includes(year)) years.push(year);

  return (
    <Stack gap="md">
      <Title order={1}>{t('calendar.title')}</Title>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Group gap={4} align="flex-end" wrap="nowrap">
          <ActionIcon
            variant="default"
            size="lg"
            mb={1}
            aria-label={t('calendar.previousYear')}
            onClick={() => setYear((y) => y - 1)}
          >
            <IconChevronLeft size={18} aria-hidden />
          </ActionIcon>
          <NativeSelect
            label={t('calendar.year')}
            data={years.sort((a, b) => a - b).map((y) => String(y))}
            value={String(year)}
            onChange={(event) => setYear(Number(event.currentTarget.value))}
            data-testid="calendar-year"
            w={110}
          />
          <ActionIcon
            variant="default"
            size="lg"
            mb={1}
            aria-label={t('calendar.nextYear')}
            onClick={() => setYear((y) => y + 1)}
          >
            <IconChevronRight size={18} aria-hidden />
          </ActionIcon>
        </Group>
        <NativeSelect
          label={t('calendar.unit')}
          data={unitOptions(units.data ?? [])}
          value={unit ?? ''}
          onChange={(event) => setUnit(event.currentTarget.value)}
          data-testid="calendar-unit"
          style={{ flex: '1 1 240px', maxWidth: 420 }}
        />
      </Group>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="sm">
            <Group gap="lg" wrap="wrap" aria-hidden>
              <Text size="sm">
                <span className="cal-legend" style={{ background: 'var(--mantine-color-gray-1)' }} />
                {t('calendar.legendWeekend')}
              </Text>
              <Text size="sm">
                <span className="cal-legend" style={{ background: 'var(--mantine-color-red-1)' }} />
                {t('calendar.legendHoliday')}
              </Text>
              <Text size="sm">
                <span
                  className="cal-legend"
                  style={{
                    background: 'var(--mantine-color-teal-0)',
                    borderColor: 'var(--mantine-color-teal-7)',
                  }}
                />
                {t('calendar.legendWorkday')}
              </Text>
              <Text size="sm">
                <span
                  className="cal-legend"
                  style={{ boxShadow: 'inset 0 0 0 2px var(--mantine-color-brand-7)' }}
                />
                {t('calendar.legendDue')}
              </Text>
            </Group>
            <Text size="sm" c="dimmed">
              {t('calendar.keyboardHelp')}
            </Text>
            {calendar.isError && <QueryError error={calendar.error} onRetry={() => calendar.refetch()} />}
            {calendar.isPending && unit !== undefined && <Skeleton height={600} />}
            {calendar.data && (
              <Box style={{ opacity: calendar.isPlaceholderData ? 0.6 : 1 }}>
                <YearCalendar
                  year={year}
                  days={calendar.data.year === year ? days : []}
                  workingWeekdays={workingWeekdays}
                  marked={marked}
                  onSelect={setSelected}
                />
              </Box>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          {unit !== undefined && <DuePreview unit={unit || undefined} onDue={setDueAt} />}
        </Grid.Col>
      </Grid>

      <Box component="section" aria-labelledby="special-days-title">
        <Title order={2} size="h3" id="special-days-title" mb="sm">
          {t('calendar.listTitle', { year })}
        </Title>
        {special.length === 0 ? (
          <Text c="dimmed">{t('calendar.listEmpty')}</Text>
        ) : (
          <Table
            striped
            withTableBorder
            verticalSpacing="xs"
            className="stack-table"
            data-testid="special-days"
          >
            <TableHead
              columns={[t('calendar.date'), t('calendar.dayKind'), t('calendar.dayName')]}
              actions={t('common.actions')}
            />
            <Table.Tbody>
              {special.map((day) => (
                <Table.Tr key={day.date} data-day={day.date}>
                  <Table.Td fw={500}>{formatLongDate(day.date, i18n.language)}</Table.Td>
                  <Table.Td data-label={t('calendar.dayKind')} className="cell-nowrap">
                    <Badge
                      color={day.kind === 'holiday' ? 'red' : 'teal'}
                      variant="light"
                      radius="sm"
                      style={{ textTransform: 'none' }}
                    >
                      {day.kind === 'holiday' ? t('calendar.kindHoliday') : t('calendar.kindWorkday')}
                    </Badge>
                  </Table.Td>
                  <Table.Td data-label={t('calendar.dayName')}>
                    {day.name}
                    {day.provisional && (
                      <Badge
                        ml="xs"
                        color="orange"
                        variant="outline"
                        radius="sm"
                        style={{ textTransform: 'none' }}
                      >
                        {t('calendar.provisional')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      onClick={() => setSelected(day.date)}
                      aria-label={t('calendar.editNamed', { date: formatDate(day.date, i18n.language) })}
                    >
                      {t('common.edit')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Box>

      <Modal
        opened={selected !== null}
        onClose={() => setSelected(null)}
        title={t('calendar.modalTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {selected && (
          <DayModal
            key={selected}
            date={selected}
            existing={selectedDay}
            isWeekend={!isWorkingWeekday(selected, workingWeekdays) && weekday(selected) >= 0}
            unit={unit || undefined}
            onClose={() => setSelected(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}
