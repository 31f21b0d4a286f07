/**
 * Process definitions as data (after OpenCPS): steps with a role, a unit and a duration in working
 * hours, and actions between them with the effects they have. Zod-validated, versioned; a dossier
 * pins the version it was received under. See lint.ts for the checks run before one is saved.
 */
import { z } from 'zod';
import { ROLES } from '../access.ts';

export const ACTION_TYPES = [
  'assign',
  'forward',
  'request_supplement',
  'receive_supplement',
  'refuse',
  'extend',
  'transfer',
  'approve',
  'attach_result',
  'return',
  'withdraw',
  'cancel',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** What taking an action does besides moving the dossier. */
export const EFFECTS = [
  'pause_clock', // awaiting the applicant: the clock stops (Mẫu 02)
  'resume_clock', // supplement received: the clock runs again
  'request_fee', // a fee becomes payable
  'attach_result', // a result document is attached
  'notify_applicant', // the applicant is told (SMS / e-mail / Zalo, later issues)
  'hand_over', // liên thông: the dossier goes to another unit's queue
  'resolve', // the dossier is resolved (result ready): timeliness is fixed here
  'close', // the dossier leaves the workflow (returned, refused, withdrawn, cancelled)
  'extend_due', // apology and new appointment (Mẫu 04)
] as const;
export type Effect = (typeof EFFECTS)[number];

const code = z.string().regex(/^[a-z][a-z0-9_]{0,49}$/, 'mã bước: chữ thường, số, gạch dưới');

/** Where a step is done: the unit that received the dossier, or a named unit (liên thông). */
export const stepUnitSchema = z.union([z.literal('receiving'), z.object({ unitCode: z.string().min(1) })]);

export const stepSchema = z.object({
  code,
  name: z.string().min(1),
  role: z.enum(ROLES),
  unit: stepUnitSchema.default('receiving'),
  /** Share of the time limit for this step, in working hours (0 for instant steps). */
  durationHours: z.number().min(0).max(2920),
  /** A final step ends the workflow (returned / closed). */
  final: z.boolean().default(false),
});

export const actionSchema = z.object({
  type: z.enum(ACTION_TYPES),
  /** Steps it may be taken from ('*' = any non-final step). */
  from: z.union([z.literal('*'), z.array(code).min(1)]),
  /** Step it leads to; null = stays on the same step. */
  to: code.nullable(),
  /** Roles that may take it (at the step's unit); the applicant's own actions use 'citizen'. */
  roles: z.array(z.enum(ROLES)).min(1),
  effects: z.array(z.enum(EFFECTS)).default([]),
  label: z.string().min(1),
});

export const processDefinitionSchema = z.object({
  code,
  name: z.string().min(1),
  version: z.number().int().min(1),
  /** Applies to these procedure codes. */
  procedureCodes: z.array(z.string().min(1)).default([]),
  start: code,
  steps: z.array(stepSchema).min(2),
  actions: z.array(actionSchema).min(1),
  /** Supplement semantics: 'pause' = time already spent counts; 'restart' = the time limit starts again. */
  supplementMode: z.enum(['pause', 'restart']).default('pause'),
});
export type ProcessDefinition = z.infer<typeof processDefinitionSchema>;
export type ProcessStep = z.infer<typeof stepSchema>;
export type ProcessAction = z.infer<typeof actionSchema>;
