/**
 * `npx motcua <command>`: operations from the shell. Exit codes: 0 success, 1 the check failed
 * (audit chain broken, …), 2 bad usage or input, 3 the database could not be reached.
 */
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { doctor } from './doctor.ts';
import { type Database, openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { systemClock } from '../domain/clock.ts';
import { type Duration, parseInstant, toLocalIso } from '../domain/calendar/index.ts';
import { AppError } from '../domain/errors.ts';
import { exportDossiers, type ImportProgress, importDossiers } from '../services/dossiers/index.ts';
import { verifyDossierChains } from '../services/dossiers/index.ts';
import { purgeExpired, totalPurged } from '../services/platform/index.ts';
import { ensureSeedProcesses, lintAllProcesses } from '../services/catalog/index.ts';
import { ensureAdmin, seedDemo } from '../services/demo/index.ts';
import { calendarForUnit } from '../services/calendar/index.ts';
import type { Actor, ServiceContext } from '../services/platform/index.ts';
import { unitOrRoot } from '../services/access/index.ts';
import { auditCheckpoint, auditVerify, BackupError, backup, restore } from './operations.ts';
import { createUser } from '../services/identity/index.ts';
import { createUserSchema } from '../contracts/identity.ts';
import { rebuildReportRollups } from '../services/rollups/index.ts';

const HELP = `motcua — Một Cửa command line

Usage: npx motcua <command> [options]

Commands:
  doctor                          check the configuration for production (exit 1 listing each problem)
  migrate                         apply database migrations
  seed                            seed the demo jurisdiction (idempotent)
  users create --username U --password P --full-name "Name" [--role ROLE@UNIT[+]]...
                                  create a staff account; ROLE@UNIT+ covers the unit's descendants
  calendar due --from ISO (--working-days N | --working-hours N | --same-day) [--unit CODE]
                                  compute a due date in working time with its explanation
  audit verify [--checkpoints]    verify the audit hash chain, its sealed checkpoints and every dossier's
                                  event chain (exit 1 when broken); --checkpoints also reads every
                                  checkpoint in the file store (a chain rewritten in SQL fails them)
  audit checkpoint                seal the audit chain's head now with MOTCUA_AUDIT_KEY and write it to
                                  the file store (the server's jobs do it daily at 00:10)
  backup --out FILE [--pg-bin DIR]
                                  write the database (PGlite's data directory, or pg_dump's custom
                                  format) and the file store to one .tar.gz
  restore FILE [--force] [--pg-bin DIR]
                                  restore a backup into an empty database and file store, then verify
                                  the chains; --force restores over existing data (PGlite: the old data
                                  directory is moved aside)
  events verify                   verify every dossier's event hash chain (exit 1 naming the first broken one)
  import dossiers FILE.ndjson [--dry-run] [--batch-size N]
                                  load dossiers from another system, one JSON object per line; a batch
                                  is all-or-nothing, codes already loaded are skipped (re-run to resume);
                                  exit 1 when a line was rejected (listed by line number and field)
  export dossiers --from YYYY-MM-DD --to YYYY-MM-DD [--unit CODE] [--out FILE]
                                  write the dossiers received in the period in the import format
  reports rebuild [--only marks|activity]
                                  recompute the report roll-ups from the events (both, or one kind)
  lint-processes                  lint every process definition (exit 1 when one has errors)
  purge                           purge now what is past its retention period (MOTCUA_RETENTION_*):
                                  rate-limit counters, idempotency keys, delivered messages' text,
                                  the demo mailbox, expired sessions, spent one-time codes; prints
                                  the counts (the server's jobs do it daily at 03:30)

Options:
  --json        print machine-readable JSON
  --help, -h    show this help

Environment: DATABASE_URL (PostgreSQL) or MOTCUA_DATA_DIR (embedded, default ./data).
Exit codes: 0 ok, 1 check failed, 2 usage or input error, 3 database unreachable.`;

class UsageError extends Error {}

/** The shell user acts as the system administrator (as `admin`, when it exists). */
async function cliActor(ctx: ServiceContext): Promise<Actor> {
  const admin = await ctx.database.db.query.users.findFirst({
    where: (u, { eq }) => eq(u.username, 'admin'),
  });
  const root = await ctx.database.db.query.units.findFirst({ where: (u, { isNull }) => isNull(u.parentId) });
  return {
    id: admin?.id ?? '00000000-0000-0000-0000-000000000000',
    username: 'cli',
    fullName: admin?.fullName ?? 'CLI',
    kind: 'staff',
    grants: [{ role: 'system_admin', unitId: root?.id ?? '', includeDescendants: true }],
  };
}

/**
 * A progress line on stderr: share of the file read, lines/s and the time left. Redrawn in place on
 * a terminal; one line every 5 s otherwise (CI logs).
 */
function progressBar(totalBytes: number, readBytes: () => number) {
  const started = Date.now();
  const tty = process.stderr.isTTY;
  let lastPrint = 0;
  let lastText = '';
  const render = (p: ImportProgress) => {
    const seconds = (Date.now() - started) / 1000;
    const share = totalBytes ? Math.min(1, readBytes() / totalBytes) : 1;
    const rate = seconds > 0 ? p.lines / seconds : 0;
    const eta = share > 0 ? seconds * (1 / share - 1) : 0;
    const width = 30;
    const filled = Math.round(share * width);
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(share * 100).toFixed(1)}%  ${p.lines} lines  ${Math.round(rate)} lines/s  ETA ${Math.round(eta)} s  (${p.imported} imported, ${p.skipped} skipped, ${p.invalid} invalid)`;
  };
  return {
    update(p: ImportProgress) {
      lastText = render(p);
      if (tty) process.stderr.write(`\r${lastText}`);
      else if (Date.now() - lastPrint > 5000) {
        lastPrint = Date.now();
        process.stderr.write(`${lastText}\n`);
      }
    },
    done() {
      if (lastText) process.stderr.write(tty ? '\n' : `${lastText}\n`);
    },
  };
}

async function withDatabase<T>(work: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  let database: Database;
  try {
    database = await openDatabase(
      config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir },
    );
  } catch (err) {
    process.stderr.write(`Cannot open the database: ${(err as Error).message}\n`);
    process.exit(3);
  }
  try {
    return await work({ database, clock: systemClock });
  } finally {
    await database.close();
  }
}

function print(json: boolean, data: unknown, text: string) {
  process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${text}\n`);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      json: { type: 'boolean' },
      username: { type: 'string' },
      password: { type: 'string' },
      'full-name': { type: 'string' },
      role: { type: 'string', multiple: true },
      from: { type: 'string' },
      'working-days': { type: 'string' },
      'working-hours': { type: 'string' },
      'same-day': { type: 'boolean' },
      unit: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'batch-size': { type: 'string' },
      only: { type: 'string' },
      checkpoints: { type: 'boolean' },
      force: { type: 'boolean' },
      'pg-bin': { type: 'string' },
    },
  });
  const json = values.json ?? false;
  const [command, sub] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${HELP}\n`);
    return command || values.help ? 0 : 2;
  }

  switch (`${command}${sub ? ` ${sub}` : ''}`) {
    case 'doctor':
      return doctor(process.env, json);

    case 'migrate':
      return withDatabase(async (ctx) => {
        await migrate(ctx.database);
        print(json, { ok: true, database: ctx.database.kind }, `Migrations applied (${ctx.database.kind}).`);
        return 0;
      });

    case 'seed':
      return withDatabase(async (ctx) => {
        await migrate(ctx.database);
        const report = await seedDemo(ctx);
        await ensureAdmin(ctx.database.db, loadConfig().adminPassword);
        await ensureSeedProcesses(ctx.database.db);
        print(json, report, `Seeded: ${JSON.stringify(report)}`);
        return 0;
      });

    case 'users create': {
      const roles = (values.role ?? []).map((spec) => {
        const m = /^([a-z_]+)@([^+]+)(\+)?$/.exec(spec);
        if (!m)
          throw new UsageError(
            `--role must look like officer@AG.LONGXUYEN or unit_admin@AG+ (got "${spec}")`,
          );
        return { role: m[1], unitCode: m[2], includeDescendants: Boolean(m[3]) };
      });
      const parsed = createUserSchema.safeParse({
        username: values.username,
        password: values.password,
        fullName: values['full-name'],
        roles,
      });
      if (!parsed.success)
        throw new UsageError(
          parsed.error.issues.map((i) => `--${String(i.path[0] ?? '')}: ${i.message}`).join('\n'),
        );
      return withDatabase(async (ctx) => {
        const actor = await cliActor(ctx);
        const user = await createUser(ctx, actor, { ip: 'cli', requestId: null }, parsed.data);
        print(json, user, `Created ${user.username} (${user.id})`);
        return 0;
      });
    }

    case 'calendar due': {
      const from = values.from;
      if (!from) throw new UsageError('--from is required (ISO 8601, e.g. 2026-03-02T09:00:00+07:00)');
      const given = [
        values['working-days'],
        values['working-hours'],
        values['same-day'] ? 'x' : undefined,
      ].filter((v) => v !== undefined);
      if (given.length !== 1)
        throw new UsageError('give exactly one of --working-days, --working-hours, --same-day');
      const number = (name: string, v: string) => {
        const n = Number(v);
        if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name} must be a non-negative number`);
        return n;
      };
      const duration: Duration = values['working-days']
        ? { kind: 'workingDays', days: number('working-days', values['working-days']) }
        : values['working-hours']
          ? { kind: 'workingHours', hours: number('working-hours', values['working-hours']) }
          : { kind: 'sameDay' };
      return withDatabase(async (ctx) => {
        const db = ctx.database.db;
        const unit = await unitOrRoot(db, values.unit, '--unit');
        const { calendar, settings } = await calendarForUnit(db, unit);
        const at = parseInstant(from, settings.timeZone);
        if (!at) throw new UsageError(`--from: cannot read "${from}" as ISO 8601`);
        const r = calendar.dueDate(at, duration);
        const out = {
          from: toLocalIso(r.from, settings.timeZone),
          effectiveStart: toLocalIso(r.effectiveStart, settings.timeZone),
          dueAt: toLocalIso(r.dueAt, settings.timeZone),
          workingMinutes: r.workingMinutes,
          unit: unit.code,
          explanation: r.explanation,
        };
        print(json, out, [`Due: ${out.dueAt}`, ...r.explanation.map((e) => `  - ${e.text}`)].join('\n'));
        return 0;
      });
    }

    case 'audit verify':
    case 'audit checkpoint':
    case `backup${sub ? ` ${sub}` : ''}`:
    case `restore${sub ? ` ${sub}` : ''}`: {
      const args = {
        config: loadConfig(),
        json,
        positionals,
        out: values.out,
        force: values.force,
        checkpoints: values.checkpoints,
        pgBin: values['pg-bin'],
      };
      if (command === 'backup') return backup(args);
      if (command === 'restore') return restore(args);
      return sub === 'verify' ? auditVerify(args) : auditCheckpoint(args);
    }

    case 'events verify':
      return withDatabase(async (ctx) => {
        const chains = await verifyDossierChains(ctx.database.db);
        print(
          json,
          chains,
          chains.ok
            ? `Dossier event chains intact: ${chains.dossiers} dossiers, ${chains.events} events.`
            : `Dossier event chain BROKEN: dossier ${chains.broken?.code}, event #${chains.broken?.seq}`,
        );
        return chains.ok ? 0 : 1;
      });

    case 'import dossiers': {
      const file = positionals[2];
      if (!file) throw new UsageError('give the NDJSON file: npx motcua import dossiers FILE.ndjson');
      if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
      const batchSize = values['batch-size'] ? Number(values['batch-size']) : 1000;
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)
        throw new UsageError('--batch-size must be an integer from 1 to 10000');
      return withDatabase(async (ctx) => {
        await migrate(ctx.database);
        await ensureSeedProcesses(ctx.database.db);
        const actor = await cliActor(ctx);
        const size = statSync(file).size;
        const stream = createReadStream(file);
        let bytes = 0;
        stream.on('data', (chunk) => {
          bytes += chunk.length;
        });
        const bar = progressBar(size, () => bytes);
        const summary = await importDossiers(
          ctx,
          actor,
          { ip: 'cli', requestId: null },
          createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }),
          { dryRun: values['dry-run'] ?? false, batchSize, onProgress: (p) => bar.update(p) },
        );
        bar.done();
        const head = summary.dryRun
          ? `Dry run: ${summary.lines} lines checked, ${summary.invalid} invalid.`
          : `Imported ${summary.imported} dossiers (${summary.skipped} already there, ${summary.invalid} lines invalid) from ${summary.lines} lines; batches: ${summary.batches.committed} written, ${summary.batches.rejected} rejected.`;
        print(
          json,
          summary,
          [head, ...summary.errors.map((e) => `  line ${e.line}: ${e.path || '(line)'}: ${e.message}`)].join(
            '\n',
          ),
        );
        return summary.invalid > 0 ? 1 : 0;
      });
    }

    case 'export dossiers': {
      const { from, to } = values;
      const day = /^\d{4}-\d{2}-\d{2}$/;
      if (!from || !day.test(from) || !to || !day.test(to))
        throw new UsageError('--from and --to are required, as YYYY-MM-DD');
      return withDatabase(async (ctx) => {
        const out: NodeJS.WritableStream = values.out ? createWriteStream(values.out) : process.stdout;
        let n = 0;
        for await (const line of exportDossiers(ctx, await cliActor(ctx), { from, to, unit: values.unit })) {
          n++;
          if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
        }
        if (values.out) {
          await new Promise<void>((r) => out.end(() => r()));
          process.stderr.write(`Exported ${n} dossiers to ${values.out}\n`);
        }
        return 0;
      });
    }

    case 'reports rebuild':
      return withDatabase(async (ctx) => {
        await migrate(ctx.database);
        if (values.only && values.only !== 'marks' && values.only !== 'activity')
          throw new UsageError('--only is marks or activity');
        const what = {
          marks: values.only !== 'activity',
          activity: values.only !== 'marks',
        };
        const n = await rebuildReportRollups(
          ctx.database.db,
          (done, total) => process.stderr.write(`\r${done}/${total} dossiers`),
          what,
        );
        process.stderr.write('\n');
        print(json, { dossiers: n }, `Report roll-ups rebuilt from the events of ${n} dossiers.`);
        return 0;
      });

    case 'lint-processes':
      return withDatabase(async (ctx) => {
        await migrate(ctx.database);
        const reports = await lintAllProcesses(ctx.database.db);
        const failed = reports.filter((r) => r.errors.length > 0);
        const lines = reports.flatMap((r) => [
          `${r.errors.length ? '✗' : '✓'} ${r.code} v${r.version}: ${r.errors.length} errors, ${r.warnings.length} warnings`,
          ...r.errors.map((e) => `    error   ${e.path}: ${e.message}`),
          ...r.warnings.map((w) => `    warning ${w.path}: ${w.message}`),
        ]);
        print(json, reports, lines.join('\n') || 'No process definitions.');
        return failed.length ? 1 : 0;
      });

    case 'purge':
      return withDatabase(async (ctx) => {
        await migrate(ctx.database);
        const retention = loadConfig().retention;
        const counts = await purgeExpired(ctx, retention);
        print(
          json,
          { ...counts, retention },
          [
            `Purged ${totalPurged(counts)} rows past their retention period:`,
            `  rate-limit counters      ${counts.rateLimits}`,
            `  idempotency keys         ${counts.idempotencyKeys}`,
            `  delivered message texts  ${counts.outboxBodies}`,
            `  demo mailbox messages    ${counts.sandboxMessages}`,
            `  expired sessions         ${counts.sessions}`,
            `  one-time codes           ${counts.oneTimeCodes}`,
          ].join('\n'),
        );
        return 0;
      });

    default:
      throw new UsageError(`unknown command "${positionals.join(' ')}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    if (
      err instanceof UsageError ||
      err instanceof AppError ||
      err instanceof BackupError ||
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`motcua: ${err.message}\nRun "npx motcua --help" for usage.\n`);
      process.exit(2);
    }
    process.stderr.write(`motcua: ${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
