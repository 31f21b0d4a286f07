/**
 * A citizen's profile: the applicant details saved once and prefilled on every form, Zalo opt-in
 * and preferred language. Nothing saved yet = the account's own name, phone and e-mail.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { citizenProfiles, users } from '../../db/schema.ts';
import { AppError, badRequest } from '../../domain/errors.ts';
import {
  LOCALES,
  type Locale,
  type ProfileApplicant,
  type ProfileInput,
  type ProfileView,
} from '../../contracts/identity.ts';
import { appendAudit } from '../platform/index.ts';
import { normalisePhone } from './auth.ts';
import { type Actor, inTransaction, type RequestMeta, type ServiceContext } from '../platform/index.ts';
import { deliverCode, issueCode } from './otp.ts';

export { LOCALES };
export type { Locale, ProfileApplicant, ProfileInput, ProfileView };

const citizenOnly = () => new AppError(403, 'citizen_only', 'Chức năng này chỉ dành cho tài khoản công dân');

/** Reads what was stored, keeping only well-formed string fields (the column is free jsonb). */
function storedApplicant(raw: unknown): Partial<ProfileApplicant> {
  if (!raw || typeof raw !== 'object') return {};
  const out: Partial<ProfileApplicant> = {};
  for (const key of ['fullName', 'idNumber', 'phone', 'email', 'address'] as const) {
    const value = (raw as Record<string, unknown>)[key];
    if (typeof value === 'string' && value.trim()) out[key] = value;
  }
  return out;
}

type UserRow = typeof users.$inferSelect;
type ProfileRow = typeof citizenProfiles.$inferSelect;

/** The saved details, gaps filled from the account (name, phone, e-mail). */
function mergedApplicant(user: UserRow, profile: ProfileRow | undefined): ProfileApplicant {
  const saved = storedApplicant(profile?.applicant);
  const merged: ProfileApplicant = { fullName: saved.fullName ?? user.fullName };
  const idNumber = saved.idNumber;
  const phone = saved.phone ?? user.phone ?? undefined;
  const email = saved.email ?? user.email ?? undefined;
  if (idNumber) merged.idNumber = idNumber;
  if (phone) merged.phone = phone;
  if (email) merged.email = email;
  if (saved.address) merged.address = saved.address;
  return merged;
}

async function load(db: Db, userId: string) {
  const [row] = await db
    .select({ user: users, profile: citizenProfiles })
    .from(users)
    .leftJoin(citizenProfiles, eq(citizenProfiles.userId, users.id))
    .where(eq(users.id, userId))
    .limit(1);
  return row ? { user: row.user, profile: row.profile ?? undefined } : null;
}

/**
 * The applicant details a citizen saved (gaps filled from the account), to prefill a form; null
 * for an unknown user or a staff account.
 */
export async function savedApplicant(db: Db, userId: string): Promise<ProfileApplicant | null> {
  const row = await load(db, userId);
  if (row?.user.kind !== 'citizen') return null;
  return mergedApplicant(row.user, row.profile);
}

function view(user: UserRow, profile: ProfileRow | undefined): ProfileView {
  return {
    applicant: mergedApplicant(user, profile),
    zaloOptIn: profile?.zaloOptIn ?? false,
    zaloPhone: profile?.zaloPhone ?? null,
    locale: profile?.locale ?? 'vi',
    account: {
      username: user.username,
      phone: user.phone,
      email: user.email,
      verified: Boolean(user.verifiedAt),
    },
  };
}

export async function getProfile(ctx: ServiceContext, actor: Actor): Promise<ProfileView> {
  if (actor.kind !== 'citizen') throw citizenOnly();
  const row = await load(ctx.database.db, actor.id);
  if (!row) throw new AppError(404, 'user_not_found', 'Không tìm thấy tài khoản');
  return view(row.user, row.profile);
}

/** Saves the whole profile (a PUT: fields left out are cleared), audited without the personal data. */
export async function saveProfile(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  input: ProfileInput,
): Promise<ProfileView> {
  if (actor.kind !== 'citizen') throw citizenOnly();
  const now = ctx.clock();
  const applicant: ProfileApplicant = { fullName: input.applicant.fullName };
  if (input.applicant.idNumber) applicant.idNumber = input.applicant.idNumber;
  if (input.applicant.phone) applicant.phone = normalisePhone(input.applicant.phone);
  if (input.applicant.email) applicant.email = input.applicant.email.toLowerCase();
  if (input.applicant.address) applicant.address = input.applicant.address;
  const zaloPhone = input.zaloPhone ? normalisePhone(input.zaloPhone) : null;

  await inTransaction(ctx, async (tx) => {
    const row = await load(tx, actor.id);
    if (!row) throw new AppError(404, 'user_not_found', 'Không tìm thấy tài khoản');
    if (input.zaloOptIn && !zaloPhone && !row.user.phone)
      throw badRequest('validation_failed', 'zaloPhone: Cần số điện thoại nhận tin Zalo', [
        { path: 'zaloPhone', message: 'Cần số điện thoại nhận tin Zalo' },
      ]);
    const before = row.profile;
    const values = { applicant, zaloOptIn: input.zaloOptIn, zaloPhone, locale: input.locale, updatedAt: now };
    await tx
      .insert(citizenProfiles)
      .values({ userId: actor.id, ...values })
      .onConflictDoUpdate({ target: citizenProfiles.userId, set: values });
    const old = storedApplicant(before?.applicant);
    const changed = (Object.keys({ ...old, ...applicant }) as (keyof ProfileApplicant)[]).filter(
      (k) => old[k] !== applicant[k],
    );
    await appendAudit(tx, ctx.clock, meta, {
      action: 'citizen.profile_update',
      actor,
      entityType: 'user',
      entityId: actor.id,
      // Which fields changed, not their values: the audit trail is read by staff.
      before: before ? { zaloOptIn: before.zaloOptIn, locale: before.locale } : null,
      after: { applicantFields: changed.sort(), zaloOptIn: input.zaloOptIn, locale: input.locale },
    });
  });
  return getProfile(ctx, actor);
}

/**
 * Sends a fresh account-confirmation code to an unconfirmed citizen account. Answers the same in
 * every case (no account enumeration); the issuing limits (a minute between codes, a daily cap,
 * per address) are otp.ts's.
 */
export async function resendVerification(
  ctx: ServiceContext,
  meta: RequestMeta,
  username: string,
): Promise<void> {
  const name = username.trim().toLowerCase();
  const now = ctx.clock();
  const pending = await inTransaction(ctx, async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.username, name)).limit(1);
    if (user?.kind !== 'citizen' || user.disabled || user.verifiedAt) return null;
    return issueCode(tx, now, user, 'verify', meta.ip);
  });
  await deliverCode(ctx, pending);
}
