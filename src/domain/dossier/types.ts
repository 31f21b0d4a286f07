/**
 * A dossier's life is the ordered list of its events; everything else (status, step, clock,
 * timeliness) is derived from them by the pure functions in this folder.
 */
import type { ActionType } from '../workflow/definition.ts';

export const DOSSIER_STATUSES = [
  'in_progress', // received, being processed
  'paused', // waiting for the applicant's supplement (clock stopped)
  'resolved', // result ready (approved / result attached), not yet returned
  'returned', // result handed to the applicant (counter, post, online)
  'refused', // refused with reasons (Mẫu 03 during processing)
  'withdrawn', // withdrawn at the applicant's request
  'cancelled', // cancelled (entered by mistake)
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

/**
 * `recompute_due`: the due date moved because the working calendar changed after reception (a
 * holiday added or removed); recorded by the system with the new and previous dates and the reason.
 */
export type EventType = 'receive' | 'recompute_due' | ActionType;

export interface DossierEvent {
  seq: number; // 1, 2, 3… per dossier
  type: EventType;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  /** Step the dossier is at after the event. */
  step: string | null;
  payload: Record<string, unknown>;
}

export type Timeliness = 'early' | 'on_time' | 'late';
export type ProgressTimeliness = 'not_due' | 'due_soon' | 'overdue' | 'paused';
