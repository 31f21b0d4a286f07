/**
 * A dossier's state is derived, never stored as truth: `deriveDossierState` folds its ordered events
 * over the process definition it was received under. The dossier row in the database is only a
 * projection of this state (for lists and indexes).
 *
 * Which event sets what (effects are those of the definition's action the event was taken under):
 * - receive            receivedAt, receivingUnitCode = unitCode = payload.unitCode, step, dueAt = originalDueAt
 *                      (payload.dueAt, when recorded, wins over recomputing it with today's calendar)
 * - pause_clock        paused, pausedAt, status 'paused' (request_supplement, Mẫu 02)
 * - resume_clock       dueAt moved by the pause ('pause': the remaining time counts from the resume;
 *                      'restart': the whole time limit again), pausedMinutes, status back
 * - extend_due         appointmentAt = payload.newDueAt, extended (Mẫu 04); dueAt does NOT move
 * - resolve            resolvedAt (first time only), status 'resolved'
 * - attach_result      resultAttached (the action type or the effect)
 * - hand_over / a step at a named unit: unitCode (liên thông)
 * - assign             assigneeId = payload.assigneeId; a step change sets it to payload.assigneeId ?? null
 * - return             returnedAt, closedAt, status 'returned'
 * - recompute_due      dueAt = payload.dueAt (the calendar changed; appointmentAt follows unless extended)
 * - refuse / withdraw / cancel: closedAt, status 'refused' / 'withdrawn' / 'cancelled'
 */
import type { Duration, WorkingCalendar } from '../calendar/index.ts';
import { AppError } from '../errors.ts';
import type { Effect, ProcessDefinition } from '../workflow/definition.ts';
import { findStep, matchAction, REQUIRED_EFFECTS, stepBudgetMinutes } from '../workflow/graph.ts';
import { CLOSING_STATUS } from './status-actions.ts';
import { resolvedTimeliness } from './timeliness.ts';
import type { DossierEvent, DossierState, DossierStatus, StepRecord } from './types.ts';

// The state's shape lives with the other types (types.ts), so timeliness.ts can use it without a cycle.
export type { DossierState, StepRecord };

export interface DossierClock {
  calendar: WorkingCalendar;
  /** The procedure's time limit (from the version in force at reception). */
  duration: Duration;
  /** 'pause': time spent before a supplement request counts; 'restart': the limit starts again. */
  supplementMode: 'pause' | 'restart';
  /**
   * Compute every due date with this calendar, ignoring the dates recorded in the events: what the
   * due date would be had today's calendar been known at reception (to find dossiers whose due date
   * a calendar change moves).
   */
  ignoreRecordedDue?: boolean;
}

function invalidHistory(message: string): AppError {
  return new AppError(500, 'invalid_history', `Lịch sử hồ sơ không hợp lệ: ${message}`);
}

function payloadString(payload: Record<string, unknown>, key: string): string | null {
  const v = payload[key];
  return typeof v === 'string' && v.length > 0 ? v : null;
}

function later(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

/** Folds the ordered events (the first is `receive`) into the dossier's state. Pure. */
export function deriveDossierState(
  def: ProcessDefinition,
  events: readonly DossierEvent[],
  clock: DossierClock,
): DossierState {
  const { calendar, duration, supplementMode } = clock;
  const ordered = [...events].sort((a, b) => a.seq - b.seq);
  const first = ordered[0];
  if (!first) throw invalidHistory('không có sự kiện nào');
  if (first.type !== 'receive') throw invalidHistory('sự kiện đầu tiên phải là tiếp nhận (receive)');
  const receivingUnitCode = payloadString(first.payload, 'unitCode');
  if (!receivingUnitCode) throw invalidHistory('sự kiện tiếp nhận thiếu mã đơn vị (unitCode)');

  const receivedAt = first.at;
  // A due date recorded in the event is the one promised then: later calendar edits (a holiday
  // added afterwards) must not change what a past dossier was due, nor past reports.
  const recordedDue = clock.ignoreRecordedDue ? null : payloadString(first.payload, 'dueAt');
  const originalDueAt = recordedDue ? new Date(recordedDue) : calendar.dueAt(receivedAt, duration);
  const budgets = stepBudgetMinutes(def, calendar.elapsedWorkingMinutes(receivedAt, originalDueAt));
  const stepDeadline = (step: string, start: Date): Date => {
    const minutes = budgets.get(step) ?? 0;
    // An instant step (0 h) is due the same working day, or the next one after the cut-off
    // (paper received after 15:00 goes on the next working day).
    return minutes > 0
      ? calendar.addWorkingMinutes(start, minutes)
      : calendar.dueAt(start, { kind: 'sameDay' });
  };
  const unitOfStep = (step: string): string => {
    const s = findStep(def, step);
    return s && s.unit !== 'receiving' ? s.unit.unitCode : receivingUnitCode;
  };
  const openRecord = (
    step: string,
    unitCode: string,
    assigneeId: string | null,
    at: Date,
  ): StepRecord | null => {
    if (findStep(def, step)?.final) return null;
    return {
      step,
      unitCode,
      assigneeId,
      startedAt: at,
      endedAt: null,
      deadline: stepDeadline(step, at),
      timeliness: null,
    };
  };

  const startStep = first.step ?? def.start;
  const firstAssignee = payloadString(first.payload, 'assigneeId');
  const state: DossierState = {
    status: 'in_progress',
    step: startStep,
    unitCode: receivingUnitCode,
    receivingUnitCode,
    assigneeId: firstAssignee,
    receivedAt,
    originalDueAt,
    dueAt: originalDueAt,
    appointmentAt: originalDueAt,
    extended: false,
    paused: false,
    pausedAt: null,
    pausedMinutes: 0,
    resolvedAt: null,
    returnedAt: null,
    closedAt: null,
    resultAttached: false,
    supplementCount: 0,
    lastEventAt: receivedAt,
    steps: [],
  };
  let current = openRecord(startStep, receivingUnitCode, firstAssignee, receivedAt);
  if (current) state.steps.push(current);
  // Working minutes left to the step deadline when the clock stopped.
  let stepLeftAtPause = 0;

  const closeRecord = (at: Date) => {
    if (!current) return;
    current.endedAt = at;
    current.timeliness = resolvedTimeliness(at, current.deadline, calendar);
    current = null;
  };

  for (const event of ordered.slice(1)) {
    if (event.type === 'receive') throw invalidHistory('hồ sơ chỉ được tiếp nhận một lần');
    const at = event.at;
    if (event.type === 'recompute_due') {
      // The calendar changed: the due date in force moves, nothing else (the step stays).
      const moved = clock.ignoreRecordedDue ? null : payloadString(event.payload, 'dueAt');
      if (moved) {
        state.dueAt = new Date(moved);
        state.appointmentAt = state.extended ? later(state.appointmentAt, state.dueAt) : state.dueAt;
      }
      state.lastEventAt = at;
      continue;
    }
    const fromStep = state.step;
    const toStep = event.step ?? fromStep;
    const action = matchAction(def, fromStep, event.type, toStep);
    const effects = new Set<Effect>(action?.effects ?? REQUIRED_EFFECTS[event.type]);
    state.lastEventAt = at;

    // The clock.
    if (effects.has('resume_clock') && state.paused && state.pausedAt) {
      const pausedAt = state.pausedAt;
      state.pausedMinutes += calendar.elapsedWorkingMinutes(pausedAt, at);
      const recordedResumeDue = clock.ignoreRecordedDue ? null : payloadString(event.payload, 'dueAt');
      if (recordedResumeDue) {
        state.dueAt = new Date(recordedResumeDue);
        if (current)
          current.deadline =
            stepLeftAtPause > 0 ? calendar.addWorkingMinutes(at, stepLeftAtPause) : current.deadline;
      } else if (supplementMode === 'restart') {
        state.dueAt = calendar.dueAt(at, duration);
        if (current) current.deadline = stepDeadline(current.step, at);
      } else {
        const left = calendar.elapsedWorkingMinutes(pausedAt, state.dueAt);
        if (left > 0) state.dueAt = calendar.addWorkingMinutes(at, left);
        if (current && stepLeftAtPause > 0)
          current.deadline = calendar.addWorkingMinutes(at, stepLeftAtPause);
      }
      if (state.extended) {
        const left = calendar.elapsedWorkingMinutes(pausedAt, state.appointmentAt);
        const shifted = left > 0 ? calendar.addWorkingMinutes(at, left) : state.appointmentAt;
        state.appointmentAt = later(shifted, state.dueAt);
      } else {
        state.appointmentAt = state.dueAt;
      }
      state.paused = false;
      state.pausedAt = null;
    }
    if (effects.has('pause_clock') && !state.paused) {
      state.paused = true;
      state.pausedAt = at;
      state.supplementCount += 1;
      stepLeftAtPause = current ? calendar.elapsedWorkingMinutes(at, current.deadline) : 0;
    }
    if (effects.has('extend_due') || event.type === 'extend') {
      const text = payloadString(event.payload, 'newDueAt');
      const newDue = text ? new Date(text) : null;
      if (newDue && !Number.isNaN(newDue.getTime())) state.appointmentAt = newDue;
      state.extended = true;
    }

    // The result.
    if (effects.has('resolve') && !state.resolvedAt) state.resolvedAt = at;
    if (effects.has('attach_result') || event.type === 'attach_result') state.resultAttached = true;

    // Who holds it, where.
    if (event.type === 'assign') {
      state.assigneeId = payloadString(event.payload, 'assigneeId');
      if (current) current.assigneeId = state.assigneeId;
    }
    if (toStep !== fromStep) {
      const handedTo = event.type === 'transfer' ? payloadString(event.payload, 'unitCode') : null;
      closeRecord(at);
      state.step = toStep;
      state.unitCode = handedTo ?? unitOfStep(toStep);
      state.assigneeId = payloadString(event.payload, 'assigneeId');
      current = openRecord(toStep, state.unitCode, state.assigneeId, at);
      if (current) state.steps.push(current);
    }

    // The status.
    const closing: DossierStatus | undefined = Object.hasOwn(CLOSING_STATUS, event.type)
      ? CLOSING_STATUS[event.type as keyof typeof CLOSING_STATUS]
      : undefined;
    if (closing) {
      if (state.paused && state.pausedAt)
        state.pausedMinutes += calendar.elapsedWorkingMinutes(state.pausedAt, at);
      state.paused = false;
      state.pausedAt = null;
      state.status = closing;
      state.closedAt = at;
      if (closing === 'returned') state.returnedAt = at;
      closeRecord(at);
    } else {
      state.status = state.paused ? 'paused' : state.resolvedAt ? 'resolved' : 'in_progress';
    }
  }
  return state;
}
