/** The calendar context's operations: working time, holidays and make-up days, due dates. */
import { z } from 'zod';
import { localDateSchema, problemSchema, staffSecurity, unitQuery } from './common.ts';
import { defineContract, operation } from './operation.ts';

export const dayKindSchema = z.enum(['holiday', 'workday']);

/** One line of a due-date explanation (skipped weekend, holiday by name, the due moment). */
export const explanationEntrySchema = z.object({
  date: z.string(),
  kind: z.string(),
  name: z.string().optional(),
  text: z.string(),
  textEn: z.string(),
});

export const calendarDaySchema = z.object({
  date: z.string(),
  kind: dayKindSchema,
  name: z.string(),
  provisional: z.boolean(),
});

export const calendarDayInputSchema = z.object({
  kind: dayKindSchema,
  name: z.string().trim().min(1, 'Cần tên ngày').max(200),
  provisional: z.boolean().default(false),
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Giờ phải có dạng HH:MM');
export const calendarSettingsInputSchema = z.object({
  workingWeekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  sessions: z
    .array(z.object({ start: hhmm, end: hhmm }))
    .min(1)
    .max(4),
  sameDayCutoff: hhmm,
  mode: z.enum(['workingHours', 'calendarDays']),
});

const settingsSchema = z.object({
  timeZone: z.string(),
  workingWeekdays: z.array(z.number()),
  sessions: z.array(z.object({ start: z.string(), end: z.string() })),
  sameDayCutoff: z.string(),
  mode: z.enum(['workingHours', 'calendarDays']),
});

const nonNegativeNumber = (name: string) =>
  z
    .string()
    .optional()
    .transform((v, c) => {
      if (v === undefined || v === '') return undefined;
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) {
        c.addIssue({ code: 'custom', message: `${name} phải là số không âm` });
        return z.NEVER;
      }
      return n;
    });

const dayParams = z.object({ date: localDateSchema });
const unitRef = z.object({ code: z.string(), name: z.string() });

export const calendarContract = defineContract('calendar', {
  due: operation('GET /calendar/due', {
    summary: 'Compute a due date in working time, with an explanation',
    description:
      'Give exactly one of workingDays, workingHours or sameDay=true. `from` is ISO 8601 (with an offset, or local time of the unit). Times come back in ISO 8601 with +07:00.',
    querystring: z.object({
      from: z.string().min(1, 'Cần thời điểm tiếp nhận (from)'),
      workingDays: nonNegativeNumber('workingDays'),
      workingHours: nonNegativeNumber('workingHours'),
      sameDay: z.enum(['true', 'false']).optional(),
      unit: z.string().max(40).optional(),
    }),
    response: {
      200: z.object({
        from: z.string(),
        effectiveStart: z.string(),
        dueAt: z.string(),
        workingMinutes: z.number(),
        unit: unitRef,
        explanation: z.array(explanationEntrySchema),
      }),
      400: problemSchema,
    },
  }),
  days: operation('GET /calendar/days', {
    summary: "A year's holidays and make-up working days of a unit (inherited from its jurisdiction)",
    querystring: z.object({
      year: z.coerce.number().int().min(2000).max(2100),
      unit: z.string().max(40).optional(),
    }),
    response: {
      200: z.object({
        unit: unitRef,
        year: z.number(),
        settings: settingsSchema,
        days: z.array(calendarDaySchema),
      }),
    },
  }),
  putDay: operation('PUT /admin/calendar/days/:date', {
    summary: 'Add or change a holiday or make-up working day of a unit’s calendar',
    security: staffSecurity,
    params: dayParams,
    querystring: unitQuery,
    body: calendarDayInputSchema,
    response: { 200: calendarDaySchema, 400: problemSchema, 403: problemSchema },
  }),
  deleteDay: operation('DELETE /admin/calendar/days/:date', {
    summary: 'Remove a holiday or make-up working day',
    security: staffSecurity,
    params: dayParams,
    querystring: unitQuery,
    response: { 204: z.null(), 403: problemSchema, 404: problemSchema },
  }),
  putSettings: operation('PUT /admin/calendar/settings', {
    summary:
      'Set a unit’s working week, sessions, same-day cut-off and deadline mode (overrides its jurisdiction)',
    security: staffSecurity,
    querystring: unitQuery,
    body: calendarSettingsInputSchema,
    response: {
      200: calendarSettingsInputSchema.extend({ timeZone: z.string() }),
      400: problemSchema,
      403: problemSchema,
    },
  }),
});

export type CalendarDay = z.output<typeof calendarDaySchema>;
export type CalendarDayInput = z.output<typeof calendarDayInputSchema>;
export type CalendarSettingsInput = z.output<typeof calendarSettingsInputSchema>;
