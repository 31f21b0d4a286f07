// The dossier page's timeline: each event, newest first, with the lines that explain it.
import { Text, Timeline } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DossierEventView, DossierView } from '../../../api/dossiers';
import { isRecord } from '../../../lib/dossier';
import { formatDateTime } from '../../../lib/format';
import { Section } from './Section';

/** The lines that explain an event: note, reason, items, new date, unit, result, return method. */
function eventLines(
  event: DossierEventView,
  t: TFunction,
  lang: string,
  stepName: (code: string | null) => string,
): string[] {
  const p = isRecord(event.payload) ? event.payload : {};
  const lines: string[] = [];
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  if (event.type === 'receive') {
    if (str(p.channel))
      lines.push(
        `${t('dossier.channel')}: ${t(`channel.${str(p.channel)}`, { defaultValue: str(p.channel) })}`,
      );
    if (typeof p.documents === 'number') lines.push(t('event.documentsCount', { count: p.documents }));
  } else if (str(p.unitCode)) {
    lines.push(`${t('event.unit')}: ${str(p.unitCode)}`);
  }
  if (str(p.toStep)) lines.push(`${t('event.toStep')}: ${stepName(str(p.toStep))}`);
  if (Array.isArray(p.items) && p.items.length > 0) {
    const items = p.items
      .map((i) =>
        isRecord(i)
          ? [
              str(i.document),
              i.form ? `(${t(`documentForm.${str(i.form)}`, { defaultValue: str(i.form) })})` : '',
            ]
              .filter(Boolean)
              .join(' ')
          : str(i),
      )
      .filter(Boolean);
    lines.push(`${t('event.items')}: ${items.join('; ')}`);
  }
  if (str(p.newDueAt)) lines.push(`${t('event.newDueAt')}: ${formatDateTime(str(p.newDueAt), lang)}`);
  if (str(p.title))
    lines.push(
      `${t('event.result')}: ${str(p.title)}${str(p.number) ? ` (${t('event.number')} ${str(p.number)})` : ''}`,
    );
  if (str(p.method))
    lines.push(
      `${t('event.method')}: ${t(`resultDelivery.${str(p.method)}`, { defaultValue: str(p.method) })}`,
    );
  if (str(p.trackingNumber)) lines.push(`${t('event.trackingNumber')}: ${str(p.trackingNumber)}`);
  if (str(p.reason)) lines.push(`${t('event.reason')}: ${str(p.reason)}`);
  if (str(p.note)) lines.push(`${t('event.note')}: ${str(p.note)}`);
  return lines;
}

export function TimelineSection({
  dossier,
  stepName,
}: {
  dossier: DossierView;
  stepName: (code: string | null) => string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Section id="timeline" title={t('dossier.timeline')}>
      <Timeline
        bulletSize={14}
        lineWidth={2}
        active={dossier.events.length - 1}
        data-testid="dossier-timeline"
      >
        {[...dossier.events].reverse().map((e) => {
          const lines = eventLines(e, t, lang, stepName);
          return (
            <Timeline.Item
              key={e.seq}
              title={
                <Text fw={600} size="sm" component="span">
                  {t(`dossierEvent.${e.type}`, { defaultValue: e.type })}
                </Text>
              }
              data-testid="timeline-event"
              data-type={e.type}
            >
              <Text size="xs" c="dimmed">
                {formatDateTime(e.at, lang)}
                {e.actorName ? ` · ${e.actorName}` : ''}
                {e.step ? ` · → ${stepName(e.step)}` : ''}
              </Text>
              {lines.map((line) => (
                <Text key={line} size="sm" className="prewrap">
                  {line}
                </Text>
              ))}
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Section>
  );
}
