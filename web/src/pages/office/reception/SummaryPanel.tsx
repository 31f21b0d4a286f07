// The reception form's side panel: the chosen procedure, ticked documents, fees, due date, submit and refuse.
import { Button, List, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconBan, IconCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DueQuery, useDue } from '../../../api/calendar';
import { errorMessage } from '../../../api/client';
import type { ProcedureDetail } from '../../../api/public';
import { toVietnamLocalInput } from '../../../lib/dossier';
import { formatDateTime, formatMoney, formatProcessingTime, localToIsoVietnam } from '../../../lib/format';
import type { DocRow } from './draft';

/** Now, in Vietnam wall time to the minute, refreshed every minute (keeps the due-date query stable). */
function useMinuteClock(): string {
  const [now, setNow] = useState(() => toVietnamLocalInput(new Date().toISOString()));
  useEffect(() => {
    const timer = window.setInterval(() => setNow(toVietnamLocalInput(new Date().toISOString())), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

function FeePreview({ procedure }: { procedure: ProcedureDetail }) {
  const { t, i18n } = useTranslation();
  const paid = procedure.fees.filter((f) => f.amount > 0);
  return (
    <Stack gap={4} data-testid="fee-preview">
      <Text fw={600} size="sm">
        {t('procedure.fees')}
      </Text>
      {paid.length === 0 ? (
        <Text size="sm">{t('procedure.free')}</Text>
      ) : (
        <List size="sm" spacing={4}>
          {paid.map((fee, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: fees are listed in order
            <List.Item key={i}>
              <Text span fw={600} size="sm">
                {formatMoney(fee.amount, i18n.language)}
              </Text>
              {fee.condition && (
                <Text span size="sm" c="dimmed">
                  {' '}
                  — {fee.condition}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      )}
      {procedure.feeNote && (
        <Text size="xs" c="dimmed" lineClamp={4} title={procedure.feeNote}>
          {procedure.feeNote}
        </Text>
      )}
    </Stack>
  );
}

function DuePreview({ procedure, unitCode }: { procedure: ProcedureDetail; unitCode: string }) {
  const { t, i18n } = useTranslation();
  const now = useMinuteClock();
  const from = localToIsoVietnam(now);
  const time = procedure.processingTime;
  const query: DueQuery | null =
    from && time
      ? {
          from,
          unit: unitCode,
          kind: time.kind,
          value: 'value' in time ? time.value : 0,
        }
      : null;
  const due = useDue(query);
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {t('reception.duePreview')}
      </Text>
      <Text size="sm" c="dimmed">
        {formatProcessingTime(procedure.processingTime, procedure.processingTimeText, t)}
      </Text>
      {due.isPending && <Skeleton height={24} />}
      {due.isError && (
        <Text size="sm" c="red.8">
          {errorMessage(due.error)}
        </Text>
      )}
      {due.data && (
        <Text fw={700} size="lg" c="brand.8" data-testid="due-preview" data-value={due.data.dueAt}>
          {formatDateTime(due.data.dueAt, i18n.language)}
        </Text>
      )}
    </Stack>
  );
}

export function SummaryPanel({
  procedure,
  docs,
  unit,
  submitting,
  onRefuse,
}: {
  procedure: ProcedureDetail | undefined;
  docs: DocRow[];
  unit: string;
  submitting: boolean;
  onRefuse: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      p="md"
      className="reception-summary"
      component="section"
      aria-labelledby="summary-title"
    >
      <Stack gap="md">
        <Title order={2} size="h4" id="summary-title">
          {t('reception.summary')}
        </Title>
        {!procedure && <Text size="sm">{t('reception.summaryEmpty')}</Text>}
        {procedure && (
          <>
            <Text size="sm" fw={600}>
              {procedure.name}
            </Text>
            <Text size="sm" c="dimmed">
              {t('reception.ticked', {
                count: docs.filter((d) => d.checked).length,
                total: docs.length,
              })}
            </Text>
            <FeePreview procedure={procedure} />
            {unit && <DuePreview procedure={procedure} unitCode={unit} />}
          </>
        )}
        <Button
          type="submit"
          size="md"
          loading={submitting}
          leftSection={<IconCheck size={18} aria-hidden />}
          data-testid="reception-submit"
          aria-keyshortcuts="Control+Enter"
        >
          {t('reception.submit')}
        </Button>
        <Stack gap={4}>
          <Button
            variant="outline"
            color="red.8"
            leftSection={<IconBan size={18} aria-hidden />}
            onClick={onRefuse}
            disabled={!unit}
            aria-describedby="refuse-help"
            className="wrap-button"
            data-testid="refuse-03"
          >
            {t('reception.refuse03')}
          </Button>
          <Text size="xs" c="dimmed" id="refuse-help">
            {t('reception.refuse03Help')}
          </Text>
        </Stack>
      </Stack>
    </Paper>
  );
}
