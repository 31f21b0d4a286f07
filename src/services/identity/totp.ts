/**
 * The staff second factor (issue 14 §4): TOTP (RFC 6238, otplib) with recovery codes.
 *
 * - Enrolment: a new secret (sealed with MOTCUA_DATA_KEY, never stored in clear) is shown once as
 *   an otpauth:// URI, a QR code and text; it counts only once a first code confirms it, which
 *   also gives the ten recovery codes, shown once and kept as keyed digests.
 * - Verification: the code of the current 30-second step or one step either side (clock drift),
 *   never a step at or before the last accepted one, so a code cannot be used twice
 *   (RFC 6238 §5.2); the check-and-set is a single conditional UPDATE, so two parallel requests
 *   with the same code cannot both pass. A recovery code is removed as it is used.
 * - A system administrator may reset an account's second factor (audited): the user enrols again.
 * - In production, system and unit administrators must have it (src/http/auth.ts enforces).
 */
import { randomInt } from 'node:crypto';
import { and, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { generateSecret, generateURI, verifySync } from 'otplib';
import QRCode from 'qrcode';
import type { Db } from '../../db/client.ts';
import { userTotp, users } from '../../db/schema.ts';
import { hasRole, type Role, type RoleGrant } from '../../domain/access.ts';
import { AppError, conflict, forbidden, notFound } from '../../domain/errors.ts';
import { appendAudit } from '../platform/index.ts';
import { type Actor, inTransaction, type RequestMeta, type ServiceContext } from '../platform/index.ts';
import { hitWindow, resetWindow } from '../platform/index.ts';
import { keyedDigest, openSecret, sealSecret } from '../platform/index.ts';
import { RECOVERY_CODE_COUNT } from '../../contracts/identity.ts';

export { RECOVERY_CODE_COUNT };

const SECRET_PURPOSE = 'totp-secret';
const RECOVERY_PURPOSE = 'totp-recovery-code';
const ISSUER = 'Một Cửa';
const PERIOD_SECONDS = 30;
/** One step either side of the current one: phones whose clock is a little off still work. */
const TOLERANCE_SECONDS = PERIOD_SECONDS;
/** Lower-case letters and digits without the look-alikes (0/o, 1/l/i). */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Roles that must have a second factor in production. */
export const TOTP_REQUIRED_ROLES: readonly Role[] = ['system_admin', 'unit_admin'];

/** Does holding these grants oblige the account to a second factor (when the mode requires it)? */
export function holdsTotpRequiredRole(grants: readonly Pick<RoleGrant, 'role'>[]): boolean {
  return grants.some((g) => TOTP_REQUIRED_ROLES.includes(g.role));
}

/** Codes tried on the security page (confirm, turn off) per account and window, before 429. */
const PAGE_ATTEMPTS = 5;
const PAGE_WINDOW_MS = 15 * 60_000;

/**
 * Counts a code tried on the security page before it is checked (a stolen session must not be able
 * to guess its way to turning the second factor off); too many answer 429 `too_many_attempts`.
 */
async function countPageAttempt(ctx: ServiceContext, userId: string): Promise<void> {
  const now = ctx.clock();
  const hit = await hitWindow(ctx.database.db, `totp-fail:user:${userId}`, PAGE_WINDOW_MS, now);
  if (hit.count > PAGE_ATTEMPTS) {
    const err = new AppError(429, 'too_many_attempts', 'Nhập sai mã quá nhiều lần. Vui lòng thử lại sau.');
    (err as AppError & { retryAfterSeconds?: number }).retryAfterSeconds = Math.max(
      1,
      Math.ceil((hit.resetAt.getTime() - now.getTime()) / 1000),
    );
    throw err;
  }
}

export const invalidTotp = () =>
  new AppError(401, 'invalid_totp', 'Mã xác thực không đúng, đã hết hạn hoặc đã được dùng');

export interface TotpEnrolment {
  /** otpauth://totp/… for authenticator apps. */
  otpauthUri: string;
  /** The same URI as a PNG QR code (data: URL). */
  qrDataUrl: string;
  /** The base32 secret, for typing into an app by hand. */
  secret: string;
}

function requireStaff(actor: Actor) {
  if (actor.kind !== 'staff')
    throw new AppError(403, 'staff_only', 'Chỉ tài khoản cán bộ dùng xác thực hai lớp');
}

async function rowOf(ctx: ServiceContext, userId: string) {
  const [row] = await ctx.database.db.select().from(userTotp).where(eq(userTotp.userId, userId)).limit(1);
  return row ?? null;
}

/** Is the account's second factor on? */
export async function totpEnabled(ctx: ServiceContext, userId: string): Promise<boolean> {
  return Boolean((await rowOf(ctx, userId))?.enabledAt);
}

/** Starts (or restarts) an enrolment: a new secret that counts only once a code confirms it. */
export async function startTotpEnrolment(
  ctx: ServiceContext,
  dataKey: string,
  actor: Actor,
  meta: RequestMeta,
): Promise<TotpEnrolment> {
  requireStaff(actor);
  const secret = generateSecret();
  const secretEnc = sealSecret(dataKey, SECRET_PURPOSE, secret);
  await inTransaction(ctx, async (tx) => {
    const [existing] = await tx
      .select({ enabledAt: userTotp.enabledAt })
      .from(userTotp)
      .where(eq(userTotp.userId, actor.id))
      .for('update');
    if (existing?.enabledAt)
      throw conflict('totp_already_enabled', 'Xác thực hai lớp đang bật; tắt đi trước khi đăng ký lại');
    const fresh = {
      secretEnc,
      enabledAt: null,
      lastStep: null,
      recoveryCodeHashes: [],
      createdAt: ctx.clock(),
    };
    if (existing) await tx.update(userTotp).set(fresh).where(eq(userTotp.userId, actor.id));
    else await tx.insert(userTotp).values({ userId: actor.id, ...fresh });
    await appendAudit(tx, ctx.clock, meta, {
      action: 'auth.totp_enrolment_started',
      actor,
      entityType: 'user',
      entityId: actor.id,
    });
  });
  const otpauthUri = generateURI({ issuer: ISSUER, label: actor.username, secret, period: PERIOD_SECONDS });
  const qrDataUrl = await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
  return { otpauthUri, qrDataUrl, secret };
}

/**
 * The stored secret, or null when it cannot be opened: sealed under another MOTCUA_DATA_KEY (the key
 * was changed) or altered. Codes are then refused, not a server error; a system administrator's
 * reset lets the user enrol again.
 */
function secretOf(dataKey: string, secretEnc: string): string | null {
  try {
    return openSecret(dataKey, SECRET_PURPOSE, secretEnc);
  } catch {
    return null;
  }
}

/** The time step a 6-digit code matches (after `afterStep`), or null. */
function matchingStep(
  secret: string | null,
  code: string,
  now: Date,
  afterStep: number | null,
): number | null {
  if (secret === null || !/^\d{6}$/.test(code)) return null;
  const result = verifySync({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    period: PERIOD_SECONDS,
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** Takes the step atomically: false when another request already took this step or a later one. */
async function claimStep(db: Db, userId: string, step: number, pending: boolean): Promise<boolean> {
  const taken = await db
    .update(userTotp)
    .set({ lastStep: step })
    .where(
      and(
        eq(userTotp.userId, userId),
        pending ? isNull(userTotp.enabledAt) : isNotNull(userTotp.enabledAt),
        or(isNull(userTotp.lastStep), lt(userTotp.lastStep, step)),
      ),
    )
    .returning({ userId: userTotp.userId });
  return taken.length === 1;
}

function newRecoveryCode(): string {
  const pick = () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  const part = () => Array.from({ length: 4 }, pick).join('');
  return `${part()}-${part()}`;
}

/** How a typed recovery code is compared: case, spaces and the dash do not matter. */
function normaliseRecoveryCode(code: string): string | null {
  const bare = code.toLowerCase().replace(/[\s-]/g, '');
  return /^[a-z0-9]{8}$/.test(bare) ? `${bare.slice(0, 4)}-${bare.slice(4)}` : null;
}

const recoveryDigest = (dataKey: string, userId: string, code: string) =>
  keyedDigest(dataKey, RECOVERY_PURPOSE, `${userId}:${code}`);

/** Confirms the enrolment with a first code; returns the recovery codes (shown this once). */
export async function confirmTotpEnrolment(
  ctx: ServiceContext,
  dataKey: string,
  actor: Actor,
  meta: RequestMeta,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  requireStaff(actor);
  const row = await rowOf(ctx, actor.id);
  if (!row)
    throw conflict('totp_not_enrolling', 'Chưa bắt đầu đăng ký xác thực hai lớp: bấm "Bắt đầu" trước');
  if (row.enabledAt) throw conflict('totp_already_enabled', 'Xác thực hai lớp đã được bật');
  await countPageAttempt(ctx, actor.id);
  const secret = secretOf(dataKey, row.secretEnc);
  const step = matchingStep(secret, code.trim(), ctx.clock(), row.lastStep);
  if (step === null) throw new AppError(400, 'invalid_totp', invalidTotp().message);
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await inTransaction(ctx, async (tx) => {
    if (!(await claimStep(tx, actor.id, step, true)))
      throw new AppError(400, 'invalid_totp', invalidTotp().message);
    await resetWindow(tx, `totp-fail:user:${actor.id}`);
    await tx
      .update(userTotp)
      .set({
        enabledAt: ctx.clock(),
        recoveryCodeHashes: recoveryCodes.map((c) => recoveryDigest(dataKey, actor.id, c)),
      })
      .where(eq(userTotp.userId, actor.id));
    await appendAudit(tx, ctx.clock, meta, {
      action: 'auth.totp_enabled',
      actor,
      entityType: 'user',
      entityId: actor.id,
    });
  });
  return { recoveryCodes };
}

/**
 * Checks a second factor for an account whose TOTP is on: a 6-digit code (never one already used)
 * or an unused recovery code (used up by this call). Returns how it was proven, or null.
 */
export async function proveSecondFactor(
  ctx: ServiceContext,
  dataKey: string,
  userId: string,
  code: string,
): Promise<'totp' | 'recovery_code' | null> {
  const db = ctx.database.db;
  const typed = code.trim();
  if (/^\d{6}$/.test(typed)) {
    const row = await rowOf(ctx, userId);
    if (!row?.enabledAt) return null;
    const step = matchingStep(secretOf(dataKey, row.secretEnc), typed, ctx.clock(), row.lastStep);
    return step !== null && (await claimStep(db, userId, step, false)) ? 'totp' : null;
  }
  const recovery = normaliseRecoveryCode(typed);
  if (!recovery) return null;
  const digest = recoveryDigest(dataKey, userId, recovery);
  const used = await db
    .update(userTotp)
    .set({ recoveryCodeHashes: sql`array_remove(${userTotp.recoveryCodeHashes}, ${digest}::text)` })
    .where(
      and(
        eq(userTotp.userId, userId),
        isNotNull(userTotp.enabledAt),
        sql`${digest}::text = any(${userTotp.recoveryCodeHashes})`,
      ),
    )
    .returning({ userId: userTotp.userId });
  return used.length === 1 ? 'recovery_code' : null;
}

/**
 * A staff member turns the second factor off, proving it with a code. Not for administrators
 * when the mode requires it of them.
 */
export async function disableTotp(
  ctx: ServiceContext,
  dataKey: string,
  actor: Actor,
  meta: RequestMeta,
  code: string,
  adminsMustKeep: boolean,
): Promise<void> {
  requireStaff(actor);
  if (adminsMustKeep && holdsTotpRequiredRole(actor.grants))
    throw new AppError(
      403,
      'totp_required_for_role',
      'Quản trị viên phải dùng xác thực hai lớp; không thể tắt',
    );
  if (!(await totpEnabled(ctx, actor.id)))
    throw conflict('totp_not_enabled', 'Xác thực hai lớp chưa được bật');
  await countPageAttempt(ctx, actor.id);
  if (!(await proveSecondFactor(ctx, dataKey, actor.id, code)))
    throw new AppError(400, 'invalid_totp', invalidTotp().message);
  await inTransaction(ctx, async (tx) => {
    await resetWindow(tx, `totp-fail:user:${actor.id}`);
    await tx.delete(userTotp).where(eq(userTotp.userId, actor.id));
    await appendAudit(tx, ctx.clock, meta, {
      action: 'auth.totp_disabled',
      actor,
      entityType: 'user',
      entityId: actor.id,
    });
  });
}

/** A system administrator removes an account's second factor (lost phone): the user enrols again. */
export async function resetTotp(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  userId: string,
): Promise<void> {
  if (actor.kind !== 'staff' || !hasRole(actor.grants, ['system_admin'])) throw forbidden();
  await inTransaction(ctx, async (tx) => {
    const [user] = await tx
      .select({ id: users.id, username: users.username, kind: users.kind })
      .from(users)
      .where(eq(users.id, userId))
      .limit(1);
    if (user?.kind !== 'staff') throw notFound('user_not_found', 'Không tìm thấy tài khoản');
    const removed = await tx
      .delete(userTotp)
      .where(eq(userTotp.userId, userId))
      .returning({ enabledAt: userTotp.enabledAt });
    await appendAudit(tx, ctx.clock, meta, {
      action: 'user.totp_reset',
      actor,
      entityType: 'user',
      entityId: userId,
      before: {
        username: user.username,
        totp: removed[0] ? (removed[0].enabledAt ? 'enabled' : 'enrolling') : 'none',
      },
      after: { totp: 'none' },
    });
  });
}
