import {
  Anchor,
  Box,
  Button,
  Card,
  EmptyState,
  Group,
  NativeSelect,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconClock, IconCoin, IconFolder, IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useFields, useProcedureSearch, useUnits } from '../api/public';
import type { ProcedureSummary, UnitLevel } from '../api/public';
import { AppPagination } from '../components/AppPagination';
import { OnlineLevelBadge, QueryError } from '../components/common';
import { LEVELS, unitOptions, useFieldName } from '../lib/catalog';
import { formatMoney, formatProcessingTime } from '../lib/format';
import { usePageTitle } from '../lib/usePageTitle';
import { useStillHere } from '../lib/useStillHere';

const PAGE_SIZE = 20;

function ResultCard({
  procedure,
  fieldName,
}: {
  procedure: ProcedureSummary;
  fieldName: (code: string, fallback: string) => string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Card component="li" withBorder padding="md" data-testid="procedure-result">
      <Stack gap={6}>
        <Title order={2} size="h4" fw={600}>
          <Link
            to={`/procedures/${encodeURIComponent(procedure.code)}`}
            className="result-title"
            data-testid="procedure-result-link"
          >
            {procedure.name}
          </Link>
        </Title>
        <Group gap="md" wrap="wrap">
          <Text size="sm" c="dimmed">
            {t('procedure.code')}: <span translate="no">{procedure.code}</span>
          </Text>
          <Group gap={4} wrap="nowrap">
            <IconFolder size={16} aria-hidden />
            <Text size="sm">{fieldName(procedure.field.code, procedure.field.name)}</Text>
          </Group>
          <Group gap={4} wrap="nowrap">
            <IconClock size={16} aria-hidden />
            <Text size="sm">
              <span className="visually-hidden">{t('procedure.processingTime')}: </span>
              {formatProcessingTime(procedure.processingTime, procedure.processingTimeText, t)}
            </Text>
          </Group>
          <Group gap={4} wrap="nowrap">
            <IconCoin size={16} aria-hidden />
            <Text size="sm">
              {procedure.feeFrom === null || procedure.feeFrom === 0
                ? t('procedure.free')
                : t('catalog.feeFrom', { amount: formatMoney(procedure.feeFrom, i18n.language) })}
            </Text>
          </Group>
          <OnlineLevelBadge level={procedure.onlineLevel} />
        </Group>
      </Stack>
    </Card>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  usePageTitle(t('catalog.title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const field = params.get('field') ?? '';
  const unit = params.get('unit') ?? '';
  const level = params.get('level') ?? '';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);

  const [text, setText] = useState(q);
  const [debounced] = useDebouncedValue(text, 200);
  const stillHere = useStillHere();
  const lastWritten = useRef(q);

  const update = (changes: Record<string, string | null>, replace = false) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace },
    );
  };
  const updateRef = useRef(update);
  updateRef.current = update;

  // Typing updates the URL (debounced, without flooding the history)…
  useEffect(() => {
    const next = debounced.trim();
    if (next === lastWritten.current || !stillHere()) return;
    lastWritten.current = next;
    updateRef.current({ q: next || null, page: null }, true);
  }, [debounced, stillHere]);

  // …and a URL change from elsewhere (back button, link) updates the box.
  useEffect(() => {
    if (q !== lastWritten.current) {
      lastWritten.current = q;
      setText(q);
    }
  }, [q]);

  const fields = useFields();
  const units = useUnits();
  const fieldName = useFieldName(fields.data);
  const search = useProcedureSearch({
    q: q || undefined,
    field: field || undefined,
    unit: unit || undefined,
    level: (level || undefined) as UnitLevel | undefined,
    page,
    pageSize: PAGE_SIZE,
  });

  const fieldData = useMemo(
    () => [
      { value: '', label: t('catalog.allFields') },
      ...(fields.data ?? []).map((f) => ({ value: f.code, label: fieldName(f.code, f.name) })),
    ],
    [fields.data, fieldName, t],
  );
  const unitData = useMemo(
    () => [{ value: '', label: t('catalog.allUnits') }, ...unitOptions(units.data ?? [])],
    [units.data, t],
  );
  const levelData = [
    { value: '', label: t('catalog.allLevels') },
    ...LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) })),
  ];

  const hasFilters = Boolean(q || field || unit || level);
  const data = search.data;

  return (
    <Stack gap="lg" maw={1100} mx="auto">
      <Box>
        <Title order={1}>{t('catalog.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('catalog.intro')}
        </Text>
      </Box>

      <Box
        component="form"
        role="search"
        aria-label={t('catalog.searchRegion')}
        // Before the app's code has arrived (a pre-rendered page), the form searches as a plain GET.
        method="get"
        action="/"
        onSubmit={(event) => {
          event.preventDefault();
          const next = text.trim();
          lastWritten.current = next;
          update({ q: next || null, page: null });
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('catalog.searchLabel')}
            placeholder={t('catalog.searchPlaceholder')}
            type="search"
            name="q"
            size="md"
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            leftSection={<IconSearch size={18} aria-hidden />}
            data-testid="catalog-search"
            autoComplete="off"
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <NativeSelect
              label={t('catalog.field')}
              name="field"
              data={fieldData}
              value={field}
              onChange={(event) => update({ field: event.currentTarget.value || null, page: null })}
              data-testid="filter-field"
            />
            <NativeSelect
              label={t('catalog.unit')}
              name="unit"
              data={unitData}
              value={unit}
              onChange={(event) => update({ unit: event.currentTarget.value || null, page: null })}
              data-testid="filter-unit"
            />
            <NativeSelect
              label={t('catalog.level')}
              name="level"
              data={levelData}
              value={level}
              onChange={(event) => update({ level: event.currentTarget.value || null, page: null })}
              data-testid="filter-level"
            />
          </SimpleGrid>
          {unit && (
            <Anchor
              component={Link}
              to={`/units/${encodeURIComponent(unit)}`}
              size="sm"
              data-testid="unit-page-link"
            >
              {t('community.unitPage.fromCatalog')}
            </Anchor>
          )}
          <button type="submit" hidden>
            {t('catalog.search')}
          </button>
        </Stack>
      </Box>

      <Box aria-busy={search.isFetching}>
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="result-count" mb="sm">
          {data ? t('catalog.found', { count: data.total }) : ' '}
        </Text>

        {search.isError && <QueryError error={search.error} onRetry={() => search.refetch()} />}

        {search.isPending && (
          <Stack gap="sm">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} height={96} radius="md" />
            ))}
          </Stack>
        )}

        {data && data.items.length === 0 && (
          <EmptyState
            icon={<IconSearch aria-hidden />}
            title={t('catalog.emptyTitle')}
            description={hasFilters ? t('catalog.emptyFiltered') : t('catalog.emptyCatalog')}
            data-testid="catalog-empty"
            py="xl"
          >
            {hasFilters && (
              <Button
                variant="light"
                onClick={() => {
                  lastWritten.current = '';
                  setText('');
                  setParams(new URLSearchParams());
                }}
              >
                {t('catalog.clearFilters')}
              </Button>
            )}
          </EmptyState>
        )}

        {data && data.items.length > 0 && (
          <Stack
            component="ol"
            gap="sm"
            className="plain-list"
            style={{ opacity: search.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}
          >
            {data.items.map((procedure) => (
              <ResultCard key={procedure.code} procedure={procedure} fieldName={fieldName} />
            ))}
          </Stack>
        )}

        {data && (
          <AppPagination
            page={page}
            total={data.total}
            pageSize={data.pageSize || PAGE_SIZE}
            onChange={(p) => {
              update({ page: p > 1 ? String(p) : null });
              window.scrollTo(0, 0);
            }}
          />
        )}
      </Box>
    </Stack>
  );
}
