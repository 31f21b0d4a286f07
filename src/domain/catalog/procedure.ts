/**
 * The catalog's shared schemas: a procedure's content as an administrator publishes it.
 * Imported by the server (validation) and the web app (types).
 */
import { z } from 'zod';
import type { Duration } from '../calendar/index.ts';
import { eFormDefinitionSchema } from './eform.ts';

export const UNIT_LEVELS = ['province', 'district', 'commune', 'agency'] as const;
export const unitLevelSchema = z.enum(UNIT_LEVELS);
export type UnitLevel = z.infer<typeof unitLevelSchema>;

export const ONLINE_LEVELS = ['full', 'partial', 'counter'] as const;
export const onlineLevelSchema = z.enum(ONLINE_LEVELS);

export const processingTimeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('workingDays'), value: z.number().positive().max(365) }),
  z.object({ kind: z.literal('workingHours'), value: z.number().positive().max(2920) }),
  z.object({ kind: z.literal('sameDay') }),
]);
export type ProcessingTime = z.infer<typeof processingTimeSchema>;

export const feeSchema = z.object({
  amount: z.number().int().min(0).max(1_000_000_000),
  condition: z.string().trim().max(2000).default(''),
});

export const DOCUMENT_FORMS = ['original', 'copy', 'certified_copy', 'original_or_copy'] as const;
export const requiredDocumentSchema = z.object({
  name: z.string().trim().min(1).max(1000),
  copies: z.number().int().min(0).max(100).default(1),
  form: z.enum(DOCUMENT_FORMS).default('original'),
  required: z.boolean().default(true),
  template: z
    .string()
    .trim()
    .max(500)
    .nullish()
    .transform((v) => v ?? null),
});

export const procedureCodeSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z._-]{1,39}$/, 'Mã thủ tục chỉ gồm chữ, số, dấu chấm, gạch (vd. 1.001193)');

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

/** The content of one version of a procedure. */
export const procedureContentSchema = z.object({
  name: z.string().trim().min(3).max(500),
  fieldCode: z.string().trim().min(1).max(20),
  levels: z.array(unitLevelSchema).min(1),
  unitCodes: z.array(z.string().trim().min(1)).default([]),
  processingTime: processingTimeSchema,
  processingTimeText: optionalText(2000),
  fees: z.array(feeSchema).max(50).default([]),
  feeNote: optionalText(2000),
  documents: z.array(requiredDocumentSchema).max(100).default([]),
  conditions: optionalText(5000),
  onlineLevel: onlineLevelSchema.default('counter'),
  postalSubmission: z.boolean().default(false),
  postalReturn: z.boolean().default(false),
  resultType: optionalText(1000),
  legalBasis: z.array(z.string().trim().min(1).max(1000)).max(50).default([]),
  steps: z.array(z.string().trim().min(1).max(1000)).max(50).default([]),
  implementingAgency: optionalText(500),
  eForm: eFormDefinitionSchema.nullish().transform((v) => v ?? null),
  /** Where the content was published (catalogue page, decision). */
  source: optionalText(2000),
  /** Content keys that could not be confirmed from a source, shown as such to readers. */
  unconfirmed: z.array(z.string().max(50)).max(30).default([]),
});
export type ProcedureContent = z.infer<typeof procedureContentSchema>;

export const procedureCreateSchema = procedureContentSchema.extend({
  code: procedureCodeSchema,
  effectiveFrom: z.iso.date().optional(),
  changeNote: optionalText(2000),
});
export type ProcedureCreateInput = z.input<typeof procedureCreateSchema>;

export const procedureAmendSchema = procedureContentSchema.extend({
  code: procedureCodeSchema.optional(),
  effectiveFrom: z.iso.date(),
  changeNote: z.string().trim().min(1).max(2000),
});

export interface ContentChange {
  field: keyof ProcedureContent;
  before: unknown;
  after: unknown;
}

/** What changed between two versions, field by field, for the public "what changed" list. */
export function diffProcedureContent(before: ProcedureContent, after: ProcedureContent): ContentChange[] {
  const changes: ContentChange[] = [];
  for (const key of Object.keys(procedureContentSchema.shape) as (keyof ProcedureContent)[]) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      changes.push({ field: key, before: before[key] ?? null, after: after[key] ?? null });
    }
  }
  return changes;
}

/** The lowest fee a citizen may pay (null when the procedure is free). */
export function lowestFee(content: Pick<ProcedureContent, 'fees'>): number | null {
  if (content.fees.length === 0) return null;
  return Math.min(...content.fees.map((f) => f.amount));
}

/** A procedure's time limit as the calendar counts it. */
export function durationOf(time: ProcessingTime): Duration {
  if (time.kind === 'workingDays') return { kind: 'workingDays', days: time.value };
  if (time.kind === 'workingHours') return { kind: 'workingHours', hours: time.value };
  return { kind: 'sameDay' };
}
