import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Image,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCash, IconFileTypePdf, IconQrcode } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/auth';
import { errorMessage } from '../api/client';
import {
  type Payment,
  type PaymentState,
  receiptUrl,
  useDossierPayments,
  useRecordCounterPayment,
  useRefundPayment,
} from '../api/payments';
import { hasAnyRole, LEADER_ROLES, RECEPTION_ROLES } from '../auth/roles';
import { formatDateTime, formatMoney } from '../lib/format';
import { notify } from '../lib/notify';
import { QueryError } from './common';

const STATE_COLOR: Record<PaymentState, string> = {
  pending: 'yellow',
  paid: 'green',
  failed: 'gray',
  refunded: 'orange',
};

export function PaymentStateBadge({ state }: { state: PaymentState }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLOR[state]} variant="light" radius="sm" style={{ textTransform: 'none' }}>
      {t(`payments.state.${state}`)}
    </Badge>
  );
}

/** The office dossier page's payments panel: what is owed, a VietQR code for it, counter payments, receipts. */
export function DossierPayments({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const me = useMe().data;
  const query = useDossierPayments(code);
  const record = useRecordCounterPayment(code);
  const refund = useRefundPayment();
  const [confirming, setConfirming] = useState<'cash' | 'vietqr' | null>(null);
  const [payerName, setPayerName] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [refunding, setRefunding] = useState<Payment | null>(null);
  const [reason, setReason] = useState('');

  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  const canCollect = hasAnyRole(me, RECEPTION_ROLES);
  const canRefund = hasAnyRole(me, LEADER_ROLES);
  const money = (amount: number) => formatMoney(amount, lang);

  const submit = (method: 'cash' | 'vietqr') => {
    setFailure(null);
    record.mutate(
      { method, ...(payerName.trim() ? { payerName: payerName.trim() } : {}) },
      {
        onSuccess: (payment) => {
          setConfirming(null);
          setPayerName('');
          notify({
            color: 'green',
            message: t('payments.recorded', { receipt: payment.receiptNumber ?? '' }),
          });
        },
        onError: (error) => setFailure(errorMessage(error)),
      },
    );
  };

  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby="payments-title"
      data-testid="dossier-payments"
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="payments-title">
          {t('payments.panelTitle')}
        </Title>
        {!data ? (
          <Text c="dimmed">{t('common.loading')}</Text>
        ) : data.total === 0 ? (
          <Text>{t('payments.noFee')}</Text>
        ) : (
          <>
            <Table withRowBorders={false} verticalSpacing={2}>
              <Table.Tbody>
                {data.items.map((item, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: fee lines may repeat
                  <Table.Tr key={i}>
                    <Table.Td>{item.label}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {money(item.amount)}
                    </Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Th>{t('payments.total')}</Table.Th>
                  <Table.Td ta="right" fw={700}>
                    {money(data.total)}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('payments.paid')}</Table.Th>
                  <Table.Td ta="right">{money(data.paid)}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('payments.owed')}</Table.Th>
                  <Table.Td
                    ta="right"
                    fw={700}
                    c={data.owed > 0 ? 'red' : 'green'}
                    data-testid="payments-owed"
                  >
                    {money(data.owed)}
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>

            {data.owed === 0 && <Text c="green">{t('payments.settled')}</Text>}

            {data.vietQr && (
              <Group align="flex-start" gap="md" wrap="wrap">
                <Image
                  src={data.vietQr.dataUrl}
                  w={180}
                  h={180}
                  alt={t('payments.vietQrAlt', {
                    amount: money(data.vietQr.amount),
                    account: data.vietQr.accountNumber,
                  })}
                  data-testid="payments-vietqr"
                />
                <Stack gap={4} style={{ flex: 1, minWidth: '12rem' }}>
                  <Text fw={600}>{t('payments.vietQrTitle')}</Text>
                  <Text size="sm">
                    {t('payments.vietQrAccount', {
                      account: data.vietQr.accountNumber,
                      name: data.vietQr.accountName,
                    })}
                  </Text>
                  <Text size="sm">{t('payments.vietQrPurpose', { purpose: data.vietQr.purpose })}</Text>
                  <Text size="sm" fw={700}>
                    {money(data.vietQr.amount)}
                  </Text>
                </Stack>
              </Group>
            )}

            {failure && (
              <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
                {failure}
              </Alert>
            )}

            {canCollect && data.owed > 0 && (
              <Stack gap="xs">
                <TextInput
                  label={t('payments.payerName')}
                  value={payerName}
                  onChange={(e) => setPayerName(e.currentTarget.value)}
                  maxLength={200}
                />
                {confirming ? (
                  <Alert color="blue" role="status">
                    <Stack gap="xs">
                      <Text>
                        {t(confirming === 'cash' ? 'payments.confirmCash' : 'payments.confirmTransfer', {
                          amount: money(data.owed),
                        })}
                      </Text>
                      <Group gap="xs">
                        <Button size="xs" loading={record.isPending} onClick={() => submit(confirming)}>
                          {t('common.yes')}
                        </Button>
                        <Button size="xs" variant="default" onClick={() => setConfirming(null)}>
                          {t('common.cancel')}
                        </Button>
                      </Group>
                    </Stack>
                  </Alert>
                ) : (
                  <Group gap="xs">
                    <Button
                      leftSection={<IconCash size={18} aria-hidden />}
                      onClick={() => setConfirming('cash')}
                      data-testid="payments-cash"
                    >
                      {t('payments.cash')}
                    </Button>
                    <Button
                      variant="light"
                      leftSection={<IconQrcode size={18} aria-hidden />}
                      onClick={() => setConfirming('vietqr')}
                      data-testid="payments-vietqr-paid"
                    >
                      {t('payments.transferred')}
                    </Button>
                  </Group>
                )}
              </Stack>
            )}
          </>
        )}

        {data && data.payments.length > 0 && (
          <>
            <Title order={3} size="h5">
              {t('payments.list')}
            </Title>
            <Table.ScrollContainer minWidth={420}>
              <Table striped data-testid="payments-list">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('payments.col.time')}</Table.Th>
                    <Table.Th>{t('payments.col.method')}</Table.Th>
                    <Table.Th>{t('payments.col.state')}</Table.Th>
                    <Table.Th ta="right">{t('payments.col.amount')}</Table.Th>
                    <Table.Th>{t('payments.receipt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.payments.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>{formatDateTime(p.paidAt ?? p.createdAt, lang)}</Table.Td>
                      <Table.Td>{t(`payments.method.${p.method}`)}</Table.Td>
                      <Table.Td>
                        <PaymentStateBadge state={p.state} />
                      </Table.Td>
                      <Table.Td ta="right">{money(p.amount)}</Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          {p.receiptNumber && (
                            <Anchor
                              href={receiptUrl(p.id)}
                              target="_blank"
                              rel="noopener"
                              aria-label={`${t('payments.receiptPdf', { receipt: p.receiptNumber })} (${t('common.newTab')})`}
                            >
                              <Group gap={4} component="span" wrap="nowrap">
                                <IconFileTypePdf size={16} aria-hidden />
                                <span translate="no">{p.receiptNumber}</span>
                              </Group>
                            </Anchor>
                          )}
                          {canRefund && p.state === 'paid' && (
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              color="orange"
                              onClick={() => setRefunding(p)}
                            >
                              {t('payments.refund')}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
        {data && data.total > 0 && data.payments.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('payments.none')}
          </Text>
        )}
      </Stack>

      <Modal
        opened={refunding !== null}
        onClose={() => setRefunding(null)}
        title={t('payments.refund')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!refunding || reason.trim().length < 5) return;
            refund.mutate(
              { id: refunding.id, reason: reason.trim() },
              {
                onSuccess: () => {
                  setRefunding(null);
                  setReason('');
                  notify({ color: 'orange', message: t('payments.refunded') });
                },
                onError: (error) => setFailure(errorMessage(error)),
              },
            );
          }}
        >
          <Stack gap="sm">
            {refunding && (
              <Text size="sm">
                {refunding.receiptNumber} · {money(refunding.amount)}
              </Text>
            )}
            <Textarea
              label={t('payments.refundReason')}
              required
              minLength={5}
              maxLength={1000}
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={() => setRefunding(null)}>
                {t('common.cancel')}
              </Button>
              <Button
                type="submit"
                color="orange"
                loading={refund.isPending}
                disabled={reason.trim().length < 5}
              >
                {t('payments.refund')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Paper>
  );
}
