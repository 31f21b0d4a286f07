import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Every environment variable Một Cửa reads, with its default. Documented in the README. */
export interface Config {
  port: number;
  host: string;
  /** postgres://… to use a PostgreSQL server; empty = embedded PGlite in dataDir. */
  databaseUrl: string | null;
  dataDir: string;
  /** 'demo' seeds the demo jurisdiction on first start; 'none' creates only the admin account. */
  seed: 'demo' | 'none';
  adminPassword: string | null;
  /** Session lifetime in hours. */
  sessionHours: number;
  logLevel: string;
  /** Public base URL, used in links (QR codes, e-mails). */
  publicUrl: string;
  /** Start the pg-boss job runner in this process. */
  jobs: boolean;
  bodyLimitBytes: number;
  /** Login attempts per username+IP within loginWindowMinutes before 429. */
  loginMaxAttempts: number;
  loginWindowMinutes: number;
  /** Trust X-Forwarded-For from a reverse proxy. */
  trustProxy: boolean;
}

export const DEMO_PASSWORD = 'motcua2026';

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intEnv(env, 'PORT', 3000);
  const seed = (env.MOTCUA_SEED ?? 'demo') as Config['seed'];
  if (seed !== 'demo' && seed !== 'none')
    throw new Error(`MOTCUA_SEED must be "demo" or "none", got "${seed}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL ? env.DATABASE_URL : null,
    dataDir: path.resolve(env.MOTCUA_DATA_DIR ?? './data'),
    seed,
    adminPassword: env.MOTCUA_ADMIN_PASSWORD ? env.MOTCUA_ADMIN_PASSWORD : null,
    sessionHours: intEnv(env, 'MOTCUA_SESSION_HOURS', 12),
    logLevel: env.LOG_LEVEL ?? 'info',
    publicUrl: env.MOTCUA_PUBLIC_URL ?? `http://localhost:${port}`,
    jobs: (env.MOTCUA_JOBS ?? 'true') !== 'false',
    bodyLimitBytes: intEnv(env, 'MOTCUA_BODY_LIMIT', 1024 * 1024),
    loginMaxAttempts: intEnv(env, 'MOTCUA_LOGIN_MAX_ATTEMPTS', 5),
    loginWindowMinutes: intEnv(env, 'MOTCUA_LOGIN_WINDOW_MINUTES', 15),
    trustProxy: env.MOTCUA_TRUST_PROXY === 'true',
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
