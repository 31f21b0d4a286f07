/**
 * Community digital technology teams (issue 7 §6): volunteers of a village who submit online
 * dossiers for citizens (role `assistant`), recording the citizen's consent. The team and the
 * consent stay on the application, so the dossier shows who assisted and the reports count
 * assisted submissions per team and village.
 */
import type { AssistedView } from '../../contracts/staff.ts';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { TeamInput } from '../../contracts/community.ts';
import { type Db, rowsOf } from '../../db/client.ts';
import {
  digitalTeamMembers,
  digitalTeams,
  onlineApplications,
  units,
  userRoles,
  users,
} from '../../db/schema.ts';
import { hasRole } from '../../domain/access.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import type { AssistedCounts } from '../../domain/statistics/table-reports.ts';
import { appendAudit } from '../platform/index.ts';
import { type Actor, inTransaction, type RequestMeta, type ServiceContext } from '../platform/index.ts';
import { requireUnit, type UnitRow, rolesAt } from '../access/index.ts';
import { type AssistInput, assistInputSchema, CONSENT_METHODS } from '../../contracts/applications.ts';

// The assist input is part of the applications contract (starting an application); re-exported here.
export { type AssistInput, assistInputSchema, CONSENT_METHODS };

const TEAM_MANAGERS = ['leader', 'unit_admin', 'system_admin'] as const;

/** How the citizen agreed that the assistant submits for them. */
export const CONSENT_NAMES: Record<(typeof CONSENT_METHODS)[number], string> = {
  signed_form: 'Người dân ký giấy đồng ý',
  in_person: 'Người dân trực tiếp đồng ý, có mặt khi nộp',
};

export interface AssistConsent {
  fullName: string;
  idNumber: string;
  phone: string;
  method: (typeof CONSENT_METHODS)[number];
  fileId?: string;
  note?: string;
  recordedAt: string;
}

/** The shape is the staff contract's (shown on dossiers and applications). */
export type { AssistedView };

export const isAssistant = (actor: Actor) => actor.kind === 'staff' && hasRole(actor.grants, ['assistant']);

/** The team the assistant submits for: the one named, else their only (or first) team. */
/** The teams a user belongs to, by name. */
function teamsOf(db: Db, userId: string) {
  return db
    .select({
      id: digitalTeams.id,
      unitId: digitalTeams.unitId,
      name: digitalTeams.name,
      village: digitalTeams.village,
    })
    .from(digitalTeamMembers)
    .innerJoin(digitalTeams, eq(digitalTeams.id, digitalTeamMembers.teamId))
    .where(eq(digitalTeamMembers.userId, userId))
    .orderBy(asc(digitalTeams.name));
}

export async function assistantTeam(db: Db, actor: Actor, teamId?: string) {
  const teams = await teamsOf(db, actor.id);
  const team = teamId ? teams.find((t) => t.id === teamId) : teams[0];
  if (!team)
    throw new AppError(
      403,
      teamId ? 'not_team_member' : 'no_team',
      teamId
        ? 'Tài khoản không thuộc tổ công nghệ số cộng đồng đã chọn'
        : 'Tài khoản chưa thuộc tổ công nghệ số cộng đồng nào: liên hệ UBND xã để được thêm vào tổ',
    );
  return team;
}

/** The teams the assistant belongs to (to choose from when several). */
export async function myTeams(ctx: ServiceContext, actor: Actor) {
  return (await teamsOf(ctx.database.db, actor.id)).map(({ id, name, village }) => ({ id, name, village }));
}

/** Who assisted an application (null when the citizen submitted it alone). */
export async function assistedViewOf(
  db: Db,
  row: { assistedBy: string | null; assistTeamId: string | null; assistConsent: unknown },
): Promise<AssistedView | null> {
  if (!row.assistedBy || !row.assistTeamId) return null;
  const [found] = await db
    .select({
      username: users.username,
      fullName: users.fullName,
      teamName: digitalTeams.name,
      village: digitalTeams.village,
      unitCode: units.code,
    })
    .from(users)
    .innerJoin(digitalTeams, eq(digitalTeams.id, row.assistTeamId))
    .innerJoin(units, eq(units.id, digitalTeams.unitId))
    .where(eq(users.id, row.assistedBy));
  if (!found) return null;
  const c = row.assistConsent as AssistConsent;
  return {
    assistant: { username: found.username, fullName: found.fullName },
    team: { id: row.assistTeamId, name: found.teamName, village: found.village, unitCode: found.unitCode },
    citizen: { fullName: c.fullName, idNumber: c.idNumber, phone: c.phone },
    consent: {
      method: c.method,
      methodName: CONSENT_NAMES[c.method] ?? c.method,
      recordedAt: c.recordedAt,
      fileId: c.fileId ?? null,
      note: c.note ?? null,
    },
  };
}

/** Who assisted the online application a dossier came from. */
export async function assistedViewOfDossier(db: Db, dossierId: string): Promise<AssistedView | null> {
  const [row] = await db
    .select({
      assistedBy: onlineApplications.assistedBy,
      assistTeamId: onlineApplications.assistTeamId,
      assistConsent: onlineApplications.assistConsent,
    })
    .from(onlineApplications)
    .where(eq(onlineApplications.dossierId, dossierId))
    .limit(1);
  return row ? assistedViewOf(db, row) : null;
}

// ---------------------------------------------------------------- managing the teams

async function requireManager(db: Db, actor: Actor, unit: UnitRow) {
  const roles = await rolesAt(db, actor.grants, unit.id);
  if (!TEAM_MANAGERS.some((r) => roles.has(r)))
    throw new AppError(
      403,
      'forbidden',
      `Chỉ lãnh đạo, quản trị của ${unit.name} được quản lý tổ công nghệ số`,
    );
}

export interface TeamView {
  id: string;
  name: string;
  village: string;
  unit: { code: string; name: string };
  members: Array<{ username: string; fullName: string; phone: string | null }>;
}

export async function listTeams(ctx: ServiceContext, actor: Actor, unitCode: string): Promise<TeamView[]> {
  const db = ctx.database.db;
  const unit = await requireUnit(db, unitCode, 'unit');
  const roles = await rolesAt(db, actor.grants, unit.id);
  if (!roles.size) throw new AppError(403, 'forbidden', `Không có quyền xem các tổ của ${unit.name}`);
  const teams = await db
    .select()
    .from(digitalTeams)
    .where(eq(digitalTeams.unitId, unit.id))
    .orderBy(asc(digitalTeams.name));
  const members = teams.length
    ? await db
        .select({
          teamId: digitalTeamMembers.teamId,
          username: users.username,
          fullName: users.fullName,
          phone: users.phone,
        })
        .from(digitalTeamMembers)
        .innerJoin(users, eq(users.id, digitalTeamMembers.userId))
        .where(
          inArray(
            digitalTeamMembers.teamId,
            teams.map((t) => t.id),
          ),
        )
        .orderBy(asc(users.fullName))
    : [];
  return teams.map((t) => ({
    id: t.id,
    name: t.name,
    village: t.village,
    unit: { code: unit.code, name: unit.name },
    members: members
      .filter((m) => m.teamId === t.id)
      .map(({ username, fullName, phone }) => ({ username, fullName, phone })),
  }));
}

export async function createTeam(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  input: TeamInput,
): Promise<TeamView> {
  const db = ctx.database.db;
  const unit = await requireUnit(db, input.unitCode, 'unitCode');
  await requireManager(db, actor, unit);
  const id = uuidv7();
  await inTransaction(ctx, async (tx) => {
    const inserted = await tx
      .insert(digitalTeams)
      .values({ id, unitId: unit.id, name: input.name, village: input.village })
      .onConflictDoNothing()
      .returning({ id: digitalTeams.id });
    if (!inserted.length)
      throw new AppError(409, 'team_exists', `Đã có tổ "${input.name}" ở ${unit.name}`, [
        { path: 'name', message: 'Tên tổ đã có' },
      ]);
    await appendAudit(tx, ctx.clock, meta, {
      action: 'digital_team.create',
      actor,
      jurisdictionId: unit.jurisdictionId,
      entityType: 'digital_team',
      entityId: id,
      after: { name: input.name, village: input.village, unitCode: unit.code },
    });
  });
  return {
    id,
    name: input.name,
    village: input.village,
    unit: { code: unit.code, name: unit.name },
    members: [],
  };
}

async function teamAndUnit(db: Db, teamId: string) {
  if (!z.uuid().safeParse(teamId).success) throw notFound('team_not_found', 'Không tìm thấy tổ');
  const [team] = await db.select().from(digitalTeams).where(eq(digitalTeams.id, teamId));
  if (!team) throw notFound('team_not_found', 'Không tìm thấy tổ');
  const [unit] = await db.select().from(units).where(eq(units.id, team.unitId));
  if (!unit) throw notFound('team_not_found', 'Không tìm thấy đơn vị của tổ');
  return { team, unit };
}

/**
 * Adds a staff account to a team and gives it the `assistant` role at the team's unit (so one
 * step makes a volunteer able to submit for citizens).
 */
export async function addMember(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  teamId: string,
  username: string,
): Promise<void> {
  const db = ctx.database.db;
  const { team, unit } = await teamAndUnit(db, teamId);
  await requireManager(db, actor, unit);
  const [user] = await db
    .select({ id: users.id, kind: users.kind })
    .from(users)
    .where(eq(users.username, username));
  if (user?.kind !== 'staff')
    throw new AppError(400, 'validation_failed', `Không có tài khoản cán bộ "${username}"`, [
      { path: 'username', message: 'Tạo tài khoản (vai trò Tổ công nghệ số) ở trang Người dùng trước' },
    ]);
  await inTransaction(ctx, async (tx) => {
    await tx.insert(digitalTeamMembers).values({ teamId, userId: user.id }).onConflictDoNothing();
    await tx
      .insert(userRoles)
      .values({ userId: user.id, role: 'assistant', unitId: team.unitId, includeDescendants: false })
      .onConflictDoNothing();
    await appendAudit(tx, ctx.clock, meta, {
      action: 'digital_team.add_member',
      actor,
      jurisdictionId: unit.jurisdictionId,
      entityType: 'digital_team',
      entityId: teamId,
      after: { username },
    });
  });
}

export async function removeMember(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  teamId: string,
  username: string,
): Promise<void> {
  const db = ctx.database.db;
  const { unit } = await teamAndUnit(db, teamId);
  await requireManager(db, actor, unit);
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!user) throw notFound('user_not_found', `Không có tài khoản "${username}"`);
  await inTransaction(ctx, async (tx) => {
    const gone = await tx
      .delete(digitalTeamMembers)
      .where(and(eq(digitalTeamMembers.teamId, teamId), eq(digitalTeamMembers.userId, user.id)))
      .returning({ userId: digitalTeamMembers.userId });
    if (!gone.length) throw notFound('member_not_found', `"${username}" không thuộc tổ này`);
    await appendAudit(tx, ctx.clock, meta, {
      action: 'digital_team.remove_member',
      actor,
      jurisdictionId: unit.jurisdictionId,
      entityType: 'digital_team',
      entityId: teamId,
      before: { username },
    });
  });
}

// ---------------------------------------------------------------- the report

export interface AssistedRow {
  teamId: string;
  teamName: string;
  village: string;
  unitId: string;
  assistantId: string;
  counts: AssistedCounts;
}

/**
 * Assisted submissions of the teams of `unitIds` submitted in [start, end): submitted, distinct
 * citizens, accepted or refused (whenever decided), and those still awaiting reception now.
 */
export async function assistedSubmissions(
  db: Db,
  unitIds: string[],
  start: Date,
  end: Date,
): Promise<AssistedRow[]> {
  if (!unitIds.length) return [];
  const rows = rowsOf<{
    team_id: string;
    team_name: string;
    village: string;
    unit_id: string;
    assistant_id: string;
    submitted: number;
    citizens: number;
    accepted: number;
    refused: number;
    waiting: number;
  }>(
    await db.execute(sql`
      select t.id as team_id, t.name as team_name, t.village, t.unit_id, a.assisted_by as assistant_id,
             count(*)::int as submitted,
             count(distinct a.assist_consent->>'idNumber')::int as citizens,
             (count(*) filter (where a.status = 'accepted'))::int as accepted,
             (count(*) filter (where a.status = 'refused'))::int as refused,
             (count(*) filter (where a.status = 'submitted'))::int as waiting
      from ${onlineApplications} a
      join ${digitalTeams} t on t.id = a.assist_team_id
      where t.unit_id in ${unitIds}
        and a.submitted_at >= ${start.toISOString()}::timestamptz
        and a.submitted_at < ${end.toISOString()}::timestamptz
      group by t.id, t.name, t.village, t.unit_id, a.assisted_by`),
  );
  return rows.map((r) => ({
    teamId: r.team_id,
    teamName: r.team_name,
    village: r.village,
    unitId: r.unit_id,
    assistantId: r.assistant_id,
    counts: {
      submitted: Number(r.submitted),
      citizens: Number(r.citizens),
      accepted: Number(r.accepted),
      refused: Number(r.refused),
      waiting: Number(r.waiting),
    },
  }));
}

/** Distinct citizens helped by the teams of `unitIds` in [start, end) (a total is not a sum of groups). */
export async function assistedCitizens(db: Db, unitIds: string[], start: Date, end: Date): Promise<number> {
  if (!unitIds.length) return 0;
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      select count(distinct a.assist_consent->>'idNumber')::int as n
      from ${onlineApplications} a
      join ${digitalTeams} t on t.id = a.assist_team_id
      where t.unit_id in ${unitIds}
        and a.submitted_at >= ${start.toISOString()}::timestamptz
        and a.submitted_at < ${end.toISOString()}::timestamptz`),
  );
  return Number(row?.n ?? 0);
}
