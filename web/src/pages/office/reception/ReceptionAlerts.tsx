// The alerts above the reception form: why the last submission failed, and the documents still missing.
import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconPrinter } from '@tabler/icons-react';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';

/** The submission's failure; it takes the focus when no field in error can. */
export function FailureAlert({ failure, alertRef }: { failure: string; alertRef: Ref<HTMLDivElement> }) {
  return (
    <Alert
      color="red"
      icon={<IconAlertTriangle aria-hidden />}
      role="alert"
      ref={alertRef}
      tabIndex={-1}
      data-testid="reception-error"
    >
      {failure}
    </Alert>
  );
}

/** The documents the server found missing, with the guidance slip (form 02) to hand the applicant. */
export function IncompleteAlert({
  missing,
  alertRef,
  onPrintGuidance,
  canPrint,
}: {
  missing: string[];
  alertRef: Ref<HTMLDivElement>;
  onPrintGuidance: () => void;
  canPrint: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Alert
      color="orange"
      icon={<IconAlertTriangle aria-hidden />}
      title={t('reception.incompleteTitle')}
      role="alert"
      ref={alertRef}
      tabIndex={-1}
      data-testid="incomplete"
    >
      <Stack gap="xs">
        <List size="sm" data-testid="missing-list">
          {missing.map((m) => (
            <List.Item key={m}>{m}</List.Item>
          ))}
        </List>
        <Group gap="sm" align="center">
          <Button
            leftSection={<IconPrinter size={16} aria-hidden />}
            aria-describedby="form02-note"
            onClick={onPrintGuidance}
            disabled={!canPrint}
            className="wrap-button"
            data-testid="print-02-guidance"
          >
            {t('reception.print02')}
          </Button>
          <Text size="xs" id="form02-note">
            {t('reception.print02Note')}
          </Text>
        </Group>
      </Stack>
    </Alert>
  );
}
