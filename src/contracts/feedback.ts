/**
 * The feedback context's operations: feedback and complaints (phản ánh, kiến nghị) from the public
 * and their answers by staff, satisfaction ratings of returned dossiers, and the API keys of
 * third-party clients (Open311 apps) that send feedback.
 */
import { z } from 'zod';
import { RATING_LEVELS } from '../domain/statistics/activity.ts';
import { problemSchema, staffSecurity } from './common.ts';
import { defineContract, operation } from './operation.ts';

/** What feedback may be about (the service codes of Open311 too). */
export const FEEDBACK_CATEGORIES = [
  { code: 'procedure', name: 'Quy định, thủ tục hành chính', nameEn: 'Rules and procedures' },
  { code: 'attitude', name: 'Thái độ, tác phong cán bộ', nameEn: 'Officer attitude' },
  { code: 'delay', name: 'Chậm trễ giải quyết hồ sơ', nameEn: 'Late processing' },
  { code: 'fee', name: 'Phí, lệ phí', nameEn: 'Fees and charges' },
  { code: 'online', name: 'Dịch vụ công trực tuyến', nameEn: 'Online public services' },
  { code: 'other', name: 'Khác', nameEn: 'Other' },
] as const;
const CATEGORY_CODES = FEEDBACK_CATEGORIES.map((c) => c.code) as [string, ...string[]];

export const FEEDBACK_STATUSES = ['open', 'in_progress', 'answered', 'closed'] as const;

export const feedbackInputSchema = z
  .object({
    unitCode: z.string().trim().min(1),
    category: z.enum(CATEGORY_CODES),
    text: z.string().trim().min(10, 'Nội dung cần ít nhất 10 ký tự').max(5000),
    dossierCode: z.string().trim().max(80).optional(),
    name: z.string().trim().min(2).max(200),
    phone: z.string().trim().max(20).optional(),
    email: z.email().optional(),
    publish: z.boolean().default(false),
    address: z.string().trim().max(500).optional(),
    lat: z.string().max(30).optional(),
    long: z.string().max(30).optional(),
  })
  .refine((f) => f.phone || f.email, {
    message: 'Cần số điện thoại hoặc e-mail để nhận trả lời',
    path: ['phone'],
  });

/** A feedback item as the staff of its unit see it (with the submitter's contact data). */
export const staffFeedbackSchema = z.object({
  id: z.string(),
  category: z.string(),
  text: z.string(),
  dossierCode: z.string().nullable(),
  /** Who sent it and how to answer them, as submitted. */
  submitter: z.object({ name: z.string(), phone: z.string().optional(), email: z.string().optional() }),
  publishConsent: z.boolean(),
  status: z.string(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  dueAt: z.string(),
  source: z.string(),
  createdAt: z.string(),
});

export const ratingInputSchema = z.object({
  phone: z.string().max(20).optional(),
  idNumber: z.string().max(20).optional(),
  level: z.enum(RATING_LEVELS),
  criteria: z
    .object({
      attitude: z.enum(RATING_LEVELS).optional(),
      time: z.enum(RATING_LEVELS).optional(),
      ease: z.enum(RATING_LEVELS).optional(),
    })
    .default({}),
  comment: z.string().trim().max(1000).optional(),
});

/** A recorded rating (in the public tracking answer and the answer to a rating). */
export const ratingViewSchema = z.object({
  level: z.enum(RATING_LEVELS),
  /** Levels by criterion (`attitude`, `time`, `ease`), those given. */
  criteria: z.record(z.string(), z.string()),
  comment: z.string().nullable(),
  createdAt: z.string(),
});

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters of the key, to tell keys apart (the key itself is shown once, at issue). */
  prefix: z.string().nullable(),
  /** Units the key may post to, each with the units below it; null = every unit. */
  unitCodes: z.array(z.string()).nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

export const apiKeyInputSchema = z.object({
  name: z.string().trim().min(2).max(200),
  unitCodes: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
});

const idParams = z.object({ id: z.uuid() });

export const feedbackContract = defineContract('feedback', {
  categories: operation('GET /public/feedback/categories', {
    summary: 'Feedback categories',
    response: {
      200: z.object({
        items: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string() })),
      }),
    },
  }),
  submit: operation('POST /public/feedback', {
    summary: 'Send feedback or a complaint (phản ánh, kiến nghị) to a unit',
    body: feedbackInputSchema,
    response: {
      201: z.object({ id: z.string(), status: z.string(), dueAt: z.string() }),
      400: problemSchema,
      429: problemSchema,
    },
  }),
  published: operation('GET /public/feedback', {
    summary: 'Answered feedback whose authors agreed to publish it (no contact data)',
    response: {
      200: z.object({
        items: z.array(
          z.object({
            id: z.string(),
            unitName: z.string(),
            category: z.string(),
            text: z.string(),
            answer: z.string().nullable(),
            createdAt: z.string(),
            answeredAt: z.string().nullable(),
          }),
        ),
      }),
    },
  }),
  list: operation('GET /feedback', {
    summary: 'Feedback to the caller’s units',
    security: staffSecurity,
    querystring: z.object({ status: z.enum(FEEDBACK_STATUSES).optional() }),
    response: { 200: z.object({ items: z.array(staffFeedbackSchema) }) },
  }),
  answer: operation('POST /feedback/:id/answer', {
    summary: 'Answer a feedback item',
    security: staffSecurity,
    params: idParams,
    body: z.object({ answer: z.string().trim().min(5).max(5000) }),
    response: { 200: staffFeedbackSchema, 403: problemSchema, 404: problemSchema },
  }),
  setStatus: operation('POST /feedback/:id/status', {
    summary: 'Mark a feedback item in progress or closed',
    security: staffSecurity,
    params: idParams,
    body: z.object({ status: z.enum(['in_progress', 'closed']) }),
    response: { 200: staffFeedbackSchema, 403: problemSchema, 404: problemSchema },
  }),
  rate: operation('POST /public/track/:code/rating', {
    summary:
      'Rate the service after the result was returned (one rating per dossier; needs the phone or ID number)',
    params: z.object({ code: z.string().min(3).max(80) }),
    body: ratingInputSchema,
    response: {
      201: ratingViewSchema,
      404: problemSchema,
      409: problemSchema,
      422: problemSchema,
      429: problemSchema,
    },
  }),
  issueApiKey: operation('POST /admin/api-keys', {
    summary: 'Issue an API key for a third-party client (e.g. an Open311 app); the key is shown once',
    description:
      'Stored only as its SHA-256. `unitCodes` scopes the key to those units and the units below them ' +
      '(an Open311 POST elsewhere is refused); a unit administrator issues only keys scoped inside its units, ' +
      'the system administrator also unscoped ones.',
    security: staffSecurity,
    body: apiKeyInputSchema,
    response: {
      201: apiKeySchema.extend({ key: z.string() }),
      400: problemSchema,
      401: problemSchema,
      403: problemSchema,
    },
  }),
  apiKeys: operation('GET /admin/api-keys', {
    summary: 'The API keys the caller manages (name, prefix, units, issued, revoked), never the keys',
    security: staffSecurity,
    response: { 200: z.object({ items: z.array(apiKeySchema) }), 401: problemSchema, 403: problemSchema },
  }),
  revokeApiKey: operation('POST /admin/api-keys/:id/revoke', {
    summary: 'Revoke an API key: Open311 requests with it are refused from now on (audited)',
    security: staffSecurity,
    params: idParams,
    response: { 200: apiKeySchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
  }),
});

export type FeedbackInput = z.output<typeof feedbackInputSchema>;
export type RatingInput = z.output<typeof ratingInputSchema>;
export type StaffFeedback = z.output<typeof staffFeedbackSchema>;
export type RatingView = z.output<typeof ratingViewSchema>;
export type ApiKeyView = z.output<typeof apiKeySchema>;
export type ApiKeyInput = z.output<typeof apiKeyInputSchema>;
