// Units, users, roles, sessions, second factors, one-time codes, citizen profiles, API keys and rate limits.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    level: text('level', { enum: ['province', 'district', 'commune', 'agency'] }).notNull(),
    parentId: uuid('parent_id'),
    /** The root unit of this unit's tree (itself for a root). */
    jurisdictionId: uuid('jurisdiction_id').notNull(),
    hasCounter: boolean('has_counter').notNull().default(false),
    address: text('address'),
    phone: text('phone'),
    hotline: text('hotline'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('units_code_uq').on(t.code), index('units_parent_idx').on(t.parentId)],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    fullName: text('full_name').notNull(),
    kind: text('kind', { enum: ['staff', 'citizen'] }).notNull(),
    phone: text('phone'),
    email: text('email'),
    disabled: boolean('disabled').notNull().default(false),
    /** When a citizen confirmed the phone or e-mail with a one-time code (staff: not used). */
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(t.username),
    uniqueIndex('users_phone_uq').on(t.phone),
    uniqueIndex('users_email_uq').on(t.email),
  ],
);

export const userRoles = pgTable(
  'user_roles',
  {
    userId: uuid('user_id').notNull(),
    role: text('role').notNull(),
    unitId: uuid('unit_id').notNull(),
    /** When true the role also covers every descendant unit. */
    includeDescendants: boolean('include_descendants').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role, t.unitId] })],
);

/** Server-side sessions: the token's SHA-256 is the key, so a stolen table leaks no usable token. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * A staff account's second factor (issue 14 §4): TOTP, RFC 6238. One row per account; a system
 * administrator's reset deletes it. The shared secret is kept to verify codes, but never in clear.
 */
export const userTotp = pgTable('user_totp', {
  userId: uuid('user_id').primaryKey(),
  /** The base32 secret, AES-256-GCM under MOTCUA_DATA_KEY (`v1.<iv>.<tag>.<ciphertext>`, base64url). */
  secretEnc: text('secret_enc').notNull(),
  /** When the first code confirmed the enrolment; null while it waits for that code. */
  enabledAt: timestamp('enabled_at', { withTimezone: true }),
  /** The time step of the last code accepted: no code is accepted twice (RFC 6238 §5.2). */
  lastStep: bigint('last_step', { mode: 'number' }),
  /** HMAC-SHA-256 (hex, keyed from MOTCUA_DATA_KEY) of each unused recovery code; a used one is removed. */
  recoveryCodeHashes: text('recovery_code_hashes').array().notNull().default(sql`'{}'::text[]`),
  createdAt: createdAt(),
});

/** Fixed-window counters shared by every server process (login throttling, public rate limits). */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  count: integer('count').notNull(),
});

/** API keys for third-party clients (Open311 POST). Only the SHA-256 of a key is stored. */
export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  /** The units the key may post feedback to (each with the units below it); null = every unit. */
  unitIds: uuid('unit_ids').array(),
  /** The first characters of the key, to tell keys apart in the list (never enough to use it). */
  prefix: text('prefix'),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  revokedBy: uuid('revoked_by'),
});

/** One-time codes (confirming a citizen account, resetting a password). Only a hash is stored. */
export const oneTimeCodes = pgTable(
  'one_time_codes',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull(),
    purpose: text('purpose', { enum: ['verify', 'reset'] }).notNull(),
    codeHash: text('code_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('one_time_codes_user_idx').on(t.userId, t.purpose)],
);

/** A citizen's saved applicant details (reused on forms) and notification preferences. */
export const citizenProfiles = pgTable('citizen_profiles', {
  userId: uuid('user_id').primaryKey(),
  /** Saved applicant details: {fullName, idNumber, phone, email, address, …} (validated by the service). */
  applicant: jsonb('applicant').notNull().default({}),
  /** The citizen opted in to Zalo messages (sent to `zaloPhone`, or the account phone). */
  zaloOptIn: boolean('zalo_opt_in').notNull().default(false),
  zaloPhone: text('zalo_phone'),
  locale: text('locale', { enum: ['vi', 'en'] })
    .notNull()
    .default('vi'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
