// The dossier page's steps table: each step's unit, start, end, deadline and whether it kept time.
import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DossierView } from '../../../api/dossiers';
import { TableHead } from '../../../components/DataTable';
import { formatShortDateTime, stepTimelinessColor } from '../../../lib/dossier';
import { Section } from './Section';

export function StepsSection({
  dossier,
  stepName,
}: {
  dossier: DossierView;
  stepName: (code: string | null) => string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Section id="steps" title={t('dossier.steps')}>
      <Text size="sm" c="dimmed" mb="xs">
        {t('dossier.stepsHelp')}
      </Text>
      <Table.ScrollContainer minWidth={0}>
        <Table className="stack-table" verticalSpacing="xs" withTableBorder data-testid="steps-table">
          <TableHead
            columns={[
              t('dossier.step'),
              t('dossier.unit'),
              t('dossier.stepStarted'),
              t('dossier.stepEnded'),
              t('dossier.stepDeadline'),
              t('dossier.stepResult'),
            ]}
          />
          <Table.Tbody>
            {dossier.steps.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a step may repeat; the order is the identity
              <Table.Tr key={i} data-testid="step-row">
                <Table.Td data-label={t('dossier.step')}>{stepName(s.step)}</Table.Td>
                <Table.Td data-label={t('dossier.unit')}>{s.unitCode ?? '—'}</Table.Td>
                <Table.Td data-label={t('dossier.stepStarted')}>
                  {formatShortDateTime(s.startedAt, lang)}
                </Table.Td>
                <Table.Td data-label={t('dossier.stepEnded')}>
                  {s.endedAt ? formatShortDateTime(s.endedAt, lang) : '—'}
                </Table.Td>
                <Table.Td data-label={t('dossier.stepDeadline')}>
                  {formatShortDateTime(s.deadline, lang)}
                </Table.Td>
                <Table.Td data-label={t('dossier.stepResult')}>
                  <Badge
                    color={stepTimelinessColor(s.timeliness)}
                    variant="light"
                    radius="sm"
                    style={{ textTransform: 'none' }}
                  >
                    {s.timeliness
                      ? t(`timeliness.${s.timeliness}`, { defaultValue: s.timeliness })
                      : s.endedAt
                        ? '—'
                        : t('dossier.stepRunning')}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}
