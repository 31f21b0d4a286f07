// Online applications and the uploaded files attached to them.
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

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
