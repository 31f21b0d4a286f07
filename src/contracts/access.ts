/**
 * The access context's operations: the hierarchy of units (public list, adding a unit) and the
 * personal-data access log that auditors read.
 */
import { z } from 'zod';
import { UNIT_LEVELS, unitLevelSchema } from '../domain/catalog/procedure.ts';
import { localDateSchema, pageQuery, problemSchema, staffSecurity } from './common.ts';
import { defineContract, operation } from './operation.ts';

export const publicUnitSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(UNIT_LEVELS),
  parentCode: z.string().nullable(),
  hasCounter: z.boolean(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
});
export type PublicUnit = z.output<typeof publicUnitSchema>;

export const unitInputSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[0-9A-Za-z._-]+$/),
  name: z.string().trim().min(2).max(300),
  level: unitLevelSchema,
  parentCode: z.string().trim().min(1).nullish(),
  hasCounter: z.boolean().default(false),
  address: z.string().trim().max(500).nullish(),
  phone: z.string().trim().max(50).nullish(),
  hotline: z.string().trim().max(50).nullish(),
});

/** What a staff look-up of personal data is logged as. */
export const ACCESS_ACTIONS = [
  /** The inbox searched with an ID number (`GET /dossiers?q=<ID number>`): one row per dossier found. */
  'applicant.search_by_id',
  /** The applicant details of the latest dossier with an ID number, to reuse at reception. */
  'applicant.lookup_by_id',
  /** An attachment downloaded by staff. */
  'file.download',
  /** A dossier tracked by a signed-in staff member with the applicant's phone or ID number. */
  'dossier.track',
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

export const accessLogItemSchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string(),
  actorUsername: z.string(),
  action: z.string(),
  subjectType: z.string().describe('`id_number`, `phone` or `file`'),
  subject: z.string().describe('Masked ID number or phone (last digits only), or the file id'),
  dossierCode: z.string().nullable(),
  unitCode: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});

export const accessContract = defineContract('access', {
  units: operation('GET /public/units', {
    summary: 'Units (province, communes, agencies) as a tree by parentCode',
    response: { 200: z.object({ items: z.array(publicUnitSchema) }) },
  }),
  createUnit: operation('POST /admin/units', {
    summary: 'Add a unit to the hierarchy (province, district, commune or agency)',
    security: staffSecurity,
    body: unitInputSchema,
    response: { 201: publicUnitSchema, 400: problemSchema, 403: problemSchema, 409: problemSchema },
  }),
  accessLog: operation('GET /admin/access-log', {
    summary: 'Personal-data access log: staff look-ups by ID number, file downloads, tracking by staff',
    description: [
      'Every staff look-up of personal data: `applicant.search_by_id` (inbox search by ID number, one row per',
      'dossier found), `applicant.lookup_by_id` (reception prefill), `file.download`, `dossier.track` (tracking with',
      'the applicant’s phone or ID number while signed in as staff). Who, what (masked: never the clear ID number',
      'or phone), why (the dossier), when, IP address and request id; newest first.',
      '`from`/`to` are inclusive Vietnam dates; `idNumber` finds the look-ups of one person (compared by hash).',
      '`format=csv` downloads every matching row (UTF-8 with BOM). Auditors and system administrators see all;',
      'a unit administrator the look-ups of dossiers of the units administered. Others: 403.',
    ].join(' '),
    security: staffSecurity,
    querystring: z.object({
      from: localDateSchema.optional(),
      to: localDateSchema.optional(),
      actor: z.string().max(100).optional().describe('username'),
      action: z.enum(ACCESS_ACTIONS).optional(),
      dossier: z.string().max(80).optional().describe('dossier code'),
      idNumber: z
        .string()
        .regex(/^(\d{9}|\d{12})$/, 'Số định danh gồm 9 hoặc 12 chữ số')
        .optional(),
      format: z.enum(['json', 'csv']).default('json'),
      ...pageQuery,
    }),
    response: {
      200: z.object({
        items: z.array(accessLogItemSchema),
        total: z.number(),
        page: z.number(),
        pageSize: z.number(),
      }),
      400: problemSchema,
      401: problemSchema,
      403: problemSchema,
    },
  }),
});

export type UnitInput = z.input<typeof unitInputSchema>;
export type UnitInputParsed = z.output<typeof unitInputSchema>;
