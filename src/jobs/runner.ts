/**
 * Background jobs on pg-boss, in the same database (PGlite or PostgreSQL): nothing is kept in
 * in-memory timers, so any number of processes can run and a restart loses nothing.
 */
import PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import { activateDueVersions } from '../services/catalog.ts';
import type { ServiceContext } from '../services/context.ts';

export const JOBS = {
  activateVersions: 'catalog-activate-versions',
} as const;

export interface JobRunner {
  boss: PgBoss;
  stop(): Promise<void>;
}

export async function startJobs(
  ctx: ServiceContext,
  log: FastifyBaseLogger,
  databaseUrl: string | null,
): Promise<JobRunner> {
  const boss = databaseUrl
    ? new PgBoss({ connectionString: databaseUrl, max: 3 })
    : new PgBoss({
        db: {
          executeSql: (text: string, values?: unknown[]) => ctx.database.raw.query(text, values),
        } as never,
      });
  boss.on('error', (err) => log.error({ err }, 'job runner error'));
  await boss.start();

  await boss.createQueue(JOBS.activateVersions);
  // Amendments take effect at local midnight; a few minutes after it is early enough.
  await boss.schedule(JOBS.activateVersions, '5 0 * * *', {}, { tz: 'Asia/Ho_Chi_Minh' });
  await boss.work(JOBS.activateVersions, async () => {
    const n = await activateDueVersions(ctx);
    if (n > 0) log.info({ procedures: n }, 'procedure amendments took effect');
  });

  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
