/**
 * Attachments: the papers a citizen scans into an online application or sends when a dossier is
 * paused for a supplement, the results staff hand back, photos sent with feedback. Accepted by
 * content (PDF, JPEG, PNG — the magic bytes, never the name), within a size per file and per
 * application/dossier, scanned when a scanner is configured, kept with a SHA-256 so anyone can check
 * later that a stored paper is the one received.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { dossiers, feedback, onlineApplications, storedFiles } from '../../db/schema.ts';
import type { Role } from '../../domain/access.ts';
import { AppError, forbidden, notFound } from '../../domain/errors.ts';
import { sniffMediaType, storedFileName } from '../../domain/files/sniff.ts';
import { type FileStorage, newStorageKey, storageFromConfig } from '../../integrations/storage.ts';
import { scannerFromConfig, type VirusScanner } from '../../integrations/virus-scan.ts';
import { recordAccess, rolesAt, visibleUnitIds } from '../access/index.ts';
import { appendAudit } from '../platform/index.ts';
import {
  type Actor,
  inTransaction,
  NO_META,
  type RequestMeta,
  type ServiceContext,
} from '../platform/index.ts';
import type { DossierRow } from './events.ts';
import { findVisibleDossier } from './one-dossier.ts';
import { hitWindow } from '../platform/index.ts';
import { isAssistant } from '../community/index.ts';

import type { FilePurpose } from '../../contracts/files.ts';

export type { FilePurpose };
export type StoredFileRow = typeof storedFiles.$inferSelect;
type ApplicationRow = typeof onlineApplications.$inferSelect;

export interface UploadInput {
  purpose: FilePurpose;
  /** For 'application': the citizen's draft online application. */
  applicationId?: string;
  /** For 'supplement' and 'result': the dossier's code. */
  dossierCode?: string;
  /** For 'feedback': the feedback item just sent (issue 14 §3: a feedback photo belongs to one). */
  feedbackId?: string;
  /** The name the sender gave; only shown back, never trusted for the type. */
  name: string;
  bytes: Buffer;
}

/** What a use case may be given instead of what the configuration names (tests inject fakes). */
export interface FileServiceOptions {
  meta?: RequestMeta;
  storage?: FileStorage;
  /** null: no scanning; undefined: the configured scanner. */
  scanner?: VirusScanner | null;
}

/** Staff roles that may attach a result to a dossier at its current unit (auditors only read). */
const RESULT_ROLES: readonly Role[] = ['receptionist', 'officer', 'leader', 'unit_admin', 'system_admin'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "10 MB", "1,5 MB", "800 KB" — the limit as the message shows it (Vietnamese decimal comma). */
export function formatSize(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${Number.isInteger(mb) ? mb : mb.toFixed(1).replace('.', ',')} MB`;
  const kb = bytes / 1024;
  if (kb >= 1) return `${Math.floor(kb)} KB`;
  return `${bytes} byte`;
}

export const fileTooLarge = (config: Pick<Config, 'maxFileBytes'>) =>
  new AppError(
    413,
    'file_too_large',
    `Tệp vượt quá dung lượng cho phép (tối đa ${formatSize(config.maxFileBytes)})`,
  );

export const unsupportedFileType = () =>
  new AppError(415, 'unsupported_file_type', 'Chỉ nhận tệp PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp)');

const dossierFilesTooLarge = (config: Pick<Config, 'maxDossierBytes'>) =>
  new AppError(
    413,
    'dossier_files_too_large',
    `Tổng dung lượng tệp của hồ sơ vượt quá mức cho phép (tối đa ${formatSize(config.maxDossierBytes)})`,
  );

const fileNotFound = () => notFound('file_not_found', 'Không tìm thấy tệp');
const applicationNotFound = () => notFound('application_not_found', 'Không tìm thấy hồ sơ trực tuyến');
const dossierNotFound = (code: string) => notFound('dossier_not_found', `Không tìm thấy hồ sơ "${code}"`);

function required(value: string | undefined, path: string, message: string): string {
  if (!value?.trim()) throw new AppError(400, 'validation_failed', message, [{ path, message }]);
  return value.trim();
}

function requireLogin(actor: Actor | null): Actor {
  if (!actor) throw new AppError(401, 'unauthenticated', 'Vui lòng đăng nhập');
  return actor;
}

/** Where an upload belongs once authorised, and how to lock it so two uploads cannot both pass the total. */
interface UploadTarget {
  applicationId: string | null;
  dossierId: string | null;
  feedbackId: string | null;
  jurisdictionId: string | null;
  /** The rows whose files count toward the per-application/dossier total (empty: no total). */
  scope: { applicationIds: string[]; dossierId: string | null } | null;
  lock(tx: Db): Promise<void>;
}

async function ownApplication(db: Db, actor: Actor, applicationId: string): Promise<ApplicationRow> {
  // A community digital team member uploads into the applications they fill for citizens.
  if (!UUID.test(applicationId) || (actor.kind !== 'citizen' && !isAssistant(actor)))
    throw applicationNotFound();
  const [app] = await db
    .select()
    .from(onlineApplications)
    .where(eq(onlineApplications.id, applicationId))
    .limit(1);
  // Someone else's application is "not found", not "forbidden": ids are not to be probed.
  if (!app || app.citizenId !== actor.id) throw applicationNotFound();
  return app;
}

async function dossierByCode(db: Db, code: string): Promise<DossierRow | undefined> {
  const [row] = await db.select().from(dossiers).where(eq(dossiers.code, code)).limit(1);
  return row;
}

const lockApplication = (id: string) => async (tx: Db) => {
  await tx
    .select({ id: onlineApplications.id })
    .from(onlineApplications)
    .where(eq(onlineApplications.id, id))
    .for('update');
};
const lockDossier = (id: string) => async (tx: Db) => {
  await tx.select({ id: dossiers.id }).from(dossiers).where(eq(dossiers.id, id)).for('update');
};

async function applicationIdsOfDossier(db: Db, dossierId: string): Promise<string[]> {
  const rows = await db
    .select({ id: onlineApplications.id })
    .from(onlineApplications)
    .where(eq(onlineApplications.dossierId, dossierId));
  return rows.map((r) => r.id);
}

async function resolveTarget(
  ctx: ServiceContext,
  actor: Actor | null,
  input: UploadInput,
  meta: RequestMeta,
): Promise<UploadTarget> {
  const db = ctx.database.db;
  switch (input.purpose) {
    case 'application': {
      const who = requireLogin(actor);
      const id = required(input.applicationId, 'applicationId', 'Cần mã hồ sơ trực tuyến (applicationId)');
      const app = await ownApplication(db, who, id);
      if (app.status !== 'draft')
        throw new AppError(409, 'application_not_draft', 'Hồ sơ đã nộp, không thể thêm tệp');
      return {
        applicationId: app.id,
        dossierId: null,
        feedbackId: null,
        jurisdictionId: app.jurisdictionId,
        scope: { applicationIds: [app.id], dossierId: null },
        lock: lockApplication(app.id),
      };
    }
    case 'supplement': {
      const who = requireLogin(actor);
      const code = required(input.dossierCode, 'dossierCode', 'Cần mã hồ sơ (dossierCode)');
      const dossier = await dossierByCode(db, code);
      if (!dossier || who.kind !== 'citizen') throw dossierNotFound(code);
      const apps = await db
        .select({ id: onlineApplications.id, citizenId: onlineApplications.citizenId })
        .from(onlineApplications)
        .where(eq(onlineApplications.dossierId, dossier.id));
      if (!apps.some((a) => a.citizenId === who.id)) throw dossierNotFound(code);
      if (dossier.status !== 'paused')
        throw new AppError(409, 'dossier_not_paused', 'Hồ sơ không ở trạng thái chờ bổ sung giấy tờ');
      return {
        applicationId: null,
        dossierId: dossier.id,
        feedbackId: null,
        jurisdictionId: dossier.jurisdictionId,
        scope: { applicationIds: apps.map((a) => a.id), dossierId: dossier.id },
        lock: lockDossier(dossier.id),
      };
    }
    case 'result': {
      const who = requireLogin(actor);
      const code = required(input.dossierCode, 'dossierCode', 'Cần mã hồ sơ (dossierCode)');
      const dossier = await findVisibleDossier(db, who, code);
      const roles = await rolesAt(db, who.grants, dossier.currentUnitId);
      if (!RESULT_ROLES.some((r) => roles.has(r)))
        throw forbidden('Chỉ cán bộ của đơn vị đang giải quyết hồ sơ được đính kèm kết quả');
      return {
        applicationId: null,
        dossierId: dossier.id,
        feedbackId: null,
        jurisdictionId: dossier.jurisdictionId,
        scope: { applicationIds: await applicationIdsOfDossier(db, dossier.id), dossierId: dossier.id },
        lock: lockDossier(dossier.id),
      };
    }
    case 'feedback':
      return feedbackTarget(ctx, input, meta);
  }
}

/** Feedback photos: per feedback item, and per address and hour (anybody may send them). */
export const FEEDBACK_FILES_PER_ITEM = 5;
export const FEEDBACK_FILES_PER_HOUR = 20;
/** How long after sending the feedback its photos may follow. */
const FEEDBACK_ATTACH_MS = 60 * 60_000;

/**
 * A feedback photo is tied to a feedback item that is still open and was sent within the hour
 * (another, older or unknown item is 404 alike), at most FEEDBACK_FILES_PER_ITEM per item, and
 * counts against the sender's address quota (issue 14 §3).
 */
async function feedbackTarget(
  ctx: ServiceContext,
  input: UploadInput,
  meta: RequestMeta,
): Promise<UploadTarget> {
  const db = ctx.database.db;
  const now = ctx.clock();
  const window = await hitWindow(db, `feedback-file:${meta.ip ?? 'unknown'}`, 3_600_000, now);
  if (window.count > FEEDBACK_FILES_PER_HOUR)
    throw Object.assign(new AppError(429, 'rate_limited', 'Bạn gửi quá nhiều tệp, vui lòng thử lại sau'), {
      retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt.getTime() - now.getTime()) / 1000)),
    });
  const id = required(input.feedbackId, 'feedbackId', 'Cần mã phản ánh (feedbackId)');
  const gone = () => notFound('feedback_not_found', 'Không tìm thấy phản ánh để đính kèm tệp');
  if (!UUID.test(id)) throw gone();
  const [item] = await db.select().from(feedback).where(eq(feedback.id, id)).limit(1);
  if (item?.status !== 'open' || now.getTime() - item.createdAt.getTime() > FEEDBACK_ATTACH_MS) throw gone();
  const countFiles = async (d: Db) => {
    const [row] = await d
      .select({ n: sql<number | string>`count(*)` })
      .from(storedFiles)
      .where(eq(storedFiles.feedbackId, id));
    if (Number(row?.n ?? 0) >= FEEDBACK_FILES_PER_ITEM)
      throw new AppError(
        409,
        'too_many_files',
        `Mỗi phản ánh đính kèm tối đa ${FEEDBACK_FILES_PER_ITEM} tệp`,
      );
  };
  await countFiles(db);
  return {
    applicationId: null,
    dossierId: null,
    feedbackId: id,
    jurisdictionId: item.jurisdictionId,
    scope: null,
    async lock(tx) {
      await tx.select({ id: feedback.id }).from(feedback).where(eq(feedback.id, id)).for('update');
      await countFiles(tx);
    },
  };
}

/** Bytes already stored for an application and, once received, its dossier. */
async function storedTotal(db: Db, scope: NonNullable<UploadTarget['scope']>): Promise<number> {
  const conditions: SQL[] = [];
  if (scope.applicationIds.length) conditions.push(inArray(storedFiles.applicationId, scope.applicationIds));
  if (scope.dossierId) conditions.push(eq(storedFiles.dossierId, scope.dossierId));
  if (!conditions.length) return 0;
  const [row] = await db
    .select({ total: sql<string | number | null>`sum(${storedFiles.size})` })
    .from(storedFiles)
    .where(or(...conditions));
  return Number(row?.total ?? 0);
}

/**
 * Stores one upload: size, type by content, authorisation by purpose, the per-application/dossier
 * total, the virus scan, then the bytes and the row (the bytes are removed again if the row is not
 * written), with an audit record.
 */
export async function storeUpload(
  ctx: ServiceContext,
  config: Config,
  actor: Actor | null,
  input: UploadInput,
  options: FileServiceOptions = {},
): Promise<StoredFileRow> {
  const db = ctx.database.db;
  const meta = options.meta ?? NO_META;
  if (input.bytes.length > config.maxFileBytes) throw fileTooLarge(config);
  const mediaType = sniffMediaType(input.bytes);
  if (!mediaType) throw unsupportedFileType();
  const target = await resolveTarget(ctx, actor, input, meta);
  if (target.scope && (await storedTotal(db, target.scope)) + input.bytes.length > config.maxDossierBytes)
    throw dossierFilesTooLarge(config);

  const name = storedFileName(input.name, mediaType);
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const scanner = options.scanner !== undefined ? options.scanner : scannerFromConfig(config);
  let scanStatus: StoredFileRow['scanStatus'] = 'skipped';
  if (scanner) {
    const verdict = await scanner.scan(input.bytes).catch(() => {
      throw new AppError(503, 'scan_unavailable', 'Chưa kiểm tra được virus cho tệp, vui lòng thử lại sau');
    });
    if (!verdict.clean) {
      // Kept in the audit trail: repeated infected uploads from one account are worth a look.
      await inTransaction(ctx, (tx) =>
        appendAudit(tx, ctx.clock, meta, {
          action: 'file.infected',
          actor,
          jurisdictionId: target.jurisdictionId,
          entityType: 'file',
          after: { name, size: input.bytes.length, sha256, signature: verdict.signature ?? null },
        }),
      );
      throw new AppError(
        422,
        'file_infected',
        `Tệp bị phát hiện nhiễm mã độc${verdict.signature ? ` (${verdict.signature})` : ''}, không thể tiếp nhận`,
      );
    }
    scanStatus = 'clean';
  }

  const id = uuidv7();
  const now = ctx.clock();
  const storageKey = newStorageKey(now, id);
  const storage = options.storage ?? storageFromConfig(config);
  await storage.put(storageKey, input.bytes);
  try {
    return await inTransaction(ctx, async (tx) => {
      await target.lock(tx);
      // Again under the lock: two uploads racing past the first check cannot both fit.
      if (target.scope && (await storedTotal(tx, target.scope)) + input.bytes.length > config.maxDossierBytes)
        throw dossierFilesTooLarge(config);
      const [row] = await tx
        .insert(storedFiles)
        .values({
          id,
          storageKey,
          sha256,
          size: input.bytes.length,
          mediaType,
          originalName: name,
          purpose: input.purpose,
          uploadedBy: actor?.id ?? null,
          applicationId: target.applicationId,
          dossierId: target.dossierId,
          feedbackId: target.feedbackId,
          scanStatus,
          createdAt: now,
        })
        .returning();
      await appendAudit(tx, ctx.clock, meta, {
        action: 'file.upload',
        actor,
        jurisdictionId: target.jurisdictionId,
        entityType: 'file',
        entityId: id,
        after: {
          name,
          size: input.bytes.length,
          mediaType,
          sha256,
          purpose: input.purpose,
          applicationId: target.applicationId,
          dossierId: target.dossierId,
          feedbackId: target.feedbackId,
          scanStatus,
        },
      });
      return row!;
    });
  } catch (error) {
    // No row, no bytes: a file nobody can reach would only take space.
    await storage.delete(storageKey).catch(() => {});
    throw error;
  }
}

/** Whether the actor may read the file; callers answer "not found" when not (existence stays hidden). */
async function mayRead(db: Db, actor: Actor | null, row: StoredFileRow): Promise<boolean> {
  if (!actor) return false;
  if (row.uploadedBy && row.uploadedBy === actor.id) return true;
  if (actor.kind === 'citizen') {
    if (row.applicationId) {
      const [app] = await db
        .select({ citizenId: onlineApplications.citizenId })
        .from(onlineApplications)
        .where(eq(onlineApplications.id, row.applicationId))
        .limit(1);
      if (app?.citizenId === actor.id) return true;
    }
    if (row.dossierId) {
      const [own] = await db
        .select({ id: onlineApplications.id })
        .from(onlineApplications)
        .where(
          and(eq(onlineApplications.dossierId, row.dossierId), eq(onlineApplications.citizenId, actor.id)),
        )
        .limit(1);
      if (own) return true;
    }
    return false;
  }
  const visible = await visibleUnitIds(db, actor.grants);
  const sees = (unitId: string | null) => Boolean(unitId) && (visible === null || visible.includes(unitId!));
  if (row.dossierId) {
    const [d] = await db
      .select({ receivingUnitId: dossiers.receivingUnitId, currentUnitId: dossiers.currentUnitId })
      .from(dossiers)
      .where(eq(dossiers.id, row.dossierId))
      .limit(1);
    if (d && (sees(d.receivingUnitId) || sees(d.currentUnitId))) return true;
  }
  if (row.applicationId) {
    const [app] = await db
      .select({ unitId: onlineApplications.unitId, status: onlineApplications.status })
      .from(onlineApplications)
      .where(eq(onlineApplications.id, row.applicationId))
      .limit(1);
    // A draft is the citizen's own work in progress: the unit sees it once it is submitted.
    if (app && app.status !== 'draft' && sees(app.unitId)) return true;
  }
  if (row.feedbackId) {
    const [item] = await db
      .select({ unitId: feedback.unitId })
      .from(feedback)
      .where(eq(feedback.id, row.feedbackId))
      .limit(1);
    if (item && sees(item.unitId)) return true;
  }
  return false;
}

async function findFile(db: Db, id: string): Promise<StoredFileRow | undefined> {
  if (!UUID.test(id)) return undefined;
  const [row] = await db.select().from(storedFiles).where(eq(storedFiles.id, id)).limit(1);
  return row;
}

/** The dossier a file belongs to (or the code reserved by its online application), for the access log. */
async function dossierOfFile(db: Db, row: StoredFileRow) {
  if (row.dossierId) {
    const [d] = await db
      .select({
        id: dossiers.id,
        code: dossiers.code,
        unitId: dossiers.receivingUnitId,
        jurisdictionId: dossiers.jurisdictionId,
      })
      .from(dossiers)
      .where(eq(dossiers.id, row.dossierId))
      .limit(1);
    if (d) return d;
  }
  if (row.applicationId) {
    const [a] = await db
      .select({
        id: onlineApplications.dossierId,
        code: onlineApplications.code,
        unitId: onlineApplications.unitId,
        jurisdictionId: onlineApplications.jurisdictionId,
      })
      .from(onlineApplications)
      .where(eq(onlineApplications.id, row.applicationId))
      .limit(1);
    if (a?.code) return { ...a, code: a.code };
  }
  return null;
}

/**
 * A file and its bytes, for whoever may see it; anyone else gets 404 file_not_found. A download by
 * staff goes to the personal-data access log with the dossier the file belongs to.
 */
export async function readFile(
  ctx: ServiceContext,
  config: Config,
  actor: Actor | null,
  id: string,
  options: Pick<FileServiceOptions, 'storage' | 'meta'> = {},
): Promise<{ row: StoredFileRow; bytes: Buffer }> {
  const db = ctx.database.db;
  const row = await findFile(db, id);
  if (!row || !(await mayRead(db, actor, row))) throw fileNotFound();
  const bytes = await (options.storage ?? storageFromConfig(config)).get(row.storageKey);
  if (actor?.kind === 'staff')
    await recordAccess(db, ctx.clock, options.meta ?? NO_META, {
      actor,
      action: 'file.download',
      subject: { type: 'file', fileId: row.id },
      dossier: await dossierOfFile(db, row),
    });
  return { row, bytes };
}

/** The uploader removes a file from an application that is still a draft. */
export async function deleteFile(
  ctx: ServiceContext,
  config: Config,
  actor: Actor | null,
  id: string,
  options: Pick<FileServiceOptions, 'meta' | 'storage'> = {},
): Promise<void> {
  const who = requireLogin(actor);
  const db = ctx.database.db;
  const row = await findFile(db, id);
  if (!row || !(await mayRead(db, who, row))) throw fileNotFound();
  if (row.uploadedBy !== who.id) throw forbidden('Chỉ người đã tải tệp lên được xoá tệp');
  const locked = () => new AppError(409, 'file_locked', 'Tệp thuộc hồ sơ đã nộp, không thể xoá');
  if (!row.applicationId) throw locked();
  const applicationId = row.applicationId;
  await inTransaction(ctx, async (tx) => {
    const [app] = await tx
      .select({ status: onlineApplications.status, jurisdictionId: onlineApplications.jurisdictionId })
      .from(onlineApplications)
      .where(eq(onlineApplications.id, applicationId))
      .for('update');
    if (app?.status !== 'draft') throw locked();
    await tx.delete(storedFiles).where(eq(storedFiles.id, row.id));
    await appendAudit(tx, ctx.clock, options.meta ?? NO_META, {
      action: 'file.delete',
      actor: who,
      jurisdictionId: app.jurisdictionId,
      entityType: 'file',
      entityId: row.id,
      before: { name: row.originalName, size: row.size, sha256: row.sha256, applicationId },
    });
  });
  // After the commit: should this fail, an unreachable object remains, never a row without bytes.
  await (options.storage ?? storageFromConfig(config)).delete(row.storageKey).catch(() => {});
}

/** The files of an application or of a dossier, oldest first (no authorisation: callers check). */
export async function listFiles(
  ctx: ServiceContext,
  filter: { applicationId: string } | { dossierId: string },
): Promise<StoredFileRow[]> {
  const condition =
    'applicationId' in filter
      ? eq(storedFiles.applicationId, filter.applicationId)
      : eq(storedFiles.dossierId, filter.dossierId);
  return ctx.database.db
    .select()
    .from(storedFiles)
    .where(condition)
    .orderBy(asc(storedFiles.createdAt), asc(storedFiles.id));
}
