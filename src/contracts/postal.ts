/**
 * The postal context's operations: shipments booked with the postal carrier (pick-up of a paper
 * dossier, return of a result), their handover lists and the carrier's webhook; and the home
 * service, where an officer goes to the home of someone who cannot travel.
 */
import { z } from 'zod';
import {
  HOME_SERVICE_CHANNELS,
  HOME_SERVICE_KINDS,
  HOME_SERVICE_REASONS,
  HOME_SERVICE_STATUSES,
  type HomeServiceKind,
  type HomeServiceReason,
} from '../domain/postal/home-service.ts';
import { SHIPMENT_KINDS, SHIPMENT_STATUSES } from '../domain/postal/shipment.ts';
import { localDateSchema, problemSchema, staffSecurity } from './common.ts';
import { defineContract, operation } from './operation.ts';

// ---------------------------------------------------------------- postal shipments

/** Who the postman meets: name, phone, address. */
export const postalPersonSchema = z.object({
  name: z.string().trim().min(2, 'Cần họ và tên').max(200),
  phone: z
    .string()
    .trim()
    .regex(/^(0|\+84)\d{9,10}$/, 'Số điện thoại không hợp lệ'),
  address: z.string().trim().min(5, 'Cần địa chỉ').max(500),
});

export const shipmentInputSchema = z
  .object({
    unitCode: z.string().trim().min(1).max(100),
    kind: z.enum(SHIPMENT_KINDS),
    /** The dossier whose result is returned (required for a return). */
    dossierCode: z.string().trim().min(1).max(100).optional(),
    /** Who the postman meets: required for a pick-up; for a return, the dossier's applicant by default. */
    applicant: postalPersonSchema.optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'return' && !v.dossierCode)
      ctx.addIssue({
        code: 'custom',
        path: ['dossierCode'],
        message: 'Trả kết quả qua bưu chính cần mã hồ sơ',
      });
    if (v.kind === 'pickup' && !v.applicant)
      ctx.addIssue({
        code: 'custom',
        path: ['applicant'],
        message: 'Thu gom hồ sơ cần người gửi và địa chỉ',
      });
  });

export const onlinePickupSchema = z.object({
  unitCode: z.string().trim().min(1).max(100),
  applicant: postalPersonSchema,
  /** The procedure the papers are for, so the counter knows what to expect. */
  procedureCode: z.string().trim().max(40).optional(),
  note: z.string().trim().max(1000).optional(),
});

/** A status update as the carrier sends it to the webhook (and the demo's sandbox carrier takes it). */
export const carrierUpdateSchema = z.object({
  trackingNumber: z.string().trim().min(1).max(40),
  status: z.enum(SHIPMENT_STATUSES),
  at: z.iso.datetime({ offset: true }).optional(),
  note: z.string().trim().max(500).optional(),
});

export const handoverInputSchema = z.object({
  unitCode: z.string().trim().min(1).max(100),
  postmanName: z.string().trim().min(2, 'Cần họ tên nhân viên bưu chính').max(200),
  shipmentIds: z.array(z.uuid()).min(1, 'Chọn ít nhất một bưu gửi').max(500),
});

export const shipmentSchema = z.object({
  id: z.string(),
  kind: z.enum(SHIPMENT_KINDS),
  carrier: z.string(),
  trackingNumber: z.string(),
  status: z.enum(SHIPMENT_STATUSES),
  unitCode: z.string(),
  dossierCode: z.string().nullable(),
  applicant: z.object({ name: z.string(), phone: z.string(), address: z.string() }),
  fee: z.number().int(),
  note: z.string().nullable(),
  handoverListId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  events: z.array(
    z.object({ status: z.string(), at: z.string(), source: z.string(), note: z.string().nullable() }),
  ),
});

// ---------------------------------------------------------------- home service

const phoneSchema = z
  .string({ error: 'Cần số điện thoại' })
  .trim()
  .regex(/^(0|\+84)\d{9,10}$/, 'Số điện thoại không hợp lệ');

const applicantSchema = z.object(
  {
    name: z.string({ error: 'Cần họ và tên' }).trim().min(2, 'Cần họ và tên').max(200),
    phone: phoneSchema,
    address: z.string({ error: 'Cần địa chỉ' }).trim().min(5, 'Cần địa chỉ nơi đến').max(500),
  },
  { error: 'Cần người yêu cầu: họ tên, số điện thoại, địa chỉ' },
);

const common = {
  unitCode: z.string({ error: 'Cần mã đơn vị' }).trim().min(1, 'Cần mã đơn vị').max(100),
  applicant: applicantSchema,
  reason: z.enum(HOME_SERVICE_REASONS, {
    error: 'Lý do: elderly (cao tuổi), disabled (khuyết tật), ill (ốm đau) hoặc other (khác)',
  }),
  note: z.string().trim().max(1000, 'Ghi chú tối đa 1000 ký tự').optional(),
  dossierCode: z.string().trim().min(1, 'Cần mã hồ sơ').max(100).optional(),
};

function refineCommon(
  v: {
    kind: HomeServiceKind;
    reason: HomeServiceReason;
    note?: string | undefined;
    dossierCode?: string | undefined;
  },
  ctx: z.RefinementCtx,
) {
  if (v.kind === 'return' && !v.dossierCode)
    ctx.addIssue({ code: 'custom', path: ['dossierCode'], message: 'Trả kết quả tại nhà cần mã hồ sơ' });
  if (v.reason === 'other' && !v.note)
    ctx.addIssue({ code: 'custom', path: ['note'], message: 'Lý do khác: cần ghi rõ trong ghi chú' });
}

/** What the counter or the hotline registers. */
export const homeServiceInputSchema = z
  .object({
    ...common,
    kind: z.enum(HOME_SERVICE_KINDS, { error: 'Loại yêu cầu: pickup (thu nhận) hoặc return (trả kết quả)' }),
    requestedVia: z.enum(['hotline', 'counter'], { error: 'Kênh tiếp nhận: hotline hoặc counter' }),
    procedureCode: z.string().trim().min(1).max(40).optional(),
  })
  .superRefine(refineCommon);

/** What a citizen asks for online, without logging in. */
export const publicHomeServiceInputSchema = z
  .object({
    ...common,
    kind: z.enum(HOME_SERVICE_KINDS, { error: 'Loại yêu cầu: pickup (thu nhận) hoặc return (trả kết quả)' }),
  })
  .superRefine(refineCommon);

export const scheduleInputSchema = z.object({
  scheduledAt: z.iso.datetime({ offset: true, error: 'Thời điểm hẹn phải là ISO 8601 có múi giờ' }),
  officerId: z.uuid({ error: 'Cần chọn cán bộ đến nhà' }),
  note: z.string().trim().max(1000, 'Ghi chú tối đa 1000 ký tự').optional(),
});

export const completeInputSchema = z
  .object({
    outcome: z.enum(['done', 'failed'], {
      error: 'Kết quả: done (đã thực hiện) hoặc failed (không thực hiện được)',
    }),
    note: z.string().trim().max(1000, 'Ghi chú tối đa 1000 ký tự').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'failed' && !v.note)
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'Cần ghi lý do không thực hiện được' });
  });

export const cancelInputSchema = z.object({
  note: z.string().trim().max(1000, 'Ghi chú tối đa 1000 ký tự').optional(),
});

const statusEnum = z.enum(HOME_SERVICE_STATUSES);

export const homeServiceSchema = z.object({
  id: z.string(),
  code: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  kind: z.enum(HOME_SERVICE_KINDS),
  requestedVia: z.enum(HOME_SERVICE_CHANNELS),
  status: statusEnum,
  dossierCode: z.string().nullable(),
  procedureCode: z.string().nullable(),
  applicant: z.object({ name: z.string(), phone: z.string(), address: z.string() }),
  reason: z.enum(HOME_SERVICE_REASONS),
  note: z.string().nullable(),
  scheduledAt: z.string().nullable(),
  officer: z.object({ id: z.string(), fullName: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  events: z.array(
    z.object({
      status: statusEnum,
      at: z.string(),
      actorName: z.string().nullable(),
      note: z.string().nullable(),
      scheduledAt: z.string().nullable(),
      officerName: z.string().nullable(),
    }),
  ),
});

export const publicHomeServiceSchema = z.object({
  code: z.string(),
  unitName: z.string(),
  kind: z.enum(HOME_SERVICE_KINDS),
  status: statusEnum,
  scheduledAt: z.string().nullable(),
  officerName: z.string().nullable(),
  createdAt: z.string(),
  events: z.array(z.object({ status: statusEnum, at: z.string() })),
});

const counts = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<T[number], z.ZodNumber>);

export const homeServiceSummarySchema = z.object({
  unit: z.object({ code: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  total: z.number().int(),
  byKind: z.object({
    pickup: counts(HOME_SERVICE_STATUSES).extend({ total: z.number().int() }),
    return: counts(HOME_SERVICE_STATUSES).extend({ total: z.number().int() }),
  }),
  byStatus: counts(HOME_SERVICE_STATUSES),
  byReason: counts(HOME_SERVICE_REASONS),
  byVia: counts(HOME_SERVICE_CHANNELS),
});

const idParams = z.object({ id: z.string().max(40) });
const staffErrors = { 401: problemSchema, 403: problemSchema, 404: problemSchema };

export const postalContract = defineContract('postal', {
  carrier: operation('GET /postal/carrier', {
    summary: 'The postal carrier in use (sandbox or http) and the postal fee',
    response: { 200: z.object({ carrier: z.enum(['sandbox', 'http']), fee: z.number().int() }) },
  }),
  book: operation('POST /postal/shipments', {
    summary: 'Book a postal pick-up of a dossier or a postal return of a result (counter staff)',
    description:
      '`kind: pickup` needs the `applicant` the postman meets ({name, phone, address}); `kind: return` needs ' +
      'the resolved dossier (`dossierCode`), whose applicant and delivery address are used unless given. The ' +
      'carrier answers with the tracking number; the status starts at `requested` and follows the carrier’s ' +
      'webhooks. The fee is MOTCUA_POSTAL_FEE.',
    security: staffSecurity,
    body: shipmentInputSchema,
    response: {
      201: shipmentSchema,
      400: problemSchema,
      401: problemSchema,
      403: problemSchema,
      409: problemSchema,
    },
  }),
  requestPickup: operation('POST /public/postal/pickups', {
    summary: 'A citizen asks online for the postman to collect their paper dossier (no login)',
    description:
      'Books a pick-up with the carrier for a unit that has a one-stop counter ({name, phone, address} of the ' +
      'sender, optionally the procedure and a note). 201 with the tracking number to follow it by ' +
      '(`GET /public/postal/shipments/{trackingNumber}?phone=`) and the fee (MOTCUA_POSTAL_FEE), paid to the postman. ' +
      'Rate-limited by MOTCUA_HOME_SERVICE_LIMIT per minute per address.',
    body: onlinePickupSchema,
    response: {
      201: z.object({
        trackingNumber: z.string(),
        status: z.enum(SHIPMENT_STATUSES),
        fee: z.number().int(),
        unit: z.object({ code: z.string(), name: z.string() }),
      }),
      400: problemSchema,
      404: problemSchema,
      429: problemSchema,
    },
  }),
  track: operation('GET /public/postal/shipments/:trackingNumber', {
    summary: 'Follow a postal shipment with its tracking number and the sender’s phone (no login)',
    description: 'The same 404 for an unknown number and a wrong phone.',
    params: z.object({ trackingNumber: z.string().min(4).max(40) }),
    querystring: z.object({ phone: z.string().min(9).max(20) }),
    response: {
      200: z.object({
        trackingNumber: z.string(),
        kind: z.enum(SHIPMENT_KINDS),
        status: z.enum(SHIPMENT_STATUSES),
        unitCode: z.string(),
        createdAt: z.string(),
        events: z.array(z.object({ status: z.string(), at: z.string() })),
      }),
      404: problemSchema,
      429: problemSchema,
    },
  }),
  shipments: operation('GET /postal/shipments', {
    summary: 'The postal shipments of a unit, newest first (counter staff)',
    security: staffSecurity,
    querystring: z.object({
      unit: z.string().min(1).max(100),
      status: z.enum(SHIPMENT_STATUSES).optional(),
      unlisted: z.enum(['true', 'false']).optional(),
    }),
    response: { 200: z.array(shipmentSchema), ...staffErrors },
  }),
  shipment: operation('GET /postal/shipments/:id', {
    summary: 'A shipment and its statuses (counter staff)',
    security: staffSecurity,
    params: idParams,
    response: { 200: shipmentSchema, ...staffErrors },
  }),
  createHandoverList: operation('POST /postal/handover-lists', {
    summary: 'A list of shipments handed over to (or received from) the postman, numbered BG-YYYYMMDD-NN',
    description:
      'Each shipment appears on one list. `GET /postal/handover-lists/{id}.pdf` prints it with both signatures.',
    security: staffSecurity,
    body: handoverInputSchema,
    response: {
      201: z.object({ id: z.string(), number: z.string(), shipments: z.number().int() }),
      400: problemSchema,
      401: problemSchema,
      403: problemSchema,
    },
  }),
  handoverListPdf: operation('GET /postal/handover-lists/:id.pdf', {
    summary: 'The handover list as a printable PDF, with the postman’s and the officer’s signatures',
    security: staffSecurity,
    params: idParams,
  }),
  webhook: operation('POST /postal/webhook', {
    summary: 'Status updates from the postal carrier (signed)',
    description:
      'Body `{trackingNumber, status, at?, note?}`; header `x-postal-signature: sha256=<hex HMAC-SHA256 of the ' +
      'raw body with MOTCUA_POSTAL_SECRET>`. 401 `bad_signature` when it does not match; 409 for a status the ' +
      'shipment cannot go to; the same status again changes nothing (carriers retry).',
    response: {
      200: z.object({ changed: z.boolean(), status: z.enum(SHIPMENT_STATUSES) }),
      400: problemSchema,
      401: problemSchema,
      404: problemSchema,
      409: problemSchema,
    },
  }),
  sandboxAdvance: operation('POST /sandbox/postal/advance', {
    summary: 'Sandbox carrier: move a shipment on, as the carrier would (a signed call to the webhook)',
    description: 'Demo only. Answers what the webhook answers, passed through.',
    body: carrierUpdateSchema,
  }),

  // -------------------------------------------------------------- home service
  createHomeService: operation('POST /home-services', {
    summary: 'Register a home pick-up of a dossier or a home return of a result (counter, hotline)',
    description:
      'For people who cannot travel (reason `elderly`, `disabled`, `ill`, `other` with a note). `kind: return` ' +
      'needs a dossier of the unit (`dossierCode`). The code is `TN-YYYYMMDD-NNN` (Vietnam date, numbered per ' +
      'day); the status starts at `requested`. Receptionists and administrators of the unit.',
    security: staffSecurity,
    body: homeServiceInputSchema,
    response: { 201: homeServiceSchema, 400: problemSchema, ...staffErrors },
  }),
  homeServices: operation('GET /home-services', {
    summary: 'The home-service requests of a unit, newest first (counter staff)',
    description: '`from` and `to` (YYYY-MM-DD, Vietnam days) bound the day each request was received.',
    security: staffSecurity,
    querystring: z.object({
      unit: z.string().min(1).max(100),
      status: statusEnum.optional(),
      from: localDateSchema.optional(),
      to: localDateSchema.optional(),
    }),
    response: { 200: z.array(homeServiceSchema), 400: problemSchema, ...staffErrors },
  }),
  homeServiceSummary: operation('GET /home-services/summary', {
    summary: 'Home-service requests received in a period: by kind and status, by reason, by channel',
    description: 'For the reports: receptionists, administrators, leaders and inspectors of the unit.',
    security: staffSecurity,
    querystring: z.object({
      unit: z.string().min(1).max(100),
      from: localDateSchema,
      to: localDateSchema,
    }),
    response: { 200: homeServiceSummarySchema, 400: problemSchema, ...staffErrors },
  }),
  homeServiceOfficers: operation('GET /home-services/officers', {
    summary: 'The officers of a unit a visit can be given to (staff with a working role at the unit)',
    security: staffSecurity,
    querystring: z.object({ unit: z.string().min(1).max(100) }),
    response: {
      200: z.array(z.object({ id: z.string(), username: z.string(), fullName: z.string() })),
      ...staffErrors,
    },
  }),
  homeService: operation('GET /home-services/:id', {
    summary: 'A home-service request and its history (counter staff)',
    security: staffSecurity,
    params: idParams,
    response: { 200: homeServiceSchema, ...staffErrors },
  }),
  scheduleHomeService: operation('POST /home-services/:id/schedule', {
    summary: 'Schedule (or reschedule) the visit: a time in the future and an officer of the unit',
    description:
      'From `requested`, `scheduled` (a new time) or `failed` (try again); otherwise 409 `invalid_transition`.',
    security: staffSecurity,
    params: idParams,
    body: scheduleInputSchema,
    response: { 200: homeServiceSchema, 400: problemSchema, ...staffErrors, 409: problemSchema },
  }),
  completeHomeService: operation('POST /home-services/:id/complete', {
    summary: 'Record how the visit went: done, or failed with the reason',
    description:
      'Only a scheduled request (409 `invalid_transition` otherwise). A return done does not change the dossier.',
    security: staffSecurity,
    params: idParams,
    body: completeInputSchema,
    response: { 200: homeServiceSchema, 400: problemSchema, ...staffErrors, 409: problemSchema },
  }),
  cancelHomeService: operation('POST /home-services/:id/cancel', {
    summary: 'Cancel a request not yet done (requested or scheduled)',
    security: staffSecurity,
    params: idParams,
    body: cancelInputSchema.nullish(),
    response: { 200: homeServiceSchema, 400: problemSchema, ...staffErrors, 409: problemSchema },
  }),
  requestHomeService: operation('POST /public/home-services', {
    summary: 'A citizen asks for a home pick-up or home return (public, rate-limited)',
    description:
      'A return names the dossier (`dossierCode`) and the applicant’s phone on it; an unknown dossier and ' +
      'another phone get the same 400. Answers the code to follow the request with.',
    body: publicHomeServiceInputSchema,
    response: {
      201: z.object({ code: z.string() }),
      400: problemSchema,
      404: problemSchema,
      429: problemSchema,
    },
  }),
  followHomeService: operation('GET /public/home-services/:code', {
    summary: 'Follow a home-service request by its code and the phone given with it (public)',
    description: 'An unknown code and a wrong phone give the same 404.',
    params: z.object({ code: z.string().max(40) }),
    querystring: z.object({ phone: z.string({ error: 'Cần số điện thoại' }).trim().min(1).max(20) }),
    response: {
      200: publicHomeServiceSchema,
      400: problemSchema,
      404: problemSchema,
      429: problemSchema,
    },
  }),
});

export type ShipmentView = z.output<typeof shipmentSchema>;
export type HomeServiceView = z.output<typeof homeServiceSchema>;
export type HomeServiceEventView = HomeServiceView['events'][number];
export type PublicHomeServiceView = z.output<typeof publicHomeServiceSchema>;
export type HomeServiceSummary = z.output<typeof homeServiceSummarySchema>;
export type ShipmentInput = z.output<typeof shipmentInputSchema>;
export type OnlinePickupInput = z.output<typeof onlinePickupSchema>;
export type CarrierUpdate = z.output<typeof carrierUpdateSchema>;
export type HandoverInput = z.output<typeof handoverInputSchema>;
export type PostalPerson = z.output<typeof postalPersonSchema>;
export type HomeServiceInput = z.output<typeof homeServiceInputSchema>;
export type PublicHomeServiceInput = z.output<typeof publicHomeServiceInputSchema>;
export type ScheduleInput = z.output<typeof scheduleInputSchema>;
export type CompleteInput = z.output<typeof completeInputSchema>;
export type CancelInput = z.output<typeof cancelInputSchema>;
