import { formatDate } from './format.ts';

/**
 * The data the forms print (Circular 01/2018/TT-VPCP, Mẫu 01–06): plain values, dates as
 * instants (printed in Vietnam time), no database types.
 */

/** The issuing unit, as printed in the heading. */
export interface Unit {
  /** e.g. "Bộ phận Một cửa" or "Ủy ban nhân dân phường Long Xuyên" (printed in upper case). */
  name: string;
  /** The governing body above it, e.g. "Ủy ban nhân dân phường Long Xuyên". */
  parentName?: string;
  address?: string;
  phone?: string;
  hotline?: string;
  email?: string;
  /** The public page for feedback and complaints (phản ánh, kiến nghị). */
  feedbackUrl?: string;
  /** Place name for the date line, e.g. "An Giang". */
  province: string;
}

export interface Applicant {
  fullName: string;
  /** Personal identification number (số định danh cá nhân / CCCD) or tax code. */
  idNumber?: string;
  address?: string;
  phone?: string;
  email?: string;
  /** The organisation the applicant submits for, if any. */
  organization?: string;
}

export interface ProcedureRef {
  code: string;
  name: string;
}

export interface Officer {
  fullName: string;
  title?: string;
}

/** How a document is presented: bản chính, bản sao có chứng thực, bản chụp, bản điện tử. */
export type DocumentForm = 'original' | 'certified_copy' | 'photocopy' | 'electronic';

export interface SubmittedDocument {
  name: string;
  form: DocumentForm;
  copies: number;
}

export type ReturnMethod = 'counter' | 'post' | 'online';

export interface Fee {
  name: string;
  /** In đồng; 0 prints as exempt. */
  amount: number;
  note?: string;
}

export interface FormBase {
  unit: Unit;
  /** The document number ("Số: …"); a blank to fill by hand when absent. */
  number?: string;
  /** The date on the place-and-date line. */
  issuedAt: Date;
}

export interface ReceiptData extends FormBase {
  dossierCode: string;
  /** Public tracking page of this dossier; the QR code encodes it. */
  trackingUrl: string;
  applicant: Applicant;
  procedure: ProcedureRef;
  documents: SubmittedDocument[];
  /** Number of sets (bộ). */
  sets: number;
  /** Time limit by law as the procedure states it: "05 ngày làm việc", "Trong ngày". */
  timeLimit: string;
  receivedAt: Date;
  dueAt: Date;
  returnMethod: ReturnMethod;
  /** Where the post delivers the result; defaults to the applicant's address. */
  returnAddress?: string;
  fees: Fee[];
  /** "Vào Sổ theo dõi hồ sơ, Quyển số …, Số thứ tự …". */
  logbook?: { book: string; entry: string | number };
  receiver: Officer;
  /** Copy line under the title, e.g. "Liên 1: Giao người nộp hồ sơ". */
  copyNote?: string;
}

export interface SupplementItem {
  document: string;
  /** The form it must be supplied in. */
  form: DocumentForm;
  note?: string;
}

export interface SupplementData extends FormBase {
  /** Absent when the dossier was not received (supplement at the counter). */
  dossierCode?: string;
  applicant: Applicant;
  procedure: ProcedureRef;
  /** Everything to complete, listed once. */
  items: SupplementItem[];
  reason: string;
  contact: { fullName: string; phone?: string };
  /** The guiding officer who signs. */
  guide: Officer;
}

export interface RefusalData extends FormBase {
  dossierCode?: string;
  applicant: Applicant;
  procedure: ProcedureRef;
  reason: string;
  signer: Officer;
  /** Signature title; default "NGƯỜI TIẾP NHẬN HỒ SƠ". */
  signerRole?: string;
}

export interface ApologyData extends FormBase {
  /** `unit` is the agency at fault, which issues and signs the apology. */
  dossierCode: string;
  applicant: Applicant;
  procedure: ProcedureRef;
  /** The agency that received the dossier, if not the issuing unit. */
  receivedBy?: string;
  receivedAt: Date;
  originalDueAt: Date;
  reason: string;
  newDueAt: Date;
  /** The head of the agency: title is e.g. "Chủ tịch"; capacity e.g. "TM. Ủy ban nhân dân". */
  signer: { fullName: string; title: string; capacity?: string };
}

/** Result of one step: trước hạn, đúng hạn, quá hạn, or still being processed. */
export type StepResult = 'early' | 'on_time' | 'late' | 'in_progress';

export interface ControlStep {
  /** Agency (or desk) handing the dossier over, and the one receiving it. */
  from: string;
  to: string;
  handedOverAt: Date;
  giver: string;
  receiver: string;
  result: StepResult;
  /** Deadline of the receiving agency's share of the time, if set. */
  stepDueAt?: Date;
  note?: string;
}

export interface ControlSheetData extends FormBase {
  dossierCode: string;
  /** Number of the receipt this sheet accompanies. */
  receiptNumber?: string;
  applicant: Applicant;
  procedure: ProcedureRef;
  leadAgency: string;
  coordinatingAgencies: string[];
  steps: ControlStep[];
}

export interface LogbookEntry {
  dossierCode: string;
  procedureName: string;
  sets: number;
  applicantName: string;
  applicantAddress?: string;
  applicantPhone?: string;
  leadAgency: string;
  receivedAt: Date;
  dueAt: Date;
  sentToAgencyAt?: Date;
  resultFromAgencyAt?: Date;
  returnedAt?: Date;
  /** Who signed for the result, when recorded electronically. */
  signedBy?: string;
  note?: string;
}

export interface LogbookData extends FormBase {
  /** First and last day of the period (both included). */
  period: { from: Date; to: Date };
  /** Book number (Quyển số). */
  book?: string;
  entries: LogbookEntry[];
}

export const DOCUMENT_FORM_LABEL: Record<DocumentForm, string> = {
  original: 'Bản chính',
  certified_copy: 'Bản sao có chứng thực',
  photocopy: 'Bản chụp',
  electronic: 'Bản điện tử',
};

export const STEP_RESULT_LABEL: Record<StepResult, string> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Quá hạn',
  in_progress: 'Đang xử lý',
};

/** "Bộ phận Một cửa Ủy ban nhân dân phường Long Xuyên": the unit named in running text. */
export function unitFullName(unit: Unit): string {
  return unit.parentName ? `${unit.name} ${unit.parentName}` : unit.name;
}

/** Mẫu 06 columns: heading, PDF width in points (landscape A4, 15 mm margins), Excel width. */
export const LOGBOOK_COLUMNS: ReadonlyArray<{ header: string; width: number; excelWidth: number }> = [
  { header: 'STT', width: 21, excelWidth: 6 },
  { header: 'Mã hồ sơ', width: 74, excelWidth: 28 },
  { header: 'Tên TTHC', width: 82, excelWidth: 40 },
  { header: 'Số lượng hồ sơ (bộ)', width: 30, excelWidth: 10 },
  { header: 'Tên cá nhân, tổ chức', width: 64, excelWidth: 26 },
  { header: 'Địa chỉ, số điện thoại', width: 80, excelWidth: 36 },
  { header: 'Cơ quan chủ trì giải quyết', width: 62, excelWidth: 28 },
  { header: 'Nhận hồ sơ (ngày)', width: 53, excelWidth: 17 },
  { header: 'Hẹn trả kết quả (ngày)', width: 53, excelWidth: 17 },
  { header: 'Chuyển hồ sơ đến cơ quan giải quyết (ngày)', width: 53, excelWidth: 17 },
  { header: 'Nhận kết quả từ cơ quan giải quyết (ngày)', width: 53, excelWidth: 17 },
  { header: 'Trả kết quả cho cá nhân, tổ chức (ngày)', width: 53, excelWidth: 17 },
  { header: 'Ký nhận', width: 34, excelWidth: 16 },
  { header: 'Ghi chú', width: 45, excelWidth: 26 },
];

export function logbookPeriodText(period: LogbookData['period']): string {
  return `Từ ngày ${formatDate(period.from)} đến ngày ${formatDate(period.to)}`;
}
