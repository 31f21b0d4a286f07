import { Anchor, Badge, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMyApplications } from '../../api/applications';
import { useProcedureSearch } from '../../api/public';
import { QueryError } from '../../components/common';
import { formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { AssistConsentForm } from './AssistConsentForm';
import { TableHead } from '../../components/DataTable';

/**
 * The community digital team member's page: choose a procedure, record the citizen and their
 * consent, then fill the application as a citizen would; and the applications they helped with.
 */
export default function AssistPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('assist.title'));
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [procedureCode, setProcedureCode] = useState<string | null>(null);
  const found = useProcedureSearch({ q: q || undefined, pageSize: 20 });
  // Only procedures that can be submitted online.
  const options = (found.data?.items ?? [])
    .filter((p) => p.onlineLevel !== 'counter')
    .map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }));
  const mine = useMyApplications();

  return (
    <Stack gap="lg" maw={900}>
      <div>
        <Title order={1} size="h2">
          {t('assist.title')}
        </Title>
        <Text c="dimmed" mt={4}>
          {t('assist.intro')}
        </Text>
      </div>
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Select
            label={t('assist.procedure')}
            description={t('assist.procedureHelp')}
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            data={options}
            value={procedureCode}
            onChange={setProcedureCode}
            filter={({ options: o }) => o}
            nothingFoundMessage={found.isFetching ? '…' : t('assist.none')}
            required
            data-testid="assist-procedure"
          />
          <Title order={2} size="h4" mt="sm">
            {t('assist.citizen')}
          </Title>
          <AssistConsentForm procedureCode={procedureCode} />
        </Stack>
      </Paper>

      <div>
        <Title order={2} size="h3" mb="sm">
          {t('assist.mine')}
        </Title>
        {mine.isError ? (
          <QueryError error={mine.error} />
        ) : !mine.data?.items.length ? (
          <Text c="dimmed">{t('assist.none')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table striped data-testid="assist-mine">
              <TableHead
                columns={[
                  t('assist.colCitizen'),
                  t('assist.colProcedure'),
                  t('assist.colStatus'),
                  t('assist.colUpdated'),
                ]}
              />
              <Table.Tbody>
                {mine.data.items.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>{item.assistedFor ?? '—'}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/applications/${item.id}`}>
                        {item.procedureName}
                      </Anchor>
                      {item.code && (
                        <Text size="xs" c="dimmed">
                          {item.code}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light">
                        {item.dossierStatus
                          ? t(`apply.dossierStatus.${item.dossierStatus}`)
                          : t(`apply.status.${item.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{formatDateTime(item.updatedAt, i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </div>
    </Stack>
  );
}
