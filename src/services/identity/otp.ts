/**
 * One-time codes sent through the notification outbox (SMS to a phone username, e-mail to an
 * e-mail username): confirming a new citizen account and resetting a password. Codes are six
 * digits, valid 10 minutes, five tries; only their SHA-256 is stored.
 */
import { createHash, randomInt } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { type Db, rowsOf } from '../../db/client.ts';
import { notificationOutbox, oneTimeCodes, sessions, units, users } from '../../db/schema.ts';
import { AppError } from '../../domain/errors.ts';
import { appendAudit } from '../platform/index.ts';
import { hashPassword } from './password.ts';
import { inTransaction, type RequestMeta, type ServiceContext, sendersOf } from '../platform/index.ts';
import { hitWindow } from '../platform/index.ts';

const CODE_MINUTES = 10;
const MAX_TRIES = 5;
/**
 * Issuing limits (ASVS 2.5, 2.7): per account a pause between two codes for the same purpose and a
 * daily cap; per address an hourly cap.
 */
export const ISSUE_LIMITS = { cooldownMs: 60_000, perAccountPerDay: 10, perAddressPerHour: 20 };

const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');
const MASK = '••••••';

/** The text of a code's message; with the code masked, what the outbox and the mailbox keep. */
function codeMessage(purpose: 'verify' | 'reset', code: string) {
  const what = purpose === 'verify' ? 'xác nhận tài khoản' : 'đặt lại mật khẩu';
  return {
    subject: `Mã ${what} Một Cửa: ${code}`,
    body: `Mã ${what} của Ông/Bà là ${code}, có hiệu lực ${CODE_MINUTES} phút. Không chia sẻ mã này cho bất kỳ ai.`,
  };
}

/**
 * A code issued and not yet sent: the code itself lives only here, in memory, until
 * `deliverCode` sends it. The outbox row keeps the template and the masked text.
 */
export interface PendingCode {
  outboxId: string;
  purpose: 'verify' | 'reset';
  code: string;
}

const tooMany = () => new AppError(429, 'rate_limited', 'Bạn yêu cầu quá nhiều mã, vui lòng thử lại sau');

/**
 * Writes a new code and its (masked) message in the caller's transaction. Returns null when the
 * account had a code less than a minute ago or has had its day's share (the caller answers the
 * same either way: no account enumeration); 429 when this address asked for too many codes.
 */
export async function issueCode(
  tx: Db,
  now: Date,
  user: { id: string; username: string; phone: string | null; email: string | null },
  purpose: 'verify' | 'reset',
  ip: string | null,
): Promise<PendingCode | null> {
  const perAddress = await hitWindow(tx, `otp-issue:${ip ?? 'unknown'}`, 3_600_000, now);
  if (perAddress.count > ISSUE_LIMITS.perAddressPerHour) throw tooMany();
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const [recent] = rowsOf<{ n: number; last: string | Date | null }>(
    await tx.execute(sql`
      select count(*)::int as n,
             max(created_at) filter (where purpose = ${purpose}) as last
      from ${oneTimeCodes}
      where user_id = ${user.id} and created_at > ${dayAgo.toISOString()}`),
  );
  const last = recent?.last ? new Date(recent.last).getTime() : null;
  if ((recent?.n ?? 0) >= ISSUE_LIMITS.perAccountPerDay) return null;
  if (last !== null && now.getTime() - last < ISSUE_LIMITS.cooldownMs) return null;

  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await tx.insert(oneTimeCodes).values({
    id: uuidv7(),
    userId: user.id,
    purpose,
    codeHash: hashCode(code),
    expiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000),
    createdAt: now,
  });
  const [root] = await tx
    .select({ id: units.jurisdictionId })
    .from(units)
    .where(isNull(units.parentId))
    .limit(1);
  const id = uuidv7();
  const kept = codeMessage(purpose, MASK);
  await tx.insert(notificationOutbox).values({
    id,
    jurisdictionId: root?.id ?? user.id,
    channel: user.phone ? 'sms' : 'email',
    recipient: user.phone ?? user.email ?? user.username,
    template: `otp_${purpose}`,
    subject: kept.subject,
    body: kept.body,
    // deliverCode sends it at once; the worker would only find a masked text to send, so it
    // waits past the code's validity and then records that the citizen must ask again.
    nextAttemptAt: new Date(now.getTime() + CODE_MINUTES * 60_000),
  });
  return { outboxId: id, purpose, code };
}

/**
 * Sends a code's message right away, after its transaction committed: a person is waiting. The
 * code is rendered into the text only here; what any sender may record is the masked text.
 */
export async function deliverCode(ctx: ServiceContext, pending: PendingCode | null): Promise<void> {
  if (!pending) return;
  const db = ctx.database.db;
  const [row] = await db.select().from(notificationOutbox).where(eq(notificationOutbox.id, pending.outboxId));
  if (row?.status !== 'pending') return;
  const clear = codeMessage(pending.purpose, pending.code);
  try {
    await sendersOf(ctx)[row.channel].send({
      channel: row.channel,
      recipient: row.recipient,
      ...clear,
      kept: { subject: row.subject, body: row.body },
    });
    await db
      .update(notificationOutbox)
      .set({ status: 'sent', sentAt: ctx.clock(), attempts: row.attempts + 1, lastError: null })
      .where(eq(notificationOutbox.id, row.id));
  } catch (err) {
    await db
      .update(notificationOutbox)
      .set({
        status: 'failed',
        attempts: row.attempts + 1,
        lastError: `${(err as Error).message.slice(0, 400)} (mã không được lưu: công dân yêu cầu gửi lại mã)`,
      })
      .where(eq(notificationOutbox.id, row.id));
  }
}

/**
 * Checks a code. The try is counted first, atomically (one UPDATE … WHERE attempts < max
 * RETURNING), so parallel guesses can never exceed MAX_TRIES; then the code is compared and used
 * at most once.
 */
async function consumeCode(
  tx: Db,
  now: Date,
  userId: string,
  purpose: 'verify' | 'reset',
  code: string,
): Promise<boolean> {
  const [counted] = rowsOf<{ id: string; code_hash: string }>(
    await tx.execute(sql`
      update ${oneTimeCodes} set attempts = attempts + 1
      where id = (
        select id from ${oneTimeCodes}
        where user_id = ${userId} and purpose = ${purpose} and used_at is null
        order by created_at desc limit 1)
        and attempts < ${MAX_TRIES} and expires_at > ${now.toISOString()}
      returning id, code_hash`),
  );
  if (!counted || counted.code_hash !== hashCode(code.trim())) return false;
  const used = await tx
    .update(oneTimeCodes)
    .set({ usedAt: now })
    .where(and(eq(oneTimeCodes.id, counted.id), isNull(oneTimeCodes.usedAt)))
    .returning({ id: oneTimeCodes.id });
  return used.length === 1;
}

const invalidCode = () =>
  new AppError(400, 'invalid_code', 'Mã không đúng hoặc đã hết hạn', [
    { path: 'code', message: 'Mã không đúng hoặc đã hết hạn' },
  ]);

export async function verifyAccount(
  ctx: ServiceContext,
  meta: RequestMeta,
  username: string,
  code: string,
): Promise<void> {
  const name = username.trim().toLowerCase();
  const now = ctx.clock();
  const ok = await inTransaction(ctx, async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.username, name)).limit(1);
    if (user?.kind !== 'citizen') return false;
    if (user.verifiedAt) return true;
    if (!(await consumeCode(tx, now, user.id, 'verify', code))) return false;
    await tx.update(users).set({ verifiedAt: now, updatedAt: now }).where(eq(users.id, user.id));
    await appendAudit(tx, ctx.clock, meta, {
      action: 'citizen.verify',
      actor: { id: user.id, username: user.username },
      entityType: 'user',
      entityId: user.id,
    });
    return true;
  });
  if (!ok) throw invalidCode();
}

/** Always answers the same (no account enumeration); sends a code only when the account exists. */
export async function requestPasswordReset(
  ctx: ServiceContext,
  meta: RequestMeta,
  username: string,
): Promise<void> {
  const name = username.trim().toLowerCase();
  const now = ctx.clock();
  const pending = await inTransaction(ctx, async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.username, name)).limit(1);
    if (user?.kind !== 'citizen' || user.disabled) {
      // The address's issuing limit counts unknown accounts too: the answer must not tell them apart.
      const perAddress = await hitWindow(tx, `otp-issue:${meta.ip ?? 'unknown'}`, 3_600_000, now);
      if (perAddress.count > ISSUE_LIMITS.perAddressPerHour) throw tooMany();
      return null;
    }
    return issueCode(tx, now, user, 'reset', meta.ip);
  });
  await deliverCode(ctx, pending);
}

export async function resetPassword(
  ctx: ServiceContext,
  meta: RequestMeta,
  username: string,
  code: string,
  password: string,
): Promise<void> {
  const name = username.trim().toLowerCase();
  const now = ctx.clock();
  const passwordHash = await hashPassword(password);
  const ok = await inTransaction(ctx, async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.username, name)).limit(1);
    if (user?.kind !== 'citizen') return false;
    if (!(await consumeCode(tx, now, user.id, 'reset', code))) return false;
    // A reset also confirms the phone/e-mail, and ends every session of the account.
    await tx
      .update(users)
      .set({ passwordHash, verifiedAt: user.verifiedAt ?? now, updatedAt: now })
      .where(eq(users.id, user.id));
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await appendAudit(tx, ctx.clock, meta, {
      action: 'citizen.password_reset',
      actor: { id: user.id, username: user.username },
      entityType: 'user',
      entityId: user.id,
    });
    return true;
  });
  if (!ok) throw invalidCode();
}
