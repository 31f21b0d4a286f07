import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DossierTimeliness } from '../api/dossiers';
import { STATUS_COLOR, type TimeLeft, timelinessColor, timelinessKey, URGENCY_COLOR } from '../lib/dossier';

const badgeStyle = { textTransform: 'none' } as const;

export function StatusBadge({ status, ...props }: { status: string } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      color={STATUS_COLOR[status] ?? 'gray'}
      variant="dot"
      radius="sm"
      style={badgeStyle}
      data-testid="status-badge"
      data-status={status}
      {...props}
    >
      {t(`dossierStatus.${status}`, { defaultValue: status })}
    </Badge>
  );
}

export function TimelinessBadge({ timeliness, ...props }: { timeliness: DossierTimeliness } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      color={timelinessColor(timeliness)}
      variant="light"
      radius="sm"
      style={badgeStyle}
      data-testid="timeliness-badge"
      data-kind={timeliness.kind}
      data-value={timeliness.kind === 'closed' ? 'closed' : timeliness.value}
      {...props}
    >
      {t(timelinessKey(timeliness))}
    </Badge>
  );
}

/** Urgency as colour and words: "Quá hạn · quá hạn 3 giờ". */
export function UrgencyBadge({ left }: { left: TimeLeft }) {
  return (
    <Badge
      color={URGENCY_COLOR[left.urgency]}
      variant="light"
      radius="sm"
      style={badgeStyle}
      data-testid="urgency-badge"
      data-urgency={left.urgency}
    >
      {left.label}
    </Badge>
  );
}
