import { Button, Checkbox, Group, NativeSelect, TextInput } from '@mantine/core';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { useUnits } from '../../api/public';
import { REPORT_READERS } from '../../auth/roles';
import { todayInVietnam } from '../../lib/format';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
export type Preset = 'month' | 'lastMonth' | 'quarter' | 'year';

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The period of a preset, in Vietnam's calendar, up to its natural end (a running period counts up to now). */
export function presetPeriod(preset: Preset, today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  if (preset === 'year') return { from: `${y}-01-01`, to: `${y}-12-31` };
  if (preset === 'quarter') {
    const first = Math.floor((m - 1) / 3) * 3 + 1;
    return { from: `${y}-${pad(first)}-01`, to: `${y}-${pad(first + 2)}-${lastDay(y, first + 2)}` };
  }
  const [yy, mm] = preset === 'lastMonth' ? (m === 1 ? [y - 1, 12] : [y, m - 1]) : [y, m];
  return { from: `${yy}-${pad(mm)}-01`, to: `${yy}-${pad(mm)}-${lastDay(yy, mm)}` };
}

/** The first and last day of a month (YYYY-MM). */
export function monthPeriod(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: `${month}-01`, to: `${month}-${pad(lastDay(y, m))}` };
}

export interface ScopeQuery {
  unit: string;
  from: string;
  to: string;
  descendants: boolean;
}

/**
 * What a report screen is about: a unit the reader may read reports of, a period (with presets)
 * and whether the units below count. Shared by the report and the dashboard.
 */
export function useReportScope(initial: Preset = 'month') {
  const me = useMe().data;
  const allUnits = useUnits();
  const units = useMemo(() => {
    const names = new Map((allUnits.data ?? []).map((u) => [u.code, u.name]));
    const out = new Map<string, string>();
    for (const r of me?.roles ?? [])
      if (r.unitCode && r.capabilities.includes(REPORT_READERS))
        out.set(r.unitCode, r.unitName ?? names.get(r.unitCode) ?? r.unitCode);
    if (me?.roles.some((r) => r.role === 'system_admin'))
      for (const u of allUnits.data ?? []) out.set(u.code, u.name);
    return [...out].map(([code, name]) => ({ code, name }));
  }, [me, allUnits.data]);
  const [unitCode, setUnitCode] = useState('');
  const unit = units.some((u) => u.code === unitCode) ? unitCode : (units[0]?.code ?? '');
  const canDescend =
    Boolean(me?.roles.some((r) => r.unitCode === unit && r.includeDescendants)) ||
    Boolean(me?.roles.some((r) => r.role === 'system_admin'));
  const [period, setPeriod] = useState(() => presetPeriod(initial, todayInVietnam()));
  const [descendants, setDescendants] = useState(true);
  const validDates = DATE_RE.test(period.from) && DATE_RE.test(period.to);
  const ordered = validDates && period.from <= period.to;
  const query: ScopeQuery | null =
    unit && ordered
      ? { unit, from: period.from, to: period.to, descendants: canDescend && descendants }
      : null;
  return {
    units,
    unit,
    setUnitCode,
    canDescend,
    period,
    setPeriod,
    descendants,
    setDescendants,
    badPeriod: validDates && !ordered,
    query,
  };
}

export type ReportScopeState = ReturnType<typeof useReportScope>;

/** The unit, dates, presets and "with the units below" controls, with room for more (`children`). */
export function ReportScopeControls({ scope, children }: { scope: ReportScopeState; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <Group gap="md" align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('reports.unit')}
          data={scope.units.map((u) => ({ value: u.code, label: u.name }))}
          value={scope.unit}
          onChange={(e) => scope.setUnitCode(e.currentTarget.value)}
          data-testid="report-unit"
        />
        <TextInput
          type="date"
          label={t('reports.from')}
          value={scope.period.from}
          onChange={(e) => {
            const from = e.currentTarget.value;
            scope.setPeriod((p) => ({ ...p, from }));
          }}
          data-testid="report-from"
        />
        <TextInput
          type="date"
          label={t('reports.to')}
          value={scope.period.to}
          onChange={(e) => {
            const to = e.currentTarget.value;
            scope.setPeriod((p) => ({ ...p, to }));
          }}
          error={scope.badPeriod ? t('reports.badPeriod') : undefined}
          data-testid="report-to"
        />
        {children}
      </Group>
      <Group gap="xs" wrap="wrap">
        {(['month', 'lastMonth', 'quarter', 'year'] as const).map((p) => (
          <Button
            key={p}
            size="compact-sm"
            variant="light"
            onClick={() => scope.setPeriod(presetPeriod(p, todayInVietnam()))}
          >
            {t(`reports.preset.${p}`)}
          </Button>
        ))}
        {scope.canDescend && (
          <Checkbox
            ml="md"
            label={t('reports.descendants')}
            checked={scope.descendants}
            onChange={(e) => scope.setDescendants(e.currentTarget.checked)}
          />
        )}
      </Group>
    </>
  );
}
