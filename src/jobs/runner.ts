/**
 * Background jobs on pg-boss, in the same database (PGlite or PostgreSQL): nothing is kept in
 * in-memory timers, so any number of processes can run and a restart loses nothing.
 */
import PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import { writeAuditCheckpoint } from '../services/platform/index.ts';
import { activateDueVersions } from '../services/catalog/index.ts';
import { type ServiceContext, sendersOf } from '../services/platform/index.ts';
import { sendLeaderDigests, sweepDeadlines } from '../services/dossiers/index.ts';
import { dispatchOutbox } from '../services/notifications/index.ts';
import { DEFAULT_RETENTION, purgeExpired, totalPurged } from '../services/platform/index.ts';

export const JOBS = {
  activateVersions: 'catalog-activate-versions',
  deadlineSweep: 'dossier-deadline-sweep',
  leaderDigest: 'dossier-leader-digest',
  notificationDispatch: 'notification-dispatch',
  auditCheckpoint: 'audit-checkpoint',
  retentionPurge: 'retention-purge',
} as const;

export interface JobRunner {
  boss: PgBoss;
  stop(): Promise<void>;
}

export async function startJobs(
  ctx: ServiceContext,
  log: FastifyBaseLogger,
  databaseUrl: string | null,
  /**
   * The configuration (the server passes it whole): the audit key and file store of the daily audit
   * checkpoint (no checkpoints without them), the retention periods of the daily purge (defaults
   * without them).
   */
  config?: Pick<Config, 'auditKey' | 'dataDir' | 'storage'> & Partial<Pick<Config, 'retention'>>,
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

  // Reminders and overdue alerts every 15 minutes; the leaders' digest at 07:00 on weekdays.
  await boss.createQueue(JOBS.deadlineSweep);
  await boss.schedule(JOBS.deadlineSweep, '*/15 * * * *', {}, { tz: 'Asia/Ho_Chi_Minh' });
  await boss.work(JOBS.deadlineSweep, async () => {
    const r = await sweepDeadlines(ctx);
    if (r.dueSoon + r.overdue > 0) log.info(r, 'deadline notices sent');
  });
  await boss.createQueue(JOBS.leaderDigest);
  await boss.schedule(JOBS.leaderDigest, '0 7 * * 1-5', {}, { tz: 'Asia/Ho_Chi_Minh' });
  await boss.work(JOBS.leaderDigest, async () => {
    const n = await sendLeaderDigests(ctx);
    log.info({ digests: n }, 'leader digests sent');
  });

  // Messages to applicants: every minute, with retries and backoff kept in the outbox rows.
  const senders = sendersOf(ctx);
  await boss.createQueue(JOBS.notificationDispatch);
  await boss.schedule(JOBS.notificationDispatch, '* * * * *', {});
  await boss.work(JOBS.notificationDispatch, async () => {
    const r = await dispatchOutbox(ctx, senders);
    if (r.sent + r.retried + r.failed > 0) log.info(r, 'applicant notifications dispatched');
  });

  // The audit chain's head, sealed and written to the file store daily (issue 14 §5).
  if (config) {
    await boss.createQueue(JOBS.auditCheckpoint);
    await boss.schedule(JOBS.auditCheckpoint, '10 0 * * *', {}, { tz: 'Asia/Ho_Chi_Minh' });
    await boss.work(JOBS.auditCheckpoint, async () => {
      const { key, checkpoint } = await writeAuditCheckpoint(ctx, {
        auditKey: config.auditKey,
        store: config,
      });
      log.info({ key, count: checkpoint.count }, 'audit checkpoint written');
    });
  }

  // Retention (issue 14 §2): rate-limit counters, idempotency keys, delivered messages' text, the
  // demo mailbox, expired sessions and spent one-time codes, purged daily after their periods.
  const retention = config?.retention ?? DEFAULT_RETENTION;
  await boss.createQueue(JOBS.retentionPurge);
  await boss.schedule(JOBS.retentionPurge, '30 3 * * *', {}, { tz: 'Asia/Ho_Chi_Minh' });
  await boss.work(JOBS.retentionPurge, async () => {
    const counts = await purgeExpired(ctx, retention);
    if (totalPurged(counts) > 0) log.info(counts, 'expired data purged');
  });

  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
