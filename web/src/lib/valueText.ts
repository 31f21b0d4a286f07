import type { TFunction } from 'i18next';
import type { DocumentForm, OnlineLevel, ProcessingTime } from '../api/public';
import { formatMoney, formatProcessingTime } from './format';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Names for codes that appear in a version's changes (units, fields). */
export type CodeNames = Record<string, string>;

/** Human text for a before/after value in a procedure's version history. */
export function valueText(
  field: string,
  value: unknown,
  t: TFunction,
  lang: string,
  names: CodeNames = {},
): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'number') {
    return field.toLowerCase().includes('fee') || field === 'amount'
      ? formatMoney(value, lang)
      : String(value);
  }
  if (typeof value === 'string') {
    if (field === 'unitCodes' || field === 'fieldCode') return names[value] ?? value;
    if (field === 'onlineLevel') return t(`onlineLevel.${value as OnlineLevel}`, { defaultValue: value });
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    return value
      .map((item) => {
        if (field === 'levels' && typeof item === 'string')
          return `• ${t(`level.${item}`, { defaultValue: item })}`;
        return `• ${valueText(field, item, t, lang, names)}`;
      })
      .join('\n');
  }
  if (isRecord(value)) {
    if (typeof value.kind === 'string' && ['sameDay', 'workingDays', 'workingHours'].includes(value.kind)) {
      return formatProcessingTime(value as unknown as ProcessingTime, null, t);
    }
    if (typeof value.amount === 'number') {
      const money = value.amount === 0 ? t('procedure.free') : formatMoney(value.amount, lang);
      return value.condition ? `${money} (${String(value.condition)})` : money;
    }
    if (typeof value.name === 'string' && 'form' in value) {
      const form = t(`documentForm.${value.form as DocumentForm}`, { defaultValue: String(value.form) });
      const copies = typeof value.copies === 'number' ? value.copies : 1;
      return `${value.name} (${t('procedure.copiesCount', { count: copies })}, ${form})`;
    }
    if (typeof value.name === 'string') return value.name;
    return JSON.stringify(value, null, 2);
  }
  return String(value);
}
