import {
  Anchor,
  Button,
  CloseButton,
  Group,
  Pagination,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type DrillQuery, downloadDrillDown, useDrillDown } from '../../api/reports';
import { FailureAlert, QueryError } from '../../components/common';
import { formatDate, formatDateTime } from '../../lib/format';
import { useDownload } from '../../lib/useDownload';

const PAGE_SIZE = 20;

/**
 * The dossiers behind one figure: a page at a time, with the whole list as Excel. Shared by the
 * dashboard (opened from a figure, closable) and the report screen's overdue list.
 */
export function DrillPanel({ query, onClose }: { query: DrillQuery; onClose?: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [page, setPage] = useState(1);
  const list = useDrillDown(query, page, PAGE_SIZE);
  const heading = useRef<HTMLHeadingElement>(null);
  const download = useDownload(downloadDrillDown);
  const failure = download.failure;
  // A new list takes the focus (and the screen), so a keyboard or screen-reader user lands on it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: on each new query only
  useEffect(() => {
    setPage(1);
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [JSON.stringify(query)]);
  const label = t(`dashboard.category.${query.category}`);
  const total = list.data?.total ?? 0;
  return (
    <Paper withBorder p="md" data-testid="drill-panel">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Title order={2} size="h3" ref={heading} tabIndex={-1} data-testid="drill-title">
              {/* No count until it is known: "0 dossiers" while loading would be a wrong figure. */}
              {list.data ? t('dashboard.drill.title', { label, total }) : `${label}…`}
            </Title>
            <Text size="sm" c="dimmed">
              {t('dashboard.drill.scope', {
                unit: query.unitCode ?? query.unit,
                from: formatDate(query.from, lang),
                to: formatDate(query.to, lang),
              })}
            </Text>
          </div>
          {onClose && <CloseButton onClick={onClose} aria-label={t('dashboard.drill.close')} />}
        </Group>
        {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
        <FailureAlert message={failure} />
        <Group>
          <Button
            leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
            onClick={() => download.mutate(query)}
            loading={download.isPending}
            disabled={total === 0}
            data-testid="drill-xlsx"
          >
            {t('dashboard.drill.excel')}
          </Button>
        </Group>
        <Table.ScrollContainer minWidth={800} type="native" tabIndex={0} role="region" aria-label={label}>
          <Table striped fz="sm" data-testid="drill-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dashboard.drill.code')}</Table.Th>
                <Table.Th>{t('dashboard.drill.procedure')}</Table.Th>
                <Table.Th>{t('dashboard.drill.unit')}</Table.Th>
                <Table.Th>{t('dashboard.drill.received')}</Table.Th>
                <Table.Th>{t('dashboard.drill.due')}</Table.Th>
                <Table.Th>{t('dashboard.drill.finished')}</Table.Th>
                <Table.Th>{t('dashboard.drill.status')}</Table.Th>
                <Table.Th>{t('dashboard.drill.assignee')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(list.data?.items ?? []).map((d) => (
                <Table.Tr key={d.code}>
                  <Table.Td>
                    <Anchor component={Link} to={`/office/dossiers/${encodeURIComponent(d.code)}`}>
                      {d.code}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{d.procedureName}</Table.Td>
                  <Table.Td>{d.unitName}</Table.Td>
                  <Table.Td>{formatDateTime(d.receivedAt, lang)}</Table.Td>
                  <Table.Td>{formatDateTime(d.dueAt, lang)}</Table.Td>
                  <Table.Td>{formatDateTime(d.resolvedAt ?? d.closedAt, lang)}</Table.Td>
                  <Table.Td>
                    {t(`dossierStatus.${d.status}`)}
                    {d.step && !['returned', 'refused', 'withdrawn', 'cancelled'].includes(d.status) && (
                      <Text size="xs" c="dimmed">
                        {t(`dossierStep.${d.step}`, { defaultValue: d.step })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{d.assigneeName ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
              {list.data && total === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={8}>{t('dashboard.drill.empty')}</Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {total > PAGE_SIZE && (
          <Pagination
            total={Math.ceil(total / PAGE_SIZE)}
            value={page}
            onChange={setPage}
            getControlProps={(control) => ({ 'aria-label': t(`pagination.${control}`) })}
          />
        )}
      </Stack>
    </Paper>
  );
}
