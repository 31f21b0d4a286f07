import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { errorMessage } from '../../api/client';
import { type IndexIndicator, recordIndexInput, useServiceIndex } from '../../api/reports';
import { QueryError } from '../../components/common';
import { formatRate } from '../../components/FigureCard';
import { notify } from '../../lib/notify';
import type { ScopeQuery } from './ReportScope';

/** Records a manual input (numerator, denominator, source) for one indicator. */
function ManualInput({
  scope,
  indicator,
  onClose,
}: {
  scope: ScopeQuery;
  indicator: IndexIndicator;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [numerator, setNumerator] = useState<number | string>(indicator.ratio?.numerator ?? '');
  const [denominator, setDenominator] = useState<number | string>(indicator.ratio?.denominator ?? '');
  const [note, setNote] = useState(indicator.recorded?.note ?? '');
  const save = useMutation({
    mutationFn: () =>
      recordIndexInput({
        unit: scope.unit,
        from: scope.from,
        to: scope.to,
        indicator: indicator.code,
        numerator: Number(numerator),
        denominator: Number(denominator),
        note,
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['reports', 'index'] });
      notify({ color: 'green', message: t('serviceIndex.saved', { code: indicator.code }) });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={`${indicator.code} — ${indicator.name}`} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {indicator.formula}
          </Text>
          {save.isError && (
            <Alert color="red" role="alert">
              {errorMessage(save.error)}
            </Alert>
          )}
          <Group grow>
            <NumberInput
              label={t('serviceIndex.numerator')}
              min={0}
              value={numerator}
              onChange={setNumerator}
              required
            />
            <NumberInput
              label={t('serviceIndex.denominator')}
              min={1}
              value={denominator}
              onChange={setDenominator}
              required
            />
          </Group>
          <Textarea
            label={t('serviceIndex.note')}
            description={t('serviceIndex.noteHint')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            required
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('serviceIndex.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The Decision 766 index of the unit for the period: groups, indicators with their formulas and figures. */
export function ServiceIndexPanel({ scope }: { scope: ScopeQuery }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const index = useServiceIndex({ unit: scope.unit, from: scope.from, to: scope.to });
  // Inspectors read; the unit's leaders and administrators record the manual inputs (server: RECORDERS).
  const me = useMe().data;
  const mayRecord = Boolean(me?.roles.some((r) => ['leader', 'unit_admin', 'system_admin'].includes(r.role)));
  const [editing, setEditing] = useState<IndexIndicator | null>(null);
  const data = index.data;
  return (
    <Paper withBorder p="md" data-testid="service-index">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} size="h4">
              {t('serviceIndex.title')}
            </Title>
            <Text size="xs" c="dimmed">
              {data?.rules.source}
            </Text>
          </div>
          {data && (
            <Text fz={28} fw={700} data-testid="service-index-total">
              {t('serviceIndex.total', {
                points: data.total.points,
                max: data.total.maxPoints,
              })}
            </Text>
          )}
        </Group>
        {index.isError && <QueryError error={index.error} onRetry={() => void index.refetch()} />}
        {data && data.total.scoredMaxPoints < data.total.maxPoints && (
          <Alert color="yellow">
            {t('serviceIndex.partial', { scored: data.total.scoredMaxPoints, max: data.total.maxPoints })}
          </Alert>
        )}
        {data && (
          <Table.ScrollContainer
            minWidth={900}
            type="native"
            tabIndex={0}
            role="region"
            aria-label={t('serviceIndex.title')}
          >
            <Table fz="sm" data-testid="service-index-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('serviceIndex.indicator')}</Table.Th>
                  <Table.Th ta="right">{t('serviceIndex.figures')}</Table.Th>
                  <Table.Th ta="right">{t('serviceIndex.value')}</Table.Th>
                  <Table.Th ta="right">{t('serviceIndex.points')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              {data.groups.map((g) => (
                <Table.Tbody key={g.group}>
                  <Table.Tr bg="gray.0">
                    <Table.Th colSpan={3} scope="rowgroup">
                      {g.name}
                    </Table.Th>
                    <Table.Th ta="right">
                      {g.points} / {g.maxPoints}
                    </Table.Th>
                    <Table.Th />
                  </Table.Tr>
                  {g.indicators.map((i) => (
                    <Table.Tr key={i.code}>
                      <Table.Td>
                        <Text size="sm">
                          {i.code}. {i.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {i.formula}
                        </Text>
                        {i.recorded && (
                          <Text size="xs" c="dimmed">
                            {t('serviceIndex.recorded', { by: i.recorded.by, note: i.recorded.note ?? '' })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">
                        {i.ratio ? `${i.ratio.numerator}/${i.ratio.denominator}` : '—'}
                      </Table.Td>
                      <Table.Td ta="right">{i.ratio ? formatRate(i.ratio.value, lang) : '—'}</Table.Td>
                      <Table.Td ta="right">
                        {i.points === null ? (
                          <Text size="xs" fw={600} fs="italic" span>
                            {t(`serviceIndex.status.${i.status}`)}
                          </Text>
                        ) : (
                          `${i.points} / ${i.maxPoints}`
                        )}
                      </Table.Td>
                      <Table.Td>
                        {i.input === 'manual' && mayRecord && (
                          <Button
                            size="compact-xs"
                            variant="light"
                            onClick={() => setEditing(i)}
                            aria-label={`${t('serviceIndex.enter')} ${i.code}`}
                          >
                            {t('serviceIndex.enter')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              ))}
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      {editing && <ManualInput scope={scope} indicator={editing} onClose={() => setEditing(null)} />}
    </Paper>
  );
}
