/**
 * What the payment use cases share: references and receipt numbers, the payment's events, its
 * links to an application or a dossier, the view sent out and who may see it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import {
  dossiers,
  onlineApplications,
  paymentEvents,
  payments,
  procedureVersions,
  units,
} from '../../db/schema.ts';
import type { Role } from '../../domain/access.ts';
import { AppError, forbidden, notFound } from '../../domain/errors.ts';
import type { FeeItem, FeeRow } from '../../domain/payments/fees.ts';
import { vnParts } from '../../documents/format.ts';
import type { PaymentMethod } from '../../documents/receipt.ts';
import type { Actor, ServiceContext } from '../platform/index.ts';
import { rolesAt, visibleUnitIds } from '../access/index.ts';

export type PaymentRow = typeof payments.$inferSelect;
export type PaymentState = PaymentRow['state'];
export type PaymentConfig = Pick<Config, 'payment' | 'postalFee' | 'publicUrl'>;

/** A gateway payment still pending this long is listed as a mismatch on the reconciliation. */
export const PENDING_MISMATCH_MINUTES = 15;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** `MC` + yyMMdd (Vietnam date) + 8 random base32 characters, e.g. MC260302K7QX2MZA. */
export function newPaymentReference(now: Date): string {
  const p = vnParts(now);
  const date = `${String(p.year % 100).padStart(2, '0')}${String(p.month).padStart(2, '0')}${String(p.day).padStart(2, '0')}`;
  const bytes = randomBytes(8);
  let suffix = '';
  for (const b of bytes) suffix += BASE32[b & 31];
  return `MC${date}${suffix}`;
}

/** Receipt numbers: `<unit code>-BL-<year>-<6 digits>`, e.g. AG.LONGXUYEN-BL-2026-000123. */
export function receiptPrefix(unitCode: string, year: number): string {
  return `${unitCode}-BL-${year}-`;
}

/**
 * The next receipt number of a unit for the year of `paidAt`, inside the caller's transaction: an
 * advisory lock per unit and year serialises issuers, and max + 1 under it leaves no gaps (a rolled
 * back transaction releases its number with the lock).
 */
export async function nextReceiptNumber(
  tx: Db,
  unit: { id: string; code: string },
  paidAt: Date,
): Promise<string> {
  const prefix = receiptPrefix(unit.code, vnParts(paidAt).year);
  const key = createHash('sha256').update(`receipt:${unit.id}:${prefix}`).digest().readUIntBE(0, 6);
  await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(key))})`);
  const [last] = await tx
    .select({ n: payments.receiptNumber })
    .from(payments)
    .where(and(eq(payments.unitId, unit.id), like(payments.receiptNumber, `${prefix}%`)))
    .orderBy(desc(payments.receiptNumber))
    .limit(1);
  const next = last?.n ? Number(last.n.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(next).padStart(6, '0')}`;
}

export async function addEvent(
  tx: Db,
  paymentId: string,
  type: string,
  at: Date,
  payload: unknown,
): Promise<void> {
  await tx.insert(paymentEvents).values({ paymentId, type, at, payload: payload ?? {} });
}

export async function unitById(db: Db, id: string) {
  const [row] = await db.select().from(units).where(eq(units.id, id)).limit(1);
  if (!row) throw new AppError(500, 'unit_missing', 'Không tìm thấy đơn vị thu phí');
  return row;
}

export async function procedureFees(db: Db, procedureId: string, number: number): Promise<FeeRow[]> {
  const [v] = await db
    .select({ data: procedureVersions.data })
    .from(procedureVersions)
    .where(and(eq(procedureVersions.procedureId, procedureId), eq(procedureVersions.number, number)))
    .limit(1);
  if (!v) throw new AppError(500, 'procedure_version_missing', 'Không tìm thấy phiên bản thủ tục của hồ sơ');
  return ((v.data as { fees?: FeeRow[] }).fees ?? []).map((f) => ({
    amount: f.amount ?? null,
    condition: f.condition ?? '',
  }));
}

export interface PaymentView {
  id: string;
  reference: string;
  state: PaymentState;
  method: PaymentMethod;
  amount: number;
  items: FeeItem[];
  applicationId: string | null;
  dossierId: string | null;
  dossierCode: string | null;
  receiptNumber: string | null;
  gatewayTransactionNo: string | null;
  bankCode: string | null;
  payerName: string | null;
  createdAt: string;
  paidAt: string | null;
  updatedAt: string;
}

type ApplicationRow = typeof onlineApplications.$inferSelect;

interface Links {
  applications: Map<string, ApplicationRow>;
  dossierCodes: Map<string, string>;
}

/** The applications and dossiers the payments point at (either link may be set). */
export async function loadLinks(db: Db, rows: PaymentRow[]): Promise<Links> {
  const appIds = [...new Set(rows.flatMap((r) => (r.applicationId ? [r.applicationId] : [])))];
  const apps = appIds.length
    ? await db.select().from(onlineApplications).where(inArray(onlineApplications.id, appIds))
    : [];
  const applications = new Map(apps.map((a) => [a.id, a]));
  const dossierIds = [
    ...new Set([
      ...rows.flatMap((r) => (r.dossierId ? [r.dossierId] : [])),
      ...apps.flatMap((a) => (a.dossierId ? [a.dossierId] : [])),
    ]),
  ];
  const ds = dossierIds.length
    ? await db
        .select({ id: dossiers.id, code: dossiers.code })
        .from(dossiers)
        .where(inArray(dossiers.id, dossierIds))
    : [];
  return { applications, dossierCodes: new Map(ds.map((d) => [d.id, d.code])) };
}

/** The dossier a payment belongs to: its own link, else its application's. */
export function linkedDossierId(row: PaymentRow, links: Links): string | null {
  return (
    row.dossierId ??
    (row.applicationId ? (links.applications.get(row.applicationId)?.dossierId ?? null) : null)
  );
}

/** The dossier code (or the code reserved for the online application) a payment is for. */
export function dossierCodeOf(row: PaymentRow, links: Links): string | null {
  const dossierId = linkedDossierId(row, links);
  if (dossierId && links.dossierCodes.has(dossierId)) return links.dossierCodes.get(dossierId)!;
  return row.applicationId ? (links.applications.get(row.applicationId)?.code ?? null) : null;
}

function viewOf(row: PaymentRow, links: Links): PaymentView {
  return {
    id: row.id,
    reference: row.reference,
    state: row.state,
    method: row.method,
    amount: row.amount,
    items: row.items as FeeItem[],
    applicationId: row.applicationId,
    dossierId: linkedDossierId(row, links),
    dossierCode: dossierCodeOf(row, links),
    receiptNumber: row.receiptNumber,
    gatewayTransactionNo: row.gatewayTransactionNo,
    bankCode: row.bankCode,
    payerName: row.payerName,
    createdAt: row.createdAt.toISOString(),
    paidAt: row.paidAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function viewsOf(db: Db, rows: PaymentRow[]): Promise<PaymentView[]> {
  const links = await loadLinks(db, rows);
  return rows.map((r) => viewOf(r, links));
}

/** True when the actor may see the payment: the citizen who owns its application, or staff of its unit. */
async function maySee(db: Db, actor: Actor, row: PaymentRow, links: Links): Promise<boolean> {
  const app = row.applicationId ? links.applications.get(row.applicationId) : undefined;
  if (app && app.citizenId === actor.id) return true;
  if (actor.kind !== 'staff') return false;
  const visible = await visibleUnitIds(db, actor.grants);
  return visible === null || visible.includes(row.unitId);
}

const hiddenPayment = () => notFound('payment_not_found', 'Không tìm thấy khoản thanh toán');

export async function visiblePayment(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ row: PaymentRow; links: Links }> {
  const [row] = await db.select().from(payments).where(eq(payments.id, id)).limit(1);
  if (!row) throw hiddenPayment();
  const links = await loadLinks(db, [row]);
  if (!(await maySee(db, actor, row, links))) throw hiddenPayment();
  return { row, links };
}

export async function getPayment(ctx: ServiceContext, actor: Actor, id: string): Promise<PaymentView> {
  const { row, links } = await visiblePayment(ctx.database.db, actor, id);
  return viewOf(row, links);
}

export async function requireRolesAt(
  db: Db,
  actor: Actor,
  unitId: string,
  roles: readonly Role[],
  message?: string,
) {
  const held = await rolesAt(db, actor.grants, unitId);
  if (!roles.some((r) => held.has(r))) throw forbidden(message);
}

/** Payments of a dossier through either link: its own id, or the online application it came from. */
export function ofDossier(dossierId: string): SQL {
  return or(
    eq(payments.dossierId, dossierId),
    inArray(
      payments.applicationId,
      sql`(select ${onlineApplications.id} from ${onlineApplications} where ${onlineApplications.dossierId} = ${dossierId})`,
    ),
  )!;
}
