/**
 * One-time codes sent through the notification outbox (SMS to a phone username, e-mail to an
 * e-mail username): confirming a new citizen account and resetting a password. Codes are six
 * digits, valid 10 minutes, five tries; only their SHA-256 is stored.
 */
import { createHash, randomInt } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/client.ts';
import { notificationOutbox, oneTimeCodes, sessions, units, users } from '../db/schema.ts';
import { AppError } from '../domain/errors.ts';
import { sendersFromEnv } from '../integrations/messaging.ts';
import { appendAudit } from './audit.ts';
import { hashPassword } from './auth.ts';
import { inTransaction, type RequestMeta, type ServiceContext } from './context.ts';
import { dispatchOutbox } from './notifications.ts';

const CODE_MINUTES = 10;
const MAX_TRIES = 5;

const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

/** Writes a new code and its message in the caller's transaction. Returns the outbox row id. */
export async function issueCode(
  tx: Db,
  now: Date,
  user: { id: string; username: string; phone: string | null; email: string | null },
  purpose: 'verify' | 'reset',
): Promise<string> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await tx.insert(oneTimeCodes).values({
    id: uuidv7(),
    userId: user.id,
    purpose,
    codeHash: hashCode(code),
    expiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000),
  });
  const [root] = await tx
    .select({ id: units.jurisdictionId })
    .from(units)
    .where(isNull(units.parentId))
    .limit(1);
  const what = purpose === 'verify' ? 'xác nhận tài khoản' : 'đặt lại mật khẩu';
  const id = uuidv7();
  await tx.insert(notificationOutbox).values({
    id,
    jurisdictionId: root?.id ?? user.id,
    channel: user.phone ? 'sms' : 'email',
    recipient: user.phone ?? user.email ?? user.username,
    template: `otp_${purpose}`,
    subject: `Mã ${what} Một Cửa: ${code}`,
    body: `Mã ${what} của Ông/Bà là ${code}, có hiệu lực ${CODE_MINUTES} phút. Không chia sẻ mã này cho bất kỳ ai.`,
    nextAttemptAt: now,
  });
  return id;
}

/** Sends right away (the worker retries later if this fails): a person is waiting for the code. */
export async function deliverSoon(ctx: ServiceContext): Promise<void> {
  await dispatchOutbox(ctx, sendersFromEnv(ctx.database.db), 10).catch(() => undefined);
}

async function consumeCode(
  tx: Db,
  now: Date,
  userId: string,
  purpose: 'verify' | 'reset',
  code: string,
): Promise<boolean> {
  const [row] = await tx
    .select()
    .from(oneTimeCodes)
    .where(
      and(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.purpose, purpose), isNull(oneTimeCodes.usedAt)),
    )
    .orderBy(desc(oneTimeCodes.createdAt))
    .limit(1);
  if (!row || row.expiresAt <= now || row.attempts >= MAX_TRIES) return false;
  if (row.codeHash !== hashCode(code.trim())) {
    await tx
      .update(oneTimeCodes)
      .set({ attempts: sql`${oneTimeCodes.attempts} + 1` })
      .where(eq(oneTimeCodes.id, row.id));
    return false;
  }
  await tx.update(oneTimeCodes).set({ usedAt: now }).where(eq(oneTimeCodes.id, row.id));
  return true;
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
export async function requestPasswordReset(ctx: ServiceContext, username: string): Promise<void> {
  const name = username.trim().toLowerCase();
  const now = ctx.clock();
  const sent = await inTransaction(ctx, async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.username, name)).limit(1);
    if (user?.kind !== 'citizen' || user.disabled) return false;
    await issueCode(tx, now, user, 'reset');
    return true;
  });
  if (sent) await deliverSoon(ctx);
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
