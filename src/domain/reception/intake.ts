/** What a receptionist (or, later, a citizen online) submits to open a dossier. Shared with the web app. */
import { z } from 'zod';
import { compactPhone, ID_NUMBER_RE, PHONE_RE } from '../contact.ts';

export const CHANNELS = ['counter', 'online', 'postal'] as const;
export const RESULT_DELIVERIES = ['counter', 'postal', 'online'] as const;

/** CCCD (12 digits) or the older CMND (9 digits). */
export const idNumberSchema = z
  .string()
  .trim()
  .regex(ID_NUMBER_RE, 'Số định danh cá nhân / CCCD gồm 12 chữ số (CMND cũ: 9 chữ số)');

export const phoneSchema = z
  .string()
  .trim()
  .transform(compactPhone)
  .pipe(z.string().regex(PHONE_RE, 'Số điện thoại không hợp lệ (vd. 0912345678)'));

export const applicantSchema = z.object({
  fullName: z.string().trim().min(2, 'Cần họ và tên').max(200),
  idNumber: idNumberSchema,
  phone: phoneSchema,
  email: z.email('E-mail không hợp lệ').optional(),
  address: z.string().trim().max(500).optional(),
  organization: z.string().trim().max(300).optional(),
});
export type Applicant = z.infer<typeof applicantSchema>;

export const submittedDocumentSchema = z.object({
  /** Position of the document in the procedure version's checklist (0-based). */
  index: z.number().int().min(0),
  form: z.enum(['original', 'copy', 'certified_copy']).default('original'),
  copies: z.number().int().min(1).max(100).default(1),
  fileId: z.string().max(100).optional(),
});

export const intakeSchema = z.object({
  procedureCode: z.string().trim().min(1),
  unitCode: z.string().trim().min(1),
  channel: z.enum(CHANNELS),
  applicant: applicantSchema,
  formData: z.record(z.string(), z.unknown()).default({}),
  documents: z.array(submittedDocumentSchema).max(100).default([]),
  resultDelivery: z.enum(RESULT_DELIVERIES).default('counter'),
  /** Which rows of the procedure's fee table apply to this dossier (0-based); none = no fee. */
  feeIndexes: z.array(z.number().int().min(0)).max(50).default([]),
  /** Number of sets (bộ hồ sơ). */
  sets: z.number().int().min(1).max(50).default(1),
  /** Postal address when the result goes by post. */
  deliveryAddress: z.string().trim().max(500).optional(),
});
export type IntakeInput = z.infer<typeof intakeSchema>;

/** Linked procedures submitted together: shared applicant and delivery, one checklist per procedure. */
export const bundleSchema = intakeSchema
  .omit({ procedureCode: true, documents: true, formData: true, feeIndexes: true, sets: true })
  .extend({
    items: z
      .array(
        z.object({
          procedureCode: z.string().trim().min(1),
          documents: z.array(submittedDocumentSchema).max(100).default([]),
          formData: z.record(z.string(), z.unknown()).default({}),
          feeIndexes: z.array(z.number().int().min(0)).max(50).default([]),
        }),
      )
      .min(2, 'Một bộ liên thông có ít nhất 2 thủ tục')
      .max(5),
  });
