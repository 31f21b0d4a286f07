import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Menu,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NEXT_STATUSES, type ShipmentKind } from '../../../../src/domain/postal/shipment';
import { API_BASE, errorMessage } from '../../api/client';
import {
  advanceShipment,
  bookShipment,
  createHandoverList,
  usePostalCarrier,
  useShipments,
} from '../../api/postal';
import { POSTAL_ROLES } from '../../auth/roles';
import { FailureAlert, QueryError } from '../../components/common';
import { ListTable } from '../../components/DataTable';
import { ContactFields, textFields, UnitSelect, useUnitChoice } from '../../components/OfficeForm';
import { formatDateTime } from '../../lib/format';
import { notify } from '../../lib/notify';
import { usePageTitle } from '../../lib/usePageTitle';

/**
 * The public postal service at the counter: book a pick-up or a return, follow each item's status
 * (advance it by hand with the sandbox carrier), hand items over to the postman on a printed list.
 */

export default function PostalPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  usePageTitle(t('postal.title'));
  const { units, unit, choose: setUnitChoice } = useUnitChoice(POSTAL_ROLES);
  const carrier = usePostalCarrier().data;
  const shipments = useShipments(unit || undefined);
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['postal', 'shipments'] });
  const [kind, setKind] = useState<ShipmentKind>('pickup');
  const [form, setForm] = useState({ name: '', phone: '', address: '', dossierCode: '' });
  const [selected, setSelected] = useState<string[]>([]);
  const [postman, setPostman] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [lastList, setLastList] = useState<{ id: string; number: string } | null>(null);
  const onError = (e: unknown) => setFailure(errorMessage(e));

  const book = useMutation({
    mutationFn: () =>
      bookShipment(
        kind === 'pickup'
          ? { unitCode: unit, kind, applicant: { name: form.name, phone: form.phone, address: form.address } }
          : { unitCode: unit, kind, dossierCode: form.dossierCode.trim() },
      ),
    onSuccess: (s) => {
      setFailure(null);
      notify({ color: 'green', message: t('postal.booked', { number: s.trackingNumber }) });
      setForm({ name: '', phone: '', address: '', dossierCode: '' });
      refresh();
    },
    onError,
  });
  const advance = useMutation({ mutationFn: advanceShipment, onSuccess: refresh, onError });
  const handover = useMutation({
    mutationFn: () => createHandoverList({ unitCode: unit, postmanName: postman, shipmentIds: selected }),
    onSuccess: (list) => {
      setFailure(null);
      setSelected([]);
      setLastList(list);
      notify({ color: 'green', message: t('postal.handoverDone', { number: list.number }) });
      refresh();
    },
    onError,
  });
  const field = textFields(form, setForm);

  return (
    <Stack gap="md" maw={1200}>
      <Title order={1}>{t('postal.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('postal.intro', { fee: (carrier?.fee ?? 0).toLocaleString(lang === 'en' ? 'en-GB' : 'vi-VN') })}
      </Text>
      <UnitSelect label={t('postal.unit')} units={units} value={unit} onChange={setUnitChoice} />
      <FailureAlert message={failure} />
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('postal.book')}
          </Title>
          <SegmentedControl
            value={kind}
            onChange={(v) => setKind(v as ShipmentKind)}
            data={(['pickup', 'return'] as const).map((k) => ({ value: k, label: t(`postal.kind.${k}`) }))}
            maw={420}
          />
          <Group align="flex-end" wrap="wrap">
            {kind === 'pickup' ? (
              <ContactFields
                field={field}
                labels={{ name: t('postal.name'), phone: t('postal.phone'), address: t('postal.address') }}
              />
            ) : (
              field('dossierCode', t('postal.dossierCode'))
            )}
            <Button onClick={() => book.mutate()} loading={book.isPending} disabled={!unit}>
              {t('postal.submit')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      <Title order={2} size="h4">
        {t('postal.list')}
      </Title>
      {shipments.isError && <QueryError error={shipments.error} onRetry={() => void shipments.refetch()} />}
      <ListTable
        label={t('postal.list')}
        minWidth={900}
        testId="postal-table"
        columns={[
          '',
          t('postal.tracking'),
          `${t('postal.kind.pickup')} / ${t('postal.kind.return')}`,
          t('postal.who'),
          t('postal.statusCol'),
          t('postal.updated'),
          ...(carrier?.carrier === 'sandbox' ? [t('postal.advance')] : []),
        ]}
        isEmpty={shipments.data?.length === 0}
        empty={t('postal.empty')}
        emptySpan={7}
      >
        {(shipments.data ?? []).map((s) => (
          <Table.Tr key={s.id}>
            <Table.Td>
              <Checkbox
                aria-label={
                  s.handoverListId ? t('postal.onList') : t('postal.select', { number: s.trackingNumber })
                }
                disabled={Boolean(s.handoverListId)}
                checked={selected.includes(s.id)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setSelected((list) => (on ? [...list, s.id] : list.filter((id) => id !== s.id)));
                }}
              />
            </Table.Td>
            <Table.Td ff="monospace">{s.trackingNumber}</Table.Td>
            <Table.Td>
              {t(`postal.kind.${s.kind}`)}
              {s.dossierCode && (
                <Text size="xs" c="dimmed">
                  {s.dossierCode}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              {s.applicant.name}
              <Text size="xs" c="dimmed">
                {s.applicant.address}, {s.applicant.phone}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge
                variant="light"
                color={s.status === 'delivered' ? 'green' : s.status === 'failed' ? 'red' : 'blue'}
              >
                {t(`postal.status.${s.status}`)}
              </Badge>
            </Table.Td>
            <Table.Td>{formatDateTime(s.updatedAt, lang)}</Table.Td>
            {carrier?.carrier === 'sandbox' && (
              <Table.Td>
                {NEXT_STATUSES[s.status].length > 0 && (
                  <Menu>
                    <Menu.Target>
                      <Button size="compact-sm" variant="default">
                        {t('postal.advance')}
                      </Button>
                    </Menu.Target>
                    <Menu.Dropdown>
                      {NEXT_STATUSES[s.status].map((next) => (
                        <Menu.Item
                          key={next}
                          onClick={() => advance.mutate({ trackingNumber: s.trackingNumber, status: next })}
                        >
                          {t('postal.advanceTo', { status: t(`postal.status.${next}`) })}
                        </Menu.Item>
                      ))}
                    </Menu.Dropdown>
                  </Menu>
                )}
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </ListTable>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('postal.postman')}
          value={postman}
          onChange={(e) => setPostman(e.currentTarget.value)}
        />
        <Button
          onClick={() => handover.mutate()}
          loading={handover.isPending}
          disabled={!selected.length || postman.trim().length < 2}
        >
          {t('postal.handover')} ({selected.length})
        </Button>
        {lastList && (
          <Anchor href={`${API_BASE}/postal/handover-lists/${lastList.id}.pdf`} target="_blank">
            {t('postal.print')} {lastList.number}
          </Anchor>
        )}
      </Group>
    </Stack>
  );
}
