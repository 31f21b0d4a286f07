/**
 * The notifications context's operations: the staff member's own notices (due soon, overdue,
 * digest), the messages to applicants with their delivery status, and the demo mailbox.
 */
import { z } from 'zod';
import { staffSecurity } from './common.ts';
import { defineContract, operation } from './operation.ts';

export const staffNotificationSchema = z.object({
  id: z.string(),
  kind: z.string().describe('`due_soon`, `overdue` or `digest`'),
  title: z.string(),
  body: z.string(),
  dossierCode: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});

export const outboxMessageSchema = z.object({
  id: z.string(),
  dossierCode: z.string().nullable(),
  channel: z.string(),
  recipient: z.string(),
  template: z.string(),
  subject: z.string(),
  status: z.string(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

export const notificationsContract = defineContract('notifications', {
  mine: operation('GET /me/notifications', {
    summary: 'The caller’s notices: due soon, overdue, daily digest (latest 50)',
    response: { 200: z.object({ unread: z.number(), items: z.array(staffNotificationSchema) }) },
  }),
  markRead: operation('POST /me/notifications/:id/read', {
    summary: 'Mark a notice read',
    params: z.object({ id: z.uuid() }),
    response: { 204: z.null() },
  }),
  outbox: operation('GET /admin/notifications', {
    summary:
      'Messages to applicants (e-mail, SMS, Zalo) with their delivery status; failures first to look at',
    security: staffSecurity,
    querystring: z.object({ status: z.enum(['pending', 'sent', 'failed']).optional() }),
    response: { 200: z.object({ items: z.array(outboxMessageSchema) }) },
  }),
  sandboxMessages: operation('GET /sandbox/messages', {
    summary: 'Demo mailbox: messages recorded by the sandbox providers (only with the demo seed)',
    querystring: z.object({ recipient: z.string().max(200).optional() }),
  }),
});

export type StaffNotification = z.output<typeof staffNotificationSchema>;
