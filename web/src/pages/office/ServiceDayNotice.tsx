import { Alert, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { todayInVietnam } from '../../lib/format';

interface TodayServiceDays {
  items: { day: string; kind: 'no_appointment' | 'no_writing'; note: string | null }[];
}

/**
 * At the counter: today is a no-appointment day (same-day procedures are resolved while the
 * citizen waits) or a no-writing day (fill the forms from the profile and earlier dossiers; the
 * citizen only signs). Nothing when today is an ordinary day.
 */
export function ServiceDayNotice({ unitCode }: { unitCode: string }) {
  const { t } = useTranslation();
  const today = todayInVietnam();
  const days = useQuery({
    queryKey: ['service-days', unitCode, today],
    queryFn: () =>
      api<TodayServiceDays>(`/units/${encodeURIComponent(unitCode)}/service-days`, {
        query: { from: today, to: today },
      }),
    enabled: Boolean(unitCode),
    staleTime: 600_000,
  });
  if (!days.data?.items.length) return null;
  return (
    <Stack gap="xs" data-testid="service-day-notice">
      {days.data.items.map((d) => (
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
