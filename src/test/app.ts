import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { type Config, DEMO_PASSWORD, loadConfig } from '../config.ts';
import type { Clock } from '../domain/clock.ts';
import { buildApp } from '../http/app.ts';
import { prepareDatabase } from '../services/demo/index.ts';
import type { ServiceContext } from '../services/platform/index.ts';
import { createTestDatabase, type TargetName, type TestDatabase } from './databases.ts';

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  ctx: ServiceContext;
  db: TestDatabase;
  /** Logs in and returns the bearer token. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** A seeded demo system on a fresh database, driven through HTTP injection. */
export async function createTestApp(
  target: TargetName,
  clock: Clock = () => new Date(),
  /** Settings that differ from the demo's defaults (e.g. `{ mode: 'production' }`). */
  overrides: Partial<Config> = {},
): Promise<TestApp> {
  const db = await createTestDatabase(target);
  const ctx: ServiceContext = { database: db.database, clock };
  // Long sessions: tests move a fixed clock forward by days.
  const config = {
    ...loadConfig({}),
    loginMaxAttempts: 5,
    sessionHours: 24 * 365,
    // No idle timeout either (its own tests set one).
    staffIdleMinutes: 0,
    // Uploaded files go to a directory of this test's own, removed with the database.
    dataDir: mkdtempSync(path.join(tmpdir(), 'motcua-test-')),
    ...overrides,
  };
  await prepareDatabase(ctx, config);
  const app = await buildApp({ ctx, config, logger: false });
  await app.ready();
  return {
    app,
    config,
    ctx,
    db,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      return res.json().token as string;
    },
    async close() {
      await app.close();
      await db.drop();
      rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export function problem(res: LightMyRequestResponse) {
  return { status: res.statusCode, contentType: res.headers['content-type'], body: res.json() };
}

/** The checklist entries of every required document of a procedure (what a complete dossier hands in). */
export async function requiredDocuments(t: TestApp, procedureCode: string) {
  const p = (await t.app.inject(`/api/v1/public/procedures/${procedureCode}`)).json();
  return (p.documents as { required: boolean }[]).flatMap((d, index) => (d.required ? [{ index }] : []));
}

/** Receives a complete dossier at a counter as the given user; returns its code. */
export async function receiveAs(
  t: TestApp,
  token: string,
  procedureCode: string,
  applicant: Record<string, string>,
  unitCode = 'AG.LONGXUYEN',
): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    headers: bearer(token),
    payload: {
      procedureCode,
      unitCode,
      channel: 'counter',
      applicant,
      documents: await requiredDocuments(t, procedureCode),
    },
  });
  if (res.statusCode !== 201) throw new Error(`intake failed: ${res.statusCode} ${res.body}`);
  return res.json().code as string;
}

/** Takes an action on the dossier's current version as the given user; fails the test unless 200. */
export async function actAs(t: TestApp, token: string, code: string, body: Record<string, unknown>) {
  const view = (await t.app.inject({ url: `/api/v1/dossiers/${code}`, headers: bearer(token) })).json();
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${code}/actions`,
    headers: bearer(token),
    payload: { expectedVersion: view.version, ...body },
  });
  if (res.statusCode !== 200) throw new Error(`${String(body.action)} failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** A small valid PDF (the upload check reads the magic bytes). */
export const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/** Uploads a file through `POST /api/v1/files` as a browser's FormData would; returns the response. */
export function uploadAs(
  t: TestApp,
  token: string | null,
  fields: Record<string, string>,
  file: { name: string; bytes: Buffer; type?: string } = { name: 'scan.pdf', bytes: TINY_PDF },
) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  data.append(
    'file',
    new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/pdf' }),
    file.name,
  );
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: token ? bearer(token) : {},
    payload: data,
  });
}
