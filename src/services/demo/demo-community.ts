/**
 * The demo's community side (issue 7 §6): a digital team with its assistant, and Long Xuyên's
 * service days (Wednesdays without appointment, Thursdays without writing) from last month to
 * three months ahead, so the public unit page and the reports have something true to show.
 * Idempotent: run at every start of a demo installation.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { digitalTeamMembers, digitalTeams, unitServiceDays, users } from '../../db/schema.ts';
import { DEMO_DIGITAL_TEAM, DEMO_SERVICE_WEEKDAYS } from '../../db/seed/demo-units.ts';
import { localDateOf, TIME_ZONE } from '../../domain/calendar/index.ts';
import { expandWeekdays, SERVICE_DAY_KINDS } from '../../domain/calendar/service-days.ts';
import { calendarForUnit } from '../calendar/index.ts';
import type { ServiceContext } from '../platform/index.ts';
import { findUnitByCode } from '../access/index.ts';

const DAY = 86_400_000;

export async function ensureDemoCommunity(ctx: ServiceContext): Promise<void> {
  const db = ctx.database.db;
  const unit = await findUnitByCode(db, DEMO_DIGITAL_TEAM.unitCode);
  if (!unit) return;
  await db
    .insert(digitalTeams)
    .values({
      id: uuidv7(),
      unitId: unit.id,
      name: DEMO_DIGITAL_TEAM.name,
      village: DEMO_DIGITAL_TEAM.village,
    })
    .onConflictDoNothing();
  const [team] = await db
    .select({ id: digitalTeams.id })
    .from(digitalTeams)
    .where(and(eq(digitalTeams.unitId, unit.id), eq(digitalTeams.name, DEMO_DIGITAL_TEAM.name)));
  const members = await db
    .select({ id: users.id })
    .from(users)
    .where(inArray(users.username, DEMO_DIGITAL_TEAM.members));
  if (team && members.length)
    await db
      .insert(digitalTeamMembers)
      .values(members.map((m) => ({ teamId: team.id, userId: m.id })))
      .onConflictDoNothing();

  const now = ctx.clock().getTime();
  const from = localDateOf(new Date(now - 31 * DAY), TIME_ZONE);
  const to = localDateOf(new Date(now + 92 * DAY), TIME_ZONE);
  const { calendar } = await calendarForUnit(db, unit);
  const closed = (d: string) => !calendar.isWorkingDay(d);
  const rows = SERVICE_DAY_KINDS.flatMap((kind) =>
    expandWeekdays(from, to, [DEMO_SERVICE_WEEKDAYS[kind]], closed).map((day) => ({
      unitId: unit.id,
      day,
      kind,
    })),
  );
  if (rows.length) await db.insert(unitServiceDays).values(rows).onConflictDoNothing();
}
