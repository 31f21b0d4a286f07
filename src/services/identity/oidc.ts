/**
 * Login with the national single sign-on (VNeID-style OpenID Connect), once the provider has
 * vouched for the citizen: find or create the account, open a session; and the audit of a failed
 * login. The flow itself (redirects, cookies, token checks) is src/integrations/oidc.ts and
 * src/http/routes/oidc.ts.
 */
import { randomBytes } from 'node:crypto';
import { eq, or } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { users } from '../../db/schema.ts';
import { type IdTokenClaims, OidcError } from '../../integrations/oidc.ts';
import { appendAudit, inTransaction, type RequestMeta, type ServiceContext } from '../platform/index.ts';
import { hashPassword, normalisePhone, openSession } from './auth.ts';

/**
 * The citizen account of the provider's subject (`oidc:<sub>`), created on first login: full name
 * from `name`, phone from `phone_number` (and e-mail when the provider verified it) unless another
 * account has it, confirmed at once. Then a session, exactly like a password login.
 */
export async function oidcSignIn(
  ctx: ServiceContext,
  meta: RequestMeta,
  claims: IdTokenClaims,
  sessionHours: number,
): Promise<{ token: string; expiresAt: Date }> {
  const username = `oidc:${claims.sub}`;
  const fullName =
    claims.name?.trim() ||
    [claims.family_name, claims.given_name].filter(Boolean).join(' ').trim() ||
    'Công dân';
  const rawPhone = claims.phone_number ? normalisePhone(claims.phone_number) : null;
  const phone = rawPhone && /^0\d{9,10}$/.test(rawPhone) ? rawPhone : null;
  const email =
    claims.email_verified === true && claims.email && z.email().safeParse(claims.email).success
      ? claims.email.toLowerCase()
      : null;
  // Never usable: these accounts log in through the provider (or after a password reset by code).
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
  const now = ctx.clock();
  return inTransaction(ctx, async (tx) => {
    const find = async () => (await tx.select().from(users).where(eq(users.username, username)).limit(1))[0];
    let user = await find();
    if (!user) {
      const taken =
        phone || email
          ? await tx
              .select({ phone: users.phone, email: users.email })
              .from(users)
              .where(
                or(phone ? eq(users.phone, phone) : undefined, email ? eq(users.email, email) : undefined),
              )
          : [];
      const id = uuidv7();
      const values = {
        id,
        username,
        passwordHash,
        fullName: fullName.slice(0, 200),
        kind: 'citizen' as const,
        phone: phone && !taken.some((t) => t.phone === phone) ? phone : null,
        email: email && !taken.some((t) => t.email === email) ? email : null,
        verifiedAt: now,
      };
      await tx.insert(users).values(values).onConflictDoNothing();
      user = await find();
      if (!user) throw new OidcError('account_conflict');
      if (user.id === id)
        await appendAudit(tx, ctx.clock, meta, {
          action: 'citizen.register',
          actor: { id, username },
          entityType: 'user',
          entityId: id,
          after: { username, fullName: values.fullName, method: 'oidc' },
        });
    }
    if (user.kind !== 'citizen' || user.disabled) throw new OidcError('account_disabled');
    if (!user.verifiedAt)
      await tx.update(users).set({ verifiedAt: now, updatedAt: now }).where(eq(users.id, user.id));
    return openSession(tx, ctx.clock, meta, user, sessionHours, now, 'oidc');
  });
}

/** A failed national sign-on login, audited with its reason (`auth.oidc_failed`). */
export async function auditOidcFailure(
  ctx: ServiceContext,
  meta: RequestMeta,
  reason: string,
): Promise<void> {
  await inTransaction(ctx, (tx) =>
    appendAudit(tx, ctx.clock, meta, { action: 'auth.oidc_failed', after: { reason } }),
  );
}
