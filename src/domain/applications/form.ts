/**
 * The online form of a procedure and the checking of a citizen's answers. Pure and free of zod, so
 * the citizen's browser runs the very same checks as the server without downloading a validator.
 *
 * Answers are kept by group then field: `{applicant: {fullName: "…"}, members: [{…}, {…}]}`
 * (a repeatable group holds an array). Every form starts with the applicant group: the dossier needs
 * the applicant whatever the procedure, and a procedure's own e-form adds its groups after it.
 */
import type { EFormDefinition } from '../catalog/eform.ts';
import { compactPhone, EMAIL_RE, ID_NUMBER_RE, isPhone } from '../contact.ts';
import { isProvinceCode } from './provinces.ts';

export type FormLocale = 'vi' | 'en';
export type EFormGroup = EFormDefinition['groups'][number];
export type EFormField = EFormGroup['fields'][number];

/** An address answer: province and commune chosen from lists, the rest typed. */
export interface AddressAnswer {
  province?: string;
  commune?: string;
  street?: string;
}
export type FieldAnswer = string | number | string[] | AddressAnswer | null | undefined;
export type GroupAnswers = Record<string, FieldAnswer>;
export type FormAnswers = Record<string, GroupAnswers | GroupAnswers[]>;

export interface FormError {
  /** `answers.<group>.<field>` or `answers.<group>.<row>.<field>` for a repeatable group. */
  path: string;
  message: string;
}

export const APPLICANT_GROUP: EFormGroup = {
  id: 'applicant',
  title: 'Thông tin người nộp hồ sơ',
  titleEn: 'Applicant',
  repeatable: false,
  fields: [
    { id: 'fullName', label: 'Họ và tên', labelEn: 'Full name', type: 'text', required: true },
    {
      id: 'idNumber',
      label: 'Số định danh cá nhân (CCCD)',
      labelEn: 'Personal ID number',
      type: 'idNumber',
      required: true,
    },
    { id: 'phone', label: 'Số điện thoại', labelEn: 'Phone number', type: 'phone', required: true },
    { id: 'email', label: 'E-mail', labelEn: 'E-mail', type: 'email', required: false },
    { id: 'address', label: 'Địa chỉ cư trú', labelEn: 'Address', type: 'address', required: true },
  ],
};

/** Ids of a procedure's own applicant group that mean the same as a standard field. */
const SAME_AS_STANDARD: Readonly<Record<string, string>> = { residence: 'address' };

/**
 * The form a citizen fills for a procedure: the applicant, then the procedure's own groups. A
 * procedure's own applicant group keeps its title and extra fields (e.g. relationship to the child)
 * after the standard ones. File fields are optional online: attachments are required against the
 * legal checklist of documents, so a required scan is never asked for twice.
 */
export function effectiveForm(eForm: EFormDefinition | null | undefined): EFormDefinition {
  const groups = eForm?.groups ?? [];
  const ownApplicant = groups.find((g) => g.id === APPLICANT_GROUP.id);
  const standardIds = new Set(APPLICANT_GROUP.fields.map((f) => f.id));
  const applicant: EFormGroup = ownApplicant
    ? {
        ...APPLICANT_GROUP,
        title: ownApplicant.title,
        titleEn: ownApplicant.titleEn ?? APPLICANT_GROUP.titleEn,
        fields: [
          ...APPLICANT_GROUP.fields,
          ...ownApplicant.fields.filter((f) => !standardIds.has(SAME_AS_STANDARD[f.id] ?? f.id)),
        ],
      }
    : APPLICANT_GROUP;
  const own = groups.filter((g) => g.id !== APPLICANT_GROUP.id);
  return {
    version: 1,
    groups: [applicant, ...own].map((g) => ({
      ...g,
      fields: g.fields.map((f) => (f.type === 'file' ? { ...f, required: false } : f)),
    })),
  };
}

const MESSAGES = {
  required: { vi: 'Không được để trống', en: 'This field is required' },
  idNumber: {
    vi: 'Số định danh cá nhân / CCCD gồm 12 chữ số (CMND cũ: 9 chữ số)',
    en: 'A personal ID number has 12 digits (old ID cards: 9)',
  },
  phone: { vi: 'Số điện thoại không hợp lệ (vd. 0912345678)', en: 'Invalid phone number (e.g. 0912345678)' },
  email: { vi: 'E-mail không hợp lệ', en: 'Invalid e-mail address' },
  number: { vi: 'Cần một số', en: 'Enter a number' },
  date: { vi: 'Ngày không hợp lệ (ngày/tháng/năm)', en: 'Invalid date' },
  option: { vi: 'Lựa chọn không hợp lệ', en: 'Choose one of the options' },
  province: { vi: 'Chọn tỉnh, thành phố', en: 'Choose a province or city' },
  commune: { vi: 'Chọn hoặc nhập xã, phường', en: 'Choose or type a commune or ward' },
  street: { vi: 'Nhập số nhà, đường, thôn/ấp', en: 'Enter house number, street or hamlet' },
  tooLong: { vi: 'Quá dài', en: 'Too long' },
  file: { vi: 'Cần đính kèm tệp', en: 'Attach a file' },
  rows: { vi: 'Cần ít nhất một dòng', en: 'Add at least one row' },
} as const;
type MessageKey = keyof typeof MESSAGES;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isBlank(value: FieldAnswer): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return !value.province && !value.commune && !value.street;
  return false;
}

function validDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** What is wrong with one answer (null: nothing). */
export function fieldProblem(field: EFormField, value: FieldAnswer): MessageKey | null {
  if (isBlank(value)) return field.required ? (field.type === 'file' ? 'file' : 'required') : null;
  switch (field.type) {
    case 'text':
    case 'textarea':
      return typeof value === 'string' && value.length <= (field.type === 'text' ? 500 : 5000)
        ? null
        : 'tooLong';
    case 'idNumber':
      return typeof value === 'string' && ID_NUMBER_RE.test(value.trim()) ? null : 'idNumber';
    case 'phone':
      return typeof value === 'string' && isPhone(value) ? null : 'phone';
    case 'email':
      return typeof value === 'string' && EMAIL_RE.test(value.trim()) ? null : 'email';
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
      return Number.isFinite(n) ? null : 'number';
    }
    case 'date':
      return typeof value === 'string' && validDate(value) ? null : 'date';
    case 'select':
      return typeof value === 'string' && (field.options ?? []).some((o) => o.value === value)
        ? null
        : 'option';
    case 'address': {
      if (typeof value !== 'object' || Array.isArray(value) || value === null) return 'street';
      if (!value.province || !isProvinceCode(value.province)) return 'province';
      if (!value.commune?.trim()) return 'commune';
      if (!value.street?.trim()) return 'street';
      return null;
    }
    case 'file':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? null : 'file';
  }
}

export function messageOf(key: MessageKey, locale: FormLocale): string {
  return MESSAGES[key][locale];
}

function rowsOf(group: EFormGroup, answers: FormAnswers): GroupAnswers[] {
  const raw = answers[group.id];
  if (group.repeatable) return Array.isArray(raw) ? raw : raw ? [raw] : [];
  return raw && !Array.isArray(raw) ? [raw] : [{}];
}

/** Checks one group's answers; used page by page on a phone and for the whole form on submit. */
export function validateGroup(
  group: EFormGroup,
  answers: FormAnswers,
  locale: FormLocale = 'vi',
): FormError[] {
  const errors: FormError[] = [];
  const rows = rowsOf(group, answers);
  if (group.repeatable && rows.length === 0 && group.fields.some((f) => f.required)) {
    errors.push({ path: `answers.${group.id}`, message: messageOf('rows', locale) });
  }
  rows.forEach((row, i) => {
    for (const field of group.fields) {
      const problem = fieldProblem(field, row[field.id]);
      if (!problem) continue;
      const path = group.repeatable
        ? `answers.${group.id}.${i}.${field.id}`
        : `answers.${group.id}.${field.id}`;
      errors.push({ path, message: messageOf(problem, locale) });
    }
  });
  return errors;
}

export function validateAnswers(
  form: EFormDefinition,
  answers: FormAnswers,
  locale: FormLocale = 'vi',
): FormError[] {
  return form.groups.flatMap((g) => validateGroup(g, answers, locale));
}

/** One line for an address answer, most precise part first, as Vietnamese addresses are written. */
export function addressLine(value: FieldAnswer, provinceName: (code: string) => string = (c) => c): string {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return typeof value === 'string' ? value : '';
  return [value.street?.trim(), value.commune?.trim(), value.province ? provinceName(value.province) : '']
    .filter(Boolean)
    .join(', ');
}

/** The applicant of the dossier, from the applicant group (answers already validated). */
export function applicantOf(
  answers: FormAnswers,
  provinceName?: (code: string) => string,
): { fullName: string; idNumber: string; phone: string; email?: string; address?: string } {
  const a = (answers.applicant && !Array.isArray(answers.applicant) ? answers.applicant : {}) as GroupAnswers;
  const text = (v: FieldAnswer) => (typeof v === 'string' ? v.trim() : '');
  const email = text(a.email);
  const address = addressLine(a.address, provinceName);
  return {
    fullName: text(a.fullName),
    idNumber: text(a.idNumber),
    phone: compactPhone(text(a.phone)),
    ...(email ? { email } : {}),
    ...(address ? { address } : {}),
  };
}

/** File ids referenced by `file` fields, for checking they belong to the application. */
export function fileIdsInAnswers(form: EFormDefinition, answers: FormAnswers): string[] {
  const ids: string[] = [];
  for (const group of form.groups) {
    for (const row of rowsOf(group, answers)) {
      for (const field of group.fields) {
        const v = row[field.id];
        if (field.type === 'file' && Array.isArray(v)) ids.push(...v);
      }
    }
  }
  return ids;
}
