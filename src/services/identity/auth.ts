import { createHash, randomBytes } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { and, eq, gt, lt } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/client.ts';
import { DEMO_DATA_KEY } from '../../config.ts';
import { sessions, units, userRoles, users, userTotp } from '../../db/schema.ts';
import type { Role, RoleGrant } from '../../domain/access.ts';
import type { Clock } from '../../domain/clock.ts';
import { normalisePhone } from '../../domain/contact.ts';
import { AppError, conflict } from '../../domain/errors.ts';
import { appendAudit } from '../platform/index.ts';
import { type Actor, inTransaction, type RequestMeta, type ServiceContext } from '../platform/index.ts';
import { deliverCode, issueCode } from './otp.ts';
import { hashPassword } from './password.ts';
import type { RegisterCitizenInput, UserView } from '../../contracts/identity.ts';

export { hashPassword };
import { hitWindow, releaseHit, resetWindow } from '../platform/index.ts';
import { holdsTotpRequiredRole, invalidTotp, proveSecondFactor } from './totp.ts';

export const SESSION_COOKIE = 'motcua_session';

/**
 * The session cookie's name: `__Host-` prefixed when the service is served over https, so that the
 * browser accepts it only Secure, for the whole host, from the host itself (no sibling subdomain
 * can set or shadow it).
 */
export function sessionCookieName(publicUrl: string): string {
  return publicUrl.startsWith('https://') ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

/** What a failed login keeps of the typed username: a digest (it may be a password typed in the wrong box). */
export function usernameDigest(username: string): string {
  return `sha256:${createHash('sha256').update(username).digest('hex').slice(0, 32)}`;
}

// Verified against when the username is unknown, so both failures take the same time.
let dummyHash: Promise<string> | null = null;

export interface LoginPolicy {
  maxAttempts: number;
  windowMinutes: number;
  sessionHours: number;
  /** Staff sessions end after this many idle minutes (0 = only the absolute lifetime). */
  staffIdleMinutes?: number;
  /** Key that seals stored secrets (MOTCUA_DATA_KEY), to check second factors; the demo key by default. */
  dataKey?: string;
  /** System and unit administrators must have a second factor (production). */
  adminTotpRequired?: boolean;
}

export type { UserView };

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: UserView & { totpRequired: boolean };
}

const invalidCredentials = () =>
  new AppError(401, 'invalid_credentials', 'Tên đăng nhập hoặc mật khẩu không đúng');

export async function login(
  ctx: ServiceContext,
  policy: LoginPolicy,
  meta: RequestMeta,
  /** `totp`: the second factor, a 6-digit code or a recovery code, when the account has one. */
  input: { username: string; password: string; totp?: string },
): Promise<LoginResult> {
  const db = ctx.database.db;
  const now = ctx.clock();
  const username = input.username.trim().toLowerCase();
  const windowMs = policy.windowMinutes * 60_000;
  const userKey = `login-fail:user:${username}`;
  const ipKey = `login-fail:ip:${meta.ip ?? 'unknown'}`;
  // The attempt is counted before the password is checked (ASVS 2.2.1): parallel guesses each
  // take a slot atomically, so no burst can try more than the limit. A success gives it back.
  const [byUser, byIp] = await inTransaction(ctx, async (tx) => [
    await hitWindow(tx, userKey, windowMs, now),
    await hitWindow(tx, ipKey, windowMs, now),
  ]);
  const blocked =
    byUser.count > policy.maxAttempts ? byUser : byIp.count > policy.maxAttempts * 4 ? byIp : null;
  if (blocked) {
    const err = new AppError(
      429,
      'too_many_attempts',
      'Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau.',
    );
    (err as AppError & { retryAfterSeconds?: number }).retryAfterSeconds = Math.max(
      1,
      Math.ceil((blocked.resetAt.getTime() - now.getTime()) / 1000),
    );
    throw err;
  }

  const [user] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  dummyHash ??= argonHash('not-a-real-password');
  let ok = false;
  if (user) ok = await argonVerify(user.passwordHash, input.password);
  else await argonVerify(await dummyHash, input.password);
  if (!user || !ok || user.disabled) {
    await inTransaction(ctx, async (tx) => {
      await appendAudit(tx, ctx.clock, meta, {
        action: 'auth.login_failed',
        actorUsername: usernameDigest(username),
        actor: user ? { id: user.id, username: usernameDigest(username) } : null,
        after: { reason: !user ? 'unknown_user' : user.disabled ? 'disabled' : 'wrong_password' },
      });
    });
    throw invalidCredentials();
  }

  if (user.kind === 'citizen' && !user.verifiedAt)
    throw new AppError(
      403,
      'unverified_account',
      'Tài khoản chưa được xác nhận: nhập mã đã gửi tới số điện thoại hoặc e-mail',
    );
  // The second factor (issue 14 §4), asked only once the password is right. A wrong or reused
  // code stays counted in the attempt windows above, like a wrong password.
  let secondFactor: 'totp' | 'recovery_code' | null = null;
  const [factor] = await db
    .select({ enabledAt: userTotp.enabledAt })
    .from(userTotp)
    .where(eq(userTotp.userId, user.id))
    .limit(1);
  if (user.kind === 'staff' && factor?.enabledAt) {
    if (!input.totp?.trim()) {
      // The password was right and no code was tried: this step asks for the code and gives the
      // attempt back (an office behind one address must not lock itself out by logging in).
      await inTransaction(ctx, async (tx) => {
        await releaseHit(tx, userKey);
        await releaseHit(tx, ipKey);
      });
      throw new AppError(
        401,
        'totp_required',
        'Nhập mã xác thực 6 số trong ứng dụng xác thực (hoặc một mã khôi phục)',
      );
    }
    secondFactor = await proveSecondFactor(ctx, policy.dataKey ?? DEMO_DATA_KEY, user.id, input.totp);
    if (!secondFactor) {
      await inTransaction(ctx, async (tx) => {
        await appendAudit(tx, ctx.clock, meta, {
          action: 'auth.login_failed',
          actorUsername: usernameDigest(username),
          actor: { id: user.id, username: usernameDigest(username) },
          after: { reason: 'wrong_totp' },
        });
      });
      throw invalidTotp();
    }
  }
  const { token, expiresAt } = await inTransaction(ctx, async (tx) => {
    await resetWindow(tx, userKey);
    await releaseHit(tx, ipKey);
    const idle = user.kind === 'staff' ? (policy.staffIdleMinutes ?? 0) : 0;
    const method = secondFactor ? `password+${secondFactor}` : undefined;
    return openSession(tx, ctx.clock, meta, user, policy.sessionHours, now, method, idle);
  });
  const view = await userView(db, user.id);
  return {
    token,
    expiresAt,
    user: { ...view, totpRequired: Boolean(policy.adminTotpRequired) && holdsTotpRequiredRole(view.roles) },
  };
}

/**
 * Opens a session for a user whose identity is established (password login, national single
 * sign-on) in the caller's transaction: drops the user's expired sessions and audits `auth.login`
 * (with `after: {method}` when a method other than the password is named).
 */
export async function openSession(
  tx: Db,
  clock: Clock,
  meta: RequestMeta,
  user: { id: string; username: string },
  sessionHours: number,
  now: Date = clock(),
  method?: string,
  /** Minutes without a request after which the session ends (0 = only the absolute lifetime). */
  idleMinutes = 0,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  // `expiresAt` returned is the absolute end (the cookie's); the row's slides with activity when
  // an idle timeout applies (authenticate moves it on), never past the absolute end.
  const expiresAt = new Date(now.getTime() + sessionHours * 3_600_000);
  const rowExpiry = idleMinutes > 0 ? slidingExpiry(now, now, sessionHours, idleMinutes) : expiresAt;
  await tx.delete(sessions).where(and(eq(sessions.userId, user.id), lt(sessions.expiresAt, now)));
  await tx.insert(sessions).values({
    tokenHash: tokenHash(token),
    userId: user.id,
    createdAt: now,
    expiresAt: rowExpiry,
    ip: meta.ip,
  });
  await appendAudit(tx, clock, meta, {
    action: 'auth.login',
    actor: { id: user.id, username: user.username },
    entityType: 'user',
    entityId: user.id,
    ...(method ? { after: { method } } : {}),
  });
  return { token, expiresAt };
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** An idle-limited session's end: idle minutes from the last request, never past the absolute end. */
function slidingExpiry(createdAt: Date, now: Date, sessionHours: number, idleMinutes: number): Date {
  const absolute = createdAt.getTime() + sessionHours * 3_600_000;
  return new Date(Math.min(absolute, now.getTime() + idleMinutes * 60_000));
}

/** Moves an idle-limited session's end at most once a minute (a write per request would be waste). */
const SLIDE_STEP_MS = 60_000;

/**
 * The actor behind a session token, or null when the token is unknown, expired (absolute lifetime,
 * or for staff the idle timeout) or the user disabled.
 */
export async function authenticate(
  ctx: ServiceContext,
  token: string,
  idle: { staffIdleMinutes: number; sessionHours: number } = { staffIdleMinutes: 0, sessionHours: 0 },
): Promise<Actor | null> {
  if (!token || token.length > 200) return null;
  const db = ctx.database.db;
  // One round trip per request: the session, its user and the user's roles together.
  const rows = await db
    .select({
      user: users,
      session: { createdAt: sessions.createdAt, expiresAt: sessions.expiresAt },
      role: userRoles.role,
      unitId: userRoles.unitId,
      incl: userRoles.includeDescendants,
      totpEnabledAt: userTotp.enabledAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .leftJoin(userTotp, eq(userTotp.userId, users.id))
    .where(and(eq(sessions.tokenHash, tokenHash(token)), gt(sessions.expiresAt, ctx.clock())));
  const first = rows[0];
  if (!first || first.user.disabled) return null;
  if (first.user.kind === 'staff' && idle.staffIdleMinutes > 0) {
    const now = ctx.clock();
    const next = slidingExpiry(first.session.createdAt, now, idle.sessionHours, idle.staffIdleMinutes);
    if (next.getTime() - first.session.expiresAt.getTime() >= SLIDE_STEP_MS)
      await db
        .update(sessions)
        .set({ expiresAt: next })
        .where(eq(sessions.tokenHash, tokenHash(token)));
  }
  return {
    id: first.user.id,
    username: first.user.username,
    fullName: first.user.fullName,
    kind: first.user.kind,
    grants: rows.flatMap((r) =>
      r.role && r.unitId
        ? [{ role: r.role as Role, unitId: r.unitId, includeDescendants: r.incl ?? false }]
        : [],
    ),
    totpEnabled: first.totpEnabledAt !== null,
  };
}

export async function logout(
  ctx: ServiceContext,
  meta: RequestMeta,
  token: string,
  actor: Actor | null,
): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
    if (actor) await appendAudit(tx, ctx.clock, meta, { action: 'auth.logout', actor });
  });
}

export async function loadGrants(db: Db, userId: string): Promise<RoleGrant[]> {
  const rows = await db.select().from(userRoles).where(eq(userRoles.userId, userId));
  return rows.map((r) => ({
    role: r.role as Role,
    unitId: r.unitId,
    includeDescendants: r.includeDescendants,
  }));
}

export async function userView(db: Db, userId: string): Promise<UserView> {
  const [found] = await db
    .select({ user: users, totpEnabledAt: userTotp.enabledAt })
    .from(users)
    .leftJoin(userTotp, eq(userTotp.userId, users.id))
    .where(eq(users.id, userId))
    .limit(1);
  if (!found) throw new AppError(404, 'user_not_found', 'Không tìm thấy tài khoản');
  const user = found.user;
  const roles = await db
    .select({
      role: userRoles.role,
      unitCode: units.code,
      unitName: units.name,
      includeDescendants: userRoles.includeDescendants,
    })
    .from(userRoles)
    .innerJoin(units, eq(units.id, userRoles.unitId))
    .where(eq(userRoles.userId, userId));
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    kind: user.kind,
    roles: roles.map((r) => ({ ...r, role: r.role as Role })),
    totpEnabled: found.totpEnabledAt !== null,
  };
}

/** A citizen registers with a phone number or an e-mail address, which becomes the username. */
export async function registerCitizen(
  ctx: ServiceContext,
  meta: RequestMeta,
  input: RegisterCitizenInput,
): Promise<UserView> {
  const phone = input.phone ? normalisePhone(input.phone) : null;
  const email = input.email ? input.email.toLowerCase() : null;
  const username = (phone ?? email)!;
  const passwordHash = await hashPassword(input.password);
  const id = uuidv7();
  const pending = await inTransaction(ctx, async (tx) => {
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, username))
      .limit(1);
    if (existing) throw conflict('username_taken', 'Số điện thoại hoặc e-mail này đã được đăng ký');
    await tx
      .insert(users)
      .values({ id, username, passwordHash, fullName: input.fullName, kind: 'citizen', phone, email });
    // The account works once the one-time code sent to the phone or e-mail is entered.
    const code = await issueCode(tx, ctx.clock(), { id, username, phone, email }, 'verify', meta.ip);
    await appendAudit(tx, ctx.clock, meta, {
      action: 'citizen.register',
      actor: { id, username },
      entityType: 'user',
      entityId: id,
      after: { username, fullName: input.fullName },
    });
    return code;
  });
  await deliverCode(ctx, pending);
  return userView(ctx.database.db, id);
}

/** The one phone normaliser (src/domain/contact.ts), re-exported for the identity context's callers. */
export { normalisePhone };
