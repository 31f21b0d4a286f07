import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../api/auth';
import { ApiError, errorMessage } from '../../api/client';
import { useFields, useUnits } from '../../api/public';
import { saveQueueSetup, useQueueCounters, useQueueServices } from '../../api/queue';
import { coveredUnits, QUEUE_SETUP_ROLES } from '../../auth/roles';
import { FailureAlert, QueryError } from '../../components/common';
import { notify } from '../../lib/notify';
import { usePageTitle } from '../../lib/usePageTitle';
import { TableHead } from '../../components/DataTable';

/** A row's identity while it is edited (its code or number may change). */
let nextRowId = 0;
const rowId = () => `row${++nextRowId}`;

interface ServiceRow {
  rowId: string;
  code: string;
  name: string;
  prefix: string;
  fieldCodes: string[];
}
interface CounterRow {
  rowId: string;
  number: number;
  name: string;
  serviceCodes: string[];
  open: boolean;
}

/**
 * The unit administrator sets the hall: the queue services (a ticket prefix, the fields they take)
 * and the counters (which services each serves, open or closed). Saved as a whole (PUT
 * /queue/units/{unitCode}/setup), audited; the officer at a counter is whoever calls from it.
 */
export default function QueueSetupPage() {
  const { t } = useTranslation();
  usePageTitle(t('queue.setup.title'));
  const me = useMe().data;
  const units = useUnits();
  const choices = useMemo(
    () =>
      coveredUnits(me, units.data, QUEUE_SETUP_ROLES).filter(
        (u) => units.data?.find((x) => x.code === u.code)?.hasCounter,
      ),
    [me, units.data],
  );
  const [unitChoice, setUnitChoice] = useState('');
  const unit = choices.some((u) => u.code === unitChoice) ? unitChoice : (choices[0]?.code ?? '');
  const services = useQueueServices(unit || undefined);
  const counters = useQueueCounters(unit || undefined);
  const fields = useFields();
  const [serviceRows, setServiceRows] = useState<ServiceRow[]>([]);
  const [counterRows, setCounterRows] = useState<CounterRow[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();

  // The form starts from what the unit has, again whenever the unit changes or after a save.
  useEffect(() => {
    if (services.data)
      setServiceRows(
        services.data.map(({ code, name, prefix, fieldCodes }) => ({
          rowId: rowId(),
          code,
          name,
          prefix,
          fieldCodes,
        })),
      );
  }, [services.data]);
  useEffect(() => {
    if (counters.data)
      setCounterRows(
        counters.data.map(({ number, name, serviceCodes, open }) => ({
          rowId: rowId(),
          number,
          name,
          serviceCodes,
          open,
        })),
      );
  }, [counters.data]);

  const fieldOptions = (fields.data ?? []).map((f) => ({ value: f.code, label: f.name }));
  const serviceOptions = serviceRows
    .filter((s) => s.code)
    .map((s) => ({ value: s.code, label: `${s.prefix} — ${s.name}` }));
  const setService = (i: number, patch: Partial<ServiceRow>) =>
    setServiceRows((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const setCounter = (i: number, patch: Partial<CounterRow>) =>
    setCounterRows((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const save = async () => {
    setBusy(true);
    setFailure(null);
    setErrors({});
    try {
      await saveQueueSetup(unit, {
        services: serviceRows.map(({ rowId: _, ...r }) => r),
        counters: counterRows.map(({ rowId: _, ...r }) => r),
      });
      notify({ color: 'green', message: t('queue.setup.saved') });
      await queryClient.invalidateQueries({ queryKey: ['queue'] });
    } catch (e) {
      setFailure(errorMessage(e));
      if (e instanceof ApiError) setErrors(e.fieldErrors());
    } finally {
      setBusy(false);
    }
  };

  if (units.isError) return <QueryError error={units.error} />;
  return (
    <Stack gap="md" maw={1200}>
      <div>
        <Title order={1}>{t('queue.setup.title')}</Title>
        <Text c="dimmed" size="sm" mt={4}>
          {t('queue.setup.intro')}
        </Text>
      </div>
      {choices.length === 0 ? (
        <Alert color="orange">{t('queue.setup.noUnit')}</Alert>
      ) : (
        <Group align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('queue.setup.unit')}
            data={choices.map((u) => ({ value: u.code, label: u.name }))}
            value={unit}
            onChange={(e) => setUnitChoice(e.currentTarget.value)}
            miw={260}
          />
          <Anchor component={Link} to={`/kiosk/${encodeURIComponent(unit)}`} target="_blank">
            {t('queue.setup.kiosk')}
          </Anchor>
          <Anchor component={Link} to={`/display/${encodeURIComponent(unit)}`} target="_blank">
            {t('queue.setup.display')}
          </Anchor>
        </Group>
      )}

      <Paper withBorder p="md">
        <Title order={2} size="h3" mb="xs">
          {t('queue.setup.services')}
        </Title>
        {errors.services && (
          <Text c="red" size="sm" role="alert">
            {errors.services}
          </Text>
        )}
        <Table.ScrollContainer minWidth={760}>
          <Table data-testid="setup-services">
            <TableHead
              columns={[
                t('queue.setup.code'),
                t('queue.setup.prefix'),
                t('queue.setup.name'),
                t('queue.setup.fields'),
              ]}
              actions={t('queue.setup.remove')}
            />
            <Table.Tbody>
              {serviceRows.map((s, i) => (
                <Table.Tr key={s.rowId}>
                  <Table.Td w={150}>
                    <TextInput
                      aria-label={`${t('queue.setup.code')} ${i + 1}`}
                      value={s.code}
                      onChange={(e) => setService(i, { code: e.currentTarget.value.toUpperCase() })}
                      error={errors[`services.${i}.code`]}
                    />
                  </Table.Td>
                  <Table.Td w={90}>
                    <TextInput
                      aria-label={`${t('queue.setup.prefix')} ${i + 1}`}
                      value={s.prefix}
                      onChange={(e) => setService(i, { prefix: e.currentTarget.value.toUpperCase() })}
                      error={errors[`services.${i}.prefix`]}
                    />
                  </Table.Td>
                  <Table.Td miw={220}>
                    <TextInput
                      aria-label={`${t('queue.setup.name')} ${i + 1}`}
                      value={s.name}
                      onChange={(e) => setService(i, { name: e.currentTarget.value })}
                      error={errors[`services.${i}.name`]}
                    />
                  </Table.Td>
                  <Table.Td miw={260}>
                    <MultiSelect
                      aria-label={`${t('queue.setup.fields')} ${i + 1}`}
                      data={fieldOptions}
                      value={s.fieldCodes}
                      onChange={(v) => setService(i, { fieldCodes: v })}
                      searchable
                    />
                  </Table.Td>
                  <Table.Td w={50}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`${t('queue.setup.remove')} ${s.name || i + 1}`}
                      onClick={() => setServiceRows((rows) => rows.filter((_, j) => j !== i))}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Button
          variant="light"
          mt="xs"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() =>
            setServiceRows((rows) => [
              ...rows,
              { rowId: rowId(), code: '', name: '', prefix: '', fieldCodes: [] },
            ])
          }
        >
          {t('queue.setup.addService')}
        </Button>
      </Paper>

      <Paper withBorder p="md">
        <Title order={2} size="h3" mb="xs">
          {t('queue.setup.counters')}
        </Title>
        <Table.ScrollContainer minWidth={760}>
          <Table data-testid="setup-counters">
            <TableHead
              columns={[
                t('queue.setup.number'),
                t('queue.setup.name'),
                t('queue.setup.serves'),
                t('queue.setup.officer'),
                t('queue.setup.open'),
              ]}
            />
            <Table.Tbody>
              {counterRows.map((c, i) => (
                <Table.Tr key={c.rowId}>
                  <Table.Td w={100}>
                    <NumberInput
                      aria-label={`${t('queue.setup.number')} ${i + 1}`}
                      value={c.number}
                      min={1}
                      max={999}
                      onChange={(v) => setCounter(i, { number: Number(v) || 1 })}
                      error={errors[`counters.${i}.number`]}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`${t('queue.setup.name')} ${t('queue.setup.counter')} ${i + 1}`}
                      value={c.name}
                      onChange={(e) => setCounter(i, { name: e.currentTarget.value })}
                      error={errors[`counters.${i}.name`]}
                    />
                  </Table.Td>
                  <Table.Td miw={240}>
                    <Checkbox.Group
                      aria-label={`${t('queue.setup.serves')} ${c.number}`}
                      value={c.serviceCodes.filter((code) => serviceOptions.some((o) => o.value === code))}
                      onChange={(v) => setCounter(i, { serviceCodes: v })}
                      error={errors[`counters.${i}.serviceCodes`]}
                    >
                      <Group gap="xs" wrap="wrap">
                        {serviceOptions.map((o) => (
                          <Checkbox key={o.value} value={o.value} label={o.label} size="xs" />
                        ))}
                      </Group>
                    </Checkbox.Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={counters.data?.[i]?.officerName ? undefined : 'dimmed'}>
                      {counters.data?.find((x) => x.number === c.number)?.officerName ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td w={80}>
                    <Checkbox
                      aria-label={`${t('queue.setup.open')} ${c.number}`}
                      checked={c.open}
                      onChange={(e) => setCounter(i, { open: e.currentTarget.checked })}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Button
          variant="light"
          mt="xs"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() =>
            setCounterRows((rows) => {
              const number = Math.max(0, ...rows.map((r) => r.number)) + 1;
              return [
                ...rows,
                {
                  rowId: rowId(),
                  number,
                  name: `${t('queue.setup.counter')} ${number}`,
                  serviceCodes: [],
                  open: true,
                },
              ];
            })
          }
        >
          {t('queue.setup.addCounter')}
        </Button>
        <Text size="xs" c="dimmed" mt="xs">
          {t('queue.setup.counterNote')}
        </Text>
      </Paper>
      <FailureAlert message={failure} />
      <Group>
        <Button onClick={() => void save()} loading={busy} disabled={!unit} data-testid="setup-save">
          {t('queue.setup.save')}
        </Button>
      </Group>
    </Stack>
  );
}
