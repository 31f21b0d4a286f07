// The hash-chained audit trail, its checkpoints, and the log of staff look-ups of personal data.
import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
