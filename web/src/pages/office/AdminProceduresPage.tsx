import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPencil, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type AdminProcedureQuery, retireProcedure, useAdminProcedures } from '../../api/admin';
import { useMe } from '../../api/auth';
import { errorMessage } from '../../api/client';
import type { AdminProcedureSummary } from '../../api/admin';
import { ADMIN_ROLES, hasAnyRole } from '../../auth/roles';
import { AppPagination } from '../../components/AppPagination';
import { OnlineLevelBadge, QueryError } from '../../components/common';
import { formatProcessingTime } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { notify } from '../../lib/notify';
import { TableHead } from '../../components/DataTable';

type Status = NonNullable<AdminProcedureQuery['status']>;

export default function AdminProceduresPage() {
  const { t } = useTranslation();
  usePageTitle(t('adminProcedures.title'));
  const queryClient = useQueryClient();
  const canEdit = hasAnyRole(useMe().data, ADMIN_ROLES);
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 200);
  const [status, setStatus] = useState<Status>('active');
  const [page, setPage] = useState(1);
  const [retiring, setRetiring] = useState<AdminProcedureSummary | null>(null);
  const list = useAdminProcedures({ q: q || undefined, status, page });

  const retire = useMutation({
    mutationFn: (code: string) => retireProcedure(code),
    onSuccess: async (_data, code) => {
      notify({ color: 'green', message: t('adminProcedures.retired', { code }) });
      setRetiring(null);
      await queryClient.invalidateQueries({ queryKey: ['admin', 'procedures'] });
      await queryClient.invalidateQueries({ queryKey: ['public'] });
    },
    onError: (error) => notify({ color: 'red', title: t('errors.title'), message: errorMessage(error) }),
  });

  return (
    <Stack gap="md" maw={1200}>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('adminProcedures.title')}</Title>
        {canEdit && (
          <Button
            component={Link}
            to="/office/admin/procedures/new"
            leftSection={<IconPlus size={18} aria-hidden />}
          >
            {t('adminProcedures.create')}
          </Button>
        )}
      </Group>

      <Group align="flex-end" gap="md" wrap="wrap">
        <TextInput
          label={t('adminProcedures.search')}
          type="search"
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setPage(1);
          }}
          leftSection={<IconSearch size={16} aria-hidden />}
          style={{ flex: '1 1 240px' }}
          data-testid="admin-procedure-search"
        />
        <Stack gap={4}>
          <Text component="span" size="sm" fw={500} id="status-filter-label">
            {t('adminProcedures.status')}
          </Text>
          <SegmentedControl
            aria-labelledby="status-filter-label"
            value={status}
            onChange={(value) => {
              setStatus(value as Status);
              setPage(1);
            }}
            data={[
              { value: 'active', label: t('adminProcedures.statusActive') },
              { value: 'retired', label: t('adminProcedures.statusRetired') },
              { value: 'all', label: t('adminProcedures.statusAll') },
            ]}
          />
        </Stack>
      </Group>

      {list.isError && <QueryError error={list.error} onRetry={() => list.refetch()} />}
      {list.isPending && <Skeleton height={240} />}
      {list.data && (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('catalog.found', { count: list.data.total })}
          </Text>
          <Table
            striped
            highlightOnHover
            withTableBorder
            verticalSpacing="sm"
            className="stack-table"
            data-testid="admin-procedures-table"
          >
            <TableHead
              columns={[
                t('procedure.name'),
                t('procedure.field'),
                t('procedure.processingTime'),
                t('adminProcedures.online'),
                t('adminProcedures.status'),
              ]}
              actions={t('common.actions')}
            />
            <Table.Tbody>
              {list.data.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text c="dimmed" ta="center" py="md">
                      {t('catalog.emptyTitle')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {list.data.items.map((p) => (
                <Table.Tr key={p.code} data-testid="admin-procedure-row" data-code={p.code}>
                  <Table.Td>
                    <Anchor component={Link} to={`/procedures/${encodeURIComponent(p.code)}`} fw={500}>
                      {p.name}
                    </Anchor>
                    <Text size="sm" c="dimmed" translate="no">
                      {t('procedure.code')}: {p.code}
                    </Text>
                  </Table.Td>
                  <Table.Td data-label={t('procedure.field')}>{p.field.name}</Table.Td>
                  <Table.Td data-label={t('procedure.processingTime')} className="cell-nowrap">
                    {formatProcessingTime(p.processingTime, p.processingTimeText, t)}
                  </Table.Td>
                  <Table.Td data-label={t('adminProcedures.online')} className="cell-nowrap">
                    <OnlineLevelBadge level={p.onlineLevel} />
                  </Table.Td>
                  <Table.Td data-label={t('adminProcedures.status')} className="cell-nowrap">
                    <Badge
                      color={p.status === 'active' ? 'green' : 'gray'}
                      variant="light"
                      radius="sm"
                      style={{ textTransform: 'none' }}
                    >
                      {p.status === 'active'
                        ? t('adminProcedures.statusActive')
                        : t('adminProcedures.statusRetired')}
                    </Badge>
                  </Table.Td>
                  <Table.Td className="cell-nowrap">
                    {canEdit && p.status === 'active' && (
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          component={Link}
                          to={`/office/admin/procedures/${encodeURIComponent(p.code)}/edit`}
                          variant="light"
                          size="compact-sm"
                          leftSection={<IconPencil size={14} aria-hidden />}
                          aria-label={t('adminProcedures.editNamed', { name: p.name })}
                        >
                          {t('common.edit')}
                        </Button>
                        <Button
                          variant="subtle"
                          color="red"
                          size="compact-sm"
                          leftSection={<IconTrash size={14} aria-hidden />}
                          onClick={() => setRetiring(p)}
                          aria-label={t('adminProcedures.retireNamed', { name: p.name })}
                        >
                          {t('adminProcedures.retire')}
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <AppPagination
            page={page}
            total={list.data.total}
            pageSize={list.data.pageSize}
            onChange={setPage}
          />
        </>
      )}

      <Modal
        opened={retiring !== null}
        onClose={() => setRetiring(null)}
        title={t('adminProcedures.retireTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {retiring && (
          <Stack>
            <Text>{t('adminProcedures.retireConfirm', { name: retiring.name, code: retiring.code })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRetiring(null)}>
                {t('common.cancel')}
              </Button>
              <Button color="red.9" loading={retire.isPending} onClick={() => retire.mutate(retiring.code)}>
                {t('adminProcedures.retire')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
