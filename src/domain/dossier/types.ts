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

/** One row of the control sheet (Mẫu 05): a step as handled, with its own share of the time. */
export interface StepRecord {
  step: string;
  unitCode: string;
  assigneeId: string | null;
  startedAt: Date;
  endedAt: Date | null;
  /** start + the step's share of the time limit in working time, moved by pauses inside the step. */
  deadline: Date;
  /** Set when the step ended. */
  timeliness: Timeliness | null;
}

export interface DossierState {
  status: DossierStatus;
  /** Current step code. */
  step: string;
  /** Unit holding the dossier now (liên thông: another agency). */
  unitCode: string;
  receivingUnitCode: string;
  assigneeId: string | null;
  receivedAt: Date;
  /** Due date computed at reception. */
  originalDueAt: Date;
  /** Legal due date in force: pauses applied, never moved by an extension (a late dossier stays late). */
  dueAt: Date;
  /** Date promised to the applicant: dueAt, or the new date of an extension (Mẫu 04). */
  appointmentAt: Date;
  extended: boolean;
  paused: boolean;
  /** Start of the current pause (null when not paused). */
  pausedAt: Date | null;
  /** Working minutes spent paused, all pauses together (the current one up to now not included). */
  pausedMinutes: number;
  resolvedAt: Date | null;
  returnedAt: Date | null;
  closedAt: Date | null;
  resultAttached: boolean;
  /** Number of supplement requests (the law wants one, listing everything). */
  supplementCount: number;
  /** Time of the last event. */
  lastEventAt: Date;
  steps: StepRecord[];
}
