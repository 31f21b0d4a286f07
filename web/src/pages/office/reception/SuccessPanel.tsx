// What reception shows once a dossier is received: its code, the appointment, print form 01, next dossier.
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconFileText, IconPlus, IconPrinter } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type DossierView, dossierFormUrl } from '../../../api/dossiers';
import { formatDateTime } from '../../../lib/format';

export function SuccessPanel({ dossier, onNew }: { dossier: DossierView; onNew: () => void }) {
  const { t, i18n } = useTranslation();
  const printRef = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    printRef.current?.focus();
  }, []);
  return (
    <Paper withBorder p="lg" radius="md" data-testid="reception-success" className="reception-success">
      <Stack gap="md">
        <Stack gap="md" role="status">
          <Group gap="xs">
            <IconCheck size={28} color="var(--mantine-color-green-8)" aria-hidden />
            <Title order={2} size="h3">
              {t('reception.received')}
            </Title>
          </Group>
          <div>
            <Text size="sm" c="dimmed">
              {t('dossier.code')}
            </Text>
            <Text className="dossier-code-big" translate="no" data-testid="dossier-code">
              {dossier.code}
            </Text>
          </div>
        </Stack>
        <Text>
          {dossier.procedure.name} — {String((dossier.applicant as { fullName?: string })?.fullName ?? '')}
        </Text>
        <Text>
          {t('dossier.appointmentAt')}:{' '}
          <Text span fw={700}>
            {formatDateTime(dossier.appointmentAt, i18n.language)}
          </Text>
        </Text>
        <Group gap="sm">
          <Button
            component="a"
            ref={printRef}
            href={dossierFormUrl(dossier.code, '01')}
            target="_blank"
            rel="noopener"
            leftSection={<IconPrinter size={18} aria-hidden />}
            data-testid="print-01"
          >
            {t('reception.print01')}
            <span className="visually-hidden"> ({t('common.newTab')})</span>
          </Button>
          <Button
            variant="light"
            leftSection={<IconPlus size={18} aria-hidden />}
            onClick={onNew}
            data-testid="new-dossier"
          >
            {t('reception.new')}
          </Button>
          <Button
            variant="subtle"
            component={Link}
            to={`/office/dossiers/${encodeURIComponent(dossier.code)}`}
            leftSection={<IconFileText size={18} aria-hidden />}
          >
            {t('reception.open')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
