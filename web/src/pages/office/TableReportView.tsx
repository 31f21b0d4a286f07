import { Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconFileSpreadsheet, IconFileText } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ColumnSpec, Figure, TableReportKind } from '../../../../src/domain/statistics/table-reports';
import { downloadTableReport, type TableReportQuery, useTableReport } from '../../api/reports';
import { FailureAlert, QueryError } from '../../components/common';
import { formatRate } from '../../components/FigureCard';
import { formatDateTime } from '../../lib/format';
import { useDownload } from '../../lib/useDownload';

/** One cell: a count, a sum of money, or a rate with its numerator and denominator on hover and for screen readers. */
function FigureCell({
  column,
  figure,
  lang,
}: {
  column: ColumnSpec;
  figure: Figure | undefined;
  lang: string;
}) {
  const { t } = useTranslation();
  const locale = lang === 'en' ? 'en-GB' : 'vi-VN';
  if (figure === null || figure === undefined)
    return (
      <Table.Td ta="right" c="dimmed">
        —
      </Table.Td>
    );
  if (typeof figure === 'number')
    return (
      <Table.Td ta="right">
        {new Intl.NumberFormat(locale, column.kind === 'amount' ? { maximumFractionDigits: 0 } : {}).format(
          figure,
        )}
      </Table.Td>
    );
  const counts = t('reports.table.of', { numerator: figure.numerator, denominator: figure.denominator });
  return (
    <Table.Td ta="right">
      <Tooltip label={counts} withArrow>
        <span>
          {formatRate(figure.value, lang)}
          <Text component="span" size="xs" c="dimmed" display="block">
            {counts}
          </Text>
        </span>
      </Tooltip>
    </Table.Td>
  );
}

/** A report besides form 06 (satisfaction, online, postal, digitisation, officers, feedback): rows, total, exports. */
export function TableReportView({ kind, query }: { kind: TableReportKind; query: TableReportQuery }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const report = useTableReport(kind, query);
  const download = useDownload(downloadTableReport);
  const failure = download.failure;
  const data = report.data;
  const heading = (c: ColumnSpec) => (lang === 'en' ? c.en : c.vi);
  const hasCurrent = data?.columns.some((c) => c.current);
  return (
    <Stack gap="sm" data-testid={`table-report-${kind}`}>
      <Text size="sm" c="dimmed">
        {t(`reports.table.intro.${kind}`)}
      </Text>
      {report.isError && <QueryError error={report.error} onRetry={() => void report.refetch()} />}
      <FailureAlert message={failure} />
      {data && (
        <>
          <Group justify="space-between" wrap="wrap">
            <Text size="sm" c="dimmed">
              {t('reports.asOf', { time: formatDateTime(data.asOf, lang) })}
            </Text>
            <Group gap="xs">
              <Button
                leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
                loading={download.isPending && download.variables?.format === 'xlsx'}
                onClick={() => download.mutate({ kind, query, format: 'xlsx' })}
                data-testid="table-report-xlsx"
              >
                {t('reports.table.excel')}
              </Button>
              <Button
                variant="default"
                leftSection={<IconFileText size={18} aria-hidden />}
                loading={download.isPending && download.variables?.format === 'csv'}
                onClick={() => download.mutate({ kind, query, format: 'csv' })}
              >
                {t('reports.csv')}
              </Button>
            </Group>
          </Group>
          <Table.ScrollContainer
            minWidth={Math.max(700, 220 + data.columns.length * 110)}
            type="native"
            tabIndex={0}
            role="region"
            aria-label={data.title}
          >
            <Table striped withTableBorder withColumnBorders fz="sm" data-testid="table-report">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th miw={220}>{t(`reports.group.${data.groupBy}`)}</Table.Th>
                  {data.columns.map((c) => (
                    <Table.Th key={c.key} ta="right">
                      {heading(c)}
                      {c.current ? ' *' : ''}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.rows.map((row) => (
                  <Table.Tr key={row.key.code || '-'}>
                    <Table.Th scope="row" fw={400}>
                      {row.key.code ? (
                        <>
                          {row.key.name}
                          {data.groupBy === 'procedure' || data.groupBy === 'officer' ? (
                            <Text size="xs" c="dimmed">
                              {row.key.code}
                            </Text>
                          ) : null}
                        </>
                      ) : (
                        <Text component="span" fs="italic">
                          {t('reports.table.nobody')}
                        </Text>
                      )}
                    </Table.Th>
                    {data.columns.map((c) => (
                      <FigureCell key={c.key} column={c} figure={row.figures[c.key]} lang={lang} />
                    ))}
                  </Table.Tr>
                ))}
                {data.rows.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={data.columns.length + 1}>{t('reports.table.empty')}</Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr fw={700}>
                  <Table.Th scope="row">{t('reports.col.totalRow')}</Table.Th>
                  {data.columns.map((c) => (
                    <FigureCell key={c.key} column={c} figure={data.totals[c.key]} lang={lang} />
                  ))}
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
          {hasCurrent && (
            <Text size="xs" c="dimmed">
              {t('reports.table.currentNote')}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}
