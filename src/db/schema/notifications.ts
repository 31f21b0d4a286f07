// Notifications: staff notifications, the outbox of citizen messages and the sandbox mailbox.
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

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
