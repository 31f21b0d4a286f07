import {
  Alert,
  Button,
  Group,
  NativeSelect,
  Skeleton,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBook2, IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../../api/auth';
import { type DossierListItem, type DossierListQuery, useDossierList } from '../../api/dossiers';
import { QueryError } from '../../components/common';
import { DossierTable } from '../../components/DossierTable';
import { staffUnits } from '../../lib/dossier';
import { usePageTitle } from '../../lib/usePageTitle';
import { useStillHere } from '../../lib/useStillHere';

const VIEWS = ['mine', 'unit', 'overdue', 'supplement'] as const;
type View = (typeof VIEWS)[number];

function queryFor(view: View, unit: string, q: string): DossierListQuery {
  const base = { q: q || undefined, limit: 50 };
  switch (view) {
    case 'mine':
      return { ...base, status: 'in_progress', assignee: 'me' };
    case 'unit':
      return { ...base, unit: unit || undefined };
    case 'overdue':
      return { ...base, overdue: true };
    case 'supplement':
      return { ...base, status: 'paused' };
  }
}

export default function DossiersPage() {
  const { t } = useTranslation();
  usePageTitle(t('inbox.title'));
  const me = useMe().data;
  const units = useMemo(() => staffUnits(me), [me]);
  const [params, setParams] = useSearchParams();
  const viewParam = params.get('view');
  const view: View = VIEWS.includes(viewParam as View) ? (viewParam as View) : 'mine';
  const unitParam = params.get('unit') ?? '';
  const unit = units.some((u) => u.code === unitParam) ? unitParam : (units[0]?.code ?? '');
  const q = params.get('q') ?? '';

  const [text, setText] = useState(q);
  const [debounced] = useDebouncedValue(text, 300);
  const stillHere = useStillHere();
  const lastWritten = useRef(q);

  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const setParamRef = useRef(setParam);
  setParamRef.current = setParam;

  useEffect(() => {
    const next = debounced.trim();
    // A dossier opened within the debounce delay: writing the search now would go back to the list.
    if (next === lastWritten.current || !stillHere()) return;
    lastWritten.current = next;
    setParamRef.current('q', next || null);
  }, [debounced, stillHere]);

  const query = queryFor(view, unit, q);
  const list = useDossierList(query);

  const items: DossierListItem[] = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  return (
    <Stack gap="md" maw={1400}>
      <Group justify="space-between" align="center" gap="sm">
        <Title order={1}>{t('inbox.title')}</Title>
        <Button
          component={Link}
          to="/office/logbook"
          variant="light"
          leftSection={<IconBook2 size={18} aria-hidden />}
          data-testid="logbook-link"
        >
          {t('logbook.title')}
        </Button>
      </Group>
      <Group align="flex-end" gap="md" wrap="wrap">
        <TextInput
          type="search"
          label={t('inbox.search')}
          placeholder={t('inbox.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          style={{ flex: '1 1 18rem' }}
          data-testid="inbox-search"
        />
        {view === 'unit' && units.length > 1 && (
          <NativeSelect
            label={t('inbox.unit')}
            data={units.map((u) => ({ value: u.code, label: u.name }))}
            value={unit}
            onChange={(e) => setParam('unit', e.currentTarget.value)}
            style={{ flex: '1 1 14rem' }}
          />
        )}
      </Group>
      <Tabs value={view} onChange={(v) => setParam('view', v === 'mine' ? null : v)} keepMounted={false}>
        <Tabs.List>
          {VIEWS.map((v) => (
            <Tabs.Tab key={v} value={v} data-testid={`inbox-tab-${v}`}>
              {t(`inbox.views.${v}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {VIEWS.map((v) => (
          <Tabs.Panel key={v} value={v} pt="md">
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t(`inbox.viewHelp.${v}`)}
              </Text>
              {list.isError && <QueryError error={list.error} onRetry={() => list.refetch()} />}
              {list.isPending && <Skeleton height={240} />}
              {list.data && (
                <DossierTable
                  items={items}
                  caption={t(`inbox.views.${v}`)}
                  emptyText={v === 'mine' ? t('inbox.emptyMine') : undefined}
                  hasMore={Boolean(list.hasNextPage)}
                  loadingMore={list.isFetchingNextPage}
                  onLoadMore={() => list.fetchNextPage()}
                />
              )}
            </Stack>
          </Tabs.Panel>
        ))}
      </Tabs>
      {units.length === 0 && me && (
        <Alert color="orange" role="status">
          {t('office.noRoles')}
        </Alert>
      )}
    </Stack>
  );
}
