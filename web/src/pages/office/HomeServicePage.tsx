import {
  Badge,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  canMoveHomeService,
  HOME_SERVICE_KINDS,
  HOME_SERVICE_REASONS,
  HOME_SERVICE_STATUSES,
  type HomeServiceKind,
  type HomeServiceReason,
  type HomeServiceStatus,
} from '../../../../src/domain/postal/home-service';
import { ApiError, errorMessage } from '../../api/client';
import {
  cancelHomeService,
  completeHomeService,
  createHomeService,
  type HomeService,
  scheduleHomeService,
  useHomeServiceOfficers,
  useHomeServices,
} from '../../api/home-service';
import { HOME_SERVICE_ROLES } from '../../auth/roles';
import { FailureAlert, QueryError } from '../../components/common';
import { ListTable } from '../../components/DataTable';
import { ContactFields, textFields, UnitSelect, useUnitChoice } from '../../components/OfficeForm';
import { addDays, formatDateTime, localToIsoVietnam, todayInVietnam } from '../../lib/format';
import { notify } from '../../lib/notify';
import { usePageTitle } from '../../lib/usePageTitle';

const EMPTY = {
  kind: 'pickup' as HomeServiceKind,
  requestedVia: 'counter' as 'counter' | 'hotline',
  name: '',
  phone: '',
  address: '',
  reason: 'elderly' as HomeServiceReason,
  note: '',
  dossierCode: '',
};

/** Server field paths → the form's own keys. */
const FIELD_OF: Record<string, keyof typeof EMPTY> = {
  'applicant.name': 'name',
  'applicant.phone': 'phone',
  'applicant.address': 'address',
  applicant: 'name',
  dossierCode: 'dossierCode',
  note: 'note',
  reason: 'reason',
  kind: 'kind',
  requestedVia: 'requestedVia',
};

/** An instant as a datetime-local value in Vietnam wall time (UTC+7, no daylight saving). */
function vietnamWallTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
}

const STATUS_COLOR: Record<HomeServiceStatus, string> = {
  requested: 'blue',
  scheduled: 'violet',
  done: 'green',
  failed: 'red',
  cancelled: 'gray',
};

function StatusBadge({ status }: { status: HomeServiceStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLOR[status]} style={{ textTransform: 'none' }}>
      {t(`homeService.status.${status}`)}
    </Badge>
  );
}

/**
 * Home pick-up and return (thu nhận, trả kết quả tại nhà) at the counter: register a request from
 * the counter or the hotline, schedule the visit with an officer of the unit, record its outcome;
 * each request's history.
 */
export default function HomeServicePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  usePageTitle(t('homeService.title'));
  const { units, unit, choose: setUnitChoice } = useUnitChoice(HOME_SERVICE_ROLES);
  const [statusFilter, setStatusFilter] = useState<HomeServiceStatus | ''>('');
  const requests = useHomeServices(unit || undefined, statusFilter || undefined);
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['home-service', 'list'] });
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof typeof EMPTY, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  // The request open in the dialog, as the last answer about it gave it (it stays open when a
  // status filter would now hide it from the list).
  const [opened, setOpened] = useState<HomeService | null>(null);

  const register = useMutation({
    mutationFn: () =>
      createHomeService({
        unitCode: unit,
        kind: form.kind,
        requestedVia: form.requestedVia,
        applicant: { name: form.name, phone: form.phone, address: form.address },
        reason: form.reason,
        ...(form.note.trim() ? { note: form.note } : {}),
        ...(form.dossierCode.trim() ? { dossierCode: form.dossierCode.trim() } : {}),
      }),
    onSuccess: (request) => {
      setFailure(null);
      setErrors({});
      setForm(EMPTY);
      notify({ color: 'green', message: t('homeService.created', { code: request.code }) });
      refresh();
    },
    onError: (e) => {
      setFailure(errorMessage(e));
      const next: Partial<Record<keyof typeof EMPTY, string>> = {};
      if (e instanceof ApiError)
        for (const [path, message] of Object.entries(e.fieldErrors())) {
          const key = FIELD_OF[path];
          if (key && !next[key]) next[key] = message;
        }
      setErrors(next);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate();
  };
  const set = (key: keyof typeof EMPTY) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const text = textFields(form, setForm, errors);

  return (
    <Stack gap="md" maw={1200}>
      <Title order={1}>{t('homeService.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('homeService.intro')}
      </Text>
      <UnitSelect label={t('homeService.unit')} units={units} value={unit} onChange={setUnitChoice} />
      <FailureAlert message={failure} />
      <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="home-service-register">
        <Stack gap="sm">
          <Title order={2} size="h4" id="home-service-register">
            {t('homeService.register')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            <NativeSelect
              label={t('homeService.kindLabel')}
              data={HOME_SERVICE_KINDS.map((k) => ({ value: k, label: t(`homeService.kind.${k}`) }))}
              value={form.kind}
              error={errors.kind}
              onChange={(e) => set('kind')(e.currentTarget.value)}
            />
            <NativeSelect
              label={t('homeService.viaLabel')}
              data={(['counter', 'hotline'] as const).map((v) => ({
                value: v,
                label: t(`homeService.via.${v}`),
              }))}
              value={form.requestedVia}
              error={errors.requestedVia}
              onChange={(e) => set('requestedVia')(e.currentTarget.value)}
            />
            <NativeSelect
              label={t('homeService.reasonLabel')}
              data={HOME_SERVICE_REASONS.map((r) => ({ value: r, label: t(`homeService.reason.${r}`) }))}
              value={form.reason}
              error={errors.reason}
              onChange={(e) => set('reason')(e.currentTarget.value)}
            />
            <ContactFields
              field={text}
              required
              labels={{
                name: t('homeService.name'),
                phone: t('homeService.phone'),
                address: t('homeService.address'),
              }}
            />
            {text('dossierCode', t('homeService.dossierCode'), {
              required: form.kind === 'return',
              description:
                form.kind === 'return'
                  ? t('homeService.dossierCodeHelpReturn')
                  : t('homeService.dossierCodeHelpPickup'),
            })}
          </SimpleGrid>
          <Textarea
            label={t('homeService.note')}
            value={form.note}
            error={errors.note}
            onChange={(e) => set('note')(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={1000}
          />
          <Group>
            <Button type="submit" loading={register.isPending} disabled={!unit}>
              {t('homeService.submit')}
            </Button>
          </Group>
        </Stack>
      </Paper>

      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={2} size="h4">
          {t('homeService.list')}
        </Title>
        <NativeSelect
          label={t('homeService.filter')}
          data={[
            { value: '', label: t('homeService.all') },
            ...HOME_SERVICE_STATUSES.map((s) => ({ value: s, label: t(`homeService.status.${s}`) })),
          ]}
          value={statusFilter}
          onChange={(e) => setStatusFilter(e.currentTarget.value as HomeServiceStatus | '')}
          w={240}
          maw="100%"
        />
      </Group>
      {requests.isError && <QueryError error={requests.error} onRetry={() => void requests.refetch()} />}
      <ListTable
        label={t('homeService.list')}
        minWidth={960}
        testId="home-service-table"
        columns={[
          t('homeService.code'),
          t('homeService.kindCol'),
          t('homeService.applicant'),
          t('homeService.addressCol'),
          t('homeService.scheduledAt'),
          t('homeService.officer'),
          t('homeService.statusCol'),
          t('homeService.actions'),
        ]}
        isEmpty={requests.data?.length === 0}
        empty={t('homeService.empty')}
      >
        {(requests.data ?? []).map((r) => (
          <Table.Tr key={r.id}>
            <Table.Td ff="monospace">{r.code}</Table.Td>
            <Table.Td>
              {t(`homeService.kind.${r.kind}`)}
              <Text size="xs" c="dimmed">
                {t(`homeService.via.${r.requestedVia}`)} · {t(`homeService.reason.${r.reason}`)}
                {r.dossierCode ? ` · ${r.dossierCode}` : ''}
              </Text>
            </Table.Td>
            <Table.Td>
              {r.applicant.name}
              <Text size="xs" c="dimmed">
                {r.applicant.phone}
              </Text>
            </Table.Td>
            <Table.Td>{r.applicant.address}</Table.Td>
            <Table.Td>{formatDateTime(r.scheduledAt, lang)}</Table.Td>
            <Table.Td>{r.officer?.fullName ?? '—'}</Table.Td>
            <Table.Td>
              <StatusBadge status={r.status} />
            </Table.Td>
            <Table.Td>
              <Button
                size="compact-sm"
                variant="default"
                aria-label={t('homeService.openLabel', { code: r.code })}
                onClick={() => setOpened(r)}
              >
                {t('homeService.open')}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      <RequestModal
        request={opened}
        unit={unit}
        onClose={() => setOpened(null)}
        onChanged={(r) => {
          setOpened(r);
          refresh();
        }}
      />
    </Stack>
  );
}

/** One request: its details, the actions its status allows (schedule, outcome, cancel), its history. */
function RequestModal({
  request,
  unit,
  onClose,
  onChanged,
}: {
  request: HomeService | null;
  unit: string;
  onClose: () => void;
  onChanged: (request: HomeService) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const small = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={request !== null}
      onClose={onClose}
      title={request ? t('homeService.details', { code: request.code }) : ''}
      size="lg"
      fullScreen={Boolean(small)}
      closeButtonProps={{ 'aria-label': t('homeService.close') }}
    >
      {request && (
        <Stack gap="md">
          <Stack gap={2}>
            <Group gap="xs">
              <StatusBadge status={request.status} />
              <Text size="sm">{t(`homeService.kind.${request.kind}`)}</Text>
            </Group>
            <Text size="sm">
              {request.applicant.name} · {request.applicant.phone}
            </Text>
            <Text size="sm">{request.applicant.address}</Text>
            <Text size="sm" c="dimmed">
              {t(`homeService.via.${request.requestedVia}`)} · {t(`homeService.reason.${request.reason}`)}
              {request.dossierCode ? ` · ${request.dossierCode}` : ''}
            </Text>
            {request.note && <Text size="sm">{request.note}</Text>}
          </Stack>
          <RequestActions
            key={`${request.id}:${request.updatedAt}`}
            request={request}
            unit={unit}
            onChanged={onChanged}
          />
          <Stack gap="xs">
            <Title order={3} size="h5">
              {t('homeService.history')}
            </Title>
            <ol className="plain-list" data-testid="home-service-history">
              {request.events.map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: events are append-only, in order
                <li key={i}>
                  <Paper withBorder p="xs" mb="xs">
                    <Group gap="xs" justify="space-between" wrap="wrap">
                      <StatusBadge status={e.status} />
                      <Text size="xs" c="dimmed">
                        {formatDateTime(e.at, lang)}
                      </Text>
                    </Group>
                    {e.scheduledAt && (
                      <Text size="sm">
                        {t('homeService.scheduledFor', {
                          at: formatDateTime(e.scheduledAt, lang),
                          officer: e.officerName ?? '—',
                        })}
                      </Text>
                    )}
                    {e.note && <Text size="sm">{e.note}</Text>}
                    <Text size="xs" c="dimmed">
                      {t('homeService.by', { name: e.actorName ?? t('homeService.citizen') })}
                    </Text>
                  </Paper>
                </li>
              ))}
            </ol>
          </Stack>
        </Stack>
      )}
    </Modal>
  );
}

function RequestActions({
  request,
  unit,
  onChanged,
}: {
  request: HomeService;
  unit: string;
  onChanged: (request: HomeService) => void;
}) {
  const { t } = useTranslation();
  const officers = useHomeServiceOfficers(unit || undefined);
  const [when, setWhen] = useState(
    request.status === 'scheduled' && request.scheduledAt
      ? vietnamWallTime(request.scheduledAt)
      : `${addDays(todayInVietnam(), 1)}T09:00`,
  );
  const [officerId, setOfficerId] = useState(request.officer?.id ?? '');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const done = (r: HomeService) => {
    notify({ color: 'green', message: t('homeService.updated', { code: r.code }) });
    onChanged(r);
  };
  const onError = (e: unknown) => {
    setFailure(errorMessage(e));
    setErrors(e instanceof ApiError ? e.fieldErrors() : {});
  };
  const schedule = useMutation({
    mutationFn: () =>
      scheduleHomeService(request.id, {
        scheduledAt: localToIsoVietnam(when) ?? when,
        officerId,
        ...(note.trim() ? { note } : {}),
      }),
    onSuccess: done,
    onError,
  });
  const complete = useMutation({
    mutationFn: (outcome: 'done' | 'failed') =>
      completeHomeService(request.id, { outcome, ...(note.trim() ? { note } : {}) }),
    onSuccess: done,
    onError,
  });
  const cancel = useMutation({
    mutationFn: () => cancelHomeService(request.id, note.trim() ? { note } : {}),
    onSuccess: done,
    onError,
  });
  const canSchedule = canMoveHomeService(request.status, 'scheduled');
  const canComplete = canMoveHomeService(request.status, 'done');
  const canCancel = canMoveHomeService(request.status, 'cancelled');
  const busy = schedule.isPending || complete.isPending || cancel.isPending;
  if (!canSchedule && !canComplete && !canCancel)
    return (
      <Text size="sm" c="dimmed">
        {t('homeService.final')}
      </Text>
    );
  return (
    <Stack gap="sm">
      <FailureAlert message={failure} />
      <Textarea
        label={t('homeService.actionNote')}
        value={note}
        error={errors.note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={1}
        maxLength={1000}
      />
      {canSchedule && (
        <Paper withBorder p="sm">
          <Stack gap="xs">
            <Title order={3} size="h5">
              {request.status === 'scheduled' ? t('homeService.reschedule') : t('homeService.schedule')}
            </Title>
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <TextInput
                type="datetime-local"
                label={t('homeService.scheduledAt')}
                value={when}
                error={errors.scheduledAt}
                onChange={(e) => setWhen(e.currentTarget.value)}
                required
              />
              <NativeSelect
                label={t('homeService.officer')}
                data={[
                  { value: '', label: t('homeService.chooseOfficer') },
                  ...(officers.data ?? []).map((o) => ({ value: o.id, label: o.fullName })),
                ]}
                value={officerId}
                error={errors.officerId}
                onChange={(e) => setOfficerId(e.currentTarget.value)}
                required
              />
            </SimpleGrid>
            <Group>
              <Button
                onClick={() => schedule.mutate()}
                loading={schedule.isPending}
                disabled={busy || !when || !officerId}
              >
                {t('homeService.saveSchedule')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {(canComplete || canCancel) && (
        <Group gap="xs" wrap="wrap" role="group" aria-label={t('homeService.outcome')}>
          {canComplete && (
            <>
              <Button color="green" onClick={() => complete.mutate('done')} disabled={busy}>
                {t('homeService.markDone')}
              </Button>
              <Button
                color="orange"
                variant="light"
                onClick={() => complete.mutate('failed')}
                disabled={busy}
              >
                {t('homeService.markFailed')}
              </Button>
            </>
          )}
          {canCancel && (
            <Button color="red" variant="subtle" onClick={() => cancel.mutate()} disabled={busy}>
              {t('homeService.cancel')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
