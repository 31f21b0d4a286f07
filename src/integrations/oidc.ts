/**
 * National single sign-on (VNeID-style OpenID Connect), authorization-code flow with PKCE (S256).
 * Only what this flow needs, on node:crypto and fetch: discovery, the authorization URL, the code
 * exchange (client_secret_post) and ID-token verification (RS256 against the provider's JWKS; iss,
 * aud, exp, nonce). The per-login secrets (state, nonce, PKCE verifier) travel in a short-lived
 * HMAC-signed cookie, so any process of the cluster can finish a login another one started.
 */
import {
  createHash,
  createHmac,
  createPublicKey,
  type JsonWebKey,
  randomBytes,
  timingSafeEqual,
  verify,
} from 'node:crypto';
import type { OidcConfig } from '../config.ts';

export const OIDC_PROVIDER_NAME = 'VNeID';
export const OIDC_COOKIE = 'motcua_oidc';
/** How long the user may take at the provider. */
export const OIDC_FLOW_SECONDS = 600;
const CACHE_MS = 60 * 60_000;
const HTTP_TIMEOUT_MS = 10_000;
/** Allowed clock difference with the provider. */
const LEEWAY_SECONDS = 60;

export class OidcError extends Error {
  constructor(readonly reason: string) {
    super(`OIDC login failed: ${reason}`);
    this.name = 'OidcError';
  }
}

export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

export interface IdTokenClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  exp: number;
  iat?: number;
  nonce?: string;
  azp?: string;
  name?: string;
  given_name?: string;
  family_name?: string;
  phone_number?: string;
  email?: string;
  email_verified?: boolean;
}

const b64url = (buf: Buffer) => buf.toString('base64url');
const trimSlash = (url: string) => url.replace(/\/+$/, '');

async function getJson(url: string, init?: RequestInit): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });
  } catch {
    throw new OidcError(`unreachable: ${new URL(url).origin}`);
  }
  if (!res.ok) throw new OidcError(`http_${res.status}: ${new URL(url).pathname}`);
  try {
    return await res.json();
  } catch {
    throw new OidcError(`not_json: ${new URL(url).pathname}`);
  }
}

const discoveryCache = new Map<string, { at: number; doc: ProviderMetadata }>();

/** `<issuer>/.well-known/openid-configuration`, cached for an hour. */
export async function discover(issuer: string, now = Date.now()): Promise<ProviderMetadata> {
  const cached = discoveryCache.get(issuer);
  if (cached && now - cached.at < CACHE_MS) return cached.doc;
  const doc = (await getJson(
    `${trimSlash(issuer)}/.well-known/openid-configuration`,
  )) as Partial<ProviderMetadata>;
  for (const key of ['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const)
    if (typeof doc[key] !== 'string') throw new OidcError(`discovery_missing_${key}`);
  if (trimSlash(doc.issuer!) !== trimSlash(issuer)) throw new OidcError('discovery_issuer_mismatch');
  discoveryCache.set(issuer, { at: now, doc: doc as ProviderMetadata });
  return doc as ProviderMetadata;
}

type Jwk = JsonWebKey & { kid?: string; use?: string; alg?: string };
const jwksCache = new Map<string, { at: number; keys: Jwk[] }>();

async function fetchJwks(uri: string, now: number): Promise<Jwk[]> {
  const body = (await getJson(uri)) as { keys?: unknown };
  if (!Array.isArray(body.keys)) throw new OidcError('jwks_invalid');
  const keys = body.keys as Jwk[];
  jwksCache.set(uri, { at: now, keys });
  return keys;
}

/** The signing key for `kid`; the key set is fetched again (at most once a minute) when the kid is new. */
async function signingKey(uri: string, kid: string | undefined, now = Date.now()) {
  const pick = (keys: Jwk[]) => {
    const rsa = keys.filter((k) => k.kty === 'RSA' && (k.use === undefined || k.use === 'sig'));
    return kid ? rsa.find((k) => k.kid === kid) : rsa.length === 1 ? rsa[0] : undefined;
  };
  const cached = jwksCache.get(uri);
  const age = cached ? now - cached.at : Number.POSITIVE_INFINITY;
  let key = cached && age < CACHE_MS ? pick(cached.keys) : undefined;
  // A kid not seen yet (the provider rotated its keys): fetch the set again, at most once a minute.
  if (!key && age > 60_000) key = pick(await fetchJwks(uri, now));
  if (!key) throw new OidcError('unknown_signing_key');
  return createPublicKey({ key, format: 'jwk' });
}

export interface FlowState {
  state: string;
  nonce: string;
  verifier: string;
  /** Unix seconds after which the cookie is refused. */
  exp: number;
}

/** A fresh state, nonce and PKCE verifier for one login. */
export function newFlow(nowMs: number): FlowState {
  const rand = () => b64url(randomBytes(32));
  return {
    state: rand(),
    nonce: rand(),
    verifier: rand(),
    exp: Math.floor(nowMs / 1000) + OIDC_FLOW_SECONDS,
  };
}

export const pkceChallenge = (verifier: string) => b64url(createHash('sha256').update(verifier).digest());

/** The key that signs the flow cookie, derived from the client secret (the same in every process). */
function cookieKey(config: OidcConfig): Buffer {
  return createHmac('sha256', config.clientSecret).update('motcua/oidc-flow-cookie/v1').digest();
}

export function sealFlow(config: OidcConfig, flow: FlowState): string {
  const payload = b64url(Buffer.from(JSON.stringify(flow)));
  const mac = b64url(createHmac('sha256', cookieKey(config)).update(payload).digest());
  return `${payload}.${mac}`;
}

/** The flow in the cookie, or an OidcError when missing, forged or expired. */
export function openFlow(config: OidcConfig, value: string | undefined, nowMs: number): FlowState {
  if (!value) throw new OidcError('no_flow_cookie');
  const [payload, mac] = value.split('.');
  if (!payload || !mac) throw new OidcError('bad_flow_cookie');
  const expected = createHmac('sha256', cookieKey(config)).update(payload).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new OidcError('bad_flow_cookie');
  const flow = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as FlowState;
  if (typeof flow.exp !== 'number' || flow.exp * 1000 < nowMs) throw new OidcError('flow_expired');
  return flow;
}

export function redirectUri(publicUrl: string): string {
  return `${trimSlash(publicUrl)}/api/v1/auth/oidc/callback`;
}

export async function authorizationUrl(
  config: OidcConfig,
  publicUrl: string,
  flow: FlowState,
): Promise<string> {
  const meta = await discover(config.issuer);
  const url = new URL(meta.authorization_endpoint);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(publicUrl),
    scope: 'openid profile phone',
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: pkceChallenge(flow.verifier),
    code_challenge_method: 'S256',
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

/** Exchanges the code (client_secret_post with the PKCE verifier) and returns the verified ID-token claims. */
export async function finishLogin(
  config: OidcConfig,
  publicUrl: string,
  flow: FlowState,
  code: string,
  nowMs: number,
): Promise<IdTokenClaims> {
  const meta = await discover(config.issuer);
  const tokens = (await getJson(meta.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(publicUrl),
      client_id: config.clientId,
      client_secret: config.clientSecret,
      code_verifier: flow.verifier,
    }).toString(),
  })) as { id_token?: unknown };
  if (typeof tokens.id_token !== 'string') throw new OidcError('no_id_token');
  return verifyIdToken(tokens.id_token, {
    issuer: meta.issuer,
    jwksUri: meta.jwks_uri,
    clientId: config.clientId,
    nonce: flow.nonce,
    nowMs,
  });
}

/** Checks the RS256 signature against the provider's key set, then iss, aud (and azp), exp, iat, nonce. */
export async function verifyIdToken(
  token: string,
  expect: { issuer: string; jwksUri: string; clientId: string; nonce: string; nowMs: number },
): Promise<IdTokenClaims> {
  const parts = token.split('.');
  if (parts.length !== 3) throw new OidcError('malformed_id_token');
  const [h, p, s] = parts as [string, string, string];
  let header: { alg?: string; kid?: string };
  let claims: IdTokenClaims;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    throw new OidcError('malformed_id_token');
  }
  if (header.alg !== 'RS256') throw new OidcError('unsupported_alg');
  const key = await signingKey(expect.jwksUri, header.kid);
  if (!verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url')))
    throw new OidcError('bad_signature');
  const now = Math.floor(expect.nowMs / 1000);
  if (claims.iss !== expect.issuer) throw new OidcError('wrong_issuer');
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(expect.clientId)) throw new OidcError('wrong_audience');
  if (audiences.length > 1 && claims.azp !== expect.clientId) throw new OidcError('wrong_azp');
  if (typeof claims.exp !== 'number' || claims.exp + LEEWAY_SECONDS < now) throw new OidcError('expired');
  if (typeof claims.iat === 'number' && claims.iat - LEEWAY_SECONDS > now)
    throw new OidcError('issued_in_future');
  if (typeof claims.nonce !== 'string' || claims.nonce !== expect.nonce) throw new OidcError('wrong_nonce');
  if (typeof claims.sub !== 'string' || !claims.sub || claims.sub.length > 200)
    throw new OidcError('no_subject');
  return claims;
}
