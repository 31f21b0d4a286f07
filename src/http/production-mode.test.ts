/**
 * Issue 14 §1: two modes, never mixed. Production refuses unsafe settings before it opens,
 * migrates or listens on anything; sandbox routes do not exist in production; `/healthz` says
 * the mode; the demo says on every page that it is one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/app.ts';
import { READY_PRODUCTION_ENV, REFUSED_DEMO_DEFAULTS } from '../test/production-env.ts';
import { REPO_ROOT } from '../test/server-process.ts';
import { DEMO_STRIP_EN, DEMO_STRIP_VI, withDemoStrip } from './demo-strip.ts';

const SANDBOX_ROUTES = [
  { method: 'GET' as const, url: '/api/v1/sandbox/messages' },
  { method: 'GET' as const, url: '/sandbox/vnpay/pay?vnp_TxnRef=1' },
  { method: 'POST' as const, url: '/sandbox/vnpay/pay' },
  { method: 'POST' as const, url: '/api/v1/sandbox/postal/advance' },
];

/** Runs a command of ours in a child process with only the given environment (plus PATH). */
function run(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('production mode', () => {
  let production: TestApp;
  let demo: TestApp;
  beforeAll(async () => {
    production = await createTestApp('pglite', undefined, { mode: 'production' });
    demo = await createTestApp('pglite');
  });
  afterAll(async () => {
    await production?.close();
    await demo?.close();
  });

  it('does not register any sandbox route: answered like an unknown path', async () => {
    for (const route of SANDBOX_ROUTES) {
      const ask = (url: string) =>
        production.app.inject({
          method: route.method,
          url,
          payload: route.method === 'POST' ? {} : undefined,
        });
      const res = await ask(route.url);
      // The same answer as a path that never existed next to it: 404 for the API and for writes;
      // a page address gets the app shell (the browser app shows its own "not found").
      const unknown = await ask(route.url.replace(/\/(pay|advance|messages)/, '/no-such-thing'));
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(unknown.statusCode);
      if (route.url.startsWith('/api/') || route.method === 'POST') {
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('not_found');
      }
      expect(res.body).not.toContain('Kết quả thanh toán');
    }
    const openapi = JSON.stringify((await production.app.inject('/openapi.json')).json());
    expect(openapi).not.toContain('/sandbox/');
  });

  it('the demo has its sandboxes', async () => {
    expect((await demo.app.inject('/api/v1/sandbox/messages')).statusCode).toBe(200);
    expect((await demo.app.inject('/sandbox/vnpay/pay?vnp_TxnRef=1')).statusCode).not.toBe(404);
  });

  it('/healthz tells the mode', async () => {
    expect((await production.app.inject('/healthz')).json().mode).toBe('production');
    expect((await demo.app.inject('/healthz')).json().mode).toBe('demo');
  });

  it('marks every demo page with the strip, and no production page', () => {
    const page = '<!doctype html><html lang="vi"><body class="x"><div id="root"></div></body></html>';
    const marked = withDemoStrip(page, 'demo');
    expect(marked).toContain(DEMO_STRIP_VI);
    expect(marked).toContain(DEMO_STRIP_EN);
    expect(marked.indexOf('motcua-demo-strip')).toBeLessThan(marked.indexOf('id="root"'));
    expect(withDemoStrip(page, 'production')).toBe(page);
  });

  it('refuses to start with the demo settings: exit 2, a line per problem, nothing created or listened on', () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'motcua-prod-')), 'data');
    try {
      const result = run(['--import', 'tsx', 'src/server.ts'], {
        MOTCUA_ENV: 'production',
        MOTCUA_DATA_DIR: dataDir,
        PORT: '0',
      });
      expect(result.status).toBe(2);
      const lines = result.stderr.trim().split('\n');
      expect(lines[0]).toMatch(/refuses to start/);
      for (const variable of REFUSED_DEMO_DEFAULTS)
        expect(lines.filter((l) => l.startsWith(`${variable}:`))).toHaveLength(1);
      expect(result.stdout).not.toContain('ready');
      // Nothing migrated: the embedded database's directory was never created.
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  });

  it('`motcua doctor` prints the same lines (exit 1), and exit 0 when ready', () => {
    const failing = run(['bin/motcua.js', 'doctor'], { MOTCUA_TRUST_PROXY: 'true' });
    expect(failing.status).toBe(1);
    expect(failing.stdout).toMatch(/^MOTCUA_SEED: /m);
    expect(failing.stdout).toMatch(/^MOTCUA_TRUST_PROXY: /m);
    // Ready, with e-mail and SMS switched off instead of configured: allowed.
    const ready = run(['bin/motcua.js', 'doctor'], {
      ...READY_PRODUCTION_ENV,
      MOTCUA_SMTP_URL: '',
      MOTCUA_SMS_URL: '',
      MOTCUA_EMAIL: 'off',
      MOTCUA_SMS: 'off',
    });
    expect(ready.stdout).toContain('Ready for production');
    expect(ready.status).toBe(0);
  });
});
