/**
 * A unit's daily reconciliation: the day's payments by method and state, each collected row, the
 * totals and the mismatches to look into; as JSON and as an Excel workbook.
 */
import { and, asc, eq, gte, isNull, lt, or, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { payments } from '../../db/schema.ts';
import type { Role } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { isCollected } from '../../domain/payments/lifecycle.ts';
import { vnWallClock } from '../../documents/format.ts';
import type { PaymentMethod } from '../../documents/receipt.ts';
import type { Actor, ServiceContext } from '../platform/index.ts';
import { requireUnit } from '../access/index.ts';
import {
  PENDING_MISMATCH_MINUTES,
  type PaymentState,
  dossierCodeOf,
  linkedDossierId,
  loadLinks,
  requireRolesAt,
} from './common.ts';

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
