/**
 * The applicant notification outbox: rows written in the same transaction as the dossier event
 * that causes them, delivered by a pg-boss worker with retries and exponential backoff; failures
 * stay visible to staff.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { type Db, rowsOf } from '../../db/client.ts';
import { dossiers, notificationOutbox, sandboxMessages } from '../../db/schema.ts';
import { forbidden } from '../../domain/errors.ts';
import {
  MAX_ATTEMPTS,
  renderTemplate,
  retryDelayMs,
  TEMPLATE_OF_EVENT,
  type TemplateData,
  type TemplateName,
} from '../../domain/notifications/templates.ts';
import { hasRole } from '../../domain/access.ts';
import { maskRecipient } from '../../domain/notifications/mask.ts';
import { visibleUnitIds } from '../access/index.ts';
import {
  type Channel,
  ChannelOffError,
  type MessageSender,
  sentSecretText,
} from '../../integrations/messaging.ts';
import type { Actor, ServiceContext } from '../platform/index.ts';

export interface NoticeContext {
  /** Null for an online application not yet accepted. */
  dossierId: string | null;
  /** The citizen account behind an online dossier, when known (for the Zalo opt-in). */
  citizenId?: string;
  /** A template for a notice that is not a dossier event (submitted, intake refused, payment due). */
  template?: TemplateName;
  jurisdictionId: string;
  applicant: { phone?: string; email?: string };
  eventType: string;
  payload: Record<string, unknown>;
  data: Omit<TemplateData, 'reason' | 'items' | 'newDueAt'> & { reason?: string };
  now: Date;
}

/** Queues the messages an event owes the applicant (none for internal steps). Inside the caller's transaction. */
export async function enqueueApplicantNotices(tx: Db, n: NoticeContext): Promise<number> {
  const template = n.template ?? TEMPLATE_OF_EVENT[n.eventType];
  if (!template) return 0;
  const p = n.payload as { reason?: string; items?: { document: string }[]; newDueAt?: string };
  const message = renderTemplate(template, 'vi', {
    ...n.data,
    reason: p.reason ?? n.data.reason,
    items: p.items?.map((i) => i.document),
    newDueAt: p.newDueAt ? new Date(p.newDueAt) : undefined,
  });
  const rows: { channel: Channel; recipient: string }[] = [];
  if (n.applicant.email) rows.push({ channel: 'email', recipient: n.applicant.email });
  if (n.applicant.phone) rows.push({ channel: 'sms', recipient: n.applicant.phone });
  const zalo = await zaloRecipient(tx, n);
  if (zalo) rows.push({ channel: 'zalo', recipient: zalo });
  if (rows.length === 0) return 0;
  await tx.insert(notificationOutbox).values(
    rows.map((r) => ({
      id: uuidv7(),
      jurisdictionId: n.jurisdictionId,
      dossierId: n.dossierId,
      channel: r.channel,
      recipient: r.recipient,
      template,
      locale: 'vi',
      subject: message.subject,
      // SMS carries the subject line only plus the link: short enough for one or two segments.
      body: r.channel === 'email' ? message.body : `${message.subject}. ${n.data.trackingUrl}`,
      nextAttemptAt: n.now,
    })),
  );
  return rows.length;
}

/**
 * Zalo only for a citizen who opted in (profile): the account behind the online application, or
 * the one that submitted the dossier online.
 */
async function zaloRecipient(tx: Db, n: NoticeContext): Promise<string | null> {
  const owner = n.citizenId
    ? sql`p.user_id = ${n.citizenId}`
    : n.dossierId
      ? sql`p.user_id = (select citizen_id from online_applications where dossier_id = ${n.dossierId} limit 1)`
      : null;
  if (!owner) return null;
  const rows = rowsOf<{ phone: string | null }>(
    await tx.execute(sql`
      select coalesce(p.zalo_phone, u.phone) as phone
      from citizen_profiles p join users u on u.id = p.user_id
      where p.zalo_opt_in and ${owner}`),
  );
  return rows[0]?.phone ?? null;
}

export interface DispatchReport {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Delivers due messages. Rows are claimed with FOR UPDATE SKIP LOCKED inside a short transaction
 * (pushed forward a minute) so two workers never send the same message.
 */
export async function dispatchOutbox(
  ctx: ServiceContext,
  senders: Record<Channel, MessageSender>,
  limit = 50,
): Promise<DispatchReport> {
  const db = ctx.database.db;
  const now = ctx.clock();
  const claimed = await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const due = rowsOf<{ id: string }>(
      await tx.execute(sql`
        select id from ${notificationOutbox}
        where status = 'pending' and next_attempt_at <= ${now.toISOString()}
        order by next_attempt_at limit ${limit} for update skip locked`),
    ).map((r) => r.id);
    if (due.length === 0) return [];
    await tx
      .update(notificationOutbox)
      .set({ nextAttemptAt: new Date(now.getTime() + 60_000) })
      .where(inArray(notificationOutbox.id, due));
    return tx.select().from(notificationOutbox).where(inArray(notificationOutbox.id, due));
  });
  const report: DispatchReport = { sent: 0, retried: 0, failed: 0 };
  for (const m of claimed) {
    if (m.template.startsWith('otp_')) {
      // A one-time code is sent only by the request that issued it (otp.ts): its text here is
      // masked, and the code itself was never stored. The citizen asks for a new one.
      await db
        .update(notificationOutbox)
        .set({ status: 'failed', lastError: 'mã không được lưu: công dân yêu cầu gửi lại mã' })
        .where(eq(notificationOutbox.id, m.id));
      report.failed++;
      continue;
    }
    try {
      await senders[m.channel].send({
        channel: m.channel,
        recipient: m.recipient,
        subject: m.subject,
        body: m.body,
      });
      await db
        .update(notificationOutbox)
        .set({ status: 'sent', sentAt: ctx.clock(), attempts: m.attempts + 1, lastError: null })
        .where(eq(notificationOutbox.id, m.id));
      report.sent++;
    } catch (err) {
      const attempts = m.attempts + 1;
      const giveUp = attempts >= MAX_ATTEMPTS || err instanceof ChannelOffError;
      await db
        .update(notificationOutbox)
        .set({
          attempts,
          lastError: (err as Error).message.slice(0, 500),
          status: giveUp ? 'failed' : 'pending',
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
        })
        .where(eq(notificationOutbox.id, m.id));
      if (giveUp) report.failed++;
      else report.retried++;
    }
  }
  return report;
}

/**
 * The outbox for administrators, newest first. A system administrator sees every message with its
 * recipient; a unit administrator only the messages about dossiers received by units they
 * administer, with the recipient masked (messages of no dossier, such as one-time codes, are the
 * system administrator's alone).
 */
export async function listOutbox(ctx: ServiceContext, actor: Actor, status?: 'pending' | 'sent' | 'failed') {
  if (!hasRole(actor.grants, ['system_admin', 'unit_admin'])) throw forbidden();
  const db = ctx.database.db;
  const everything = hasRole(actor.grants, ['system_admin']);
  const unitIds = everything
    ? null
    : await visibleUnitIds(
        db,
        actor.grants.filter((g) => g.role === 'unit_admin'),
      );
  if (unitIds !== null && unitIds.length === 0) return [];
  const rows = await db
    .select({ m: notificationOutbox, code: dossiers.code })
    .from(notificationOutbox)
    .leftJoin(dossiers, eq(dossiers.id, notificationOutbox.dossierId))
    .where(
      and(
        status ? eq(notificationOutbox.status, status) : undefined,
        unitIds ? inArray(dossiers.receivingUnitId, unitIds) : undefined,
      ),
    )
    .orderBy(desc(notificationOutbox.createdAt))
    .limit(200);
  return rows.map(({ m, code }) => ({
    id: m.id,
    dossierCode: code,
    channel: m.channel,
    recipient: everything ? m.recipient : maskRecipient(m.recipient),
    template: m.template,
    subject: m.subject,
    status: m.status,
    attempts: m.attempts,
    lastError: m.lastError,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
  }));
}

/** The demo mailbox: what the sandbox providers "sent" to a recipient (or to everyone). */
export async function sandboxMailbox(ctx: ServiceContext, recipient?: string) {
  const rows = await ctx.database.db
    .select()
    .from(sandboxMessages)
    .where(recipient ? eq(sandboxMessages.recipient, recipient) : undefined)
    .orderBy(desc(sandboxMessages.createdAt))
    .limit(100);
  // A message with a one-time code is stored masked; its text as sent stays in this process's
  // memory for a few minutes, for the demo's own reader (messaging.ts).
  const nowMs = Date.now();
  return rows.map((r) => ({ ...r, ...sentSecretText(r.id, nowMs), createdAt: r.createdAt.toISOString() }));
}
