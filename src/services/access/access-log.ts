/**
 * The personal-data access log (issue 14 §2): every time a staff member looks up an applicant by ID
 * number, downloads an attached file or tracks a dossier with the applicant's second factor, one
 * row says who, what, why (the dossier) and when. The clear ID number or phone is never written:
 * the subject is masked (last digits) and an ID number is also kept as a SHA-256, so an auditor can
 * find every look-up of one person by typing the number.
 */
import { createHash } from 'node:crypto';
import { and, count, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/client.ts';
import { personalDataAccess, units } from '../../db/schema.ts';
import { hasRole } from '../../domain/access.ts';
import type { Clock } from '../../domain/clock.ts';
import { forbidden } from '../../domain/errors.ts';
import type { Actor, RequestMeta, ServiceContext } from '../platform/index.ts';
import { visibleUnitIds } from './scope.ts';
import type { AccessAction } from '../../contracts/access.ts';

export type { AccessAction };

export type AccessSubject =
  | { type: 'id_number'; idNumber: string }
  | { type: 'phone'; phone: string }
  | { type: 'file'; fileId: string };

export interface AccessEntry {
  actor: Pick<Actor, 'id' | 'username'>;
  action: AccessAction;
  subject: AccessSubject;
  /** The "why": the dossier the data belongs to, when known. */
  dossier?: { id: string | null; code: string; unitId: string | null; jurisdictionId: string | null } | null;
}

/** "012345678901" → "********8901": enough to tell two people apart, not to know who. */
export function maskDigits(value: string, keep = 4): string {
  const clean = value.replace(/\s/g, '');
  if (clean.length <= keep) return '*'.repeat(clean.length);
  return `${'*'.repeat(clean.length - keep)}${clean.slice(-keep)}`;
}

/** The SHA-256 under which an ID number is searchable in the log (the number itself is not kept). */
export function idNumberHash(idNumber: string): string {
  return createHash('sha256').update(`motcua:id-number:${idNumber.trim()}`).digest('hex');
}

function subjectColumns(subject: AccessSubject) {
  switch (subject.type) {
    case 'id_number':
      return {
        subjectType: 'id_number',
        subject: maskDigits(subject.idNumber.trim()),
        subjectHash: idNumberHash(subject.idNumber),
      };
    case 'phone':
      return { subjectType: 'phone', subject: maskDigits(subject.phone, 3), subjectHash: null };
    case 'file':
      return { subjectType: 'file', subject: subject.fileId, subjectHash: null };
  }
}

/** Appends look-ups to the log (in the caller's transaction when it has one). */
export async function recordAccess(
  db: Db,
  clock: Clock,
  meta: RequestMeta,
  entries: AccessEntry | AccessEntry[],
): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  const at = clock();
  await db.insert(personalDataAccess).values(
    list.map((e) => ({
      id: uuidv7(),
      at,
      jurisdictionId: e.dossier?.jurisdictionId ?? null,
      actorId: e.actor.id,
      actorUsername: e.actor.username,
      action: e.action,
      ...subjectColumns(e.subject),
      dossierId: e.dossier?.id ?? null,
      dossierCode: e.dossier?.code ?? null,
      unitId: e.dossier?.unitId ?? null,
      ip: meta.ip,
      requestId: meta.requestId,
    })),
  );
}

// ---------------------------------------------------------------- reading the log

export interface AccessLogQuery {
  /** Inclusive Vietnam dates (YYYY-MM-DD). */
  from?: string | undefined;
  to?: string | undefined;
  /** The staff member's username. */
  actor?: string | undefined;
  action?: string | undefined;
  /** Dossier code (exact). */
  dossier?: string | undefined;
  /** An ID number: the look-ups of that person (compared by its hash). */
  idNumber?: string | undefined;
  page: number;
  pageSize: number;
}

export interface AccessLogItem {
  id: string;
  at: string;
  actorId: string;
  actorUsername: string;
  action: string;
  subjectType: string;
  subject: string;
  dossierCode: string | null;
  unitCode: string | null;
  ip: string | null;
  requestId: string | null;
}

const AUDITORS = ['system_admin', 'auditor'] as const;
/** Most rows one CSV export holds (a longer period is exported in parts). */
export const ACCESS_LOG_EXPORT_MAX = 100_000;

const nextDay = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * Who may read the log, and which rows: auditors and system administrators all of it; a unit
 * administrator the look-ups of dossiers of the units administered (and below when so granted).
 */
async function scopeCondition(db: Db, actor: Actor): Promise<SQL | undefined> {
  if (actor.kind !== 'staff') throw forbidden();
  if (hasRole(actor.grants, AUDITORS)) return undefined;
  const adminGrants = actor.grants.filter((g) => g.role === 'unit_admin');
  if (adminGrants.length === 0) throw forbidden();
  const ids = (await visibleUnitIds(db, adminGrants)) ?? [];
  if (ids.length === 0) throw forbidden();
  return inArray(personalDataAccess.unitId, ids);
}

async function conditions(db: Db, actor: Actor, query: Omit<AccessLogQuery, 'page' | 'pageSize'>) {
  const where: (SQL | undefined)[] = [await scopeCondition(db, actor)];
  // Vietnam days (UTC+7, no daylight saving).
  if (query.from) where.push(gte(personalDataAccess.at, new Date(`${query.from}T00:00:00+07:00`)));
  if (query.to) where.push(lt(personalDataAccess.at, new Date(`${nextDay(query.to)}T00:00:00+07:00`)));
  if (query.actor) where.push(eq(personalDataAccess.actorUsername, query.actor.trim()));
  if (query.action) where.push(eq(personalDataAccess.action, query.action));
  if (query.dossier) where.push(eq(personalDataAccess.dossierCode, query.dossier.trim()));
  if (query.idNumber) where.push(eq(personalDataAccess.subjectHash, idNumberHash(query.idNumber)));
  return and(...where);
}

async function selectRows(db: Db, where: SQL | undefined, limit: number, offset: number) {
  const rows = await db
    .select({ r: personalDataAccess, unitCode: units.code })
    .from(personalDataAccess)
    .leftJoin(units, eq(units.id, personalDataAccess.unitId))
    .where(where)
    .orderBy(desc(personalDataAccess.at), desc(personalDataAccess.id))
    .limit(limit)
    .offset(offset);
  return rows.map(
    ({ r, unitCode }): AccessLogItem => ({
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorUsername: r.actorUsername,
      action: r.action,
      subjectType: r.subjectType,
      subject: r.subject,
      dossierCode: r.dossierCode,
      unitCode: unitCode ?? null,
      ip: r.ip,
      requestId: r.requestId,
    }),
  );
}

/** One page of the log, newest first, with the number of rows matching. */
export async function listAccessLog(ctx: ServiceContext, actor: Actor, query: AccessLogQuery) {
  const db = ctx.database.db;
  const where = await conditions(db, actor, query);
  const [total] = await db.select({ n: count() }).from(personalDataAccess).where(where);
  const items = await selectRows(db, where, query.pageSize, (query.page - 1) * query.pageSize);
  return { items, total: Number(total?.n ?? 0), page: query.page, pageSize: query.pageSize };
}

const ACTION_LABELS: Record<string, string> = {
  'applicant.search_by_id': 'Tìm hồ sơ theo số định danh',
  'applicant.lookup_by_id': 'Tra cứu người nộp theo số định danh',
  'file.download': 'Tải tệp đính kèm',
  'dossier.track': 'Tra cứu tiến độ kèm thông tin xác thực',
};

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  // A leading =, +, - or @ would be a formula to a spreadsheet: quoted behind an apostrophe.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Every matching row (up to ACCESS_LOG_EXPORT_MAX) as CSV, UTF-8 with BOM for spreadsheets. */
export async function accessLogCsv(
  ctx: ServiceContext,
  actor: Actor,
  query: Omit<AccessLogQuery, 'page' | 'pageSize'>,
): Promise<string> {
  const db = ctx.database.db;
  const rows = await selectRows(db, await conditions(db, actor, query), ACCESS_LOG_EXPORT_MAX, 0);
  const lines: (string | number | null)[][] = [
    [
      'Thời điểm',
      'Tài khoản',
      'Thao tác',
      'Mã thao tác',
      'Loại dữ liệu',
      'Dữ liệu (đã che)',
      'Hồ sơ',
      'Đơn vị',
      'Địa chỉ IP',
      'Mã yêu cầu',
    ],
    ...rows.map((r) => [
      r.at,
      r.actorUsername,
      ACTION_LABELS[r.action] ?? r.action,
      r.action,
      r.subjectType,
      r.subject,
      r.dossierCode,
      r.unitCode,
      r.ip,
      r.requestId,
    ]),
  ];
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
