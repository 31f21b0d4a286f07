import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  CloseButton,
  Group,
  Modal,
  NativeSelect,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { SERVICE_DAY_KINDS } from '../../../../src/domain/calendar/service-days';
import { useMe } from '../../api/auth';
import { ApiError, errorMessage } from '../../api/client';
import {
  addServiceDays,
  addTeamMember,
  createDigitalTeam,
  type DigitalTeam,
  removeServiceDay,
  removeTeamMember,
  type ServiceDay,
  type ServiceDayKind,
  type ServiceDaysInput,
  type TeamMember,
  useDigitalTeams,
  useServiceDays,
} from '../../api/community';
import { useUnits } from '../../api/public';
import type { Me } from '../../api/auth';
import type { Unit } from '../../api/public';
import { COMMUNITY_ROLES, coveredUnits } from '../../auth/roles';
import { FailureAlert, QueryError } from '../../components/common';
import { addDays, formatDate, todayInVietnam, weekday } from '../../lib/format';
import { notify } from '../../lib/notify';
import { usePageTitle } from '../../lib/usePageTitle';
import { TableHead } from '../../components/DataTable';

const KIND_COLOR: Record<ServiceDayKind, string> = { no_appointment: 'teal', no_writing: 'grape' };
const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** YYYY-MM-DD plus whole months (the 31st of a shorter month runs over, as Date does). */
function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1 + months, d ?? 1)).toISOString().slice(0, 10);
}

/** The units where the user may schedule days and manage teams, with the units below a role that covers them. */
const communityUnits = (me: Me | null | undefined, all: Unit[] | undefined) =>
  coveredUnits(me, all, COMMUNITY_ROLES);

/** Server field paths (`days.0`, `body.weekdays`) → the form field they belong to. */
function fieldErrorsOf(error: unknown, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const [path, message] of Object.entries(error.fieldErrors())) {
    const head = path.split('.')[0] ?? '';
    const key = fields.includes(head) ? head : (fields[0] ?? head);
    if (!out[key]) out[key] = message;
  }
  return out;
}

/** "Thứ Ba, 08/12/2026". */
function useDayLabel(): (day: string) => string {
  const { t, i18n } = useTranslation();
  return (day) =>
    t('community.dayWithWeekday', {
      weekday: t(`community.weekday.${weekday(day) || 7}`),
      date: formatDate(day, i18n.language),
    });
}

function KindBadge({ kind }: { kind: ServiceDayKind }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={KIND_COLOR[kind]} style={{ textTransform: 'none' }}>
      {t(`community.kind.${kind}`)}
    </Badge>
  );
}

/** A question before an action that cannot be undone from the same screen. */
function Confirm({
  opened,
  title,
  children,
  yes,
  busy,
  onYes,
  onClose,
}: {
  opened: boolean;
  title: string;
  children: ReactNode;
  yes: string;
  busy: boolean;
  onYes: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md">
        <Text size="sm">{children}</Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('community.days.keep')}
          </Button>
          <Button color="red" onClick={onYes} loading={busy}>
            {yes}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * The community side of a unit (issue 7 §6), for its leaders and administrators: the
 * no-appointment and no-writing days it announces to citizens, and the community digital
 * technology teams of its villages, whose members submit online dossiers for citizens.
 */
export default function CommunityPage() {
  const { t } = useTranslation();
  usePageTitle(t('community.title'));
  const me = useMe().data;
  const allUnits = useUnits();
  const units = useMemo(() => communityUnits(me, allUnits.data), [me, allUnits.data]);
  const [unitChoice, setUnitChoice] = useState('');
  const unit = units.some((u) => u.code === unitChoice) ? unitChoice : (units[0]?.code ?? '');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'teams' ? 'teams' : 'days';

  return (
    <Stack gap="md" maw={1200}>
      <Title order={1}>{t('community.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('community.intro')}
      </Text>
      <Group align="flex-end" gap="md" wrap="wrap">
        <NativeSelect
          label={t('community.unit')}
          data={units.map((u) => ({ value: u.code, label: u.name }))}
          value={unit}
          onChange={(e) => setUnitChoice(e.currentTarget.value)}
          w={360}
          maw="100%"
        />
        {unit && (
          <Anchor component={Link} to={`/units/${encodeURIComponent(unit)}`} size="sm" pb={8}>
            {t('community.publicPage')}
          </Anchor>
        )}
      </Group>
      <Tabs
        value={tab}
        onChange={(v) => setParams(v === 'teams' ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          <Tabs.Tab value="days">{t('community.tabs.days')}</Tabs.Tab>
          <Tabs.Tab value="teams">{t('community.tabs.teams')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="days" pt="md">
          {unit && <ServiceDaysPanel key={unit} unit={unit} />}
        </Tabs.Panel>
        <Tabs.Panel value="teams" pt="md">
          {unit && <TeamsPanel key={unit} unit={unit} />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

// ---------------------------------------------------------------- service days

const DAY_FIELDS = ['days', 'weekdays', 'from', 'to', 'note', 'kind'] as const;

function ServiceDaysPanel({ unit }: { unit: string }) {
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

// ---------------------------------------------------------------- digital teams

const TEAM_FIELDS = ['name', 'village'] as const;

function TeamsPanel({ unit }: { unit: string }) {
  const { t } = useTranslation();
  const teams = useDigitalTeams(unit);
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['community', 'teams'] });
  const [name, setName] = useState('');
  const [village, setVillage] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: () => createDigitalTeam({ unitCode: unit, name: name.trim(), village: village.trim() }),
    onSuccess: (team) => {
      setFailure(null);
      setErrors({});
      setName('');
      setVillage('');
      notify({ color: 'green', message: t('community.teams.created', { name: team.name }) });
      refresh();
    },
    onError: (e) => {
      setFailure(errorMessage(e));
      setErrors(fieldErrorsOf(e, TEAM_FIELDS));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  return (
    <Stack gap="md">
      <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="team-create">
        <Stack gap="sm">
          <Title order={2} size="h4" id="team-create">
            {t('community.teams.create')}
          </Title>
          <FailureAlert message={failure} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('community.teams.name')}
              placeholder={t('community.teams.namePlaceholder')}
              value={name}
              error={errors.name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
              maxLength={200}
            />
            <TextInput
              label={t('community.teams.village')}
              value={village}
              error={errors.village}
              onChange={(e) => setVillage(e.currentTarget.value)}
              required
              maxLength={200}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('community.teams.submit')}
            </Button>
          </Group>
        </Stack>
      </Paper>

      <Title order={2} size="h4">
        {t('community.teams.list')}
      </Title>
      <Alert color="blue" variant="light">
        <Text size="sm">{t('community.teams.memberHelp')}</Text>
      </Alert>
      {teams.isError && <QueryError error={teams.error} onRetry={() => void teams.refetch()} />}
      {teams.data?.length === 0 && <Text c="dimmed">{t('community.teams.empty')}</Text>}
      <Stack gap="sm" component="ul" className="plain-list" data-testid="teams">
        {(teams.data ?? []).map((team) => (
          <li key={team.id}>
            <TeamCard team={team} onChanged={refresh} />
          </li>
        ))}
      </Stack>
    </Stack>
  );
}

function TeamCard({ team, onChanged }: { team: DigitalTeam; onChanged: () => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<TeamMember | null>(null);
  const titleId = `team-${team.id}`;
  const add = useMutation({
    mutationFn: () => addTeamMember(team.id, username.trim()),
    onSuccess: () => {
      setFailure(null);
      setError(null);
      notify({
        color: 'green',
        message: t('community.teams.memberAdded', { username: username.trim(), team: team.name }),
      });
      setUsername('');
      onChanged();
    },
    onError: (e) => {
      const fields = fieldErrorsOf(e, ['username']);
      setError(fields.username ?? null);
      setFailure(errorMessage(e));
    },
  });
  const remove = useMutation({
    mutationFn: (m: TeamMember) => removeTeamMember(team.id, m.username),
    onSuccess: (_, m) => {
      setConfirming(null);
      setFailure(null);
      notify({
        color: 'green',
        message: t('community.teams.memberRemoved', { username: m.username, team: team.name }),
      });
      onChanged();
    },
    onError: (e) => {
      setConfirming(null);
      setFailure(errorMessage(e));
      onChanged();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (username.trim()) add.mutate();
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId} data-testid="team">
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={3} size="h5" id={titleId}>
            {team.name}
          </Title>
          <Text size="sm" c="dimmed">
            {t('community.teams.villageOf', { village: team.village })}
          </Text>
        </Stack>
        <FailureAlert message={failure} />
        <Text size="sm" fw={600}>
          {t('community.teams.members', { count: team.members.length })}
        </Text>
        {team.members.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('community.teams.noMembers')}
          </Text>
        ) : (
          <Stack gap={4} component="ul" className="plain-list" data-testid="team-members">
            {team.members.map((m) => (
              <Group key={m.username} component="li" justify="space-between" gap="xs" wrap="wrap">
                <Text size="sm">
                  {m.fullName}{' '}
                  <Text span c="dimmed" size="sm">
                    ({m.username}
                    {m.phone ? ` · ${m.phone}` : ''})
                  </Text>
                </Text>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  aria-label={t('community.teams.removeMemberLabel', { name: m.fullName, team: team.name })}
                  onClick={() => setConfirming(m)}
                >
                  {t('community.teams.removeMember')}
                </Button>
              </Group>
            ))}
          </Stack>
        )}
        <Group component="form" onSubmit={submit} align="flex-end" gap="xs" wrap="wrap">
          <TextInput
            label={t('community.teams.username')}
            value={username}
            error={error}
            onChange={(e) => setUsername(e.currentTarget.value)}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={100}
            w={260}
            maw="100%"
          />
          <Button type="submit" variant="light" loading={add.isPending} disabled={!username.trim()}>
            {t('community.teams.addMember')}
          </Button>
        </Group>
      </Stack>
      <Confirm
        opened={confirming !== null}
        title={t('community.teams.confirmTitle')}
        yes={t('community.teams.confirmYes')}
        busy={remove.isPending}
        onYes={() => confirming && remove.mutate(confirming)}
        onClose={() => setConfirming(null)}
      >
        {confirming &&
          t('community.teams.confirmText', {
            name: confirming.fullName,
            username: confirming.username,
            team: team.name,
          })}
      </Confirm>
    </Paper>
  );
}
