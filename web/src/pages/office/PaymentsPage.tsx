import {
  Alert,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconFileSpreadsheet } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { downloadReconciliation, useReconciliation } from '../../api/payments';
import { useUnits } from '../../api/public';
import { QueryError } from '../../components/common';
import { PaymentStateBadge } from '../../components/DossierPayments';
import { formatDateTime, formatMoney, todayInVietnam } from '../../lib/format';
import { useDownload } from '../../lib/useDownload';
import { usePageTitle } from '../../lib/usePageTitle';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const RECONCILERS = ['receptionist', 'leader', 'unit_admin', 'system_admin', 'auditor'];

/** Đối soát: a unit's payments of one day, totals by method, mismatches; also as Excel. */
export default function PaymentsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  usePageTitle(t('payments.reconciliation.title'));
  const me = useMe().data;
  const allUnits = useUnits();
  const units = useMemo(() => {
    const names = new Map((allUnits.data ?? []).map((u) => [u.code, u.name]));
    const out = new Map<string, string>();
    for (const r of me?.roles ?? [])
      if (r.unitCode && RECONCILERS.includes(r.role))
        out.set(r.unitCode, r.unitName ?? names.get(r.unitCode) ?? r.unitCode);
    // Administrators of a whole jurisdiction pick any unit with a counter.
    if (me?.roles.some((r) => r.includeDescendants || r.role === 'system_admin'))
      for (const u of allUnits.data ?? []) if (u.hasCounter) out.set(u.code, u.name);
    return [...out].map(([code, name]) => ({ code, name }));
  }, [me, allUnits.data]);
  const [unitCode, setUnitCode] = useState('');
  const unit = units.some((u) => u.code === unitCode) ? unitCode : (units[0]?.code ?? '');
  const [date, setDate] = useState(todayInVietnam());
  const validDate = DATE_RE.test(date);
  const report = useReconciliation(unit, validDate ? date : '');
  const money = (amount: number) => formatMoney(amount, lang);
  const download = useDownload(downloadReconciliation, 'payments.reconciliation.downloaded');
  const failure = download.failure;
  const data = report.data;

  return (
    <Stack gap="md" maw={1200}>
      <Title order={1}>{t('payments.reconciliation.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('payments.reconciliation.intro')}
      </Text>
      <Paper withBorder p="md">
        <Group gap="md" align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('payments.reconciliation.unit')}
            data={units.map((u) => ({ value: u.code, label: u.name }))}
            value={unit}
            onChange={(e) => setUnitCode(e.currentTarget.value)}
            data-testid="reconciliation-unit"
          />
          <TextInput
            type="date"
            label={t('payments.reconciliation.date')}
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            error={validDate ? undefined : t('calendar.invalidDate')}
            style={{ minWidth: '10rem' }}
            data-testid="reconciliation-date"
          />
          <Button
            variant="light"
            leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
            disabled={!unit || !validDate}
            loading={download.isPending}
            onClick={() => download.mutate({ unitCode: unit, date })}
            data-testid="reconciliation-xlsx"
          >
            {t('payments.reconciliation.xlsx')}
          </Button>
        </Group>
      </Paper>
      {failure && (
        <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
          {failure}
        </Alert>
      )}
      {report.isError && <QueryError error={report.error} onRetry={() => void report.refetch()} />}
      {data && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {(
              [
                ['payments.reconciliation.collected', data.totals.collectedAmount],
                ['payments.reconciliation.refundedTotal', data.totals.refundedAmount],
                ['payments.reconciliation.net', data.totals.netAmount],
              ] as const
            ).map(([key, amount]) => (
              <Paper withBorder p="md" key={key}>
                <Text size="sm" c="dimmed">
                  {t(key)}
                </Text>
                <Text size="xl" fw={700} data-testid={`reconciliation-${key.split('.').at(-1)}`}>
                  {money(amount)}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>

          <Paper withBorder p="md" component="section" aria-labelledby="reconciliation-rows">
            <Title order={2} size="h4" id="reconciliation-rows" mb="sm">
              {t('payments.reconciliation.rows')}
            </Title>
            {data.rows.length === 0 ? (
              <Text c="dimmed">{t('payments.reconciliation.empty')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={900}>
                <Table striped data-testid="reconciliation-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('payments.col.time')}</Table.Th>
                      <Table.Th>{t('payments.col.receipt')}</Table.Th>
                      <Table.Th>{t('payments.col.reference')}</Table.Th>
                      <Table.Th>{t('payments.col.dossier')}</Table.Th>
                      <Table.Th>{t('payments.col.method')}</Table.Th>
                      <Table.Th>{t('payments.col.txn')}</Table.Th>
                      <Table.Th>{t('payments.col.state')}</Table.Th>
                      <Table.Th ta="right">{t('payments.col.amount')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.rows.map((r) => (
                      <Table.Tr key={r.id}>
                        <Table.Td>{formatDateTime(r.paidAt, lang)}</Table.Td>
                        <Table.Td translate="no">{r.receiptNumber ?? '—'}</Table.Td>
                        <Table.Td translate="no">{r.reference}</Table.Td>
                        <Table.Td translate="no">{r.dossierCode ?? '—'}</Table.Td>
                        <Table.Td>{t(`payments.method.${r.method}`)}</Table.Td>
                        <Table.Td translate="no">{r.gatewayTransactionNo ?? '—'}</Table.Td>
                        <Table.Td>
                          <PaymentStateBadge state={r.state} />
                        </Table.Td>
                        <Table.Td ta="right">{money(r.amount)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                  <Table.Tfoot>
                    {(['cash', 'vietqr', 'gateway'] as const).map((m) => (
                      <Table.Tr key={m}>
                        <Table.Th colSpan={7}>{t(`payments.method.${m}`)}</Table.Th>
                        <Table.Td ta="right">{money(data.totals.byMethod[m])}</Table.Td>
                      </Table.Tr>
                    ))}
                    <Table.Tr>
                      <Table.Th colSpan={7}>{t('payments.reconciliation.collected')}</Table.Th>
                      <Table.Td ta="right" fw={700}>
                        {money(data.totals.collectedAmount)}
                      </Table.Td>
                    </Table.Tr>
                  </Table.Tfoot>
                </Table>
              </Table.ScrollContainer>
            )}
          </Paper>

          <Paper withBorder p="md" component="section" aria-labelledby="reconciliation-summary">
            <Title order={2} size="h4" id="reconciliation-summary" mb="sm">
              {t('payments.reconciliation.summary')}
            </Title>
            <Table data-testid="reconciliation-summary-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('payments.col.method')}</Table.Th>
                  <Table.Th>{t('payments.col.state')}</Table.Th>
                  <Table.Th ta="right">{t('payments.col.count')}</Table.Th>
                  <Table.Th ta="right">{t('payments.col.amount')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.summary.map((g) => (
                  <Table.Tr key={`${g.method}/${g.state}`}>
                    <Table.Td>{t(`payments.method.${g.method}`)}</Table.Td>
                    <Table.Td>
                      <PaymentStateBadge state={g.state} />
                    </Table.Td>
                    <Table.Td ta="right">{g.count}</Table.Td>
                    <Table.Td ta="right">{money(g.amount)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>

          <Paper withBorder p="md" component="section" aria-labelledby="reconciliation-mismatches">
            <Title order={2} size="h4" id="reconciliation-mismatches" mb="sm">
              {t('payments.reconciliation.mismatches')}
            </Title>
            {data.mismatches.length === 0 ? (
              <Text c="dimmed">{t('payments.reconciliation.noMismatch')}</Text>
            ) : (
              <Stack gap="xs" data-testid="reconciliation-mismatch-list">
                {data.mismatches.map((m) => (
                  <Alert
                    key={`${m.kind}/${m.paymentId}`}
                    color="orange"
                    icon={<IconAlertTriangle aria-hidden />}
                  >
                    <Text size="sm">
                      <Text span fw={600} translate="no">
                        {m.reference}
                      </Text>{' '}
                      · {money(m.amount)} · {t(`payments.method.${m.method}`)} ·{' '}
                      {t(`payments.reconciliation.mismatch.${m.kind}`)} ({formatDateTime(m.createdAt, lang)})
                    </Text>
                  </Alert>
                ))}
              </Stack>
            )}
          </Paper>
        </>
      )}
    </Stack>
  );
}
