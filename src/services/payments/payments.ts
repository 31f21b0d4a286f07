/**
 * Fee payments. Online: the citizen pays an application's fees through the gateway (VNPay-style);
 * the payment is settled only by the gateway's signed server-to-server notification (IPN), never by
 * the browser's return. At the counter: cash or a bank transfer by VietQR, recorded by the
 * receptionist and paid at once. Every paid payment gets a receipt number (per unit per year, no
 * gaps), an electronic receipt (PDF) and shows on the unit's daily reconciliation.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNull, like, lt, or, type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import {
  dossiers,
  onlineApplications,
  paymentEvents,
  payments,
  procedureVersions,
  units,
  users,
} from '../../db/schema.ts';
import type { Role } from '../../domain/access.ts';
import { AppError, conflict, forbidden, notFound } from '../../domain/errors.ts';
import { applicationAllows } from '../../domain/applications/lifecycle.ts';
import { computeFees, type FeeItem, type FeeRow, feeLabel } from '../../domain/payments/fees.ts';
import {
  decidePayment,
  INITIAL_PAYMENT_STATE,
  isCollected,
  paymentAllows,
  paymentRefusal,
  requirePaymentAction,
} from '../../domain/payments/lifecycle.ts';
import { vietQrPayload, vietQrPurpose } from '../../domain/payments/vietqr.ts';
import {
  buildPaymentUrl,
  flattenQuery,
  IPN_RESPONSES,
  type IpnResponse,
  isSuccessfulCallback,
  parseVnpDate,
  type VnpParams,
  verifyVnpParams,
} from '../../domain/payments/vnpay.ts';
import { vnParts, vnWallClock } from '../../documents/format.ts';
import { type PaymentMethod, renderPaymentReceipt } from '../../documents/receipt.ts';
import { appendAudit } from '../platform/index.ts';
import { findVisibleDossier, rolesAt, visibleUnitIds } from '../dossiers/index.ts';
import { printedUnit } from '../dossiers/index.ts';
import {
  type Actor,
  inTransaction,
  NO_META,
  type RequestMeta,
  type ServiceContext,
} from '../platform/index.ts';
import { recordPaymentActivity } from '../statistics/index.ts';
import { requireUnit } from '../access/index.ts';

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
async function nextReceiptNumber(tx: Db, unit: { id: string; code: string }, paidAt: Date): Promise<string> {
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

async function addEvent(tx: Db, paymentId: string, type: string, at: Date, payload: unknown): Promise<void> {
  await tx.insert(paymentEvents).values({ paymentId, type, at, payload: payload ?? {} });
}

async function unitById(db: Db, id: string) {
  const [row] = await db.select().from(units).where(eq(units.id, id)).limit(1);
  if (!row) throw new AppError(500, 'unit_missing', 'Không tìm thấy đơn vị thu phí');
  return row;
}

async function procedureFees(db: Db, procedureId: string, number: number): Promise<FeeRow[]> {
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

// ---------------------------------------------------------------- views and access

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
async function loadLinks(db: Db, rows: PaymentRow[]): Promise<Links> {
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
function linkedDossierId(row: PaymentRow, links: Links): string | null {
  return (
    row.dossierId ??
    (row.applicationId ? (links.applications.get(row.applicationId)?.dossierId ?? null) : null)
  );
}

/** The dossier code (or the code reserved for the online application) a payment is for. */
function dossierCodeOf(row: PaymentRow, links: Links): string | null {
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

async function viewsOf(db: Db, rows: PaymentRow[]): Promise<PaymentView[]> {
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

async function visiblePayment(db: Db, actor: Actor, id: string): Promise<{ row: PaymentRow; links: Links }> {
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

async function requireRolesAt(
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
function ofDossier(dossierId: string): SQL {
  return or(
    eq(payments.dossierId, dossierId),
    inArray(
      payments.applicationId,
      sql`(select ${onlineApplications.id} from ${onlineApplications} where ${onlineApplications.dossierId} = ${dossierId})`,
    ),
  )!;
}

// ---------------------------------------------------------------- online payment through the gateway

export interface StartedPayment {
  paymentId: string;
  reference: string;
  amount: number;
  items: FeeItem[];
  redirectUrl: string;
}

/**
 * Starts (or resumes) paying an online application's fees: reuses the pending gateway payment of
 * the same amount, else creates one, and returns the signed URL of the gateway's payment page.
 */
export async function startOnlinePayment(
  ctx: ServiceContext,
  config: PaymentConfig,
  actor: Actor,
  input: { applicationId: string; locale?: 'vn' | 'en'; ip: string | null },
): Promise<StartedPayment> {
  const db = ctx.database.db;
  const [app] = await db
    .select()
    .from(onlineApplications)
    .where(eq(onlineApplications.id, input.applicationId))
    .limit(1);
  if (!app || app.citizenId !== actor.id)
    throw notFound('application_not_found', 'Không tìm thấy hồ sơ trực tuyến');
  if (!applicationAllows(app.status, 'pay') || !app.unitId)
    throw new AppError(
      422,
      'application_not_payable',
      'Chỉ thanh toán được hồ sơ đã nộp hoặc đã được tiếp nhận',
    );
  const unitId = app.unitId;
  const fees = computeFees({
    fees: await procedureFees(db, app.procedureId, app.procedureVersion),
    feeIndexes: (app.feeIndexes as number[]) ?? [],
    resultDelivery: app.resultDelivery,
    postalFee: config.postalFee,
  });
  if (fees.total <= 0) throw new AppError(422, 'nothing_to_pay', 'Hồ sơ này không phải nộp phí, lệ phí');
  const now = ctx.clock();

  const row = await inTransaction(ctx, async (tx) => {
    // One payer at a time per application: two tabs never create two pending payments.
    await tx
      .select({ id: onlineApplications.id })
      .from(onlineApplications)
      .where(eq(onlineApplications.id, app.id))
      .for('update');
    const existing = await tx
      .select()
      .from(payments)
      .where(
        app.dossierId
          ? or(eq(payments.applicationId, app.id), ofDossier(app.dossierId))
          : eq(payments.applicationId, app.id),
      )
      .orderBy(desc(payments.createdAt));
    if (existing.some((p) => p.state === 'paid')) throw conflict('already_paid', 'Hồ sơ đã được thanh toán');
    const pending = existing.filter((p) => p.method === 'gateway' && paymentAllows(p.state, 'resume'));
    const reusable = pending.find((p) => p.amount === fees.total);
    if (reusable) return reusable;
    for (const stale of pending) {
      // The fees changed since: the old request is closed, a late IPN for it answers 02.
      await tx
        .update(payments)
        .set({ state: requirePaymentAction(stale.state, 'supersede'), updatedAt: now })
        .where(eq(payments.id, stale.id));
      await addEvent(tx, stale.id, 'superseded', now, { amount: fees.total });
    }
    const unit = await unitById(tx, unitId);
    const [created] = await tx
      .insert(payments)
      .values({
        id: uuidv7(),
        reference: newPaymentReference(now),
        applicationId: app.id,
        dossierId: app.dossierId,
        unitId,
        jurisdictionId: app.jurisdictionId ?? unit.jurisdictionId,
        amount: fees.total,
        items: fees.items,
        method: 'gateway',
        state: INITIAL_PAYMENT_STATE.gateway,
        gateway: config.payment.gateway,
        payerName: actor.fullName,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await addEvent(tx, created!.id, 'created', now, {
      amount: fees.total,
      items: fees.items,
      by: actor.id,
    });
    return created!;
  });

  const redirectUrl = buildPaymentUrl(config.payment.url, config.payment.hashSecret, {
    tmnCode: config.payment.tmnCode,
    amount: row.amount,
    txnRef: row.reference,
    // VNPay asks for ASCII without diacritics or special characters.
    orderInfo: `Thanh toan phi ho so ${app.code ?? row.reference}`,
    locale: input.locale ?? 'vn',
    returnUrl: `${config.publicUrl.replace(/\/$/, '')}/api/v1/payments/vnpay/return`,
    ipAddr: input.ip ?? '127.0.0.1',
    createDate: now,
  });
  return {
    paymentId: row.id,
    reference: row.reference,
    amount: row.amount,
    items: row.items as FeeItem[],
    redirectUrl,
  };
}

/**
 * The gateway's server-to-server notification: verified (97), matched by vnp_TxnRef (01),
 * amount-checked (04), idempotent (02 once settled: a replay changes nothing), else the payment is
 * settled paid or failed under a row lock and confirmed (00). Any other failure answers 99.
 */
export async function handleIpn(
  ctx: ServiceContext,
  config: PaymentConfig,
  query: Record<string, unknown>,
  meta: RequestMeta = NO_META,
  onError?: (error: unknown) => void,
): Promise<IpnResponse> {
  const params = flattenQuery(query);
  if (!verifyVnpParams(params, config.payment.hashSecret)) return IPN_RESPONSES.invalidSignature;
  try {
    return await inTransaction(ctx, async (tx) => {
      const reference = params.vnp_TxnRef ?? '';
      const [row] = await tx.select().from(payments).where(eq(payments.reference, reference)).for('update');
      if (row?.method !== 'gateway') return IPN_RESPONSES.orderNotFound;
      const now = ctx.clock();
      const answer = async (response: IpnResponse) => {
        await addEvent(tx, row.id, 'ipn', now, { params, response });
        return response;
      };
      if (params.vnp_Amount !== String(row.amount * 100)) return answer(IPN_RESPONSES.invalidAmount);
      const paid = isSuccessfulCallback(params);
      const decision = decidePayment(row.state, paid ? 'confirm' : 'fail');
      if (!decision.ok) return answer(IPN_RESPONSES.alreadyConfirmed);
      if (paid) {
        const paidAt = parseVnpDate(params.vnp_PayDate ?? '') ?? now;
        const unit = await unitById(tx, row.unitId);
        const receiptNumber = await nextReceiptNumber(tx, unit, paidAt);
        await tx
          .update(payments)
          .set({
            state: decision.next,
            paidAt,
            gatewayTransactionNo: params.vnp_TransactionNo ?? null,
            bankCode: params.vnp_BankCode ?? null,
            receiptNumber,
            updatedAt: now,
          })
          .where(eq(payments.id, row.id));
        await addEvent(tx, row.id, 'paid', now, { receiptNumber, transactionNo: params.vnp_TransactionNo });
        await recordPaymentActivity(tx, row.id);
      } else {
        await tx
          .update(payments)
          .set({ state: decision.next, updatedAt: now })
          .where(eq(payments.id, row.id));
        await addEvent(tx, row.id, 'failed', now, { responseCode: params.vnp_ResponseCode });
      }
      await appendAudit(tx, ctx.clock, meta, {
        action: paid ? 'payment.paid' : 'payment.failed',
        jurisdictionId: row.jurisdictionId,
        entityType: 'payment',
        entityId: row.id,
        before: { state: row.state },
        after: {
          state: decision.next,
          reference: row.reference,
          amount: row.amount,
          transactionNo: params.vnp_TransactionNo ?? null,
          responseCode: params.vnp_ResponseCode ?? null,
        },
      });
      return answer(IPN_RESPONSES.success);
    });
  } catch (error) {
    onError?.(error);
    return IPN_RESPONSES.unknownError;
  }
}

export interface ReturnOutcome {
  /** The signature verified. */
  valid: boolean;
  /** The gateway's vnp_ResponseCode (what the browser claims; not trusted). */
  responseCode: string | null;
  payment: {
    id: string;
    applicationId: string | null;
    dossierCode: string | null;
    state: PaymentState;
  } | null;
}

/**
 * The browser's return from the gateway: the signature is checked and the visit recorded, but the
 * state reported is the database's (set only by the IPN).
 */
export async function handleReturn(
  ctx: ServiceContext,
  config: PaymentConfig,
  query: Record<string, unknown>,
): Promise<ReturnOutcome> {
  const params: VnpParams = flattenQuery(query);
  const responseCode = params.vnp_ResponseCode ?? null;
  if (!verifyVnpParams(params, config.payment.hashSecret))
    return { valid: false, responseCode, payment: null };
  const db = ctx.database.db;
  const [row] = await db
    .select()
    .from(payments)
    .where(eq(payments.reference, params.vnp_TxnRef ?? ''))
    .limit(1);
  if (!row) return { valid: true, responseCode, payment: null };
  await addEvent(db, row.id, 'return', ctx.clock(), {
    responseCode,
    transactionNo: params.vnp_TransactionNo,
  });
  const links = await loadLinks(db, [row]);
  return {
    valid: true,
    responseCode,
    payment: {
      id: row.id,
      applicationId: row.applicationId,
      dossierCode: dossierCodeOf(row, links),
      state: row.state,
    },
  };
}

// ---------------------------------------------------------------- at the counter

export interface CounterPaymentInput {
  method: 'cash' | 'vietqr';
  payerName?: string | undefined;
}

/** The fee lines and total stored on a dossier at reception. */
function dossierFees(row: typeof dossiers.$inferSelect): { items: FeeItem[]; total: number } {
  const items = ((row.fees as FeeRow[]) ?? []).map((f) => ({ label: feeLabel(f), amount: f.amount ?? 0 }));
  return { items, total: items.reduce((s, i) => s + i.amount, 0) };
}

/** A receptionist of the dossier's unit records a cash or VietQR payment: paid at once, with a receipt number. */
export async function recordCounterPayment(
  ctx: ServiceContext,
  _config: PaymentConfig,
  actor: Actor,
  meta: RequestMeta,
  dossierCode: string,
  input: CounterPaymentInput,
): Promise<PaymentView> {
  const db = ctx.database.db;
  const visible = await findVisibleDossier(db, actor, dossierCode);
  await requireRolesAt(
    db,
    actor,
    visible.receivingUnitId,
    ['receptionist', 'system_admin'],
    'Chỉ cán bộ tiếp nhận của đơn vị thu phí tại quầy',
  );
  const id = await inTransaction(ctx, async (tx) => {
    const dossier = await findVisibleDossier(tx, actor, dossierCode, true);
    const fees = dossierFees(dossier);
    if (fees.total <= 0) throw new AppError(422, 'nothing_to_pay', 'Hồ sơ này không phải nộp phí, lệ phí');
    const paidBefore = await tx
      .select({ id: payments.id })
      .from(payments)
      .where(and(ofDossier(dossier.id), eq(payments.state, 'paid')))
      .limit(1);
    if (paidBefore.length) throw conflict('already_paid', 'Hồ sơ đã được thanh toán');
    const now = ctx.clock();
    const unit = await unitById(tx, dossier.receivingUnitId);
    const receiptNumber = await nextReceiptNumber(tx, unit, now);
    const applicant = dossier.applicant as { fullName?: string };
    const [row] = await tx
      .insert(payments)
      .values({
        id: uuidv7(),
        reference: newPaymentReference(now),
        dossierId: dossier.id,
        unitId: unit.id,
        jurisdictionId: dossier.jurisdictionId,
        amount: fees.total,
        items: fees.items,
        method: input.method,
        state: INITIAL_PAYMENT_STATE[input.method],
        payerName: input.payerName?.trim() || applicant.fullName || null,
        receiptNumber,
        recordedBy: actor.id,
        createdAt: now,
        paidAt: now,
        updatedAt: now,
      })
      .returning();
    await addEvent(tx, row!.id, 'paid', now, { method: input.method, receiptNumber, recordedBy: actor.id });
    await recordPaymentActivity(tx, row!.id);
    await appendAudit(tx, ctx.clock, meta, {
      action: 'payment.counter',
      actor,
      jurisdictionId: dossier.jurisdictionId,
      entityType: 'payment',
      entityId: row!.id,
      after: { dossierCode, method: input.method, amount: fees.total, receiptNumber },
    });
    return row!.id;
  });
  return getPayment(ctx, actor, id);
}

/** A leader of the collecting unit refunds a paid payment, with a reason. */
export async function refundPayment(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  reason: string,
): Promise<PaymentView> {
  const db = ctx.database.db;
  const { row: seen } = await visiblePayment(db, actor, id);
  await requireRolesAt(db, actor, seen.unitId, ['leader'], 'Chỉ lãnh đạo đơn vị được hoàn tiền');
  await inTransaction(ctx, async (tx) => {
    const [row] = await tx.select().from(payments).where(eq(payments.id, id)).for('update');
    if (!row) throw paymentRefusal('refund');
    const refunded = requirePaymentAction(row.state, 'refund');
    const now = ctx.clock();
    await tx.update(payments).set({ state: refunded, updatedAt: now }).where(eq(payments.id, id));
    await addEvent(tx, id, 'refunded', now, { reason, by: actor.id, byName: actor.fullName });
    await appendAudit(tx, ctx.clock, meta, {
      action: 'payment.refund',
      actor,
      jurisdictionId: row.jurisdictionId,
      entityType: 'payment',
      entityId: id,
      before: { state: row.state },
      after: { state: refunded, reason },
    });
  });
  return getPayment(ctx, actor, id);
}

// ---------------------------------------------------------------- lists

export interface DossierVietQr {
  payload: string;
  amount: number;
  /** The transfer content the code carries (the dossier code, banking-app safe). */
  purpose: string;
  bankBin: string;
  accountNumber: string;
  accountName: string;
}

/** The VietQR code for transferring `amount` for a dossier (its code as the transfer content). */
export function dossierVietQr(config: PaymentConfig, dossierCode: string, amount: number): DossierVietQr {
  const { bankBin, accountNumber, accountName } = config.payment.vietQr;
  return {
    payload: vietQrPayload({ bankBin, accountNumber, amount, reference: dossierCode }),
    amount,
    purpose: vietQrPurpose(dossierCode),
    bankBin,
    accountNumber,
    accountName,
  };
}

export interface DossierPayments {
  dossierCode: string;
  items: FeeItem[];
  total: number;
  paid: number;
  owed: number;
  payments: PaymentView[];
  vietQr: DossierVietQr | null;
}

/** A dossier's payments (either link), what it owes, and a VietQR code for the amount owed. */
export async function paymentsOfDossier(
  ctx: ServiceContext,
  config: PaymentConfig,
  actor: Actor,
  code: string,
): Promise<DossierPayments> {
  const db = ctx.database.db;
  const dossier = await findVisibleDossier(db, actor, code);
  const rows = await db.select().from(payments).where(ofDossier(dossier.id)).orderBy(asc(payments.createdAt));
  const fees = dossierFees(dossier);
  const paid = rows.filter((r) => r.state === 'paid').reduce((s, r) => s + r.amount, 0);
  const owed = Math.max(0, fees.total - paid);
  return {
    dossierCode: dossier.code,
    items: fees.items,
    total: fees.total,
    paid,
    owed,
    payments: await viewsOf(db, rows),
    vietQr: owed > 0 ? dossierVietQr(config, dossier.code, owed) : null,
  };
}

/** An online application's payments: its owner or staff of its unit. */
export async function paymentsOfApplication(
  ctx: ServiceContext,
  actor: Actor,
  applicationId: string,
): Promise<PaymentView[]> {
  const db = ctx.database.db;
  const [app] = await db
    .select()
    .from(onlineApplications)
    .where(eq(onlineApplications.id, applicationId))
    .limit(1);
  const hidden = () => notFound('application_not_found', 'Không tìm thấy hồ sơ trực tuyến');
  if (!app) throw hidden();
  if (app.citizenId !== actor.id) {
    const visible = actor.kind === 'staff' ? await visibleUnitIds(db, actor.grants) : [];
    if (visible !== null && !(app.unitId && visible.includes(app.unitId))) throw hidden();
  }
  const rows = await db
    .select()
    .from(payments)
    .where(
      app.dossierId
        ? or(eq(payments.applicationId, app.id), eq(payments.dossierId, app.dossierId))
        : eq(payments.applicationId, app.id),
    )
    .orderBy(asc(payments.createdAt));
  return viewsOf(db, rows);
}

// ---------------------------------------------------------------- receipt

/** The e-receipt PDF of a paid (or since refunded) payment. */
export async function paymentReceiptPdf(
  ctx: ServiceContext,
  config: PaymentConfig,
  actor: Actor,
  id: string,
  options: { compress?: boolean } = {},
): Promise<{ pdf: Buffer; receiptNumber: string }> {
  const db = ctx.database.db;
  const { row, links } = await visiblePayment(db, actor, id);
  if (!paymentAllows(row.state, 'print_receipt') || !row.receiptNumber || !row.paidAt)
    throw paymentRefusal('print_receipt');
  const unit = await printedUnit(db, await unitById(db, row.unitId));
  const dossierCode = dossierCodeOf(row, links);
  let refund: { at: Date; reason: string } | null = null;
  if (row.state === 'refunded') {
    const [event] = await db
      .select()
      .from(paymentEvents)
      .where(and(eq(paymentEvents.paymentId, row.id), eq(paymentEvents.type, 'refunded')))
      .orderBy(desc(paymentEvents.at))
      .limit(1);
    refund = {
      at: event?.at ?? row.updatedAt,
      reason: (event?.payload as { reason?: string })?.reason ?? '',
    };
  }
  let collectorName: string | null = null;
  if (row.recordedBy) {
    const [user] = await db
      .select({ fullName: users.fullName })
      .from(users)
      .where(eq(users.id, row.recordedBy))
      .limit(1);
    collectorName = user?.fullName ?? null;
  }
  const base = config.publicUrl.replace(/\/$/, '');
  const pdf = await renderPaymentReceipt(
    {
      unit,
      receiptNumber: row.receiptNumber,
      paidAt: row.paidAt,
      payerName: row.payerName ?? '',
      dossierCode,
      reference: row.reference,
      items: row.items as FeeItem[],
      total: row.amount,
      method: row.method,
      gatewayTransactionNo: row.gatewayTransactionNo,
      bankCode: row.bankCode,
      vietQrPayload:
        row.method === 'vietqr' && dossierCode
          ? dossierVietQr(config, dossierCode, row.amount).payload
          : null,
      trackingUrl: dossierCode ? `${base}/track/${encodeURIComponent(dossierCode)}` : null,
      collectorName,
      refund,
    },
    options,
  );
  return { pdf, receiptNumber: row.receiptNumber };
}

// ---------------------------------------------------------------- daily reconciliation

export interface ReconciliationRow {
  id: string;
  reference: string;
  receiptNumber: string | null;
  dossierCode: string | null;
  amount: number;
  method: PaymentMethod;
  state: PaymentState;
  gatewayTransactionNo: string | null;
  paidAt: string;
}

export interface ReconciliationMismatch {
  kind: 'pending_too_long' | 'paid_without_dossier';
  paymentId: string;
  reference: string;
  amount: number;
  method: PaymentMethod;
  createdAt: string;
  message: string;
}

export interface Reconciliation {
  unitCode: string;
  unitName: string;
  date: string;
  /** Counts and sums of the day's payments by method and state. */
  summary: { method: PaymentMethod; state: PaymentState; count: number; amount: number }[];
  /** Every payment collected that day (paid, or paid and since refunded). */
  rows: ReconciliationRow[];
  totals: {
    count: number;
    collectedCount: number;
    collectedAmount: number;
    refundedAmount: number;
    netAmount: number;
    byMethod: Record<PaymentMethod, number>;
  };
  mismatches: ReconciliationMismatch[];
}

const RECONCILIATION_ROLES: Role[] = ['receptionist', 'leader', 'unit_admin', 'system_admin', 'auditor'];

/**
 * One unit's payments for one Vietnam calendar day: payments paid that day, and those created that
 * day and not paid. Mismatches: gateway payments pending for over 15 minutes, and payments paid
 * whose application has no dossier yet.
 */
export async function reconciliation(
  ctx: ServiceContext,
  actor: Actor,
  input: { unitCode: string; date: string },
): Promise<Reconciliation> {
  const db = ctx.database.db;
  const unit = await requireUnit(db, input.unitCode, 'unitCode');
  await requireRolesAt(db, actor, unit.id, RECONCILIATION_ROLES);
  const start = new Date(`${input.date}T00:00:00+07:00`);
  if (Number.isNaN(start.getTime()))
    throw new AppError(400, 'validation_failed', 'Ngày không hợp lệ', [
      { path: 'date', message: 'YYYY-MM-DD' },
    ]);
  const end = new Date(start.getTime() + 86_400_000);
  const rows = await db
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.unitId, unit.id),
        or(
          and(gte(payments.paidAt, start), lt(payments.paidAt, end)),
          and(isNull(payments.paidAt), gte(payments.createdAt, start), lt(payments.createdAt, end)),
        ),
      ),
    )
    .orderBy(
      asc(sql`coalesce(${payments.paidAt}, ${payments.createdAt})`),
      asc(payments.receiptNumber),
      asc(payments.reference),
    );
  const links = await loadLinks(db, rows);

  const groups = new Map<
    string,
    { method: PaymentMethod; state: PaymentState; count: number; amount: number }
  >();
  for (const r of rows) {
    const key = `${r.method}/${r.state}`;
    const g = groups.get(key) ?? { method: r.method, state: r.state, count: 0, amount: 0 };
    g.count++;
    g.amount += r.amount;
    groups.set(key, g);
  }
  const collected = rows.filter((r) => r.paidAt && isCollected(r.state));
  const byMethod: Record<PaymentMethod, number> = { cash: 0, vietqr: 0, gateway: 0 };
  for (const r of collected) byMethod[r.method] += r.amount;
  const collectedAmount = collected.reduce((s, r) => s + r.amount, 0);
  const refundedAmount = collected.filter((r) => r.state === 'refunded').reduce((s, r) => s + r.amount, 0);

  const now = ctx.clock();
  const mismatches: ReconciliationMismatch[] = [];
  for (const r of rows) {
    if (
      r.method === 'gateway' &&
      r.state === 'pending' &&
      now.getTime() - r.createdAt.getTime() > PENDING_MISMATCH_MINUTES * 60_000
    )
      mismatches.push({
        kind: 'pending_too_long',
        paymentId: r.id,
        reference: r.reference,
        amount: r.amount,
        method: r.method,
        createdAt: r.createdAt.toISOString(),
        message: `Chờ xác nhận của cổng thanh toán quá ${PENDING_MISMATCH_MINUTES} phút`,
      });
    if (r.state === 'paid' && !linkedDossierId(r, links))
      mismatches.push({
        kind: 'paid_without_dossier',
        paymentId: r.id,
        reference: r.reference,
        amount: r.amount,
        method: r.method,
        createdAt: r.createdAt.toISOString(),
        message: 'Đã thu tiền nhưng hồ sơ chưa được tiếp nhận',
      });
  }
  const order: PaymentMethod[] = ['cash', 'vietqr', 'gateway'];
  const stateOrder: PaymentState[] = ['paid', 'refunded', 'pending', 'failed'];
  return {
    unitCode: unit.code,
    unitName: unit.name,
    date: input.date,
    summary: [...groups.values()].sort(
      (a, b) =>
        order.indexOf(a.method) - order.indexOf(b.method) ||
        stateOrder.indexOf(a.state) - stateOrder.indexOf(b.state),
    ),
    rows: collected.map((r) => ({
      id: r.id,
      reference: r.reference,
      receiptNumber: r.receiptNumber,
      dossierCode: dossierCodeOf(r, links),
      amount: r.amount,
      method: r.method,
      state: r.state,
      gatewayTransactionNo: r.gatewayTransactionNo,
      paidAt: r.paidAt!.toISOString(),
    })),
    totals: {
      count: rows.length,
      collectedCount: collected.length,
      collectedAmount,
      refundedAmount,
      netAmount: collectedAmount - refundedAmount,
      byMethod,
    },
    mismatches,
  };
}

const METHOD_TEXT: Record<PaymentMethod, string> = {
  cash: 'Tiền mặt',
  vietqr: 'Chuyển khoản VietQR',
  gateway: 'Cổng thanh toán',
};
const STATE_TEXT: Record<PaymentState, string> = {
  pending: 'Chờ thanh toán',
  paid: 'Đã thanh toán',
  failed: 'Không thành công',
  refunded: 'Đã hoàn tiền',
};

/** The reconciliation as a workbook: the collected payments, the totals, the summary and the mismatches. */
export async function reconciliationXlsx(report: Reconciliation, issuedAt: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Một Cửa';
  wb.created = issuedAt;
  wb.modified = issuedAt;
  wb.title = `Đối soát thu phí ${report.date}`;
  const ws = wb.addWorksheet('Đối soát', { views: [{ state: 'frozen', ySplit: 4 }] });
  ws.columns = [
    { key: 'stt', width: 6 },
    { key: 'paidAt', width: 18 },
    { key: 'reference', width: 20 },
    { key: 'receipt', width: 30 },
    { key: 'dossier', width: 28 },
    { key: 'method', width: 20 },
    { key: 'txn', width: 16 },
    { key: 'state', width: 16 },
    { key: 'amount', width: 14 },
  ];
  ws.addRow([`BẢNG ĐỐI SOÁT THU PHÍ, LỆ PHÍ NGÀY ${report.date.split('-').reverse().join('/')}`]).font = {
    bold: true,
    size: 13,
  };
  ws.addRow([`${report.unitName} (${report.unitCode})`]);
  ws.addRow([]);
  const header = ws.addRow([
    'STT',
    'Thời điểm thu',
    'Mã thanh toán',
    'Số biên lai',
    'Mã hồ sơ',
    'Hình thức',
    'Mã giao dịch',
    'Trạng thái',
    'Số tiền (đồng)',
  ]);
  header.font = { bold: true };
  report.rows.forEach((r, i) => {
    const row = ws.addRow([
      i + 1,
      vnWallClock(new Date(r.paidAt)),
      r.reference,
      r.receiptNumber ?? '',
      r.dossierCode ?? '',
      METHOD_TEXT[r.method],
      r.gatewayTransactionNo ?? '',
      STATE_TEXT[r.state],
      r.amount,
    ]);
    row.getCell(2).numFmt = 'dd/mm/yyyy hh:mm';
    row.getCell(9).numFmt = '#,##0';
  });
  ws.addRow([]);
  const totals: [string, number][] = [
    ['Tổng đã thu', report.totals.collectedAmount],
    ['  Tiền mặt', report.totals.byMethod.cash],
    ['  Chuyển khoản VietQR', report.totals.byMethod.vietqr],
    ['  Cổng thanh toán', report.totals.byMethod.gateway],
    ['Đã hoàn tiền', report.totals.refundedAmount],
    ['Còn lại', report.totals.netAmount],
  ];
  for (const [label, amount] of totals) {
    const row = ws.addRow(['', label, '', '', '', '', '', '', amount]);
    row.font = { bold: !label.startsWith(' ') };
    row.getCell(9).numFmt = '#,##0';
  }
  const summary = wb.addWorksheet('Tổng hợp');
  summary.columns = [{ width: 22 }, { width: 18 }, { width: 10 }, { width: 16 }];
  summary.addRow(['Hình thức', 'Trạng thái', 'Số lượng', 'Số tiền (đồng)']).font = { bold: true };
  for (const g of report.summary)
    summary.addRow([METHOD_TEXT[g.method], STATE_TEXT[g.state], g.count, g.amount]);
  if (report.mismatches.length) {
    const mm = wb.addWorksheet('Chênh lệch');
    mm.columns = [{ width: 20 }, { width: 14 }, { width: 20 }, { width: 50 }];
    mm.addRow(['Mã thanh toán', 'Số tiền', 'Hình thức', 'Vấn đề']).font = { bold: true };
    for (const m of report.mismatches) mm.addRow([m.reference, m.amount, METHOD_TEXT[m.method], m.message]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
