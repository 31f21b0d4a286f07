// The procedure editor's form state: its shape, how it is filled from a procedure and sent back, and where errors show.
import type { ProcedureInput } from '../../../api/admin';
import type {
  DocumentForm,
  OnlineLevel,
  ProcedureDetail,
  ProcessingTimeKind,
  UnitLevel,
} from '../../../api/public';
import { todayInVietnam } from '../../../lib/format';

export type Num = number | '';

export interface FeeRow {
  amount: Num;
  condition: string;
}

export interface DocRow {
  name: string;
  copies: Num;
  form: DocumentForm;
  required: boolean;
  template: string;
}

export interface FormState {
  code: string;
  name: string;
  fieldCode: string;
  levels: string[];
  unitCodes: string[];
  ptKind: ProcessingTimeKind;
  ptValue: Num;
  processingTimeText: string;
  fees: FeeRow[];
  feeNote: string;
  documents: DocRow[];
  conditions: string;
  onlineLevel: OnlineLevel;
  postalSubmission: boolean;
  postalReturn: boolean;
  resultType: string;
  legalBasis: string;
  steps: string;
  implementingAgency: string;
  effectiveFrom: string;
  changeNote: string;
}

export const DOCUMENT_FORMS: DocumentForm[] = ['original', 'copy', 'certified_copy', 'original_or_copy'];
export const ONLINE_LEVELS: OnlineLevel[] = ['full', 'partial', 'counter'];
export const PT_KINDS: ProcessingTimeKind[] = ['workingDays', 'workingHours', 'sameDay'];

export function emptyForm(): FormState {
  return {
    code: '',
    name: '',
    fieldCode: '',
    levels: ['commune'],
    unitCodes: [],
    ptKind: 'workingDays',
    ptValue: 5,
    processingTimeText: '',
    fees: [],
    feeNote: '',
    documents: [{ name: '', copies: 1, form: 'original', required: true, template: '' }],
    conditions: '',
    onlineLevel: 'partial',
    postalSubmission: false,
    postalReturn: false,
    resultType: '',
    legalBasis: '',
    steps: '',
    implementingAgency: '',
    effectiveFrom: todayInVietnam(),
    changeNote: '',
  };
}

export function fromDetail(p: ProcedureDetail): FormState {
  return {
    code: p.code,
    name: p.name,
    fieldCode: p.field.code,
    levels: p.levels,
    unitCodes: p.units.map((u) => u.code),
    ptKind: p.processingTime.kind,
    ptValue: 'value' in p.processingTime ? p.processingTime.value : '',
    processingTimeText: p.processingTimeText ?? '',
    fees: p.fees.map((f) => ({ amount: f.amount, condition: f.condition ?? '' })),
    feeNote: p.feeNote ?? '',
    documents: p.documents.map((d) => ({
      name: d.name,
      copies: d.copies,
      form: d.form,
      required: d.required,
      template: d.template ?? '',
    })),
    conditions: p.conditions ?? '',
    onlineLevel: p.onlineLevel,
    postalSubmission: p.postalSubmission,
    postalReturn: p.postalReturn,
    resultType: p.resultType ?? '',
    legalBasis: p.legalBasis.join('\n'),
    steps: p.steps.join('\n'),
    implementingAgency: p.implementingAgency ?? '',
    effectiveFrom: todayInVietnam(),
    changeNote: '',
  };
}

const opt = (value: string) => (value.trim() ? value.trim() : undefined);
const lines = (value: string) =>
  value
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
// An empty number is sent as null so that the server names the field in its validation error.
const num = (value: Num) => (value === '' ? (null as unknown as number) : value);

/** Content the form does not edit (e-form, source, unconfirmed list) is carried over unchanged. */
export function toInput(form: FormState, existing: ProcedureDetail | undefined): ProcedureInput {
  return {
    code: form.code.trim(),
    name: form.name.trim(),
    fieldCode: form.fieldCode,
    levels: form.levels as UnitLevel[], // the boxes are UNIT_LEVELS
    unitCodes: form.unitCodes,
    processingTime:
      form.ptKind === 'sameDay' ? { kind: 'sameDay' } : { kind: form.ptKind, value: num(form.ptValue) },
    processingTimeText: opt(form.processingTimeText),
    fees: form.fees.map((f) => ({ amount: num(f.amount), condition: f.condition.trim() })),
    feeNote: opt(form.feeNote),
    documents: form.documents.map((d) => ({
      name: d.name.trim(),
      copies: num(d.copies),
      form: d.form,
      required: d.required,
      template: opt(d.template) ?? null,
    })),
    conditions: opt(form.conditions),
    onlineLevel: form.onlineLevel,
    postalSubmission: form.postalSubmission,
    postalReturn: form.postalReturn,
    resultType: opt(form.resultType),
    legalBasis: lines(form.legalBasis),
    steps: lines(form.steps),
    implementingAgency: opt(form.implementingAgency),
    ...(existing
      ? {
          eForm: existing.eForm as ProcedureInput['eForm'],
          source: existing.source ?? null,
          unconfirmed: existing.unconfirmed ?? [],
        }
      : {}),
  };
}

/** The first error at `path` or below it (`legalBasis` also shows `legalBasis.2`). */
export function errorAt(errors: Record<string, string>, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const key = Object.keys(errors).find((k) => k.startsWith(`${path}.`));
  return key ? errors[key] : undefined;
}

export const SHOWN_PATHS = [
  'code',
  'name',
  'fieldCode',
  'levels',
  'unitCodes',
  'processingTime',
  'processingTimeText',
  'fees',
  'feeNote',
  'documents',
  'conditions',
  'onlineLevel',
  'postalSubmission',
  'postalReturn',
  'resultType',
  'legalBasis',
  'steps',
  'implementingAgency',
  'effectiveFrom',
  'changeNote',
];
