// Statistics: per-dossier report marks, year/month/day roll-ups, activity roll-ups and index inputs.
import {
  bigint,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/** The report counters of src/domain/statistics/marks.ts, one column each (deltas in marks, sums in roll-ups). */
const markColumns = (type: 'smallint' | 'integer') => {
  const col = (name: string) => (type === 'smallint' ? smallint(name) : integer(name));
  return {
    receivedOnline: col('received_online').notNull().default(0),
    receivedCounter: col('received_counter').notNull().default(0),
    receivedPostal: col('received_postal').notNull().default(0),
    resolvedEarly: col('resolved_early').notNull().default(0),
    resolvedOnTime: col('resolved_on_time').notNull().default(0),
    resolvedLate: col('resolved_late').notNull().default(0),
    refused: col('refused').notNull().default(0),
    withdrawn: col('withdrawn').notNull().default(0),
    paused: col('paused').notNull().default(0),
    overdue: col('overdue').notNull().default(0),
  };
};

/**
 * What each dossier adds to the report counters, as changes at instants (its marks), kept in the
 * same transaction as its events: replaced when an event changes them, read for the part of a day
 * a running report covers.
 */
export const reportMarks = pgTable(
  'report_marks',
  {
    dossierId: uuid('dossier_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    unitId: uuid('unit_id').notNull(),
    procedureId: uuid('procedure_id').notNull(),
    ...markColumns('smallint'),
  },
  (t) => [primaryKey({ columns: [t.dossierId, t.at] }), index('report_marks_unit_at_idx').on(t.unitId, t.at)],
);

/**
 * The marks pre-added per receiving unit, procedure and local year, month or day (bucket = its
 * first day), updated with the marks: a report sums a few dozen buckets per unit. One table per
 * grain, so the few year rows a yearly report reads stay together (in one table with the millions
 * of day rows they were scattered over the heap and read block by block).
 */
const rollupTable = (name: 'report_rollups_y' | 'report_rollups_m' | 'report_rollups_d') =>
  pgTable(
    name,
    {
      unitId: uuid('unit_id').notNull(),
      bucket: date('bucket').notNull(),
      procedureId: uuid('procedure_id').notNull(),
      ...markColumns('integer'),
    },
    (t) => [primaryKey({ columns: [t.unitId, t.bucket, t.procedureId] })],
  );
export const reportRollupsYear = rollupTable('report_rollups_y');
export const reportRollupsMonth = rollupTable('report_rollups_m');
export const reportRollupsDay = rollupTable('report_rollups_d');

/**
 * Activity counters (src/domain/statistics/activity.ts) added per receiving unit, procedure, officer
 * and local year, month or day: what was done in a period (dossiers received and digitised, steps
 * finished on time, results returned by post, fees paid without cash, ratings) for the reports other
 * than form 06. Added once when the thing happens, never moved. `officer_id` is the zero UUID when
 * nobody here did it (imported history, a payment gateway).
 */
const activityTable = (name: 'report_activity_y' | 'report_activity_m' | 'report_activity_d') =>
  pgTable(
    name,
    {
      unitId: uuid('unit_id').notNull(),
      bucket: date('bucket').notNull(),
      procedureId: uuid('procedure_id').notNull(),
      officerId: uuid('officer_id').notNull(),
      received: integer('received').notNull().default(0),
      receivedOnline: integer('received_online').notNull().default(0),
      receivedPostal: integer('received_postal').notNull().default(0),
      receivedDigitized: integer('received_digitized').notNull().default(0),
      stepsEarly: integer('steps_early').notNull().default(0),
      stepsOnTime: integer('steps_on_time').notNull().default(0),
      stepsLate: integer('steps_late').notNull().default(0),
      resolved: integer('resolved').notNull().default(0),
      resultDigitized: integer('result_digitized').notNull().default(0),
      apologies: integer('apologies').notNull().default(0),
      supplementRequests: integer('supplement_requests').notNull().default(0),
      returnedCounter: integer('returned_counter').notNull().default(0),
      returnedPostal: integer('returned_postal').notNull().default(0),
      returnedOnline: integer('returned_online').notNull().default(0),
      paidCash: integer('paid_cash').notNull().default(0),
      paidCashless: integer('paid_cashless').notNull().default(0),
      paidCashAmount: bigint('paid_cash_amount', { mode: 'number' }).notNull().default(0),
      paidCashlessAmount: bigint('paid_cashless_amount', { mode: 'number' }).notNull().default(0),
      ratedVerySatisfied: integer('rated_very_satisfied').notNull().default(0),
      ratedSatisfied: integer('rated_satisfied').notNull().default(0),
      ratedNeutral: integer('rated_neutral').notNull().default(0),
      ratedNotSatisfied: integer('rated_not_satisfied').notNull().default(0),
    },
    (t) => [primaryKey({ columns: [t.unitId, t.bucket, t.procedureId, t.officerId] })],
  );
export const reportActivityYear = activityTable('report_activity_y');
export const reportActivityMonth = activityTable('report_activity_m');
export const reportActivityDay = activityTable('report_activity_d');

/**
 * Inputs of the service-quality index that the system cannot count (a survey, synchronisation with
 * the national portal), recorded by a person for a unit and period; every change is audited.
 */
export const reportIndexInputs = pgTable(
  'report_index_inputs',
  {
    unitId: uuid('unit_id').notNull(),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    indicator: text('indicator').notNull(),
    numerator: integer('numerator').notNull(),
    denominator: integer('denominator').notNull(),
    note: text('note'),
    recordedBy: uuid('recorded_by').notNull(),
    recordedByName: text('recorded_by_name').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.periodFrom, t.periodTo, t.indicator] })],
);
