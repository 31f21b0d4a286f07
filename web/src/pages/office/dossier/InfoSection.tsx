// The dossier page's information section: procedure, step, units, channel and dates, with how the due date was computed.
import { Box, Button, Collapse, List, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DossierView, DueExplanationItem } from '../../../api/dossiers';
import type { ProcessingTime } from '../../../api/public';
import { formatMinutes } from '../../../lib/dossier';
import { formatDateTime, formatProcessingTime } from '../../../lib/format';
import { Facts, Section } from './Section';

/** "Cách tính hạn": the lines of how the due date given at reception was computed, folded by default. */
function DueExplanation({ items }: { items: DueExplanationItem[] }) {
  const { t, i18n } = useTranslation();
  const [opened, setOpened] = useState(false);
  const id = useId();
  if (items.length === 0) return null;
  const en = i18n.language === 'en';
  return (
    <Box mt={4} data-testid="due-explanation">
      <Button
        variant="subtle"
        size="compact-sm"
        px={0}
        aria-expanded={opened}
        aria-controls={id}
        onClick={() => setOpened((o) => !o)}
        leftSection={
          opened ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />
        }
        data-testid="due-explanation-toggle"
      >
        {t('dossier.dueExplanation')}
      </Button>
      <Collapse expanded={opened}>
        <Box id={id}>
          <Text size="xs" c="dimmed" mt={4}>
            {t('dossier.dueExplanationHelp')}
          </Text>
          <List size="sm" spacing={2} mt={4} data-testid="due-explanation-list">
            {items.map((item, i) => (
              <List.Item
                // biome-ignore lint/suspicious/noArrayIndexKey: the lines are in order, a date may repeat
                key={i}
                data-kind={item.kind}
                fw={item.kind === 'due' ? 600 : undefined}
              >
                {en && item.textEn ? item.textEn : item.text}
              </List.Item>
            ))}
          </List>
        </Box>
      </Collapse>
    </Box>
  );
}

export function InfoSection({
  dossier,
  open,
  stepName,
}: {
  dossier: DossierView;
  open: boolean;
  stepName: (code: string | null) => string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Section id="info" title={t('dossier.info')}>
      <Facts
        testId="dossier-facts"
        items={[
          {
            key: 'procedure',
            label: t('dossier.procedure'),
            value: (
              <>
                {dossier.procedure.name}{' '}
                <Text span size="sm" c="dimmed" translate="no">
                  ({dossier.procedure.code}, {t('dossier.procedureVersion', { n: dossier.procedure.version })}
                  )
                </Text>
              </>
            ),
          },
          {
            key: 'processingTime',
            label: t('procedure.processingTime'),
            value: formatProcessingTime(dossier.procedure.processingTime as ProcessingTime, null, t),
          },
          { key: 'step', label: t('dossier.step'), value: open ? stepName(dossier.step) : '—' },
          {
            key: 'receivingUnit',
            label: t('dossier.receivingUnit'),
            value: dossier.receivingUnit.name,
          },
          { key: 'currentUnit', label: t('dossier.currentUnit'), value: dossier.currentUnit.name },
          {
            key: 'channel',
            label: t('dossier.channel'),
            value: t(`channel.${dossier.channel}`, { defaultValue: dossier.channel }),
          },
          {
            key: 'resultDelivery',
            label: t('reception.resultDelivery'),
            value: t(`resultDelivery.${dossier.resultDelivery}`, {
              defaultValue: dossier.resultDelivery,
            }),
          },
          {
            key: 'receivedAt',
            label: t('dossier.receivedAt'),
            value: formatDateTime(dossier.receivedAt, lang),
          },
          {
            key: 'dueAt',
            label: t('dossier.dueAt'),
            value: (
              <>
                {formatDateTime(dossier.dueAt, lang)}
                {dossier.originalDueAt !== dossier.dueAt && (
                  <Text span size="sm" c="dimmed">
                    {' '}
                    ({t('dossier.originalDue', { date: formatDateTime(dossier.originalDueAt, lang) })})
                  </Text>
                )}
                <DueExplanation items={dossier.dueExplanation ?? []} />
              </>
            ),
          },
          {
            key: 'appointmentAt',
            label: t('dossier.appointmentAt'),
            value: (
              <>
                {formatDateTime(dossier.appointmentAt, lang)}
                {dossier.extended && (
                  <Text span size="sm" fw={600} className="text-warning" data-testid="extended-note">
                    {' '}
                    ({t('dossier.extendedNote')})
                  </Text>
                )}
              </>
            ),
          },
          ...(dossier.paused || dossier.pausedMinutes > 0
            ? [
                {
                  key: 'paused',
                  label: t('dossier.pausedTime'),
                  value: `${formatMinutes(dossier.pausedMinutes, t)}${dossier.paused ? ` — ${t('dossier.pausedNow')}` : ''}`,
                },
              ]
            : []),
          ...(dossier.resolvedAt
            ? [
                {
                  key: 'resolvedAt',
                  label: t('dossier.resolvedAt'),
                  value: formatDateTime(dossier.resolvedAt, lang),
                },
              ]
            : []),
          ...(dossier.returnedAt
            ? [
                {
                  key: 'returnedAt',
                  label: t('dossier.returnedAt'),
                  value: formatDateTime(dossier.returnedAt, lang),
                },
              ]
            : []),
        ]}
      />
    </Section>
  );
}
