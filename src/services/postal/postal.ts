/**
 * Public postal service (issue 7 §3): pick-ups of dossiers and returns of results booked with the
 * carrier, their statuses from its signed webhooks, and the handover lists signed between the
 * counter and the postman. Receptions by post and returns by post count in the reports by channel
 * through the dossiers themselves (channel `postal`, return `method: postal`).
 */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import {
  carrierUpdateSchema,
  type HandoverInput,
  type OnlinePickupInput,
  type PostalPerson,
  postalPersonSchema,
  type ShipmentInput,
  type ShipmentView,
} from '../../contracts/postal.ts';
import type { Db } from '../../db/client.ts';
import {
  dossiers,
  postalHandoverLists,
  postalShipmentEvents,
  postalShipments,
  units,
} from '../../db/schema.ts';
import { formatPlaceDate, formatTimeDate } from '../../documents/format.ts';
import { createDocument, FormWriter, finish } from '../../documents/layout.ts';
import { localDateOf, TIME_ZONE } from '../../domain/calendar/index.ts';
import { AppError, conflict, notFound } from '../../domain/errors.ts';
import {
  canMove,
  type SHIPMENT_KINDS,
  type ShipmentStatus,
  verifyWebhook,
} from '../../domain/postal/shipment.ts';
import type { PostalCarrier } from '../../integrations/postal.ts';
import { appendAudit } from '../platform/index.ts';
import { type Actor, inTransaction, type RequestMeta, type ServiceContext } from '../platform/index.ts';
import { findVisibleDossier } from '../dossiers/index.ts';
import { printedUnit } from '../dossiers/index.ts';
import { requireUnit, type UnitRow, rolesAt } from '../access/index.ts';
import { normalisePhone } from '../identity/index.ts';

const POSTAL_ROLES = ['receptionist', 'unit_admin', 'system_admin'] as const;

async function requirePostalStaff(db: Db, actor: Actor, unit: UnitRow): Promise<void> {
  const roles = await rolesAt(db, actor.grants, unit.id);
  if (!POSTAL_ROLES.some((r) => roles.has(r)))
    throw new AppError(
      403,
      'forbidden',
      `Chỉ cán bộ tiếp nhận của đơn vị ${unit.code} được làm việc với bưu chính`,
    );
}

export type { ShipmentView };

async function viewOf(db: Db, id: string): Promise<ShipmentView> {
  const [row] = await db
    .select({ s: postalShipments, unitCode: units.code, dossierCode: dossiers.code })
    .from(postalShipments)
    .innerJoin(units, eq(units.id, postalShipments.unitId))
    .leftJoin(dossiers, eq(dossiers.id, postalShipments.dossierId))
    .where(eq(postalShipments.id, id));
  if (!row) throw notFound('shipment_not_found', 'Không tìm thấy bưu gửi');
  const events = await db
    .select()
    .from(postalShipmentEvents)
    .where(eq(postalShipmentEvents.shipmentId, id))
    .orderBy(asc(postalShipmentEvents.at), asc(postalShipmentEvents.id));
  const s = row.s;
  return {
    id: s.id,
    kind: s.kind,
    carrier: s.carrier,
    trackingNumber: s.trackingNumber,
    status: s.status as ShipmentStatus,
    unitCode: row.unitCode,
    dossierCode: row.dossierCode ?? null,
    applicant: s.applicant as ShipmentView['applicant'],
    fee: s.fee,
    note: s.note,
    handoverListId: s.handoverListId,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    events: events.map((e) => ({
      status: e.status,
      at: e.at.toISOString(),
      source: e.source,
      note: ((e.payload as { note?: string }).note ?? null) as string | null,
    })),
  };
}

/** The counter books a pick-up or a return with the carrier: a tracking number, status `requested`. */
export async function requestShipment(
  ctx: ServiceContext,
  config: Pick<Config, 'postalFee'>,
  carrier: PostalCarrier,
  actor: Actor,
  meta: RequestMeta,
  input: ShipmentInput,
): Promise<ShipmentView> {
  const db = ctx.database.db;
  const unit = await requireUnit(db, input.unitCode, 'unitCode');
  await requirePostalStaff(db, actor, unit);
  let dossier: typeof dossiers.$inferSelect | undefined;
  if (input.dossierCode) {
    // Only among the dossiers the actor may see, of this unit: another unit's code is unknown here.
    dossier = await findVisibleDossier(db, actor, input.dossierCode).catch(() => undefined);
    if (!dossier || (dossier.receivingUnitId !== unit.id && dossier.currentUnitId !== unit.id))
      throw new AppError(400, 'validation_failed', `Không có hồ sơ ${input.dossierCode}`, [
        { path: 'dossierCode', message: 'không có hồ sơ này' },
      ]);
    if (input.kind === 'return' && !dossier.resolvedAt)
      throw conflict('not_resolved', `Hồ sơ ${dossier.code} chưa có kết quả để gửi`);
  }
  const fromDossier = dossier?.applicant as
    | { fullName?: string; phone?: string; address?: string }
    | undefined;
  const applicant = input.applicant ?? {
    name: fromDossier?.fullName ?? '',
    phone: fromDossier?.phone ?? '',
    address: dossier?.deliveryAddress ?? fromDossier?.address ?? '',
  };
  const checked = postalPersonSchema.safeParse(applicant);
  if (!checked.success)
    throw new AppError(400, 'validation_failed', 'Thiếu người nhận hoặc địa chỉ gửi kết quả', [
      { path: 'applicant', message: checked.error.issues[0]?.message ?? 'không hợp lệ' },
    ]);
  return viewOf(
    db,
    await bookAndRecord(ctx, config, carrier, meta, {
      unit,
      kind: input.kind,
      dossier: dossier ?? null,
      applicant: checked.data,
      note: input.note ?? null,
      actor,
    }),
  );
}

/**
 * Books with the carrier and records the shipment (status `requested`, its first event, the audit
 * entry) in one transaction. `actor` null: the citizen asked online.
 */
async function bookAndRecord(
  ctx: ServiceContext,
  config: Pick<Config, 'postalFee'>,
  carrier: PostalCarrier,
  meta: RequestMeta,
  b: {
    unit: UnitRow;
    kind: (typeof SHIPMENT_KINDS)[number];
    dossier: typeof dossiers.$inferSelect | null;
    applicant: PostalPerson;
    note: string | null;
    actor: Actor | null;
  },
): Promise<string> {
  const { unit, dossier, actor } = b;
  const booked = await carrier.book({
    kind: b.kind,
    applicant: b.applicant,
    unit: { code: unit.code, name: unit.name, address: unit.address ?? null },
    note: b.note,
  });
  const now = ctx.clock();
  const id = uuidv7();
  await inTransaction(ctx, async (tx) => {
    await tx.insert(postalShipments).values({
      id,
      unitId: unit.id,
      kind: b.kind,
      carrier: carrier.name,
      trackingNumber: booked.trackingNumber,
      status: 'requested',
      dossierId: dossier?.id ?? null,
      applicant: b.applicant,
      fee: config.postalFee,
      note: b.note,
      createdBy: actor?.id ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await tx.insert(postalShipmentEvents).values({
      shipmentId: id,
      status: 'requested',
      at: now,
      source: actor ? 'counter' : 'online',
      payload: {},
    });
    await appendAudit(tx, ctx.clock, meta, {
      action: 'postal.request',
      actor,
      jurisdictionId: unit.jurisdictionId,
      entityType: 'postal_shipment',
      entityId: id,
      after: {
        kind: b.kind,
        trackingNumber: booked.trackingNumber,
        dossierCode: dossier?.code ?? null,
        ...(actor ? {} : { requestedVia: 'online' }),
      },
    });
  });
  return id;
}

/**
 * A citizen asks online for the postman to collect their paper dossier (no login): the unit must
 * have a one-stop counter; the answer is the tracking number to follow it by.
 */
export async function requestPickupOnline(
  ctx: ServiceContext,
  config: Pick<Config, 'postalFee'>,
  carrier: PostalCarrier,
  meta: RequestMeta,
  input: OnlinePickupInput,
): Promise<{
  trackingNumber: string;
  status: ShipmentStatus;
  fee: number;
  unit: { code: string; name: string };
}> {
  const db = ctx.database.db;
  const unit = await requireUnit(db, input.unitCode, 'unitCode');
  if (!unit.hasCounter)
    throw new AppError(400, 'validation_failed', `${unit.name} không có Bộ phận Một cửa nhận hồ sơ`, [
      { path: 'unitCode', message: 'Chọn đơn vị có Bộ phận Một cửa' },
    ]);
  const note = [input.procedureCode ? `Thủ tục ${input.procedureCode}` : null, input.note ?? null]
    .filter(Boolean)
    .join('. ');
  const id = await bookAndRecord(ctx, config, carrier, meta, {
    unit,
    kind: 'pickup',
    dossier: null,
    applicant: input.applicant,
    note: note || null,
    actor: null,
  });
  const view = await viewOf(db, id);
  return {
    trackingNumber: view.trackingNumber,
    status: view.status,
    fee: view.fee,
    unit: { code: unit.code, name: unit.name },
  };
}

/** A shipment as its sender follows it online: the same 404 for an unknown number and a wrong phone. */
export async function publicShipmentStatus(ctx: ServiceContext, trackingNumber: string, phone: string) {
  const db = ctx.database.db;
  const [row] = await db
    .select({ id: postalShipments.id, applicant: postalShipments.applicant })
    .from(postalShipments)
    .where(eq(postalShipments.trackingNumber, trackingNumber.trim().toUpperCase()))
    .limit(1);
  // Compared as tracking and the home-service follow-up compare phones.
  const given = normalisePhone(phone);
  if (!row || normalisePhone((row.applicant as { phone: string }).phone) !== given)
    throw notFound('shipment_not_found', 'Không tìm thấy bưu gửi với số hiệu và số điện thoại này');
  const v = await viewOf(db, row.id);
  return {
    trackingNumber: v.trackingNumber,
    kind: v.kind,
    status: v.status,
    unitCode: v.unitCode,
    createdAt: v.createdAt,
    events: v.events.map((e) => ({ status: e.status, at: e.at })),
  };
}

/**
 * A status update from the carrier's webhook: the signature over the raw body first (401 when it
 * does not match), then the move, which must follow the shipment's life (409 otherwise; the same
 * status again is accepted and changes nothing, as carriers retry).
 */
export async function applyCarrierUpdate(
  ctx: ServiceContext,
  carrier: string,
  secret: string,
  rawBody: string,
  signature: string | undefined,
): Promise<{ changed: boolean; status: ShipmentStatus }> {
  if (!verifyWebhook(rawBody, signature, secret))
    throw new AppError(401, 'bad_signature', 'Chữ ký của bưu chính không hợp lệ');
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new AppError(400, 'validation_failed', 'Nội dung không phải JSON', [{ path: '', message: 'JSON' }]);
  }
  const parsed = carrierUpdateSchema.safeParse(json);
  if (!parsed.success)
    throw new AppError(
      400,
      'validation_failed',
      'Dữ liệu trạng thái bưu gửi không hợp lệ',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  const update = parsed.data;
  return inTransaction(ctx, async (tx) => {
    const [s] = await tx
      .select()
      .from(postalShipments)
      .where(
        and(eq(postalShipments.carrier, carrier), eq(postalShipments.trackingNumber, update.trackingNumber)),
      )
      .for('update');
    if (!s) throw notFound('shipment_not_found', `Không có bưu gửi ${update.trackingNumber}`);
    const from = s.status as ShipmentStatus;
    if (from === update.status) return { changed: false, status: from };
    if (!canMove(from, update.status))
      throw conflict(
        'illegal_shipment_status',
        `Bưu gửi ${s.trackingNumber} đang "${from}", không chuyển sang "${update.status}"`,
      );
    const at = update.at ? new Date(update.at) : ctx.clock();
    await tx
      .update(postalShipments)
      .set({ status: update.status, updatedAt: ctx.clock() })
      .where(eq(postalShipments.id, s.id));
    await tx.insert(postalShipmentEvents).values({
      shipmentId: s.id,
      status: update.status,
      at,
      source: 'carrier',
      payload: update.note ? { note: update.note } : {},
    });
    return { changed: true, status: update.status };
  });
}

export async function getShipment(ctx: ServiceContext, actor: Actor, id: string): Promise<ShipmentView> {
  const db = ctx.database.db;
  if (!z.uuid().safeParse(id).success) throw notFound('shipment_not_found', 'Không tìm thấy bưu gửi');
  const view = await viewOf(db, id);
  await requirePostalStaff(db, actor, await requireUnit(db, view.unitCode));
  return view;
}

export async function listShipments(
  ctx: ServiceContext,
  actor: Actor,
  query: { unit: string; status?: ShipmentStatus | undefined; unlisted?: boolean | undefined },
): Promise<ShipmentView[]> {
  const db = ctx.database.db;
  const unit = await requireUnit(db, query.unit);
  await requirePostalStaff(db, actor, unit);
  const rows = await db
    .select({ id: postalShipments.id })
    .from(postalShipments)
    .where(
      and(
        eq(postalShipments.unitId, unit.id),
        query.status ? eq(postalShipments.status, query.status) : undefined,
        query.unlisted ? isNull(postalShipments.handoverListId) : undefined,
      ),
    )
    .orderBy(desc(postalShipments.createdAt))
    .limit(500);
  return Promise.all(rows.map((r) => viewOf(db, r.id)));
}

/** A list of shipments handed over between the counter and the postman (numbered per unit and day). */
export async function createHandoverList(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  input: HandoverInput,
): Promise<{ id: string; number: string; shipments: number }> {
  const db = ctx.database.db;
  const unit = await requireUnit(db, input.unitCode, 'unitCode');
  await requirePostalStaff(db, actor, unit);
  const now = ctx.clock();
  const day = localDateOf(now, TIME_ZONE).replaceAll('-', '');
  return inTransaction(ctx, async (tx) => {
    const shipments = await tx
      .select()
      .from(postalShipments)
      .where(inArray(postalShipments.id, input.shipmentIds))
      .for('update');
    const wrong = input.shipmentIds.findIndex(
      (id) => !shipments.some((s) => s.id === id && s.unitId === unit.id && !s.handoverListId),
    );
    if (wrong >= 0)
      throw new AppError(
        400,
        'validation_failed',
        'Có bưu gửi không thuộc đơn vị hoặc đã có trong danh sách khác',
        [{ path: `shipmentIds.${wrong}`, message: 'không bàn giao được' }],
      );
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(postalHandoverLists)
      .where(
        and(
          eq(postalHandoverLists.unitId, unit.id),
          sql`${postalHandoverLists.number} like ${`BG-${day}-%`}`,
        ),
      );
    const number = `BG-${day}-${String(Number(n) + 1).padStart(2, '0')}`;
    const id = uuidv7();
    await tx.insert(postalHandoverLists).values({
      id,
      unitId: unit.id,
      number,
      postmanName: input.postmanName,
      createdBy: actor.id,
      createdByName: actor.fullName,
      createdAt: now,
    });
    await tx
      .update(postalShipments)
      .set({ handoverListId: id, updatedAt: now })
      .where(inArray(postalShipments.id, input.shipmentIds));
    await appendAudit(tx, ctx.clock, meta, {
      action: 'postal.handover',
      actor,
      jurisdictionId: unit.jurisdictionId,
      entityType: 'postal_handover_list',
      entityId: id,
      after: { number, postmanName: input.postmanName, shipments: input.shipmentIds.length },
    });
    return { id, number, shipments: input.shipmentIds.length };
  });
}

const KIND_LABEL = { pickup: 'Thu gom hồ sơ', return: 'Trả kết quả' } as const;

/** The handover list as a printable A4 PDF: the shipments, then the two signatures. */
export async function handoverListPdf(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
): Promise<{ number: string; pdf: Buffer }> {
  const db = ctx.database.db;
  const [list] = z.uuid().safeParse(id).success
    ? await db.select().from(postalHandoverLists).where(eq(postalHandoverLists.id, id))
    : [];
  if (!list) throw notFound('handover_list_not_found', 'Không tìm thấy danh sách bàn giao');
  const [unitRow] = await db.select().from(units).where(eq(units.id, list.unitId));
  await requirePostalStaff(db, actor, unitRow!);
  const rows = await db
    .select({ s: postalShipments, dossierCode: dossiers.code })
    .from(postalShipments)
    .leftJoin(dossiers, eq(dossiers.id, postalShipments.dossierId))
    .where(eq(postalShipments.handoverListId, list.id))
    .orderBy(asc(postalShipments.createdAt));
  const unit = await printedUnit(db, unitRow!);
  const title = 'DANH SÁCH BÀN GIAO BƯU GỬI';
  const doc = createDocument({
    title,
    subject: `${title} ${list.number}`,
    keywords: ['BCCI', list.number],
    author: unit.name,
    createdAt: list.createdAt,
  });
  const w = new FormWriter(doc);
  w.heading(unit, list.number, formatPlaceDate(unit.province, list.createdAt));
  w.title(title, [
    { text: 'giữa Bộ phận Tiếp nhận và Trả kết quả và nhân viên bưu chính công ích' },
    { text: `Lập lúc ${formatTimeDate(list.createdAt)}`, font: 'italic' },
  ]);
  w.table(
    [
      { header: 'STT', weight: 22, align: 'center' },
      { header: 'Số hiệu bưu gửi', weight: 78 },
      { header: 'Loại', weight: 42 },
      { header: 'Mã hồ sơ', weight: 70 },
      { header: 'Người gửi/nhận, địa chỉ, điện thoại', weight: 110 },
      { header: 'Cước (đồng)', weight: 34, align: 'right' },
    ],
    rows.map(({ s, dossierCode }, i) => {
      const a = s.applicant as { name: string; phone: string; address: string };
      return [
        { text: String(i + 1), align: 'center' as const },
        s.trackingNumber,
        KIND_LABEL[s.kind],
        dossierCode ?? '',
        `${a.name}, ${a.address}, ${a.phone}`,
        { text: s.fee.toLocaleString('vi-VN'), align: 'right' as const },
      ];
    }),
    { fontSize: 8.5, headerFontSize: 8.5 },
  );
  w.space(12);
  w.signatures([
    { title: 'NHÂN VIÊN BƯU CHÍNH', hint: '(Ký, ghi rõ họ tên)', name: list.postmanName },
    { title: 'CÁN BỘ BÀN GIAO', hint: '(Ký, ghi rõ họ tên)', name: list.createdByName },
  ]);
  w.pageNumbers({ onlyIfSeveral: true });
  return { number: list.number, pdf: await finish(doc) };
}
