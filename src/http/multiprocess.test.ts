/**
 * Statelessness: two server processes against one PostgreSQL serve the same data. A session made
 * on one works on the other, and login throttling counts across both.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase } from '../test/databases.ts';

const hasPostgres = Boolean(process.env.TEST_DATABASE_URL);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function waitHealthy(base: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not become healthy:\n${output()}`);
}

describe.skipIf(!hasPostgres)('two server processes on one PostgreSQL', () => {
  const children: ChildProcess[] = [];
  const bases: string[] = [];
  let drop: (() => Promise<void>) | null = null;

  beforeAll(async () => {
    const pg = await createPostgresDatabase();
    drop = pg.drop;
    // Start the first alone so migrations and the seed run once, then the second.
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      let out = '';
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
        env: {
          ...process.env,
          DATABASE_URL: pg.url,
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          MOTCUA_LOGIN_MAX_ATTEMPTS: '3',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', (d) => {
        out += d;
      });
      child.stderr?.on('data', (d) => {
        out += d;
      });
      children.push(child);
      const base = `http://127.0.0.1:${port}`;
      await waitHealthy(base, child, () => out);
      bases.push(base);
    }
  }, 150_000);

  afterAll(async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
          }),
      ),
    );
    await drop?.();
  }, 60_000);

  it('both report PostgreSQL', async () => {
    for (const base of bases) {
      const body = await (await fetch(`${base}/healthz`)).json();
      expect(body.database).toBe('postgresql');
    }
  });

  it('a session created on one process is valid on the other, and logout on the other ends it', async () => {
    const [a, b] = bases as [string, string];
    const login = await fetch(`${a}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'motcua2026' }),
    });
    expect(login.status).toBe(200);
    const { token } = await login.json();
    const me = await fetch(`${b}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect((await me.json()).username).toBe('admin');
    // A user created through A is listed by B.
    const created = await fetch(`${a}/api/v1/admin/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        username: 'hai.tientrinh',
        password: 'matkhau-2026',
        fullName: 'Hai Tiến Trình',
        roles: [],
      }),
    });
    expect(created.status).toBe(201);
    const list = await (
      await fetch(`${b}/api/v1/admin/users`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(list.items.map((u: { username: string }) => u.username)).toContain('hai.tientrinh');
    await fetch(`${b}/api/v1/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect((await fetch(`${a}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      401,
    );
  });

  it('failed logins are counted across processes', async () => {
    const [a, b] = bases as [string, string];
    const fail = (base: string) =>
      fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'thanhtra', password: 'wrong' }),
      });
    expect((await fail(a)).status).toBe(401);
    expect((await fail(b)).status).toBe(401);
    expect((await fail(a)).status).toBe(401);
    expect((await fail(b)).status).toBe(429);
  });

  it('SIGTERM shuts a process down gracefully (exit code 0)', async () => {
    const child = children[1]!;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
