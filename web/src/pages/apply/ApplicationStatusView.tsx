import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconCircleCheck, IconDownload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type ApplicationView, applicationKey, submitSupplement } from '../../api/applications';
import { api, errorMessage } from '../../api/client';
import type { UploadedFile } from '../../api/files';
import { FileUpload } from '../../components/FileUpload';
import { formatDateTime, formatMoney } from '../../lib/format';

const STATUS_COLOR: Record<string, string> = {
  submitted: 'blue',
  accepted: 'teal',
  refused: 'red',
  withdrawn: 'gray',
};

function PayButton({ view }: { view: ApplicationView }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pay = async () => {
    setBusy(true);
    setError(null);
    try {
      const started = await api<{ redirectUrl: string }>('/payments', {
        method: 'POST',
        body: { applicationId: view.id, locale: i18n.language.startsWith('en') ? 'en' : 'vn' },
      });
      window.location.assign(started.redirectUrl);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs">
      <Button onClick={pay} loading={busy} size="md">
        {t('apply.pay', { amount: formatMoney(view.fees.total, i18n.language) })}
      </Button>
      {error && (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}

function SupplementForm({ view }: { view: ApplicationView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [note, setNote] = useState('');
  const [state, setState] = useState<{ busy?: boolean; error?: string; done?: boolean }>({});
  const request = view.dossier?.supplementRequest;
  if (!request || !view.code || !view.allowedActions.includes('supplement')) return null;
  const send = async () => {
    setState({ busy: true });
    try {
      await submitSupplement(
        view.id,
        files.map((f) => f.id),
        note || undefined,
      );
      setState({ done: true });
      await queryClient.invalidateQueries({ queryKey: applicationKey(view.id) });
    } catch (e) {
      setState({ error: errorMessage(e) });
    }
  };
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('apply.supplementTitle')}
        </Title>
        <Text size="sm">{t('apply.supplementReason', { reason: request.reason })}</Text>
        <List size="sm">
          {request.items.map((item) => (
            <List.Item key={item}>{item}</List.Item>
          ))}
        </List>
        {state.done ? (
          <Alert color="teal" icon={<IconCircleCheck aria-hidden />} role="status">
            {t('apply.supplementSent')}
          </Alert>
        ) : (
          <>
            <FileUpload
              label={t('apply.supplementFiles')}
              purpose="supplement"
              dossierCode={view.code}
              value={files}
              onChange={setFiles}
            />
            <Textarea
              label={t('apply.supplementNote')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
            {state.error && (
              <Text c="red" size="sm" role="alert">
                {state.error}
              </Text>
            )}
            <Button
              onClick={send}
              loading={state.busy}
              disabled={files.length === 0}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('apply.supplementSend')}
            </Button>
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** After submission: the code, what happens next, payment, progress, supplements, results. */
export function ApplicationStatusView({ view }: { view: ApplicationView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const dossier = view.dossier;
  const results = view.files.filter((f) => f.purpose === 'result');
  // The server decides whether the fees are owed now (status, total, already paid).
  const owesFee = view.allowedActions.includes('pay');
  const paymentReturned = useSearchParams()[0].has('payment');
  const statusKey = dossier ? `dossierStatus.${dossier.status}` : `status.${view.status}`;
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {view.procedure.name}
      </Title>
      {view.code && (
        <Paper withBorder p="md" radius="md" bg="var(--mantine-color-blue-light)">
          <Text size="sm">{t('apply.codeLabel')}</Text>
          <Text fz={26} fw={700} data-testid="dossier-code" style={{ wordBreak: 'break-all' }}>
            {view.code}
          </Text>
          <Group gap="xs" mt="xs">
            <Badge color={STATUS_COLOR[view.status] ?? 'blue'} size="lg" data-testid="application-status">
              {t(`apply.${statusKey}`)}
            </Badge>
          </Group>
        </Paper>
      )}
      {view.status === 'submitted' && (
        <Alert color="blue" title={t('apply.nextTitle')}>
          {t('apply.nextSubmitted', { unit: view.unitName ?? '' })}
        </Alert>
      )}
      {view.status === 'refused' && (
        <Alert color="red" title={t('apply.refusedTitle')} role="alert">
          {view.refusalReason}
        </Alert>
      )}
      {owesFee && (
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('apply.feeDue')}
            </Title>
            <Table fz="sm">
              <Table.Tbody>
                {view.fees.items.map((item) => (
                  <Table.Tr key={item.label}>
                    <Table.Td>{item.label}</Table.Td>
                    <Table.Td ta="right">{formatMoney(item.amount, lang)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {paymentReturned && (
              <Text size="sm" role="status">
                {t('apply.paymentChecking')}
              </Text>
            )}
            <PayButton view={view} />
          </Stack>
        </Paper>
      )}
      {view.paid && (
        <Alert color="teal" icon={<IconCircleCheck aria-hidden />} role="status" data-testid="paid">
          {t('apply.paid')}{' '}
          {view.payments
            .filter((p) => p.state === 'paid')
            .map((p) => (
              <Anchor key={p.id} href={`/api/v1/payments/${p.id}/receipt.pdf`} target="_blank">
                {t('apply.receipt', { number: p.receiptNumber ?? '' })}
              </Anchor>
            ))}
        </Alert>
      )}
      {dossier && (
        <Paper withBorder p="md" radius="md">
          <Table variant="vertical" layout="fixed" fz="sm">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w="45%">{t('apply.receivedAt')}</Table.Th>
                <Table.Td>{formatDateTime(dossier.receivedAt, lang)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('apply.appointmentAt')}</Table.Th>
                <Table.Td>{formatDateTime(dossier.appointmentAt, lang)}</Table.Td>
              </Table.Tr>
              {dossier.resolvedAt && (
                <Table.Tr>
                  <Table.Th>{t('apply.resolvedAt')}</Table.Th>
                  <Table.Td>{formatDateTime(dossier.resolvedAt, lang)}</Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <SupplementForm view={view} />
      {dossier?.resultReady && (
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('apply.resultTitle')}
            </Title>
            {results.length === 0 ? (
              <Text size="sm">{t('apply.resultCollect')}</Text>
            ) : (
              results.map((f) => (
                <Button
                  key={f.id}
                  component="a"
                  href={`/api/v1/files/${f.id}`}
                  variant="light"
                  leftSection={<IconDownload size={16} aria-hidden />}
                  style={{ alignSelf: 'flex-start' }}
                >
                  {t('apply.download', { name: f.name })}
                </Button>
              ))
            )}
          </Stack>
        </Paper>
      )}
      {view.code && (view.status === 'accepted' || view.status === 'submitted') && (
        <Text size="sm">
          <Anchor component={Link} to={`/track/${encodeURIComponent(view.code)}`}>
            {dossier?.status === 'returned' ? t('apply.rate') : t('apply.track')}
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}
