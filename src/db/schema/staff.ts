// Staff: weekly evaluations and community digital technology teams.
import {
  date,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

/**
 * Weekly staff evaluation: the officer's own report of the week's tasks, the facts the system
 * measured, and the grade (A–D) the leader in charge gave. One per officer, unit and week (Monday).
 */
export const staffEvaluations = pgTable(
  'staff_evaluations',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id').notNull(),
    officerId: uuid('officer_id').notNull(),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    tasks: text('tasks'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** What the system measured for the week when the grade was given (kept as graded). */
    facts: jsonb('facts'),
    grade: text('grade', { enum: ['A', 'B', 'C', 'D'] }),
    comment: text('comment'),
    gradedBy: uuid('graded_by'),
    gradedByName: text('graded_by_name'),
    gradedAt: timestamp('graded_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('staff_evaluations_uq').on(t.unitId, t.officerId, t.weekStart)],
);

/**
 * Community digital technology teams (tổ công nghệ số cộng đồng): volunteers of a village (thôn,
 * ấp, tổ dân phố) who help citizens submit online. A commune has one or more; members hold the
 * `assistant` role at the commune.
 */
export const digitalTeams = pgTable(
  'digital_teams',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id').notNull(),
    name: text('name').notNull(),
    village: text('village').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('digital_teams_unit_name_uq').on(t.unitId, t.name)],
);

export const digitalTeamMembers = pgTable(
  'digital_team_members',
  {
    teamId: uuid('team_id').notNull(),
    userId: uuid('user_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('digital_team_members_user_idx').on(t.userId)],
);
