import { Paper, Text, UnstyledButton } from '@mantine/core';

/** A rate as a percentage (one decimal), or "—" when there is nothing to divide by. */
export function formatRate(value: number | null, lang: string): string {
  return value === null
    ? '—'
    : new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN', {
        style: 'percent',
        maximumFractionDigits: 1,
      }).format(value);
}

/** One headline figure of a report: label, the number, and the line that explains it. */
export function FigureCard({
  label,
  value,
  hint,
  testId,
  onOpen,
  openLabel,
}: {
  label: string;
  value: string | number;
  hint: string;
  testId?: string;
  /** Makes the card a button that opens what is behind the figure (the dossiers). */
  onOpen?: () => void;
  openLabel?: string;
}) {
  const body = (
    <>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700} data-testid={testId}>
        {value}
      </Text>
      <Text size="xs">{hint}</Text>
    </>
  );
  if (onOpen)
    return (
      <Paper withBorder p={0}>
        <UnstyledButton
          onClick={onOpen}
          p="md"
          w="100%"
          h="100%"
          aria-label={openLabel}
          className="figure-button"
        >
          {body}
        </UnstyledButton>
      </Paper>
    );
  return (
    <Paper withBorder p="md">
      {body}
    </Paper>
  );
}
