// Working-time calendars of units (settings, holidays, make-up days) and their service days.
import { boolean, date, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

/** Working-time settings of a unit's calendar (a jurisdiction's root, or an override below it). */
export const calendarSettings = pgTable('calendar_settings', {
  unitId: uuid('unit_id').primaryKey(),
  settings: jsonb('settings').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Holidays and make-up working days, per unit (a root unit's rows are inherited by its subtree). */
export const calendarDays = pgTable(
  'calendar_days',
  {
    unitId: uuid('unit_id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: ['holiday', 'workday'] }).notNull(),
    name: text('name').notNull(),
    provisional: boolean('provisional').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.date] })],
);

/**
 * A unit's service days: "no-appointment days" (ngày không hẹn), when same-day procedures are
 * resolved while the citizen waits, and "no-writing days" (ngày không viết), when the officer fills
 * the forms from the citizen's profile and earlier dossiers and the citizen only signs.
 */
export const unitServiceDays = pgTable(
  'unit_service_days',
  {
    unitId: uuid('unit_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: ['no_appointment', 'no_writing'] }).notNull(),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.day, t.kind] })],
);
