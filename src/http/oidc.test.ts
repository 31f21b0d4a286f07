/**
 * National single sign-on against a fake OpenID provider served by this test (discovery, authorize,
 * token with a real RS256-signed ID token, JWKS): PKCE, state and nonce, account creation, session;
 * a tampered token, a wrong nonce and a wrong state are refused.
 */
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../config.ts';
import { audit, users } from '../db/schema.ts';
import { prepareDatabase } from '../services/demo/index.ts';
import type { ServiceContext } from '../services/platform/index.ts';
import { createTestApp } from '../test/app.ts';
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from '../test/databases.ts';
import { buildApp } from './app.ts';

const CLIENT_ID = 'motcua-test';
const CLIENT_SECRET = 'test-secret-0123456789';

type Tamper = 'none' | 'signature' | 'nonce' | 'audience' | 'expired';

interface FakeProvider {
  issuer: string;
  /** What the next ID tokens say about the person (sub, name, phone_number…). */
  person: Record<string, unknown>;
  tamper: Tamper;
  /** Token requests seen (form fields), to check client_secret_post and PKCE. */
  tokenRequests: URLSearchParams[];
  close(): Promise<void>;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function signJwt(key: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const input = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(claims)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
}

async function startProvider(): Promise<FakeProvider> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(4).toString('hex');
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };
  const grants = new Map<
    string,
    { challenge: string; nonce: string; redirectUri: string; clientId: string }
  >();
  const provider: FakeProvider = {
    issuer: '',
    person: {},
    tamper: 'none',
    tokenRequests: [],
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', provider.issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration')
      return json(200, {
        issuer: provider.issuer,
        authorization_endpoint: `${provider.issuer}/authorize`,
        token_endpoint: `${provider.issuer}/token`,
        jwks_uri: `${provider.issuer}/jwks`,
        response_types_supported: ['code'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_post'],
      });
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      // The person logs in at the provider and is sent back with a code.
      const q = url.searchParams;
      const code = randomBytes(16).toString('hex');
      grants.set(code, {
        challenge: q.get('code_challenge') ?? '',
        nonce: q.get('nonce') ?? '',
        redirectUri: q.get('redirect_uri') ?? '',
        clientId: q.get('client_id') ?? '',
      });
      const back = new URL(q.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let raw = '';
      req.on('data', (chunk) => {
        raw += chunk;
      });
      req.on('end', () => {
        const form = new URLSearchParams(raw);
        provider.tokenRequests.push(form);
        const grant = grants.get(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (
          !grant ||
          form.get('grant_type') !== 'authorization_code' ||
          form.get('client_id') !== CLIENT_ID ||
          form.get('client_secret') !== CLIENT_SECRET ||
          form.get('redirect_uri') !== grant.redirectUri ||
          challenge !== grant.challenge
        )
          return json(400, { error: 'invalid_grant' });
        grants.delete(form.get('code') ?? '');
        const now = Math.floor(Date.now() / 1000);
        const claims = {
          iss: provider.issuer,
          aud: provider.tamper === 'audience' ? 'someone-else' : grant.clientId,
          iat: now,
          exp: provider.tamper === 'expired' ? now - 3600 : now + 300,
          nonce: provider.tamper === 'nonce' ? 'a-different-nonce' : grant.nonce,
          ...provider.person,
        };
        let idToken = signJwt(privateKey, kid, claims);
        if (provider.tamper === 'signature') {
          // The same signature over claims changed afterwards (another subject).
          const [h, , s] = idToken.split('.');
          idToken = `${h}.${b64({ ...claims, sub: 'attacker' })}.${s}`;
        }
        json(200, { access_token: 'at', token_type: 'Bearer', expires_in: 300, id_token: idToken });
      });
      return;
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  provider.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return provider;
}

const cookieOf = (res: LightMyRequestResponse, name: string) =>
  (res.cookies as { name: string; value: string }[]).find((c) => c.name === name);

describe.each(TEST_TARGETS)('national single sign-on (OIDC) on %s', (target) => {
  let provider: FakeProvider;
  let db: TestDatabase;
  let ctx: ServiceContext;
  let config: Config;
  let app: FastifyInstance;

  beforeAll(async () => {
    provider = await startProvider();
    db = await createTestDatabase(target);
    ctx = { database: db.database, clock: () => new Date() };
    config = {
      ...loadConfig({}),
      dataDir: mkdtempSync(path.join(tmpdir(), 'motcua-test-')),
      oidc: { issuer: provider.issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    };
    await prepareDatabase(ctx, config);
    app = await buildApp({ ctx, config, logger: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    if (config) rmSync(config.dataDir, { recursive: true, force: true });
    await provider?.close();
  });

  /** Starts a login, lets the provider send the browser back; returns the callback URL and the flow cookie. */
  async function startLogin() {
    const start = await app.inject({ url: '/api/v1/auth/oidc/login' });
    expect(start.statusCode).toBe(302);
    const flow = cookieOf(start, 'motcua_oidc');
    expect(flow).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/auth/oidc' });
    const atProvider = await fetch(String(start.headers.location), { redirect: 'manual' });
    expect(atProvider.status).toBe(302);
    const back = new URL(atProvider.headers.get('location')!);
    return { start, callback: `${back.pathname}${back.search}`, flowCookie: flow!.value };
  }

  const callback = (url: string, flowCookie?: string) =>
    app.inject({ url, cookies: flowCookie ? { motcua_oidc: flowCookie } : {} });

  const failures = async () =>
    (await ctx.database.db.select().from(audit).where(eq(audit.action, 'auth.oidc_failed'))).map(
      (a) => (a.after as { reason: string }).reason,
    );

  it('says it is enabled and sends the browser to the provider with PKCE, state and nonce', async () => {
    expect((await app.inject('/api/v1/auth/oidc/config')).json()).toEqual({ enabled: true, name: 'VNeID' });
    const { start } = await startLogin();
    const url = new URL(String(start.headers.location));
    expect(`${url.origin}${url.pathname}`).toBe(`${provider.issuer}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: 'http://localhost:3000/api/v1/auth/oidc/callback',
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      state: expect.stringMatching(/^[\w-]{43}$/),
      nonce: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(url.searchParams.get('scope')).toContain('openid');
    // The verifier stays on our side: not in the URL.
    expect(start.headers['set-cookie']).toBeDefined();
  });

  it('logs a new citizen in: creates oidc:<sub>, confirmed, with a session cookie, then sends them to /me', async () => {
    provider.tamper = 'none';
    provider.person = { sub: 'VN-079123456789', name: 'Nguyễn Văn Định Danh', phone_number: '+84912000111' };
    const { callback: url, flowCookie } = await startLogin();
    const res = await callback(url, flowCookie);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/me');
    const session = cookieOf(res, 'motcua_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    // client_secret_post with the PKCE verifier.
    const form = provider.tokenRequests.at(-1)!;
    expect(form.get('client_secret')).toBe(CLIENT_SECRET);
    expect(form.get('code_verifier')).toMatch(/^[\w-]{43}$/);

    const me = await app.inject({ url: '/api/v1/me', cookies: { motcua_session: session!.value } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      username: 'oidc:VN-079123456789',
      fullName: 'Nguyễn Văn Định Danh',
      kind: 'citizen',
      roles: [],
    });
    const profile = await app.inject({
      url: '/api/v1/me/profile',
      cookies: { motcua_session: session!.value },
    });
    expect(profile.json().account).toEqual({
      username: 'oidc:VN-079123456789',
      phone: '0912000111',
      email: null,
      verified: true,
    });
    const logins = await ctx.database.db
      .select()
      .from(audit)
      .where(and(eq(audit.action, 'auth.login'), eq(audit.actorUsername, 'oidc:VN-079123456789')));
    expect(logins.map((l) => l.after)).toEqual([{ method: 'oidc' }]);

    // The same person again: the same account, a new session.
    const again = await startLogin();
    const second = await callback(again.callback, again.flowCookie);
    expect(second.headers.location).toBe('/me');
    const accounts = await ctx.database.db
      .select()
      .from(users)
      .where(eq(users.username, 'oidc:VN-079123456789'));
    expect(accounts).toHaveLength(1);
  });

  it('leaves out a phone number another account already has', async () => {
    provider.person = { sub: 'VN-2', name: 'Trần Thị Trùng', phone_number: '0912000111' };
    const { callback: url, flowCookie } = await startLogin();
    const res = await callback(url, flowCookie);
    expect(res.headers.location).toBe('/me');
    const [user] = await ctx.database.db.select().from(users).where(eq(users.username, 'oidc:VN-2'));
    expect(user).toMatchObject({ fullName: 'Trần Thị Trùng', phone: null, kind: 'citizen' });
    expect(user!.verifiedAt).toBeInstanceOf(Date);
  });

  it.each([
    ['signature', 'bad_signature'],
    ['nonce', 'wrong_nonce'],
    ['audience', 'wrong_audience'],
    ['expired', 'expired'],
  ] as const)('refuses an ID token with a %s problem: no session, back to /login', async (tamper, reason) => {
    provider.tamper = tamper;
    provider.person = { sub: `VN-${tamper}`, name: 'Kẻ Giả Mạo' };
    const { callback: url, flowCookie } = await startLogin();
    const res = await callback(url, flowCookie);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/login?oidc=failed');
    expect(cookieOf(res, 'motcua_session')).toBeUndefined();
    expect(await failures()).toContain(reason);
    const created = await ctx.database.db
      .select()
      .from(users)
      .where(eq(users.username, `oidc:VN-${tamper}`));
    expect(created).toHaveLength(0);
    provider.tamper = 'none';
  });

  it('refuses a callback whose state does not match the cookie, or without the cookie', async () => {
    provider.person = { sub: 'VN-state', name: 'Người Khác' };
    const first = await startLogin();
    const second = await startLogin();
    // The code and state of one login with the cookie of another (login CSRF).
    const crossed = await callback(first.callback, second.flowCookie);
    expect(crossed.headers.location).toBe('/login?oidc=failed');
    const noCookie = await callback(first.callback);
    expect(noCookie.headers.location).toBe('/login?oidc=failed');
    const forged = await callback(first.callback, `${first.flowCookie.split('.')[0]}.AAAA`);
    expect(forged.headers.location).toBe('/login?oidc=failed');
    expect(await failures()).toEqual(
      expect.arrayContaining(['wrong_state', 'no_flow_cookie', 'bad_flow_cookie']),
    );
    const created = await ctx.database.db.select().from(users).where(eq(users.username, 'oidc:VN-state'));
    expect(created).toHaveLength(0);
  });
});

describe('national single sign-on when not configured', () => {
  it('says disabled; login and callback answer 404 oidc_disabled', async () => {
    const t = await createTestApp('pglite');
    try {
      expect((await t.app.inject('/api/v1/auth/oidc/config')).json()).toEqual({
        enabled: false,
        name: 'VNeID',
      });
      for (const url of ['/api/v1/auth/oidc/login', '/api/v1/auth/oidc/callback?code=x&state=y']) {
        const res = await t.app.inject(url);
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('oidc_disabled');
      }
    } finally {
      await t.close();
    }
  });
});
