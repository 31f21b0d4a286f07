/**
 * The database schema (drizzle). Every table that grows with dossiers carries `jurisdiction_id`
 * (the root unit, i.e. the province) so it can later be distributed by it without a rewrite.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

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

export const fields = pgTable(
  'fields',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [uniqueIndex('fields_code_uq').on(t.code)],
);

/**
 * A procedure and, denormalised, the version in force today (for search and lists).
 * The full content of every version lives in procedure_versions.
 */
export const procedures = pgTable(
  'procedures',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    status: text('status', { enum: ['active', 'retired'] })
      .notNull()
      .default('active'),
    fieldId: uuid('field_id').notNull(),
    name: text('name').notNull(),
    /** Name folded to lowercase ASCII (no diacritics), for search. */
    searchName: text('search_name').notNull(),
    /** Code, name, field and result folded, for the broader match. */
    searchText: text('search_text').notNull(),
    levels: text('levels').array().notNull(),
    onlineLevel: text('online_level').notNull(),
    processingTime: jsonb('processing_time').notNull(),
    processingTimeText: text('processing_time_text'),
    feeFrom: integer('fee_from'),
    currentVersion: integer('current_version').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('procedures_code_uq').on(t.code),
    index('procedures_field_idx').on(t.fieldId),
    index('procedures_search_name_trgm').using('gin', sql`${t.searchName} gin_trgm_ops`),
    index('procedures_search_text_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);

/**
 * One row whose counter moves with every catalog change, in the same transaction: each process's
 * in-memory search index compares it on every search and reloads when it moved.
 */
export const catalogRevision = pgTable('catalog_revision', {
  id: integer('id').primaryKey(),
  revision: integer('revision').notNull(),
});

export const procedureVersions = pgTable(
  'procedure_versions',
  {
    id: uuid('id').primaryKey(),
    procedureId: uuid('procedure_id').notNull(),
    number: integer('number').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    /** The whole procedure content as validated by the catalog schema. */
    data: jsonb('data').notNull(),
    changeNote: text('change_note'),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('procedure_versions_uq').on(t.procedureId, t.number)],
);

export const procedureUnits = pgTable(
  'procedure_units',
  {
    procedureId: uuid('procedure_id').notNull(),
    unitId: uuid('unit_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.procedureId, t.unitId] }), index('procedure_units_unit_idx').on(t.unitId)],
);

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

/** Append-only, hash-chained audit trail. Never updated or deleted by the application. */
export const audit = pgTable(
  'audit',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    jurisdictionId: uuid('jurisdiction_id'),
    actorId: uuid('actor_id'),
    actorUsername: text('actor_username'),
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_action_idx').on(t.action, t.at)],
);

/**
 * The audit chain's sealed checkpoints (head hash and length at an instant, HMAC-sealed with
 * MOTCUA_AUDIT_KEY), as also written to the file store (`key`); see src/services/platform/audit-checkpoints.ts.
 */
export const auditCheckpoints = pgTable('audit_checkpoints', {
  key: text('key').primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  count: bigint('count', { mode: 'number' }).notNull(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  headHash: text('head_hash').notNull(),
  keyId: text('key_id').notNull(),
  seal: text('seal').notNull(),
});

/** Process definitions (workflow as data), versioned: a dossier pins code + version. */
export const processDefinitions = pgTable(
  'process_definitions',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').notNull(),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('process_definitions_uq').on(t.code, t.version)],
);

/**
 * Dossiers: a projection of their events (status, step, clock) kept in the same transaction as
 * each event, for lists and reports. The events are the record.
 */
export const dossiers = pgTable(
  'dossiers',
  {
    id: uuid('id').primaryKey(),
    jurisdictionId: uuid('jurisdiction_id').notNull(),
    code: text('code').notNull(),
    procedureId: uuid('procedure_id').notNull(),
    procedureCode: text('procedure_code').notNull(),
    procedureVersion: integer('procedure_version').notNull(),
    processCode: text('process_code').notNull(),
    processVersion: integer('process_version').notNull(),
    receivingUnitId: uuid('receiving_unit_id').notNull(),
    currentUnitId: uuid('current_unit_id').notNull(),
    channel: text('channel', { enum: ['counter', 'online', 'postal'] }).notNull(),
    applicant: jsonb('applicant').notNull(),
    applicantIdNumber: text('applicant_id_number'),
    applicantSearch: text('applicant_search').notNull(),
    formData: jsonb('form_data').notNull(),
    documents: jsonb('documents').notNull(),
    resultDelivery: text('result_delivery', { enum: ['counter', 'postal', 'online'] }).notNull(),
    deliveryAddress: text('delivery_address'),
    /** Fees payable, chosen at reception from the procedure version's fee table: [{amount, condition}]. */
    fees: jsonb('fees').notNull().default([]),
    /** Number of sets (bộ hồ sơ) handed in. */
    sets: integer('sets').notNull().default(1),
    status: text('status').notNull(),
    step: text('step'),
    assigneeId: uuid('assignee_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    appointmentAt: timestamp('appointment_at', { withTimezone: true }).notNull(),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Sequence number of the last event: the optimistic-concurrency version. */
    version: integer('version').notNull(),
    /** Linked procedures submitted once (e.g. death registration + residence + allowance). */
    bundleId: uuid('bundle_id'),
    createdBy: uuid('created_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('dossiers_code_uq').on(t.code),
    index('dossiers_receiving_idx').on(t.receivingUnitId, t.receivedAt),
    index('dossiers_current_idx').on(t.currentUnitId, t.status),
    index('dossiers_status_due_idx').on(t.status, t.dueAt),
    index('dossiers_id_number_idx').on(t.applicantIdNumber),
    index('dossiers_jurisdiction_idx').on(t.jurisdictionId, t.receivedAt),
    index('dossiers_bundle_idx').on(t.bundleId),
    // When each dossier was in hand, [received, first finished]: the reports' stock lists (in progress,
    // overdue, carried over at an instant) find their dossiers here instead of scanning every mark.
    index('dossiers_in_hand_idx').using(
      'gist',
      // least(): a range never starts after it ends, whatever the data (an error here would fail the insert).
      sql`tstzrange(least(${t.receivedAt}, coalesce(${t.resolvedAt}, ${t.closedAt})), coalesce(${t.resolvedAt}, ${t.closedAt}), '[]')`,
    ),
  ],
);

/** The append-only history of each dossier, hash-chained per dossier. */
export const dossierEvents = pgTable(
  'dossier_events',
  {
    dossierId: uuid('dossier_id').notNull(),
    seq: integer('seq').notNull(),
    jurisdictionId: uuid('jurisdiction_id').notNull(),
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    step: text('step'),
    unitId: uuid('unit_id'),
    payload: jsonb('payload').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.dossierId, t.seq] }),
    index('dossier_events_type_at_idx').on(t.type, t.at),
  ],
);

/** Per-unit, per-local-day counters behind dossier codes: incremented in the intake transaction, so no gaps. */
export const dossierCodeCounters = pgTable(
  'dossier_code_counters',
  {
    unitId: uuid('unit_id').notNull(),
    localDate: date('local_date', { mode: 'string' }).notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.localDate] })],
);

/** Idempotency keys of intake requests: the same key and body return the same dossier. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    dossierId: uuid('dossier_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

/** Slips issued at the counter without receiving: guidance to complete (Mẫu 02) or refusal (Mẫu 03). */
export const receptionSlips = pgTable(
  'reception_slips',
  {
    id: uuid('id').primaryKey(),
    jurisdictionId: uuid('jurisdiction_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    kind: text('kind', { enum: ['guidance', 'refusal'] }).notNull(),
    number: text('number').notNull(),
    procedureCode: text('procedure_code').notNull(),
    applicant: jsonb('applicant').notNull(),
    items: jsonb('items').notNull(),
    reason: text('reason').notNull(),
    officerId: uuid('officer_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('reception_slips_unit_idx').on(t.unitId, t.createdAt)],
);

/**
 * In-app notices to staff (due soon, overdue, daily digest). Written by jobs; the unique key makes a
 * sweep that runs twice (or in two processes) write each notice once.
 */
export const staffNotifications = pgTable(
  'staff_notifications',
  {
    id: uuid('id').primaryKey(),
    jurisdictionId: uuid('jurisdiction_id').notNull(),
    userId: uuid('user_id').notNull(),
    kind: text('kind', { enum: ['due_soon', 'overdue', 'digest', 'online'] }).notNull(),
    dossierId: uuid('dossier_id'),
    /** Deduplication key, e.g. "overdue:<dossier>:<dueAt>" or "digest:<date>". */
    dedupeKey: text('dedupe_key').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('staff_notifications_dedupe_uq').on(t.userId, t.dedupeKey),
    index('staff_notifications_user_idx').on(t.userId, t.createdAt),
  ],
);

/**
 * Messages to applicants, written in the same transaction as the event that causes them and
 * delivered by a pg-boss worker with retries and backoff (e-mail, SMS, Zalo).
 */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: uuid('id').primaryKey(),
    jurisdictionId: uuid('jurisdiction_id').notNull(),
    dossierId: uuid('dossier_id'),
    channel: text('channel', { enum: ['email', 'sms', 'zalo'] }).notNull(),
    recipient: text('recipient').notNull(),
    template: text('template').notNull(),
    locale: text('locale').notNull().default('vi'),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('notification_outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('notification_outbox_dossier_idx').on(t.dossierId),
  ],
);

/** What the sandbox e-mail / SMS / Zalo providers "sent" (the demo mailbox). */
export const sandboxMessages = pgTable(
  'sandbox_messages',
  {
    id: uuid('id').primaryKey(),
    channel: text('channel').notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('sandbox_messages_recipient_idx').on(t.recipient, t.createdAt)],
);

/**
 * Satisfaction ratings (the national portal's four levels), one per dossier, with optional
 * per-criterion levels; linked to the unit and the officers who handled the dossier.
 */
export const ratings = pgTable(
  'ratings',
  {
    id: uuid('id').primaryKey(),
    jurisdictionId: uuid('jurisdiction_id').notNull(),
    dossierId: uuid('dossier_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    /** The officer who received the dossier (the one the applicant met). */
    officerId: uuid('officer_id'),
    level: text('level', { enum: ['very_satisfied', 'satisfied', 'neutral', 'not_satisfied'] }).notNull(),
    criteria: jsonb('criteria').notNull().default({}),
    comment: text('comment'),
    channel: text('channel').notNull().default('tracking'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('ratings_dossier_uq').on(t.dossierId),
    index('ratings_unit_idx').on(t.unitId, t.createdAt),
  ],
);

/** Feedback and complaints (phản ánh, kiến nghị), from the portal, the hotline or Open311 clients. */
export const feedback = pgTable(
  'feedback',
  {
    id: uuid('id').primaryKey(),
    jurisdictionId: uuid('jurisdiction_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    category: text('category').notNull(),
    text: text('text').notNull(),
    dossierCode: text('dossier_code'),
    submitter: jsonb('submitter').notNull(),
    publishConsent: boolean('publish_consent').notNull().default(false),
    status: text('status', { enum: ['open', 'in_progress', 'answered', 'closed'] })
      .notNull()
      .default('open'),
    answer: text('answer'),
    answeredBy: uuid('answered_by'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** Legal deadline for the answer (working days from receipt). */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    source: text('source').notNull().default('portal'),
    address: text('address'),
    lat: text('lat'),
    long: text('long'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('feedback_unit_idx').on(t.unitId, t.createdAt),
    index('feedback_status_idx').on(t.status, t.dueAt),
  ],
);

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

/**
 * A counter's satisfaction tablet (issue 14 §3): bound to its counter by a device key that a unit
 * administrator issues and can revoke. Only the key's SHA-256 is stored.
 */
export const counterDevices = pgTable(
  'counter_devices',
  {
    id: uuid('id').primaryKey(),
    counterId: uuid('counter_id').notNull(),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    /** The first characters of the key, to tell devices apart (never enough to use it). */
    prefix: text('prefix').notNull(),
    issuedBy: uuid('issued_by'),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by'),
  },
  (t) => [index('counter_devices_counter_idx').on(t.counterId)],
);

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

/**
 * Uploaded files (attachments of online applications, supplements, results, feedback). The bytes
 * live in the configured storage (a directory under the data dir, or S3-compatible) under
 * `storage_key`; the row keeps the checksum and the type detected from the content.
 */
export const storedFiles = pgTable(
  'stored_files',
  {
    id: uuid('id').primaryKey(),
    storageKey: text('storage_key').notNull(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    /** Detected from the magic bytes: application/pdf, image/jpeg or image/png. */
    mediaType: text('media_type').notNull(),
    originalName: text('original_name').notNull(),
    purpose: text('purpose', { enum: ['application', 'supplement', 'result', 'feedback'] }).notNull(),
    uploadedBy: uuid('uploaded_by'),
    applicationId: uuid('application_id'),
    dossierId: uuid('dossier_id'),
    /** A feedback photo's feedback item (issue 14 §3). */
    feedbackId: uuid('feedback_id'),
    /** Outcome of the virus-scan hook: 'clean' (scanned) or 'skipped' (no scanner configured). */
    scanStatus: text('scan_status', { enum: ['clean', 'skipped'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('stored_files_application_idx').on(t.applicationId),
    index('stored_files_dossier_idx').on(t.dossierId),
    index('stored_files_uploader_idx').on(t.uploadedBy, t.createdAt),
    index('stored_files_feedback_idx').on(t.feedbackId),
  ],
);

/**
 * A citizen's online application: a draft saved as it is typed (resumable on any device), then
 * submitted (a dossier code is reserved), then accepted by the receiving unit (the dossier is
 * received, channel `online`, and the clock starts) or refused with a reason.
 */
export const onlineApplications = pgTable(
  'online_applications',
  {
    id: uuid('id').primaryKey(),
    citizenId: uuid('citizen_id').notNull(),
    procedureId: uuid('procedure_id').notNull(),
    procedureCode: text('procedure_code').notNull(),
    procedureVersion: integer('procedure_version').notNull(),
    /** Receiving unit chosen by the citizen (null while a draft has none). */
    unitId: uuid('unit_id'),
    jurisdictionId: uuid('jurisdiction_id'),
    status: text('status', { enum: ['draft', 'submitted', 'accepted', 'refused', 'withdrawn'] })
      .notNull()
      .default('draft'),
    /** The e-form answers, keyed by group id then field id (repeatable groups: arrays). */
    answers: jsonb('answers').notNull().default({}),
    /** Checklist documents attached: [{index, fileIds: []}]. */
    documents: jsonb('documents').notNull().default([]),
    feeIndexes: jsonb('fee_indexes').notNull().default([]),
    /**
     * The applicant's declared ground for paying none of the procedure's fees (e.g. "registered
     * within the legal time"), checked by the office; required to submit without a fee row when
     * the procedure has a fee (issue 14 §3).
     */
    feeExemption: text('fee_exemption'),
    resultDelivery: text('result_delivery', { enum: ['counter', 'postal', 'online'] }),
    deliveryAddress: text('delivery_address'),
    /** Dossier code reserved at submission; the dossier keeps it when accepted. */
    code: text('code'),
    dossierId: uuid('dossier_id'),
    refusalReason: text('refusal_reason'),
    /** Incremented by every save: a stale autosave (another device) gets 409. */
    revision: integer('revision').notNull().default(1),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by'),
    /**
     * Assisted submission: the member of a community digital team (role `assistant`) who filled
     * and submitted this application for the citizen, the team, and the citizen's recorded consent
     * ({fullName, idNumber, phone, method, note?, fileId?, recordedAt}). Null when the citizen did it.
     */
    assistedBy: uuid('assisted_by'),
    assistTeamId: uuid('assist_team_id'),
    assistConsent: jsonb('assist_consent'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('online_applications_code_uq').on(t.code),
    index('online_applications_citizen_idx').on(t.citizenId, t.updatedAt),
    index('online_applications_unit_idx').on(t.unitId, t.status, t.submittedAt),
    index('online_applications_team_idx').on(t.assistTeamId, t.submittedAt),
  ],
);

/** Fee payments: one per online application or dossier and attempt; the gateway or the counter settles it. */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey(),
    /** Merchant reference sent to the gateway (vnp_TxnRef) and printed on the receipt. */
    reference: text('reference').notNull(),
    applicationId: uuid('application_id'),
    dossierId: uuid('dossier_id'),
    /** Unit collecting the fee (for the daily reconciliation). */
    unitId: uuid('unit_id').notNull(),
    jurisdictionId: uuid('jurisdiction_id').notNull(),
    /** VND, integer. */
    amount: integer('amount').notNull(),
    /** Fee lines: [{label, amount}]. */
    items: jsonb('items').notNull(),
    method: text('method', { enum: ['gateway', 'vietqr', 'cash'] }).notNull(),
    state: text('state', { enum: ['pending', 'paid', 'failed', 'refunded'] })
      .notNull()
      .default('pending'),
    gateway: text('gateway'),
    gatewayTransactionNo: text('gateway_transaction_no'),
    bankCode: text('bank_code'),
    payerName: text('payer_name'),
    /** Electronic receipt (biên lai) number, given when paid. */
    receiptNumber: text('receipt_number'),
    recordedBy: uuid('recorded_by'),
    createdAt: createdAt(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('payments_reference_uq').on(t.reference),
    uniqueIndex('payments_receipt_uq').on(t.receiptNumber),
    index('payments_application_idx').on(t.applicationId),
    index('payments_dossier_idx').on(t.dossierId),
    index('payments_unit_paid_idx').on(t.unitId, t.paidAt),
  ],
);

/** Everything that happened to a payment (created, gateway notifications, return, paid, failed, refunded). */
export const paymentEvents = pgTable(
  'payment_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    paymentId: uuid('payment_id').notNull(),
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    payload: jsonb('payload').notNull(),
  },
  (t) => [index('payment_events_payment_idx').on(t.paymentId, t.at)],
);

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

/**
 * Queue services of a unit's hall: a group of fields with its ticket prefix (tickets "1025", "2007"…),
 * shown on the kiosk in `sort` order.
 */
export const queueServices = pgTable(
  'queue_services',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    /** Field codes (lĩnh vực) the service covers. */
    fieldCodes: jsonb('field_codes').notNull().default([]),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
  },
  (t) => [uniqueIndex('queue_services_unit_code_uq').on(t.unitId, t.code)],
);

/** Counters (quầy) of a unit's hall: the services each serves and the officer at it now. */
export const queueCounters = pgTable(
  'queue_counters',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id').notNull(),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    serviceCodes: jsonb('service_codes').notNull().default([]),
    officerId: uuid('officer_id'),
    open: boolean('open').notNull().default(true),
  },
  (t) => [uniqueIndex('queue_counters_unit_number_uq').on(t.unitId, t.number)],
);

/** Per-unit, per-service, per-local-day ticket numbers: incremented with the ticket, so no gaps. */
export const queueNumberCounters = pgTable(
  'queue_number_counters',
  {
    unitId: uuid('unit_id').notNull(),
    serviceCode: text('service_code').notNull(),
    localDate: date('local_date', { mode: 'string' }).notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.serviceCode, t.localDate] })],
);

/** Queue tickets; their history is in `queue_events`. */
export const queueTickets = pgTable(
  'queue_tickets',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id').notNull(),
    serviceCode: text('service_code').notNull(),
    localDate: date('local_date', { mode: 'string' }).notNull(),
    number: integer('number').notNull(),
    label: text('label').notNull(),
    priority: text('priority'),
    status: text('status').notNull(),
    /** When it joined its service's queue (taken, or transferred). */
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull(),
    counterId: uuid('counter_id'),
    officerId: uuid('officer_id'),
    recalls: integer('recalls').notNull().default(0),
    calledAt: timestamp('called_at', { withTimezone: true }),
    servingAt: timestamp('serving_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    dossierId: uuid('dossier_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('queue_tickets_number_uq').on(t.unitId, t.localDate, t.serviceCode, t.number),
    index('queue_tickets_waiting_idx').on(t.unitId, t.status, t.queuedAt),
    index('queue_tickets_day_idx').on(t.unitId, t.localDate),
  ],
);

/** Everything that happened to a ticket (taken, called, recalled, started, finished, no-show, transferred, linked). */
export const queueEvents = pgTable(
  'queue_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ticketId: uuid('ticket_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    counterId: uuid('counter_id'),
    actorId: uuid('actor_id'),
    payload: jsonb('payload').notNull().default({}),
  },
  (t) => [
    index('queue_events_ticket_idx').on(t.ticketId, t.at),
    index('queue_events_unit_idx').on(t.unitId, t.at),
  ],
);

/**
 * Ratings given on the counter's tablet right after service: of the officer who served the ticket
 * (and the dossier received, when linked). One per ticket.
 */
export const counterRatings = pgTable(
  'counter_ratings',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id').notNull(),
    counterId: uuid('counter_id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    dossierId: uuid('dossier_id'),
    officerId: uuid('officer_id'),
    level: text('level', { enum: ['very_satisfied', 'satisfied', 'neutral', 'not_satisfied'] }).notNull(),
    reasons: jsonb('reasons').notNull().default([]),
    comment: text('comment'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('counter_ratings_ticket_uq').on(t.ticketId),
    index('counter_ratings_unit_idx').on(t.unitId, t.createdAt),
  ],
);

/** Public postal service shipments: dossiers picked up from applicants, results sent back to them. */
export const postalShipments = pgTable(
  'postal_shipments',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id').notNull(),
    kind: text('kind', { enum: ['pickup', 'return'] }).notNull(),
    carrier: text('carrier').notNull(),
    trackingNumber: text('tracking_number').notNull(),
    status: text('status').notNull(),
    dossierId: uuid('dossier_id'),
    /** {name, phone, address} of the applicant (the sender of a pick-up, the recipient of a return). */
    applicant: jsonb('applicant').notNull(),
    /** VND, integer. */
    fee: integer('fee').notNull().default(0),
    note: text('note'),
    handoverListId: uuid('handover_list_id'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('postal_shipments_tracking_uq').on(t.carrier, t.trackingNumber),
    index('postal_shipments_unit_idx').on(t.unitId, t.status, t.createdAt),
    index('postal_shipments_dossier_idx').on(t.dossierId),
  ],
);

/** Every status a shipment went through, from the carrier's webhook or the counter. */
export const postalShipmentEvents = pgTable(
  'postal_shipment_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shipmentId: uuid('shipment_id').notNull(),
    status: text('status').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    source: text('source').notNull(),
    payload: jsonb('payload').notNull().default({}),
  },
  (t) => [index('postal_shipment_events_shipment_idx').on(t.shipmentId, t.at)],
);

/** Lists of shipments handed over between the counter and the postman, signed on paper by both. */
export const postalHandoverLists = pgTable(
  'postal_handover_lists',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id').notNull(),
    number: text('number').notNull(),
    postmanName: text('postman_name').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('postal_handover_lists_number_uq').on(t.unitId, t.number)],
);

/**
 * The hotline's call log: what each call was for (guidance, a postal pick-up or home return, feedback
 * or a complaint, a report on an officer's attitude), what it is linked to, and its follow-up.
 */
export const hotlineCalls = pgTable(
  'hotline_calls',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id').notNull(),
    purpose: text('purpose', { enum: ['guidance', 'postal', 'feedback', 'attitude'] }).notNull(),
    callerName: text('caller_name'),
    callerPhone: text('caller_phone'),
    summary: text('summary').notNull(),
    procedureCode: text('procedure_code'),
    dossierId: uuid('dossier_id'),
    feedbackId: uuid('feedback_id'),
    shipmentId: uuid('shipment_id'),
    /** The officer a report on attitude is about. */
    officerId: uuid('officer_id'),
    followUpDue: date('follow_up_due', { mode: 'string' }),
    followUpDoneAt: timestamp('follow_up_done_at', { withTimezone: true }),
    followUpNote: text('follow_up_note'),
    receivedBy: uuid('received_by').notNull(),
    receivedByName: text('received_by_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('hotline_calls_unit_idx').on(t.unitId, t.createdAt),
    index('hotline_calls_officer_idx').on(t.officerId, t.createdAt),
  ],
);

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

/**
 * Home service (thu nhận và trả kết quả tại nhà) for people who cannot travel: an officer collects
 * the dossier or brings the result at a scheduled time. Tracked like a postal shipment.
 */
export const homeServiceRequests = pgTable(
  'home_service_requests',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id').notNull(),
    /** Reference the citizen quotes, e.g. TN-20261207-003 (per unit and day). */
    code: text('code').notNull(),
    kind: text('kind', { enum: ['pickup', 'return'] }).notNull(),
    requestedVia: text('requested_via', { enum: ['online', 'hotline', 'counter'] }).notNull(),
    status: text('status', { enum: ['requested', 'scheduled', 'done', 'failed', 'cancelled'] }).notNull(),
    dossierId: uuid('dossier_id'),
    procedureCode: text('procedure_code'),
    /** {name, phone, address}. */
    applicant: jsonb('applicant').notNull(),
    /** Why the citizen cannot travel: elderly, disabled, ill, other (with the note). */
    reason: text('reason', { enum: ['elderly', 'disabled', 'ill', 'other'] }).notNull(),
    note: text('note'),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    officerId: uuid('officer_id'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('home_service_requests_code_uq').on(t.code),
    index('home_service_requests_unit_idx').on(t.unitId, t.status, t.createdAt),
    index('home_service_requests_dossier_idx').on(t.dossierId),
  ],
);

/** Every status a home-service request went through, who moved it and why. */
export const homeServiceEvents = pgTable(
  'home_service_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: uuid('request_id').notNull(),
    status: text('status').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    note: text('note'),
    payload: jsonb('payload').notNull().default({}),
  },
  (t) => [index('home_service_events_request_idx').on(t.requestId, t.at)],
);

/**
 * Staff look-ups of personal data (issue 14 §2): who (actor), what (action and a masked subject:
 * never a clear ID number or phone, but the last digits and, for an ID number, a SHA-256 to find
 * every look-up of one person), why (the dossier concerned, when known), when and from where.
 * Appended by the services that read the data; read by auditors at GET /admin/access-log.
 */
export const personalDataAccess = pgTable(
  'personal_data_access',
  {
    id: uuid('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    jurisdictionId: uuid('jurisdiction_id'),
    actorId: uuid('actor_id').notNull(),
    actorUsername: text('actor_username').notNull(),
    /** applicant.search_by_id, applicant.lookup_by_id, file.download, dossier.track */
    action: text('action').notNull(),
    /** id_number, phone or file */
    subjectType: text('subject_type').notNull(),
    /** Masked ID number or phone (`********1234`), or a file id. */
    subject: text('subject').notNull(),
    /** SHA-256 of the ID number (search by exact number without storing it). */
    subjectHash: text('subject_hash'),
    dossierId: uuid('dossier_id'),
    dossierCode: text('dossier_code'),
    /** The dossier's receiving unit (scope of a unit administrator). */
    unitId: uuid('unit_id'),
    ip: text('ip'),
    requestId: text('request_id'),
  },
  (t) => [
    index('personal_data_access_at_idx').on(t.at),
    index('personal_data_access_actor_idx').on(t.actorUsername, t.at),
    index('personal_data_access_dossier_idx').on(t.dossierCode),
    index('personal_data_access_subject_idx').on(t.subjectHash),
  ],
);
