// The reception form's draft: its document rows and applicant, and the pure helpers that fill them.
import type { ApplicantInput, SubmittedForm } from '../../../api/dossiers';
import type { DocumentForm, ProcedureDetail } from '../../../api/public';
import type { ApplicantDraft } from '../../../components/ApplicantFields';
import { foldVietnamese } from '../../../../../src/domain/text';
import type { SlipItemDraft } from '../SlipModal';

export const SUBMITTED_FORMS: SubmittedForm[] = ['original', 'copy', 'certified_copy'];

export interface DocRow {
  checked: boolean;
  form: SubmittedForm;
  copies: number;
}

export type ApplicantState = ApplicantDraft;

export const EMPTY_APPLICANT: ApplicantState = {
  fullName: '',
  idNumber: '',
  phone: '',
  email: '',
  address: '',
  organization: '',
};

function defaultForm(form: DocumentForm): SubmittedForm {
  return form === 'copy' || form === 'certified_copy' ? form : 'original';
}

export function rowsFor(procedure: ProcedureDetail | undefined): DocRow[] {
  return (procedure?.documents ?? []).map((d) => ({
    checked: false,
    form: defaultForm(d.form),
    copies: Math.max(1, d.copies || 1),
  }));
}

/** "Thiếu: Giấy chứng sinh" → the document, its form taken from the procedure's checklist when found. */
export function missingItems(messages: string[], procedure: ProcedureDetail | undefined): SlipItemDraft[] {
  return messages.map((message) => {
    const document = message.replace(/^\s*(Thiếu|Missing)\s*:\s*/i, '').trim();
    const known = procedure?.documents.find((d) => foldVietnamese(d.name) === foldVietnamese(document));
    const form =
      known?.form === 'certified_copy' ? 'certified_copy' : known?.form === 'copy' ? 'photocopy' : 'original';
    return { document, form, note: '' };
  });
}

const APPLICANT_FIELDS = ['fullName', 'phone', 'email', 'address', 'organization'] as const;

/** The applicant fields still empty that the saved applicant would fill. */
export function fillableFrom(
  saved: ApplicantInput | null | undefined,
  current: ApplicantState,
): Partial<ApplicantState> {
  const patch: Partial<ApplicantState> = {};
  if (!saved) return patch;
  for (const key of APPLICANT_FIELDS) {
    const value = saved[key]?.trim();
    if (value && !current[key].trim()) patch[key] = value;
  }
  return patch;
}
