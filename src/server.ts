/**
 * `npm start`: one process serving the API, the web app and the background jobs.
 * Embedded PGlite in MOTCUA_DATA_DIR unless DATABASE_URL names a PostgreSQL server.
 */
import type { FastifyInstance } from 'fastify';
import { type Config, loadConfig } from './config.ts';
import { productionProblems } from './config-check.ts';
import { type Database, openDatabase } from './db/client.ts';
import { systemClock } from './domain/clock.ts';
import { buildApp } from './http/app.ts';
import { type JobRunner, startJobs } from './jobs/runner.ts';
import { prepareDatabase } from './services/demo/index.ts';
import type { ServiceContext } from './services/platform/index.ts';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  stop(): Promise<void>;
}

/** Refused before anything is opened, migrated or listened on: a production setting is unsafe. */
export class UnsafeConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`MOTCUA_ENV=production refuses to start:\n${problems.join('\n')}`);
  }
}

export async function startServer(config: Config = loadConfig()): Promise<RunningServer> {
  const started = Date.now();
  if (config.mode === 'production') {
    const problems = productionProblems(config);
    if (problems.length > 0) throw new UnsafeConfigError(problems);
  }
  const database = await openDatabase(
    config.databaseUrl
      ? { url: config.databaseUrl, poolSize: config.databasePoolSize }
      : { dataDir: config.dataDir },
  );
  const ctx: ServiceContext = {
    database,
    clock: systemClock,
    publicUrl: config.publicUrl,
    limits: config.limits,
    channels: config.channels,
  };
  const seeded = await prepareDatabase(ctx, config);
  const app = await buildApp({ ctx, config });
  if (seeded) app.log.info({ seeded }, 'database seeded');
  const jobs: JobRunner | null = config.jobs
    ? await startJobs(ctx, app.log, config.databaseUrl, config)
    : null;
  // The page renderer (src/http/ssr.ts) loads on its first page: render the home page once now, so
  // that the first visitor does not wait for it.
  await app.inject({ method: 'GET', url: '/' }).catch(() => undefined);
  const url = await app.listen({ port: config.port, host: config.host });
  app.log.info(
    {
      url,
      mode: config.mode,
      database: database.kind,
      dataDir: database.kind === 'pglite' ? config.dataDir : undefined,
      ms: Date.now() - started,
    },
    'Một Cửa is ready',
  );

  let stopping: Promise<void> | null = null;
  const stop = () => {
    // Stop accepting, let in-flight requests finish, stop jobs, then close the database.
    stopping ??= (async () => {
      await app.close();
      await jobs?.stop();
      await database.close();
    })();
    return stopping;
  };
  return { app, database, url, stop };
}

/** Starts the server and wires SIGTERM/SIGINT to a graceful shutdown. */
export async function runMain(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error(`Một Cửa could not start: ${(err as Error).message}`);
    process.exit(2);
  }
  const server = await startServer(config).catch((err: Error) => {
    // Unsafe production settings: one line per problem, exit 2 (like a usage error).
    if (err instanceof UnsafeConfigError) {
      console.error('Một Cửa refuses to start in production:');
      for (const line of err.problems) console.error(line);
      process.exit(2);
    }
    console.error(`Một Cửa could not start: ${err.message}`);
    process.exit(1);
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      server.app.log.info({ signal }, 'shutting down');
      const force = setTimeout(() => process.exit(1), 20_000);
      force.unref();
      server.stop().then(
        () => process.exit(0),
        (err) => {
          server.app.log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

if (process.argv[1]?.endsWith('/src/server.ts')) await runMain();
