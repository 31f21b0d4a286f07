/**
 * The catalog context's operations: fields and procedures for the public (search, one procedure
 * with its versions) and for administrators (list, publish, amend, retire).
 */
import { z } from 'zod';
import {
  DOCUMENT_FORMS,
  procedureAmendSchema,
  procedureCreateSchema,
  processingTimeSchema,
  UNIT_LEVELS,
} from '../domain/catalog/procedure.ts';
import { pageQuery, problemSchema, staffSecurity } from './common.ts';
import { defineContract, operation } from './operation.ts';

export const fieldSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  procedureCount: z.number(),
});

export const procedureSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  field: z.object({ code: z.string(), name: z.string() }),
  levels: z.array(z.enum(UNIT_LEVELS)),
  processingTime: processingTimeSchema,
  processingTimeText: z.string().nullable(),
  onlineLevel: z.enum(['full', 'partial', 'counter']),
  feeFrom: z.number().nullable(),
  status: z.enum(['active', 'retired']),
});

export const procedureDetailSchema = z.object({
  ...procedureSummarySchema.shape,
  units: z.array(z.object({ code: z.string(), name: z.string() })),
  fees: z.array(z.object({ amount: z.number(), condition: z.string() })),
  feeNote: z.string().nullable(),
  documents: z.array(
    z.object({
      name: z.string(),
      copies: z.number(),
      form: z.enum(DOCUMENT_FORMS),
      required: z.boolean(),
      template: z.string().nullable(),
    }),
  ),
  conditions: z.string().nullable(),
  postalSubmission: z.boolean(),
  postalReturn: z.boolean(),
  resultType: z.string().nullable(),
  legalBasis: z.array(z.string()),
  steps: z.array(z.string()),
  implementingAgency: z.string().nullable(),
  eForm: z.unknown().nullable(),
  source: z.string().nullable(),
  unconfirmed: z.array(z.string()),
  version: z.object({ number: z.number(), effectiveFrom: z.string() }),
  versions: z.array(
    z.object({
      number: z.number(),
      effectiveFrom: z.string(),
      changeNote: z.string().nullable(),
      createdAt: z.string(),
      inForce: z.boolean(),
      changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
    }),
  ),
});

export const procedurePageSchema = z.object({
  items: z.array(procedureSummarySchema),
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
  /** Set when misspelt words were corrected, e.g. "khei sinh" → "khai sinh". */
  correctedQuery: z.string().nullable(),
});

const codeParams = z.object({ code: z.string().max(40) });

export const catalogContract = defineContract('catalog', {
  fields: operation('GET /public/fields', {
    summary: 'Fields (lĩnh vực) with the number of active procedures',
    response: { 200: z.object({ items: z.array(fieldSchema) }) },
  }),
  search: operation('GET /public/procedures', {
    summary: 'Search the catalog',
    description:
      'Diacritic- and case-insensitive ranked search ("dang ky khai sinh" finds "Đăng ký khai sinh" first); every word must match, misspellings match by trigram similarity.',
    querystring: z.object({
      q: z.string().max(200).optional(),
      field: z.string().max(20).optional(),
      unit: z.string().max(40).optional(),
      level: z.enum(UNIT_LEVELS).optional(),
      ...pageQuery,
    }),
    response: { 200: procedurePageSchema },
  }),
  procedure: operation('GET /public/procedures/:code', {
    summary: 'One procedure: the version in force, and every version with what changed',
    params: codeParams,
    response: { 200: procedureDetailSchema, 404: problemSchema },
  }),
  adminList: operation('GET /admin/procedures', {
    summary: 'Procedures for administration (active, retired or all)',
    security: staffSecurity,
    querystring: z.object({
      q: z.string().max(200).optional(),
      field: z.string().max(20).optional(),
      status: z.enum(['active', 'retired', 'all']).default('all'),
      ...pageQuery,
    }),
    response: { 200: procedurePageSchema },
  }),
  create: operation('POST /admin/procedures', {
    summary: 'Publish a new procedure (version 1)',
    security: staffSecurity,
    body: procedureCreateSchema,
    response: { 201: procedureDetailSchema, 400: problemSchema, 403: problemSchema, 409: problemSchema },
  }),
  amend: operation('PUT /admin/procedures/:code', {
    summary: 'Amend a procedure: creates a new version effective from a date',
    security: staffSecurity,
    params: codeParams,
    body: procedureAmendSchema,
    response: { 200: procedureDetailSchema, 400: problemSchema, 403: problemSchema, 404: problemSchema },
  }),
  retire: operation('POST /admin/procedures/:code/retire', {
    summary: 'Retire (bãi bỏ) a procedure: it leaves the public catalog',
    security: staffSecurity,
    params: codeParams,
    response: { 200: procedureDetailSchema, 403: problemSchema, 404: problemSchema },
  }),
});

export type ProcedureSummary = z.output<typeof procedureSummarySchema>;
export type ProcedureDetail = z.output<typeof procedureDetailSchema>;
