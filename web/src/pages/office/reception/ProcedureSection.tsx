// The reception form's first section: the receiving unit and the procedure picker, with its catalog search.
import {
  type ComboboxItem,
  NativeSelect,
  type OptionsFilter,
  Paper,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type Ref, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { publicKeys, searchProcedures, type useProcedure } from '../../../api/public';
import { QueryError } from '../../../components/common';
import { foldVietnamese } from '../../../../../src/domain/text';

/** Matches shown while typing: few enough to need no scrolling (a scrolled list is hard to reach). */
const PICKER_SIZE = 8;

/**
 * The catalog of the unit, searched as the receptionist types (not while the box shows the choice), with
 * the picker's options (the chosen procedure kept among them) and its filter.
 */
export function useProcedureCatalog({
  unit,
  search,
  debouncedSearch,
  selectedLabel,
  procedureCode,
}: {
  unit: string;
  search: string;
  debouncedSearch: string;
  selectedLabel: string;
  procedureCode: string | null;
}) {
  const q = debouncedSearch === selectedLabel ? '' : debouncedSearch.trim();
  const catalog = useQuery({
    queryKey: publicKeys.procedures({ q, unit, pageSize: PICKER_SIZE }),
    queryFn: ({ signal }) => searchProcedures({ q: q || undefined, unit, pageSize: PICKER_SIZE }, signal),
    enabled: Boolean(unit),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });

  // While the server has not answered for what is typed, narrow the list already shown, so that a
  // quick Enter takes a matching procedure; once it has, keep its ranking (it also finds misspellings).
  const fresh = !catalog.isPlaceholderData && !catalog.isFetching && q === search.trim();
  const filterOptions: OptionsFilter = ({ options: all, search: typed }) => {
    const items = all as ComboboxItem[];
    if (typed === selectedLabel) return items;
    const words = foldVietnamese(typed).split(/\s+/).filter(Boolean);
    if (words.length === 0) return items;
    const local = items.filter((o) => {
      const label = foldVietnamese(o.label);
      return words.every((w) => label.includes(w));
    });
    if (fresh) return [...local, ...items.filter((o) => !local.includes(o))];
    return local.length > 0 ? local : items;
  };

  const options = useMemo(() => {
    const list = (catalog.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.code} · ${p.name}` }));
    if (procedureCode && selectedLabel && !list.some((o) => o.value === procedureCode)) {
      list.unshift({ value: procedureCode, label: selectedLabel });
    }
    return list;
  }, [catalog.data, procedureCode, selectedLabel]);

  return { catalog, options, filterOptions };
}

export function ProcedureSection({
  receivingUnits,
  unit,
  onUnitChange,
  pickerRef,
  picker: { catalog, options, filterOptions },
  procedure,
  procedureCode,
  search,
  onSearchChange,
  onProcedureChange,
  errors,
}: {
  receivingUnits: { code: string; name: string }[];
  unit: string;
  onUnitChange: (unitCode: string) => void;
  pickerRef: Ref<HTMLInputElement>;
  picker: ReturnType<typeof useProcedureCatalog>;
  procedure: ReturnType<typeof useProcedure>;
  procedureCode: string | null;
  search: string;
  onSearchChange: (search: string) => void;
  onProcedureChange: (value: string | null, label: string) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="proc-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="proc-title">
          {t('reception.procedureSection')}
        </Title>
        {receivingUnits.length > 1 ? (
          <NativeSelect
            label={t('reception.unit')}
            data={receivingUnits.map((u) => ({ value: u.code, label: u.name }))}
            value={unit}
            onChange={(e) => onUnitChange(e.currentTarget.value)}
            error={errors.unitCode}
            data-testid="reception-unit"
          />
        ) : (
          receivingUnits[0] && (
            <Text size="sm">
              {t('reception.unit')}:{' '}
              <Text span fw={600}>
                {receivingUnits[0].name}
              </Text>
            </Text>
          )
        )}
        <Select
          ref={pickerRef}
          label={t('reception.procedure')}
          description={t('reception.procedureHelp')}
          placeholder={t('reception.procedurePlaceholder')}
          required
          searchable
          data={options}
          value={procedureCode}
          searchValue={search}
          onSearchChange={onSearchChange}
          onChange={(value, option) => onProcedureChange(value, option?.label ?? '')}
          filter={filterOptions}
          selectFirstOptionOnChange
          allowDeselect={false}
          nothingFoundMessage={catalog.isFetching ? t('common.loading') : t('common.nothingFound')}
          withScrollArea={false}
          error={errors.procedureCode || undefined}
          comboboxProps={{ withinPortal: true }}
          data-testid="procedure-picker"
        />
        {catalog.isError && <QueryError error={catalog.error} onRetry={() => catalog.refetch()} />}
        {procedure.isError && <QueryError error={procedure.error} />}
      </Stack>
    </Paper>
  );
}
