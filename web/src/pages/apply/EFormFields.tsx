import { Button, Fieldset, Group, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  type AddressAnswer,
  addressLine,
  type EFormField as EFormFieldDef,
  type EFormGroup,
  type FieldAnswer,
  type FormAnswers,
  type GroupAnswers,
} from '../../../../src/domain/applications/form';
import { provinceName } from '../../../../src/domain/applications/provinces';
import { useDivisions } from '../../api/applications';
import type { UploadedFile } from '../../api/files';
import { FileUpload } from '../../components/FileUpload';

export type ErrorMap = Record<string, string>;

const en = (lang: string) => lang.startsWith('en');
export const labelOf = (f: { label: string; labelEn?: string | undefined }, lang: string) =>
  en(lang) ? (f.labelEn ?? f.label) : f.label;
export const titleOf = (g: { title: string; titleEn?: string | undefined }, lang: string) =>
  en(lang) ? (g.titleEn ?? g.title) : g.title;

/** The DOM id of a field, so an error summary can link to it and focus can be moved there. */
export const fieldDomId = (path: string) => `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

interface FieldProps {
  field: EFormFieldDef;
  path: string;
  value: FieldAnswer;
  error: string | undefined;
  onChange: (value: FieldAnswer) => void;
  applicationId: string;
  files: UploadedFile[];
  onFilesUploaded: (files: UploadedFile[]) => void;
}

function AddressInput({ field, path, value, error, onChange }: FieldProps) {
  const { t, i18n } = useTranslation();
  const divisions = useDivisions();
  const v = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as AddressAnswer;
  const communes = v.province ? (divisions.data?.communes[v.province] ?? []) : [];
  const set = (patch: Partial<AddressAnswer>) => onChange({ ...v, ...patch });
  const id = fieldDomId(path);
  return (
    <Fieldset legend={`${labelOf(field, i18n.language)}${field.required ? ' *' : ''}`} variant="unstyled">
      <Stack gap="xs">
        <NativeSelect
          id={id}
          label={t('apply.address.province')}
          value={v.province ?? ''}
          onChange={(e) => set({ province: e.currentTarget.value, commune: '' })}
          data={[
            { value: '', label: t('apply.address.chooseProvince') },
            ...(divisions.data?.provinces ?? []).map((p) => ({ value: p.code, label: p.name })),
          ]}
          error={error && !v.province ? error : undefined}
        />
        {communes.length > 0 ? (
          <NativeSelect
            id={`${id}-commune`}
            label={t('apply.address.commune')}
            value={v.commune ?? ''}
            onChange={(e) => set({ commune: e.currentTarget.value })}
            data={[
              { value: '', label: t('apply.address.chooseCommune') },
              ...communes.map((c) => ({ value: c.name, label: c.name })),
            ]}
            error={error && v.province && !v.commune ? error : undefined}
          />
        ) : (
          <TextInput
            id={`${id}-commune`}
            label={t('apply.address.commune')}
            value={v.commune ?? ''}
            onChange={(e) => set({ commune: e.currentTarget.value })}
            error={error && v.province && !v.commune ? error : undefined}
          />
        )}
        <TextInput
          id={`${id}-street`}
          label={t('apply.address.street')}
          value={v.street ?? ''}
          autoComplete="street-address"
          onChange={(e) => set({ street: e.currentTarget.value })}
          error={error && v.province && v.commune ? error : undefined}
        />
      </Stack>
    </Fieldset>
  );
}

const AUTOCOMPLETE: Record<string, string> = { fullName: 'name', phone: 'tel', email: 'email' };

export function EFormField(props: FieldProps) {
  const { field, path, value, error, onChange, applicationId, files, onFilesUploaded } = props;
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const label = labelOf(field, lang);
  const description = en(lang) ? (field.helpEn ?? field.help) : field.help;
  const id = fieldDomId(path);
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  const common = {
    id,
    label,
    description,
    required: field.required,
    error,
    value: text,
    onChange: (e: { currentTarget: { value: string } }) => onChange(e.currentTarget.value),
  };
  switch (field.type) {
    case 'textarea':
      return <Textarea {...common} autosize minRows={3} />;
    case 'number':
      return <TextInput {...common} inputMode="decimal" />;
    case 'date':
      return <TextInput {...common} type="date" />;
    case 'idNumber':
      return <TextInput {...common} inputMode="numeric" maxLength={12} autoComplete="off" />;
    case 'phone':
      return <TextInput {...common} type="tel" inputMode="tel" autoComplete="tel" />;
    case 'email':
      return <TextInput {...common} type="email" autoComplete="email" />;
    case 'select':
      return (
        <NativeSelect
          {...common}
          data={[
            { value: '', label: '—' },
            ...(field.options ?? []).map((o) => ({ value: o.value, label: labelOf(o, lang) })),
          ]}
        />
      );
    case 'address':
      return <AddressInput {...props} />;
    case 'file': {
      const ids = Array.isArray(value) ? value : [];
      return (
        <div id={id}>
          <FileUpload
            label={label}
            purpose="application"
            applicationId={applicationId}
            value={files.filter((f) => ids.includes(f.id))}
            onChange={(next) => {
              onFilesUploaded(next);
              onChange(next.map((f) => f.id));
            }}
          />
        </div>
      );
    }
    default:
      return <TextInput {...common} autoComplete={AUTOCOMPLETE[field.id] ?? 'off'} />;
  }
}

interface GroupProps {
  group: EFormGroup;
  answers: FormAnswers;
  errors: ErrorMap;
  onChange: (answers: FormAnswers) => void;
  applicationId: string;
  files: UploadedFile[];
  onFilesUploaded: (files: UploadedFile[]) => void;
}

/** One group of the e-form; a repeatable group shows its rows with add and remove buttons. */
export function EFormGroupFields({
  group,
  answers,
  errors,
  onChange,
  applicationId,
  files,
  onFilesUploaded,
}: GroupProps) {
  const { t, i18n } = useTranslation();
  const raw = answers[group.id];
  const rows: GroupAnswers[] = group.repeatable
    ? Array.isArray(raw) && raw.length > 0
      ? raw
      : [{}]
    : [raw && !Array.isArray(raw) ? raw : {}];
  const setRow = (i: number, row: GroupAnswers) => {
    if (!group.repeatable) return onChange({ ...answers, [group.id]: row });
    const next = [...rows];
    next[i] = row;
    onChange({ ...answers, [group.id]: next });
  };
  const fieldsOf = (row: GroupAnswers, i: number) =>
    group.fields.map((field) => {
      const path = group.repeatable
        ? `answers.${group.id}.${i}.${field.id}`
        : `answers.${group.id}.${field.id}`;
      return (
        <EFormField
          key={field.id}
          field={field}
          path={path}
          value={row[field.id]}
          error={errors[path]}
          onChange={(v) => setRow(i, { ...row, [field.id]: v })}
          applicationId={applicationId}
          files={files}
          onFilesUploaded={onFilesUploaded}
        />
      );
    });
  if (!group.repeatable) return <Stack gap="sm">{fieldsOf(rows[0]!, 0)}</Stack>;
  return (
    <Stack gap="md">
      {rows.map((row, i) => (
        <Fieldset
          // Rows have no identity of their own: the index is what the answers use too.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          key={i}
          legend={t('apply.row', { title: titleOf(group, i18n.language), n: i + 1 })}
        >
          <Stack gap="sm">
            {fieldsOf(row, i)}
            {rows.length > 1 && (
              <Group justify="flex-end">
                <Button
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={16} aria-hidden />}
                  onClick={() => onChange({ ...answers, [group.id]: rows.filter((_, j) => j !== i) })}
                >
                  {t('apply.removeRow', { n: i + 1 })}
                </Button>
              </Group>
            )}
          </Stack>
        </Fieldset>
      ))}
      <Button
        variant="light"
        leftSection={<IconPlus size={16} aria-hidden />}
        onClick={() => onChange({ ...answers, [group.id]: [...rows, {}] })}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('apply.addRow')}
      </Button>
      {errors[`answers.${group.id}`] && (
        <div role="alert" style={{ color: 'var(--mantine-color-error)' }}>
          {errors[`answers.${group.id}`]}
        </div>
      )}
    </Stack>
  );
}

/** An answer as text, for the "check your answers" page. */
export function answerText(
  field: EFormFieldDef,
  value: FieldAnswer,
  lang: string,
  files: UploadedFile[],
): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field.type === 'select') {
    const option = field.options?.find((o) => o.value === value);
    return option ? labelOf(option, lang) : String(value);
  }
  if (field.type === 'file' && Array.isArray(value))
    return value.map((id) => files.find((f) => f.id === id)?.name ?? id).join(', ') || '—';
  if (typeof value === 'object' && !Array.isArray(value)) return addressLine(value, provinceName) || '—';
  return String(value);
}
