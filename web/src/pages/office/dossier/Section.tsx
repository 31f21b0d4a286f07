// The frame of each section of the dossier page and its list of facts (label, value).
import { Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function Facts({
  items,
  testId,
}: {
  items: { label: string; value: ReactNode; key?: string }[];
  testId?: string;
}) {
  return (
    <dl className="facts" data-testid={testId}>
      {items.map((item) => (
        <div key={item.key ?? item.label} className="facts-row" data-fact={item.key}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${id}-title`}>
      <Title order={2} size="h4" id={`${id}-title`} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
