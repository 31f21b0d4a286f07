/**
 * Runs `src/server.ts` as a child process, the way it runs in production, for tests and benchmarks
 * that need a real process: to kill it (SIGKILL mid-write), restart it on the same data, or load it
 * over real sockets.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The repository root (where package.json and src/ are). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface ServerProcess {
  base: string;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code and signal once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal (default SIGTERM) and waits for the exit; a no-op when already exited. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface StartOptions {
  /** Extra environment (DATABASE_URL or MOTCUA_DATA_DIR, MOTCUA_RATE_LIMIT…). */
  env: Record<string, string>;
  /** How long to wait for /healthz (default 90 s: the suite runs on two cores). */
  readyTimeoutMs?: number;
  /** Extra node flags (e.g. --cpu-prof). */
  nodeArgs?: string[];
}

/** Starts the server on a free port of 127.0.0.1 and waits until /healthz answers 200. */
export async function startServerProcess(opts: StartOptions): Promise<ServerProcess> {
  const port = await freePort();
  let out = '';
  const child = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), '--import', 'tsx', `${REPO_ROOT}src/server.ts`],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        MOTCUA_JOBS: 'false',
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const base = `http://127.0.0.1:${port}`;
  const proc: ServerProcess = {
    base,
    child,
    output: () => out,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  try {
    await waitHealthy(proc, opts.readyTimeoutMs ?? 90_000);
  } catch (err) {
    await proc.stop('SIGKILL');
    throw err;
  }
  return proc;
}

async function waitHealthy(proc: ServerProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null)
      throw new Error(
        `server exited early (${proc.child.exitCode ?? proc.child.signalCode}):\n${proc.output()}`,
      );
    try {
      const res = await fetch(`${proc.base}/healthz`, { signal: AbortSignal.timeout(5_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy within ${timeoutMs} ms:\n${proc.output()}`);
}

/** Logs in through the API and returns the bearer token. */
export async function loginOver(base: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** The documents to submit for a procedure: every required one of its current version, by index. */
export async function requiredDocumentsOver(
  base: string,
  procedureCode: string,
): Promise<{ index: number; form: 'original' }[]> {
  const res = await fetch(`${base}/api/v1/public/procedures/${procedureCode}`);
  if (res.status !== 200) throw new Error(`procedure ${procedureCode}: ${res.status} ${await res.text()}`);
  const p = (await res.json()) as { documents: { required: boolean }[] };
  return p.documents.flatMap((d, index) => (d.required ? [{ index, form: 'original' as const }] : []));
}
