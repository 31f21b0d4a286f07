/** The hall screen of a unit's queue: who is called where, who was, how many wait. */
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { DisplayState } from '../../contracts/queue.ts';
import { queueCounters, queueTickets } from '../../db/schema.ts';
import { localDateOf, TIME_ZONE } from '../../domain/calendar/index.ts';
import type { TicketStatus } from '../../domain/queue/queue.ts';
import { requireUnit } from '../access/index.ts';
import type { ServiceContext } from '../platform/index.ts';
import { listQueueServices } from './queue.ts';

export type { DisplayState };

/** What the hall screen shows: who is called where, who was, how many wait for each service. */
export async function displayState(ctx: ServiceContext, unitCode: string): Promise<DisplayState> {
  const db = ctx.database.db;
  const unit = await requireUnit(db, unitCode, 'unitCode');
  const today = localDateOf(ctx.clock(), TIME_ZONE);
  const called = await db
    .select({ t: queueTickets, number: queueCounters.number, name: queueCounters.name })
    .from(queueTickets)
    .innerJoin(queueCounters, eq(queueCounters.id, queueTickets.counterId))
    .where(
      and(
        eq(queueTickets.unitId, unit.id),
        eq(queueTickets.localDate, today),
        isNotNull(queueTickets.calledAt),
      ),
    )
    .orderBy(desc(queueTickets.calledAt))
    .limit(40);
  const services = await listQueueServices(ctx, unitCode);
  const atCounters = called.filter((c) => c.t.status === 'called' || c.t.status === 'serving');
  return {
    unit: { code: unit.code, name: unit.name },
    calling: atCounters.map((c) => ({
      ticketId: c.t.id,
      label: c.t.label,
      counterNumber: c.number,
      counterName: c.name,
      status: c.t.status as TicketStatus,
      calledAt: c.t.calledAt!.toISOString(),
    })),
    recent: called
      .filter((c) => c.t.status === 'done' || c.t.status === 'no_show')
      .slice(0, 8)
      .map((c) => ({ label: c.t.label, counterNumber: c.number, status: c.t.status as TicketStatus })),
    waiting: services.map((s) => ({ serviceCode: s.code, name: s.name, waiting: s.waiting })),
  };
}
