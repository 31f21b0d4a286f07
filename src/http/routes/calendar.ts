import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Duration, parseInstant, toLocalIso } from '../../domain/calendar/index.ts';
import { badRequest } from '../../domain/errors.ts';
import { calendarForUnit, listCalendarDays } from '../../services/calendar/index.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import { unitOrRoot } from '../../services/access/index.ts';
import { calendarContract } from '../../contracts/calendar.ts';
import { guardByTable } from '../authorization-table.ts';

export async function calendarRoutes(app: FastifyInstance, { ctx }: { ctx: ServiceContext }) {
  guardByTable(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(calendarContract.due.path, { schema: calendarContract.due.schema }, async (request) => {
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
  });

  r.get(calendarContract.days.path, { schema: calendarContract.days.schema }, async (request) => {
    const unit = await unitOrRoot(ctx.database.db, request.query.unit);
    const { settings, days } = await listCalendarDays(ctx.database.db, unit, request.query.year);
    return {
      unit: { code: unit.code, name: unit.name },
      year: request.query.year,
      settings,
      days: days.map((d) => ({ ...d, provisional: d.provisional ?? false })),
    };
  });
}
