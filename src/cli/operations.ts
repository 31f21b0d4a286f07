/**
 * The operator's commands of `npx motcua` (issue 14 §5–6): `audit verify [--checkpoints]`,
 * `audit checkpoint`, `backup --out FILE`, `restore FILE [--force]`. Each returns the exit code:
 * 0 ok, 1 check failed, 2 refused (usage, input, a non-empty target), 3 database unreachable.
 */
import { type Config, DEMO_AUDIT_KEY } from '../config.ts';
import { type Database, openDatabase } from '../db/client.ts';
import { systemClock } from '../domain/clock.ts';
import { verifyAuditChain } from '../services/platform/index.ts';
import {
  type CheckpointVerdict,
  verifyAuditCheckpoints,
  writeAuditCheckpoint,
} from '../services/platform/index.ts';
import { BackupError, createBackup, restoreBackup } from '../services/platform/index.ts';
import type { ServiceContext } from '../services/platform/index.ts';
import { verifyDossierChains } from '../services/dossiers/index.ts';

export { BackupError };

export interface OperationArgs {
  config: Config;
  json: boolean;
  positionals: string[];
  out?: string;
  force?: boolean;
  checkpoints?: boolean;
  pgBin?: string;
}

const print = (json: boolean, data: unknown, text: string) =>
  process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${text}\n`);

async function open(config: Config): Promise<Database | null> {
  try {
    return await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  } catch (err) {
    process.stderr.write(`Cannot open the database: ${(err as Error).message}\n`);
    return null;
  }
}

async function withDatabase(config: Config, work: (ctx: ServiceContext) => Promise<number>): Promise<number> {
  const database = await open(config);
  if (!database) return 3;
  try {
    return await work({ database, clock: systemClock });
  } finally {
    await database.close();
  }
}

function checkpointLines(v: CheckpointVerdict, fileStoreRead: boolean): string[] {
  const lines: string[] = [];
  const where = fileStoreRead
    ? `${v.fileStore} in the file store, ${v.database} recorded in the database`
    : `${v.database} recorded in the database (add --checkpoints to read the file store's)`;
  if (v.latest)
    lines.push(
      `Checkpoints: ${where}; the latest (${v.latest.at}, ${v.latest.count} records) ${v.problems.length ? '' : 'matches the chain'}`.trimEnd(),
    );
  else lines.push(`Checkpoints: none yet (${where}); write one with "npx motcua audit checkpoint".`);
  for (const p of v.problems) lines.push(`  BROKEN ${p.key} (${p.source}): ${p.problem}`);
  return lines;
}

/** `audit verify [--checkpoints]`: the chain, its sealed checkpoints, and the dossier event chains. */
export function auditVerify(args: OperationArgs): Promise<number> {
  const { config, json } = args;
  return withDatabase(config, async (ctx) => {
    const verdict = await verifyAuditCheckpoints(ctx.database.db, {
      auditKey: config.auditKey,
      store: args.checkpoints ? config : undefined,
    });
    const dossierChains = await verifyDossierChains(ctx.database.db);
    const chain = verdict.chain;
    const ok = verdict.ok && dossierChains.ok;
    print(
      json,
      {
        ...chain,
        ok,
        checkpoints: {
          ok: verdict.problems.length === 0,
          fileStore: verdict.fileStore,
          database: verdict.database,
          latest: verdict.latest,
          problems: verdict.problems,
        },
        dossierChains,
      },
      [
        chain.ok
          ? `Audit chain intact: ${chain.count} records.`
          : `Audit chain BROKEN at record #${chain.brokenSeq}: ${chain.reason}`,
        ...checkpointLines(verdict, Boolean(args.checkpoints)),
        dossierChains.ok
          ? `Dossier event chains intact: ${dossierChains.dossiers} dossiers, ${dossierChains.events} events.`
          : `Dossier event chain BROKEN: ${dossierChains.broken?.code} event #${dossierChains.broken?.seq}`,
      ].join('\n'),
    );
    return ok ? 0 : 1;
  });
}

/** `audit checkpoint`: seal the chain's head now (the daily job does the same). */
export function auditCheckpoint(args: OperationArgs): Promise<number> {
  const { config, json } = args;
  return withDatabase(config, async (ctx) => {
    const { key, checkpoint } = await writeAuditCheckpoint(ctx, { auditKey: config.auditKey, store: config });
    const demoKey = config.auditKey === DEMO_AUDIT_KEY;
    print(
      json,
      { key, ...checkpoint, demoKey },
      [
        `Checkpoint ${key}: ${checkpoint.count} records, head ${checkpoint.headHash}.`,
        ...(demoKey ? ['Sealed with the public demo key: set MOTCUA_AUDIT_KEY in production.'] : []),
      ].join('\n'),
    );
    return 0;
  });
}

/** `backup --out FILE`. */
export function backup(args: OperationArgs): Promise<number> {
  const { config, json } = args;
  if (!args.out) throw new BackupError('give the file to write: npx motcua backup --out FILE');
  const out = args.out;
  return withDatabase(config, async (ctx) => {
    const summary = await createBackup(ctx.database, config, out, { pgBin: args.pgBin });
    const m = summary.manifest;
    print(
      json,
      summary,
      [
        `Backup written to ${summary.file} (${summary.bytes} bytes):`,
        `  database  ${m.database.kind}, ${m.database.migrations} migrations, ${m.database.bytes} bytes`,
        `  audit     ${m.audit.count} records, head ${m.audit.headHash}`,
        `  files     ${m.files.count} from the ${m.files.storage} file store`,
      ].join('\n'),
    );
    return 0;
  });
}

/**
 * `restore FILE [--force]`: into an empty database (or data directory) and file store, then the
 * restored chains are verified and the audit chain must still hold the backup's head.
 */
export async function restore(args: OperationArgs): Promise<number> {
  const { config, json } = args;
  const file = args.positionals[1];
  if (!file) throw new BackupError('give the backup file: npx motcua restore FILE');
  if (config.databaseUrl) {
    // Reachable? (PGlite is only opened after the restore: opening would create the directory.)
    const probe = await open(config);
    if (!probe) return 3;
    await probe.close();
  }
  const summary = await restoreBackup(file, config, { force: args.force, pgBin: args.pgBin });
  return withDatabase(config, async (ctx) => {
    let headAtCount: string | null =
      summary.manifest.audit.count === 0 ? summary.manifest.audit.headHash : null;
    const chain = await verifyAuditChain(ctx.database.db, (position, _seq, hash) => {
      if (position === summary.manifest.audit.count) headAtCount = hash;
    });
    const headMatches = headAtCount === summary.manifest.audit.headHash;
    const dossierChains = await verifyDossierChains(ctx.database.db);
    const ok = chain.ok && headMatches && dossierChains.ok;
    print(
      json,
      { ok, ...summary, audit: { ...chain, headMatches }, dossierChains },
      [
        `Restored ${summary.database} database and ${summary.files} files from ${file} (made ${summary.manifest.createdAt}).`,
        ...(summary.movedAside ? [`The previous data directory was moved to ${summary.movedAside}.`] : []),
        chain.ok
          ? `Audit chain intact: ${chain.count} records${headMatches ? ", including the backup's head" : ", but the backup's head is NOT in it"}.`
          : `Audit chain BROKEN at record #${chain.brokenSeq}: ${chain.reason}`,
        dossierChains.ok
          ? `Dossier event chains intact: ${dossierChains.dossiers} dossiers, ${dossierChains.events} events.`
          : `Dossier event chain BROKEN: ${dossierChains.broken?.code} event #${dossierChains.broken?.seq}`,
        'Migrations newer than the backup run at the next start (or: npx motcua migrate).',
      ].join('\n'),
    );
    return ok ? 0 : 1;
  });
}
