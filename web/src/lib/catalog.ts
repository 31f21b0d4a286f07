import { useTranslation } from 'react-i18next';
import type { Field, Unit } from '../api/public';

/** Levels offered by the catalogue's "Cấp" filter (districts remain for historical procedures). */
export const LEVELS = ['province', 'district', 'commune'] as const;

/** Units as an indented tree, parents before children. */
export function unitOptions(units: Unit[]): { value: string; label: string }[] {
  const byParent = new Map<string | null, Unit[]>();
  const codes = new Set(units.map((u) => u.code));
  for (const unit of units) {
    const parent = unit.parentCode && codes.has(unit.parentCode) ? unit.parentCode : null;
    const list = byParent.get(parent) ?? [];
    list.push(unit);
    byParent.set(parent, list);
  }
  const out: { value: string; label: string }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const unit of byParent.get(parent) ?? []) {
      out.push({
        value: unit.code,
        label: `${'\u00a0\u00a0'.repeat(depth)}${depth ? '– ' : ''}${unit.name}`,
      });
      if (depth < 10) walk(unit.code, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function useFieldName(fields: Field[] | undefined): (code: string, fallback: string) => string {
  const { i18n } = useTranslation();
  return (code, fallback) => {
    const field = fields?.find((f) => f.code === code);
    if (!field) return fallback;
    return i18n.language === 'en' && field.nameEn ? field.nameEn : field.name;
  };
}
