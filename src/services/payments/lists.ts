/** The payments of a dossier or of an online application, what is owed, and the VietQR code for it. */
import { asc, eq, or } from 'drizzle-orm';
import { onlineApplications, payments } from '../../db/schema.ts';
import { notFound } from '../../domain/errors.ts';
import type { FeeItem } from '../../domain/payments/fees.ts';
import { vietQrPayload, vietQrPurpose } from '../../domain/payments/vietqr.ts';
import { findVisibleDossier } from '../dossiers/index.ts';
import type { Actor, ServiceContext } from '../platform/index.ts';
import { type PaymentConfig, type PaymentView, ofDossier, viewsOf } from './common.ts';
import { dossierFees } from './counter.ts';
import { visibleUnitIds } from '../access/index.ts';

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
