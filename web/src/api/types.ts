export type UnitLevel = 'province' | 'district' | 'commune' | 'agency';
export type OnlineLevel = 'full' | 'partial' | 'counter';
export type ProcessingTimeKind = 'workingDays' | 'workingHours' | 'sameDay';
export type DocumentForm = 'original' | 'copy' | 'certified_copy' | 'original_or_copy';
export type ProcedureStatus = 'active' | 'retired';
export type Role =
  | 'citizen'
  | 'receptionist'
  | 'officer'
  | 'leader'
  | 'unit_admin'
  | 'system_admin'
  | 'auditor'
  | 'assistant';

/** Roles a staff account can be given (citizens register themselves). */
export const STAFF_ROLES: Role[] = [
  'receptionist',
  'officer',
  'leader',
  'unit_admin',
  'system_admin',
  'auditor',
  'assistant',
];

export const UNIT_LEVELS: UnitLevel[] = ['province', 'district', 'commune', 'agency'];

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface Field {
  code: string;
  name: string;
  nameEn: string;
  procedureCount: number;
}

export interface Unit {
  code: string;
  name: string;
  level: UnitLevel;
  parentCode: string | null;
  hasCounter: boolean;
  address: string | null;
  phone: string | null;
}

export interface ProcessingTime {
  kind: ProcessingTimeKind;
  value?: number;
}

export interface ProcedureSummary {
  code: string;
  name: string;
  field: { code: string; name: string };
  levels: string[];
  processingTime: ProcessingTime;
  processingTimeText: string | null;
  onlineLevel: OnlineLevel;
  feeFrom: number | null;
  status?: ProcedureStatus;
}

export interface Fee {
  amount: number;
  condition: string | null;
}

export interface ProcedureDocument {
  name: string;
  copies: number;
  form: DocumentForm;
  required: boolean;
  template: string | null;
}

export interface VersionChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface ProcedureVersion {
  number: number;
  effectiveFrom: string;
  changeNote: string | null;
  createdAt: string;
  /** True for the version in force today (a later one may be scheduled). */
  inForce?: boolean;
  changes: VersionChange[];
}

export interface ProcedureDetail extends ProcedureSummary {
  units: { code: string; name: string }[];
  fees: Fee[];
  feeNote: string | null;
  documents: ProcedureDocument[];
  conditions: string | null;
  postalSubmission: boolean;
  postalReturn: boolean;
  resultType: string | null;
  legalBasis: string[];
  steps: string[];
  implementingAgency: string | null;
  eForm: Record<string, unknown> | null;
  status: ProcedureStatus;
  /** Where the content was published (catalogue page, decision). */
  source?: string | null;
  /** Content keys that could not be confirmed from a source. */
  unconfirmed?: string[];
  version: { number: number; effectiveFrom: string };
  versions: ProcedureVersion[];
}

export interface AdminProcedureSummary extends ProcedureSummary {
  status: ProcedureStatus;
}

export interface ProcedureInput {
  code: string;
  name: string;
  fieldCode: string;
  levels: string[];
  unitCodes: string[];
  processingTime: ProcessingTime;
  processingTimeText?: string;
  fees: Fee[];
  feeNote?: string;
  documents: ProcedureDocument[];
  conditions?: string;
  onlineLevel: OnlineLevel;
  postalSubmission: boolean;
  postalReturn: boolean;
  resultType?: string;
  legalBasis: string[];
  steps: string[];
  implementingAgency?: string;
  eForm?: Record<string, unknown> | null;
  source?: string | null;
  unconfirmed?: string[];
}

export interface ProcedureAmendment extends ProcedureInput {
  effectiveFrom: string;
  changeNote: string;
}

export interface RoleAssignment {
  role: Role;
  unitCode: string | null;
  unitName?: string | null;
  includeDescendants: boolean;
}

export interface User {
  id: string;
  username: string;
  fullName: string;
  roles: RoleAssignment[];
}

export interface Me extends User {
  kind: 'staff' | 'citizen';
  /** The account's second factor (TOTP) is on. */
  totpEnabled?: boolean;
  /** A second factor is required of the account (administrators in production): enrol first. */
  totpRequired?: boolean;
}

export interface AdminUser extends User {
  kind: 'staff' | 'citizen';
  disabled: boolean;
  totpEnabled?: boolean;
}

export interface NewUserInput {
  username: string;
  password: string;
  fullName: string;
  roles: { role: Role; unitCode: string; includeDescendants?: boolean }[];
}

export interface UserPatch {
  fullName?: string;
  password?: string;
  disabled?: boolean;
  roles?: { role: Role; unitCode: string; includeDescendants?: boolean }[];
}
