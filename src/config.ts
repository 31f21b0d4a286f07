import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Every environment variable Một Cửa reads, with its default. Documented in the README. */
export interface Config {
  /**
   * `demo` (the default: embedded database, demo jurisdiction, sandboxes, a visible strip on every
   * page) or `production` (refuses to start on unsafe settings: see src/config-check.ts).
   */
  mode: 'demo' | 'production';
  port: number;
  host: string;
  /** postgres://… to use a PostgreSQL server; empty = embedded PGlite in dataDir. */
  databaseUrl: string | null;
  dataDir: string;
  /** 'demo' seeds the demo jurisdiction on first start; 'none' creates only the admin account. */
  seed: 'demo' | 'none';
  /** Dossiers of made-up history (2 years) imported with the demo seed, so reports have figures (0 = none). */
  demoHistory: number;
  adminPassword: string | null;
  /** Session lifetime in hours (absolute: a session ends then however busy). */
  sessionHours: number;
  /** A staff session ends after this many minutes without a request (0 = never; MOTCUA_STAFF_IDLE_MINUTES). */
  staffIdleMinutes: number;
  /**
   * Secret from which the key encrypting stored secrets (staff TOTP secrets) is derived
   * (MOTCUA_DATA_KEY, AES-256-GCM through HKDF-SHA256; src/services/platform/secret-box.ts).
   */
  dataKey: string;
  logLevel: string;
  /** Public base URL, used in links (QR codes, e-mails). */
  publicUrl: string;
  /** Start the pg-boss job runner in this process. */
  jobs: boolean;
  bodyLimitBytes: number;
  /** Login attempts per username+IP within loginWindowMinutes before 429. */
  loginMaxAttempts: number;
  loginWindowMinutes: number;
  /**
   * Whose X-Forwarded-For to believe (MOTCUA_TRUST_PROXY): false (none, the default), a hop count,
   * or a list of proxy addresses/CIDRs. `true` (believe anyone) is accepted in the demo only.
   */
  trustProxy: TrustProxy;
  /** Largest accepted upload (bytes, default 10 MB) and total per application or dossier (default 50 MB). */
  maxFileBytes: number;
  maxDossierBytes: number;
  /** Where uploaded files go: a directory under dataDir, or an S3-compatible bucket. */
  storage: StorageConfig;
  /** clamd address (host:port) for the virus-scan hook; null = files are stored unscanned ('skipped'). */
  clamd: string | null;
  /** Payment gateway: the built-in sandbox (VNPay-style, served by this process) or a real VNPay merchant. */
  payment: PaymentConfig;
  /** Fee for sending the result by post (VND), shown to the citizen when choosing delivery. */
  postalFee: number;
  /** The public postal carrier: the sandbox (statuses advanced by hand), or an HTTP booking service. */
  postal: PostalConfig;
  /** National single sign-on (VNeID-style OpenID Connect); null = not offered. */
  oidc: OidcConfig | null;
  /** Request limits per client address (shared by every process through the database). */
  limits: Limits;
  /** Where each kind of message goes: a real provider, the demo sandbox, or nowhere ('off'). */
  channels: ChannelsConfig;
  /** Name and code of the root unit created by MOTCUA_SEED=none. */
  jurisdiction: { code: string; name: string };
  /** PostgreSQL connections per process (DATABASE_POOL_SIZE). */
  databasePoolSize: number;
  /** HMAC key that seals the audit chain's head and its daily checkpoints (MOTCUA_AUDIT_KEY). */
  auditKey: string;
  /** How long purgeable data is kept (src/services/platform/retention.ts; MOTCUA_RETENTION_*). */
  retention: RetentionConfig;
}

/** Retention periods of the daily purge (issue 14 §2). */
export interface RetentionConfig {
  /** Rate-limit counters whose window started more than this many minutes ago (default 1440). */
  rateLimitMinutes: number;
  /** Idempotency keys of intake requests, in days (default 7). */
  idempotencyDays: number;
  /** Delivered messages' subject and body (the row stays for statistics), in days (default 90). */
  outboxDays: number;
  /** The demo mailbox of the sandbox providers, in days (default 7). */
  sandboxDays: number;
  /** Sessions expired more than this many days ago (default 30). */
  sessionsDays: number;
}

export type TrustProxy = boolean | number | string[];

export interface Limits {
  /** Requests per minute to /api/v1 (MOTCUA_RATE_LIMIT). */
  apiPerMinute: number;
  /** Dossier look-ups by code and second factor per minute (MOTCUA_TRACK_LIMIT). */
  trackPerMinute: number;
  /** Feedback items per hour (MOTCUA_FEEDBACK_LIMIT). */
  feedbackPerHour: number;
  /** Queue tickets per minute (MOTCUA_TICKET_LIMIT). */
  ticketsPerMinute: number;
  /** Home-service and postal pick-up requests per minute (MOTCUA_HOME_SERVICE_LIMIT). */
  homeServicePerMinute: number;
  /** Recalls before a queue ticket may be marked no-show (MOTCUA_QUEUE_RECALLS). */
  queueRecalls: number;
}

export const DEFAULT_LIMITS: Limits = {
  apiPerMinute: 600,
  trackPerMinute: 30,
  feedbackPerHour: 20,
  ticketsPerMinute: 60,
  homeServicePerMinute: 10,
  queueRecalls: 2,
};

export type ChannelConfig =
  | { kind: 'sandbox' }
  | { kind: 'off' }
  | { kind: 'smtp'; url: string; from: string }
  | { kind: 'http'; url: string; token: string | null };

export interface ChannelsConfig {
  email: ChannelConfig;
  sms: ChannelConfig;
  zalo: ChannelConfig;
}

export interface PostalConfig {
  carrier: 'sandbox' | 'http';
  /** HTTP carrier: where bookings are POSTed ({kind, applicant, unit} → {trackingNumber}). */
  url: string | null;
  /** Shared secret of the carrier's status webhooks (HMAC-SHA256 of the body). */
  webhookSecret: string;
}

export type StorageConfig =
  | { kind: 'local' }
  | {
      kind: 's3';
      endpoint: string;
      bucket: string;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
    };

export interface PaymentConfig {
  gateway: 'sandbox' | 'vnpay';
  /** Gateway payment URL (sandbox: this server's /sandbox/vnpay/pay). */
  url: string;
  tmnCode: string;
  hashSecret: string;
  /** Bank account shown as a VietQR code for transfers at the counter. */
  vietQr: { bankBin: string; accountNumber: string; accountName: string };
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

function required(env: NodeJS.ProcessEnv, name: string, why: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is required ${why}`);
  return value;
}

export const DEMO_PASSWORD = 'motcua2026';
/** The root unit that MOTCUA_SEED=none creates, renamed later in the administration. */
export const DEFAULT_JURISDICTION = { code: 'ROOT', name: 'Đơn vị gốc (đổi tên trong quản trị)' };
/** The demo's audit seal key: public, so production refuses it. */
export const DEMO_AUDIT_KEY = 'motcua-demo-audit-key-not-for-production';
/** The demo's data-encryption key: public, so production refuses it. */
export const DEMO_DATA_KEY = 'motcua-demo-data-key-not-for-production';

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode = env.MOTCUA_ENV ?? 'demo';
  if (mode !== 'demo' && mode !== 'production')
    throw new Error(`MOTCUA_ENV must be "demo" or "production", got "${mode}"`);
  const port = intEnv(env, 'PORT', 3000);
  const seed = (env.MOTCUA_SEED ?? 'demo') as Config['seed'];
  if (seed !== 'demo' && seed !== 'none')
    throw new Error(`MOTCUA_SEED must be "demo" or "none", got "${seed}"`);
  const publicUrl = env.MOTCUA_PUBLIC_URL ?? `http://localhost:${port}`;
  return {
    mode,
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL ? env.DATABASE_URL : null,
    dataDir: path.resolve(env.MOTCUA_DATA_DIR ?? './data'),
    seed,
    demoHistory: intEnv(env, 'MOTCUA_DEMO_HISTORY', 0),
    adminPassword: env.MOTCUA_ADMIN_PASSWORD ? env.MOTCUA_ADMIN_PASSWORD : null,
    sessionHours: intEnv(env, 'MOTCUA_SESSION_HOURS', 12),
    staffIdleMinutes: intEnv(env, 'MOTCUA_STAFF_IDLE_MINUTES', 30),
    logLevel: env.LOG_LEVEL ?? 'info',
    publicUrl,
    jobs: (env.MOTCUA_JOBS ?? 'true') !== 'false',
    bodyLimitBytes: intEnv(env, 'MOTCUA_BODY_LIMIT', 1024 * 1024),
    loginMaxAttempts: intEnv(env, 'MOTCUA_LOGIN_MAX_ATTEMPTS', 5),
    loginWindowMinutes: intEnv(env, 'MOTCUA_LOGIN_WINDOW_MINUTES', 15),
    trustProxy: trustProxyConfig(env.MOTCUA_TRUST_PROXY),
    maxFileBytes: intEnv(env, 'MOTCUA_MAX_FILE_BYTES', 10 * 1024 * 1024),
    maxDossierBytes: intEnv(env, 'MOTCUA_MAX_DOSSIER_BYTES', 50 * 1024 * 1024),
    storage: storageConfig(env),
    clamd: env.MOTCUA_CLAMD ? env.MOTCUA_CLAMD : null,
    payment: paymentConfig(env, publicUrl),
    postalFee: intEnv(env, 'MOTCUA_POSTAL_FEE', 30000),
    postal: postalConfig(env),
    oidc: env.MOTCUA_OIDC_ISSUER
      ? {
          issuer: env.MOTCUA_OIDC_ISSUER,
          clientId: required(env, 'MOTCUA_OIDC_CLIENT_ID', 'when MOTCUA_OIDC_ISSUER is set'),
          clientSecret: required(env, 'MOTCUA_OIDC_CLIENT_SECRET', 'when MOTCUA_OIDC_ISSUER is set'),
        }
      : null,
    auditKey: env.MOTCUA_AUDIT_KEY ?? DEMO_AUDIT_KEY,
    dataKey: env.MOTCUA_DATA_KEY ?? DEMO_DATA_KEY,
    limits: {
      apiPerMinute: intEnv(env, 'MOTCUA_RATE_LIMIT', DEFAULT_LIMITS.apiPerMinute),
      trackPerMinute: intEnv(env, 'MOTCUA_TRACK_LIMIT', DEFAULT_LIMITS.trackPerMinute),
      feedbackPerHour: intEnv(env, 'MOTCUA_FEEDBACK_LIMIT', DEFAULT_LIMITS.feedbackPerHour),
      ticketsPerMinute: intEnv(env, 'MOTCUA_TICKET_LIMIT', DEFAULT_LIMITS.ticketsPerMinute),
      homeServicePerMinute: intEnv(env, 'MOTCUA_HOME_SERVICE_LIMIT', DEFAULT_LIMITS.homeServicePerMinute),
      queueRecalls: intEnv(env, 'MOTCUA_QUEUE_RECALLS', DEFAULT_LIMITS.queueRecalls),
    },
    channels: channelsConfig(env),
    jurisdiction: {
      code: env.MOTCUA_JURISDICTION_CODE || DEFAULT_JURISDICTION.code,
      name: env.MOTCUA_JURISDICTION_NAME || DEFAULT_JURISDICTION.name,
    },
    databasePoolSize: intEnv(env, 'DATABASE_POOL_SIZE', 10),
    retention: {
      rateLimitMinutes: intEnv(env, 'MOTCUA_RETENTION_RATE_LIMIT_MINUTES', 1440),
      idempotencyDays: intEnv(env, 'MOTCUA_RETENTION_IDEMPOTENCY_DAYS', 7),
      outboxDays: intEnv(env, 'MOTCUA_RETENTION_OUTBOX_DAYS', 90),
      sandboxDays: intEnv(env, 'MOTCUA_RETENTION_SANDBOX_DAYS', 7),
      sessionsDays: intEnv(env, 'MOTCUA_RETENTION_SESSIONS_DAYS', 30),
    },
  };
}

/**
 * MOTCUA_TRUST_PROXY: unset/false = trust no proxy; a number = that many hops; otherwise a
 * comma-separated list of addresses or CIDRs (e.g. "10.0.0.1,10.0.1.0/24"); `true` = anyone.
 */
export function trustProxyConfig(raw: string | undefined): TrustProxy {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of list)
    if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(entry) && entry !== 'loopback' && entry !== 'uniquelocal')
      throw new Error(`MOTCUA_TRUST_PROXY must be a hop count or a list of addresses/CIDRs, got "${entry}"`);
  return list;
}

/**
 * One channel: a provider when its URL is set, nothing when set to `off`
 * (MOTCUA_EMAIL=off, MOTCUA_SMS=off, MOTCUA_ZALO=off), else the demo's sandbox mailbox.
 */
function channelsConfig(env: NodeJS.ProcessEnv): ChannelsConfig {
  const off = (name: string) => {
    const v = env[name];
    if (v !== undefined && v !== '' && v !== 'off' && v !== 'sandbox')
      throw new Error(`${name} must be "off" or "sandbox" (or unset), got "${v}"`);
    return v === 'off';
  };
  const http = (url: string | undefined, token: string | undefined, offName: string): ChannelConfig =>
    off(offName) ? { kind: 'off' } : url ? { kind: 'http', url, token: token || null } : { kind: 'sandbox' };
  return {
    email: off('MOTCUA_EMAIL')
      ? { kind: 'off' }
      : env.MOTCUA_SMTP_URL
        ? {
            kind: 'smtp',
            url: env.MOTCUA_SMTP_URL,
            from: env.MOTCUA_MAIL_FROM ?? 'Một Cửa <no-reply@localhost>',
          }
        : { kind: 'sandbox' },
    sms: http(env.MOTCUA_SMS_URL, env.MOTCUA_SMS_TOKEN, 'MOTCUA_SMS'),
    zalo: http(env.MOTCUA_ZALO_URL, env.MOTCUA_ZALO_TOKEN, 'MOTCUA_ZALO'),
  };
}

/** The postal sandbox's webhook secret: public, so production refuses it. */
export const SANDBOX_POSTAL_SECRET = 'sandbox-postal-secret';

function postalConfig(env: NodeJS.ProcessEnv): PostalConfig {
  const carrier = env.MOTCUA_POSTAL_CARRIER ?? 'sandbox';
  if (carrier !== 'sandbox' && carrier !== 'http')
    throw new Error(`MOTCUA_POSTAL_CARRIER must be "sandbox" or "http", got "${carrier}"`);
  if (carrier === 'sandbox')
    return { carrier, url: null, webhookSecret: env.MOTCUA_POSTAL_SECRET ?? SANDBOX_POSTAL_SECRET };
  return {
    carrier,
    url: required(env, 'MOTCUA_POSTAL_URL', 'when MOTCUA_POSTAL_CARRIER=http'),
    webhookSecret: required(env, 'MOTCUA_POSTAL_SECRET', 'when MOTCUA_POSTAL_CARRIER=http'),
  };
}

function storageConfig(env: NodeJS.ProcessEnv): StorageConfig {
  const kind = env.MOTCUA_STORAGE ?? 'local';
  if (kind === 'local') return { kind };
  if (kind !== 's3') throw new Error(`MOTCUA_STORAGE must be "local" or "s3", got "${kind}"`);
  const why = 'when MOTCUA_STORAGE=s3';
  return {
    kind,
    endpoint: required(env, 'MOTCUA_S3_ENDPOINT', why),
    bucket: required(env, 'MOTCUA_S3_BUCKET', why),
    region: env.MOTCUA_S3_REGION ?? 'us-east-1',
    accessKeyId: required(env, 'MOTCUA_S3_ACCESS_KEY_ID', why),
    secretAccessKey: required(env, 'MOTCUA_S3_SECRET_ACCESS_KEY', why),
  };
}

/** The sandbox's merchant code and secret are public on purpose: it only ever pays pretend money. */
export const SANDBOX_TMN_CODE = 'MOTCUA01';
export const SANDBOX_HASH_SECRET = 'motcua-sandbox-secret-not-for-production';

function paymentConfig(env: NodeJS.ProcessEnv, publicUrl: string): PaymentConfig {
  const gateway = env.MOTCUA_PAYMENT_GATEWAY ?? 'sandbox';
  if (gateway !== 'sandbox' && gateway !== 'vnpay')
    throw new Error(`MOTCUA_PAYMENT_GATEWAY must be "sandbox" or "vnpay", got "${gateway}"`);
  const vietQr = {
    bankBin: env.MOTCUA_VIETQR_BANK_BIN ?? '970405',
    accountNumber: env.MOTCUA_VIETQR_ACCOUNT ?? '7300201001234',
    accountName: env.MOTCUA_VIETQR_ACCOUNT_NAME ?? 'TT PHUC VU HANH CHINH CONG',
  };
  if (gateway === 'sandbox') {
    return {
      gateway,
      url: `${publicUrl.replace(/\/$/, '')}/sandbox/vnpay/pay`,
      tmnCode: SANDBOX_TMN_CODE,
      hashSecret: SANDBOX_HASH_SECRET,
      vietQr,
    };
  }
  const why = 'when MOTCUA_PAYMENT_GATEWAY=vnpay';
  return {
    gateway,
    url: env.MOTCUA_VNPAY_URL ?? 'https://sandbox.vnpayment.vn/paymentv2/vpcpay.html',
    tmnCode: required(env, 'MOTCUA_VNPAY_TMN_CODE', why),
    hashSecret: required(env, 'MOTCUA_VNPAY_HASH_SECRET', why),
    vietQr,
  };
}

let cachedVersion: string | null = null;
export function appVersion(): string {
  if (cachedVersion) return cachedVersion;
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  cachedVersion = pkg.version;
  return cachedVersion;
}
