/**
 * The online applications context's operations: the citizen's draft, its submission, withdrawal and
 * supplement; the receiving unit's inbox and decision; the address pickers' divisions. The
 * lifecycle these follow is the table in `src/domain/applications/lifecycle.ts`.
 */
import { z } from 'zod';
import { APPLICATION_STATUSES, CITIZEN_APPLICATION_ACTIONS } from '../domain/applications/lifecycle.ts';
import type { FormAnswers } from '../domain/applications/form.ts';
import type { EFormDefinition } from '../domain/catalog/eform.ts';
import { problemSchema, staffSecurity } from './common.ts';
import { defineContract, operation } from './operation.ts';
import { assistedSchema } from './staff.ts';

export const applicationStatusSchema = z.enum(APPLICATION_STATUSES);
export const resultDeliverySchema = z.enum(['counter', 'postal', 'online']);

export const CONSENT_METHODS = ['signed_form', 'in_person'] as const;

/** What a community digital team member records before filling an application for a citizen. */
export const assistInputSchema = z.object({
  fullName: z.string().trim().min(2, 'Cần họ tên người dân').max(200),
  idNumber: z
    .string()
    .trim()
    .regex(/^(\d{9}|\d{12})$/, 'Số định danh cá nhân (CCCD) 12 số hoặc CMND 9 số'),
  phone: z
    .string()
    .trim()
    .regex(/^0\d{9}$/, 'Số điện thoại 10 số, bắt đầu bằng 0'),
  method: z.enum(CONSENT_METHODS),
  /** The citizen's signed consent, scanned (optional). */
  fileId: z.uuid().optional(),
  note: z.string().trim().max(1000).optional(),
  /** The team, when the assistant belongs to several. */
  teamId: z.uuid().optional(),
  /** The assistant confirms the citizen agreed: no submission on anyone's behalf without it. */
  consent: z.literal(true, 'Cần xác nhận người dân đã đồng ý cho nộp thay'),
});

export const createApplicationSchema = z.object({
  procedureCode: z.string().trim().min(1).max(50),
  /** Members of a community digital team: the citizen they submit for, and the citizen's consent. */
  assisted: assistInputSchema.optional(),
});

export const applicationDocumentSchema = z.object({
  index: z.number().int().min(0),
  fileIds: z.array(z.uuid()).max(20),
});

export const saveApplicationSchema = z.object({
  revision: z.number().int().min(1),
  answers: z.record(z.string(), z.unknown()).optional(),
  documents: z.array(applicationDocumentSchema).max(100).optional(),
  unitCode: z.string().trim().min(1).max(50).nullable().optional(),
  resultDelivery: resultDeliverySchema.nullable().optional(),
  deliveryAddress: z.string().trim().max(500).nullable().optional(),
  feeIndexes: z.array(z.number().int().min(0)).max(50).optional(),
  /** The ground for paying none of the fees, when the applicant declares one (checked by the office). */
  feeExemption: z.string().trim().max(500).nullable().optional(),
});

const idParams = z.object({ id: z.string().max(100) });

const fileSchema = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number(),
  mediaType: z.string(),
  purpose: z.string(),
  createdAt: z.string(),
});

// Who submitted for a citizen, and how they agreed: the staff contract's assistedSchema (one shape).

/**
 * The e-form and the answers go out as stored: the e-form was checked against the domain's schema
 * when the procedure was saved, the answers are the citizen's draft. The checks here stay loose (a
 * stricter response schema would strip or refuse stored data); the types are the domain's.
 */
const eFormSchema = z
  .object({ version: z.literal(1), groups: z.array(z.unknown()) })
  .describe('The e-form to render') as unknown as z.ZodType<EFormDefinition>;
const answersSchema = z.record(z.string(), z.unknown()) as unknown as z.ZodType<FormAnswers>;

export const applicationViewSchema = z.object({
  id: z.string(),
  status: applicationStatusSchema,
  code: z.string().nullable(),
  revision: z.number(),
  procedure: z.object({
    code: z.string(),
    version: z.number(),
    name: z.string(),
    processingTimeText: z.string().nullable(),
    postalReturn: z.boolean(),
    fees: z.array(z.object({ amount: z.number(), condition: z.string() })),
    feeNote: z.string().nullable(),
    documents: z.array(
      z
        .object({
          name: z.string(),
          required: z.boolean(),
          copies: z.number().optional(),
          form: z.string().optional(),
          template: z.string().nullable().optional(),
        })
        .loose(),
    ),
  }),
  form: eFormSchema,
  units: z.array(z.object({ code: z.string(), name: z.string(), address: z.string().nullable() })),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  answers: answersSchema,
  documents: z.array(z.object({ index: z.number(), fileIds: z.array(z.string()) })),
  feeIndexes: z.array(z.number()),
  feeExemption: z.string().nullable(),
  resultDelivery: resultDeliverySchema.nullable(),
  deliveryAddress: z.string().nullable(),
  postalFee: z.number(),
  fees: z.object({
    items: z.array(z.object({ label: z.string(), amount: z.number() })),
    total: z.number(),
  }),
  paid: z.boolean(),
  payments: z.array(
    z.object({
      id: z.string(),
      state: z.string(),
      amount: z.number(),
      method: z.string(),
      receiptNumber: z.string().nullable(),
      paidAt: z.string().nullable(),
    }),
  ),
  files: z.array(fileSchema),
  refusalReason: z.string().nullable(),
  assisted: assistedSchema.nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  updatedAt: z.string(),
  dossier: z
    .object({
      status: z.string(),
      receivedAt: z.string(),
      dueAt: z.string(),
      appointmentAt: z.string(),
      resolvedAt: z.string().nullable(),
      returnedAt: z.string().nullable(),
      supplementRequest: z
        .object({ at: z.string(), reason: z.string(), items: z.array(z.string()) })
        .nullable(),
      resultReady: z.boolean(),
    })
    .nullable(),
  /** What the citizen may do now (lifecycle, fees owed, supplement asked); empty for an officer. */
  allowedActions: z.array(z.enum(CITIZEN_APPLICATION_ACTIONS)),
});

export const applicationListItemSchema = z.object({
  id: z.string(),
  status: applicationStatusSchema,
  code: z.string().nullable(),
  procedureCode: z.string(),
  procedureName: z.string(),
  /** For a community digital team member: the citizen the application is for. */
  assistedFor: z.string().nullable(),
  unitName: z.string().nullable(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  /** The dossier's own status once accepted. */
  dossierStatus: z.string().nullable(),
  appointmentAt: z.string().nullable(),
});

export const pendingApplicationSchema = z.object({
  id: z.string(),
  code: z.string().nullable(),
  status: applicationStatusSchema,
  procedureCode: z.string(),
  procedureName: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  applicantName: z.string(),
  submittedAt: z.string().nullable(),
  paid: z.boolean(),
  /** Submitted for the citizen by a community digital team member (details in the application). */
  assisted: z.boolean(),
});

const place = z.object({ code: z.string(), name: z.string() });

export const applicationsContract = defineContract('applications', {
  divisions: operation('GET /public/divisions', {
    summary: 'Provinces, and the communes served here, for address pickers',
    description:
      'The 34 provinces and centrally-run cities (since 1 July 2025). Communes are listed for the jurisdictions this installation serves (keyed by province code); elsewhere the commune is typed.',
    response: {
      200: z.object({ provinces: z.array(place), communes: z.record(z.string(), z.array(place)) }),
    },
  }),

  // ------------------------------------------------------------ the citizen
  start: operation('POST /me/applications', {
    summary: 'Start an online application (or resume the open draft for the procedure)',
    description:
      'Citizen accounts, and members of a community digital team (role `assistant`) who submit for a citizen: ' +
      'they must send `assisted` {fullName, idNumber, phone, method: signed_form|in_person, fileId?, note?, teamId?, ' +
      'consent: true}; the consent is recorded and audited, the applicant group is prefilled from it, and the ' +
      'dossier shows who assisted. 201 with a new draft prefilled from the saved profile, or 200 with the ' +
      'existing draft for the same procedure (and, for an assistant, the same citizen). 422 `not_online` when ' +
      'the procedure is counter-only; 403 `no_team` for an assistant in no team, `assistant_only` for a citizen ' +
      'sending `assisted`.',
    security: staffSecurity,
    body: createApplicationSchema,
    response: {
      200: applicationViewSchema,
      201: applicationViewSchema,
      403: problemSchema,
      422: problemSchema,
    },
  }),
  mine: operation('GET /me/applications', {
    summary: 'My dossiers: drafts, submitted applications and the dossiers they became',
    security: staffSecurity,
    response: { 200: z.object({ items: z.array(applicationListItemSchema) }) },
  }),
  getMine: operation('GET /me/applications/:id', {
    summary: 'One of my applications, with its form, files, fees, payments and dossier progress',
    security: staffSecurity,
    params: idParams,
    response: { 200: applicationViewSchema, 404: problemSchema },
  }),
  save: operation('PUT /me/applications/:id', {
    summary: 'Autosave a draft',
    description:
      'Send the `revision` last read; fields left out are kept. A stale revision (saved meanwhile from another device) gets 409 `draft_conflict`; a submitted application gets 409 `not_draft`.',
    security: staffSecurity,
    params: idParams,
    body: saveApplicationSchema,
    response: {
      200: z.object({ revision: z.number(), updatedAt: z.string() }),
      400: problemSchema,
      404: problemSchema,
      409: problemSchema,
    },
  }),
  submit: operation('POST /me/applications/:id/submit', {
    summary: 'Submit a complete draft',
    description:
      'Checks every answer, the attachments of required documents, the office and the delivery choice; 400 `validation_failed` lists each field (`answers.<group>.<field>`, `documents.<index>`, `unitCode`, …) in the language of Accept-Language. On success a dossier code is reserved and the citizen is notified (and told the fee due).',
    security: staffSecurity,
    params: idParams,
    body: z.object({ revision: z.number().int().min(1) }),
    response: {
      200: applicationViewSchema,
      400: problemSchema,
      404: problemSchema,
      409: problemSchema,
    },
  }),
  withdraw: operation('POST /me/applications/:id/withdraw', {
    summary: 'Withdraw a draft or a submitted application not yet accepted',
    security: staffSecurity,
    params: idParams,
    response: { 204: z.null(), 404: problemSchema, 409: problemSchema },
  }),
  supplement: operation('POST /me/applications/:id/supplement', {
    summary: 'Hand in the documents the office asked for',
    description:
      'Upload the files first (`POST /api/v1/files`, purpose `supplement`, the dossier code); this tells the officers, who confirm with the `receive_supplement` action (the clock resumes then).',
    security: staffSecurity,
    params: idParams,
    body: z.object({
      fileIds: z.array(z.uuid()).min(1).max(50),
      note: z.string().trim().max(2000).optional(),
    }),
    response: { 204: z.null(), 400: problemSchema, 404: problemSchema, 409: problemSchema },
  }),

  // ------------------------------------------------------------ the receiving unit
  inbox: operation('GET /applications', {
    summary: 'Online applications of my units (default: waiting for acceptance)',
    security: staffSecurity,
    querystring: z.object({
      unitCode: z.string().max(50).optional(),
      status: applicationStatusSchema.optional(),
    }),
    response: { 200: z.object({ items: z.array(pendingApplicationSchema) }), 403: problemSchema },
  }),
  get: operation('GET /applications/:id', {
    summary: 'An online application, for the officers of its unit',
    security: staffSecurity,
    params: idParams,
    response: { 200: applicationViewSchema, 404: problemSchema },
  }),
  accept: operation('POST /applications/:id/accept', {
    summary: 'Accept: the dossier is received (channel online) with the reserved code; its clock starts now',
    security: staffSecurity,
    params: idParams,
    response: {
      200: z.object({ code: z.string() }),
      403: problemSchema,
      404: problemSchema,
      409: problemSchema,
    },
  }),
  refuse: operation('POST /applications/:id/refuse', {
    summary: 'Refuse to accept, with the reason the citizen is told',
    security: staffSecurity,
    params: idParams,
    body: z.object({ reason: z.string().trim().min(1).max(2000) }),
    response: { 204: z.null(), 403: problemSchema, 404: problemSchema, 409: problemSchema },
  }),
});

export type AssistInput = z.output<typeof assistInputSchema>;
export type CreateApplicationInput = z.output<typeof createApplicationSchema>;
export type SaveApplicationInput = z.output<typeof saveApplicationSchema>;
export type ApplicationDocument = z.output<typeof applicationDocumentSchema>;
export type PendingApplication = z.output<typeof pendingApplicationSchema>;
export type ApplicationListItem = z.output<typeof applicationListItemSchema>;
