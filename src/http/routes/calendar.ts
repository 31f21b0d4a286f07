import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Duration, parseInstant, toLocalIso } from '../../domain/calendar/index.ts';
import { badRequest } from '../../domain/errors.ts';
import { calendarForUnit, listCalendarDays } from '../../services/calendar.ts';
import type { ServiceContext } from '../../services/context.ts';
import { unitOrRoot } from '../../services/units.ts';
import { problemSchema } from './schemas.ts';
import { guardByTable } from '../authorization-table.ts';

const dayKindSchema = z.enum(['holiday', 'workday']);
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

const numberParam = (name: string) =>
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

export async function calendarRoutes(app: FastifyInstance, { ctx }: { ctx: ServiceContext }) {
  guardByTable(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/calendar/due',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Compute a due date in working time, with an explanation',
        description:
          'Give exactly one of workingDays, workingHours or sameDay=true. `from` is ISO 8601 (with an offset, or local time of the unit). Times come back in ISO 8601 with +07:00.',
        querystring: z.object({
          from: z.string().min(1, 'Cần thời điểm tiếp nhận (from)'),
          workingDays: numberParam('workingDays'),
          workingHours: numberParam('workingHours'),
          sameDay: z.enum(['true', 'false']).optional(),
          unit: z.string().max(40).optional(),
        }),
        response: {
          200: z.object({
            from: z.string(),
            effectiveStart: z.string(),
            dueAt: z.string(),
            workingMinutes: z.number(),
            unit: z.object({ code: z.string(), name: z.string() }),
            explanation: z.array(explanationEntrySchema),
          }),
          400: problemSchema,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const unit = await unitOrRoot(ctx.database.db, q.unit);
      const { calendar, settings } = await calendarForUnit(ctx.database.db, unit);
      const from = parseInstant(q.from, settings.timeZone);
      if (!from)
        throw badRequest('validation_failed', `from: không đọc được thời điểm "${q.from}"`, [
          { path: 'from', message: 'Thời điểm phải theo ISO 8601, ví dụ 2026-03-02T09:00:00+07:00' },
        ]);
      const given = [q.workingDays !== undefined, q.workingHours !== undefined, q.sameDay === 'true'].filter(
        Boolean,
      ).length;
      if (given !== 1)
        throw badRequest('validation_failed', 'Cần đúng một trong workingDays, workingHours, sameDay=true', [
          { path: 'workingDays', message: 'Cần đúng một trong workingDays, workingHours, sameDay=true' },
        ]);
      const duration: Duration =
        q.workingDays !== undefined
          ? { kind: 'workingDays', days: q.workingDays }
          : q.workingHours !== undefined
            ? { kind: 'workingHours', hours: q.workingHours }
            : { kind: 'sameDay' };
      const result = calendar.dueDate(from, duration);
      return {
        from: toLocalIso(result.from, settings.timeZone),
        effectiveStart: toLocalIso(result.effectiveStart, settings.timeZone),
        dueAt: toLocalIso(result.dueAt, settings.timeZone),
        workingMinutes: result.workingMinutes,
        unit: { code: unit.code, name: unit.name },
        explanation: result.explanation,
      };
    },
  );

  r.get(
    '/calendar/days',
    {
      schema: {
        tags: ['calendar'],
        summary: "A year's holidays and make-up working days of a unit (inherited from its jurisdiction)",
        querystring: z.object({
          year: z.coerce.number().int().min(2000).max(2100),
          unit: z.string().max(40).optional(),
        }),
        response: {
          200: z.object({
            unit: z.object({ code: z.string(), name: z.string() }),
            year: z.number(),
            settings: z.object({
              timeZone: z.string(),
              workingWeekdays: z.array(z.number()),
              sessions: z.array(z.object({ start: z.string(), end: z.string() })),
              sameDayCutoff: z.string(),
              mode: z.enum(['workingHours', 'calendarDays']),
            }),
            days: z.array(calendarDaySchema),
          }),
        },
      },
    },
    async (request) => {
      const unit = await unitOrRoot(ctx.database.db, request.query.unit);
      const { settings, days } = await listCalendarDays(ctx.database.db, unit, request.query.year);
      return {
        unit: { code: unit.code, name: unit.name },
        year: request.query.year,
        settings,
        days: days.map((d) => ({ ...d, provisional: d.provisional ?? false })),
      };
    },
  );
}
