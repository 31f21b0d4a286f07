import { Alert, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useServiceDays } from '../../api/community';
import { todayInVietnam } from '../../lib/format';

/**
 * At the counter: today is a no-appointment day (same-day procedures are resolved while the
 * citizen waits) or a no-writing day (fill the forms from the profile and earlier dossiers; the
 * citizen only signs). Nothing when today is an ordinary day.
 */
export function ServiceDayNotice({ unitCode }: { unitCode: string }) {
  const { t } = useTranslation();
  const today = todayInVietnam();
  const days = useServiceDays(unitCode, today, today);
  if (!days.data?.length) return null;
  return (
    <Stack gap="xs" data-testid="service-day-notice">
      {days.data.map((d) => (
        <Alert
          key={d.kind}
          color={d.kind === 'no_appointment' ? 'teal' : 'grape'}
          variant="light"
          title={t(`assist.serviceDay.${d.kind}.title`)}
        >
          {t(`assist.serviceDay.${d.kind}.text`)}
          {d.note ? ` ${d.note}` : ''}
        </Alert>
      ))}
    </Stack>
  );
}
