/** The files context's operations: one upload per attachment, its download, its removal from a draft. */
import { z } from 'zod';
import { ACCEPTED_MEDIA_TYPES } from '../domain/files/sniff.ts';
import { problemSchema } from './common.ts';
import { defineContract, operation } from './operation.ts';

/** What an attachment is for: it decides who may upload it and where it belongs. */
export const FILE_PURPOSES = ['application', 'supplement', 'result', 'feedback'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

/** The text fields of an upload, read by the route from the multipart parts. */
export const uploadFieldsSchema = z.object({
  purpose: z.enum(FILE_PURPOSES),
  applicationId: z.uuid().optional(),
  dossierCode: z.string().trim().min(1).max(80).optional(),
  feedbackId: z.string().trim().min(1).max(80).optional(),
});

/**
 * Only documents the multipart body for OpenAPI: the route skips body validation (the parser hands
 * over no body) and the handler checks the parts itself with uploadFieldsSchema.
 */
const uploadBodyDoc = uploadFieldsSchema.extend({
  file: z.string().meta({ format: 'binary', description: 'The file: PDF, JPEG or PNG (checked by content)' }),
});

export const storedFileSchema = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().int(),
  mediaType: z.enum(ACCEPTED_MEDIA_TYPES),
  sha256: z.string(),
  scanStatus: z.enum(['clean', 'skipped']),
});
export type StoredFile = z.output<typeof storedFileSchema>;

/**
 * The download's 200: the bytes in their detected type, documented per media type. Not a zod type
 * (Fastify's swagger reads `content` as is); to a caller its output is unknown bytes.
 */
const binaryDownload = {
  description: 'The bytes as uploaded, with their detected type',
  content: Object.fromEntries(
    ACCEPTED_MEDIA_TYPES.map((t) => [t, { schema: z.string().meta({ format: 'binary' }) }]),
  ),
} as unknown as z.ZodUnknown;

const fileSecurity: { [label: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }, {}];
const fileParams = z.object({ id: z.uuid() });

/** `maxFileBytes` and `maxDossierBytes` are the installation's: the route completes the description. */
export const uploadDescription = (maxFile: string, maxDossier: string) =>
  [
    'A `multipart/form-data` body: the text fields `purpose` (`application` | `supplement` | `result` | `feedback`),',
    'then `applicationId` (purpose `application`: the caller’s draft online application) or `dossierCode`',
    '(`supplement`: the caller’s dossier waiting for a supplement; `result`: staff of the dossier’s current unit),',
    'then exactly one file part named `file` (send the text fields first).',
    `Accepted: PDF, JPEG, PNG, recognised by their first bytes, not by name or declared type → else 415 \`unsupported_file_type\`.`,
    `At most ${maxFile} per file → else 413 \`file_too_large\`; at most ${maxDossier}`,
    'per application or dossier → else 413 `dossier_files_too_large`. An infected file → 422 `file_infected`;',
    'scanner down → 503 `scan_unavailable`. `feedback` uploads need no login but a `feedbackId`: an open',
    'feedback item sent within the hour (else 404 `feedback_not_found`), at most 5 files per item (409',
    '`too_many_files`) and 20 per address and hour (429); the others need a login (401).',
  ].join(' ');

export const filesContract = defineContract('files', {
  upload: operation('POST /files', {
    summary: 'Upload one attachment (multipart/form-data)',
    security: fileSecurity,
    consumes: ['multipart/form-data'],
    body: uploadBodyDoc,
    response: {
      201: storedFileSchema,
      400: problemSchema,
      401: problemSchema,
      403: problemSchema,
      404: problemSchema,
      409: problemSchema,
      413: problemSchema,
      415: problemSchema,
      422: problemSchema,
      503: problemSchema,
    },
  }),
  download: operation('GET /files/:id', {
    summary: 'Download an attachment',
    description:
      'For the uploader, the citizen owning the application or dossier, and staff who can see the dossier (or the submitted application’s unit). Anyone else gets 404 `file_not_found`, so ids cannot be probed.',
    security: fileSecurity,
    params: fileParams,
    produces: [...ACCEPTED_MEDIA_TYPES],
    response: { 200: binaryDownload, 404: problemSchema },
  }),
  remove: operation('DELETE /files/:id', {
    summary: 'Remove an attachment from a draft application',
    description: 'Only the uploader, only while the application is a draft (else 409 `file_locked`).',
    security: fileSecurity,
    params: fileParams,
    response: {
      204: z.null(),
      401: problemSchema,
      403: problemSchema,
      404: problemSchema,
      409: problemSchema,
    },
  }),
});
