/**
 * Attachments over HTTP: one multipart upload per file, download for whoever may see the file,
 * removal from a draft. The multipart parser lives only inside this plugin, so no other route
 * accepts multipart bodies.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { AppError } from '../../domain/errors.ts';
import { ACCEPTED_MEDIA_TYPES, attachmentDisposition } from '../../domain/files/sniff.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import {
  deleteFile,
  FILE_PURPOSES,
  fileTooLarge,
  formatSize,
  readFile,
  type StoredFileRow,
  storeUpload,
} from '../../services/dossiers/index.ts';
import { metaOf } from '../auth.ts';
import { problemSchema } from '../../contracts/common.ts';
import { guardByTable } from '../authorization-table.ts';

const security: { [label: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }, {}];

const uploadFieldsSchema = z.object({
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

const storedFileSchema = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().int(),
  mediaType: z.enum(ACCEPTED_MEDIA_TYPES),
  sha256: z.string(),
  scanStatus: z.enum(['clean', 'skipped']),
});

export function storedFileView(row: StoredFileRow): z.infer<typeof storedFileSchema> {
  return {
    id: row.id,
    name: row.originalName,
    size: row.size,
    mediaType: row.mediaType as z.infer<typeof storedFileSchema>['mediaType'],
    sha256: row.sha256,
    scanStatus: row.scanStatus,
  };
}

const LIMIT_MESSAGES: Record<string, string> = {
  FST_FILES_LIMIT: 'Mỗi lần chỉ gửi một tệp',
  FST_FIELDS_LIMIT: 'Quá nhiều trường dữ liệu trong yêu cầu',
  FST_PARTS_LIMIT: 'Quá nhiều phần trong yêu cầu',
};

/**
 * Reads the multipart parts: the text fields and the one file. Busboy stops storing a file at the
 * size limit and only flags it `truncated`; the flag is checked here so a cut file is refused with
 * 413 instead of being stored short. The rest of the body is still read before answering, so the
 * browser receives the 413 rather than a connection reset mid-upload.
 */
async function readUpload(request: FastifyRequest, config: Config) {
  if (!request.isMultipart())
    throw new AppError(415, 'unsupported_media_type', 'Cần gửi tệp dạng multipart/form-data');
  const fields: Record<string, string> = {};
  let file: { name: string; bytes: Buffer } | null = null;
  let truncated = false;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      if (part.file.truncated) truncated = true;
      else if (part.fieldname === 'file') file = { name: part.filename, bytes: Buffer.concat(chunks) };
    }
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(config);
    if (LIMIT_MESSAGES[code]) throw new AppError(413, 'payload_too_large', LIMIT_MESSAGES[code]!);
    if (error instanceof Error && /multipart|boundary/i.test(error.message))
      throw new AppError(400, 'malformed_multipart', 'Dữ liệu multipart không đọc được');
    throw error;
  }
  if (truncated) throw fileTooLarge(config);
  const parsed = uploadFieldsSchema.parse(fields);
  if (!file)
    throw new AppError(400, 'validation_failed', 'Chưa chọn tệp', [
      { path: 'file', message: 'Chưa chọn tệp' },
    ]);
  return { ...parsed, ...file };
}

export async function filesRoutes(
  app: FastifyInstance,
  { ctx, config }: { ctx: ServiceContext; config: Config },
) {
  guardByTable(app);
  // fileSize one byte over the limit: a file of exactly the limit passes whole, a larger one is
  // flagged truncated (and refused) without ever holding more than limit + 1 bytes in memory.
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: config.maxFileBytes + 1, files: 1, fields: 10, fieldSize: 1000, parts: 12 },
  });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/files',
    {
      // route.schema is the part's own (zod) schema at run time; the route-level typing does not say so.
      validatorCompiler: (route) =>
        route.httpPart === 'body'
          ? () => true
          : validatorCompiler(route as unknown as Parameters<typeof validatorCompiler>[0]),
      schema: {
        tags: ['files'],
        summary: 'Upload one attachment (multipart/form-data)',
        description: [
          'A `multipart/form-data` body: the text fields `purpose` (`application` | `supplement` | `result` | `feedback`),',
          'then `applicationId` (purpose `application`: the caller’s draft online application) or `dossierCode`',
          '(`supplement`: the caller’s dossier waiting for a supplement; `result`: staff of the dossier’s current unit),',
          'then exactly one file part named `file` (send the text fields first).',
          `Accepted: PDF, JPEG, PNG, recognised by their first bytes, not by name or declared type → else 415 \`unsupported_file_type\`.`,
          `At most ${formatSize(config.maxFileBytes)} per file → else 413 \`file_too_large\`; at most ${formatSize(config.maxDossierBytes)}`,
          'per application or dossier → else 413 `dossier_files_too_large`. An infected file → 422 `file_infected`;',
          'scanner down → 503 `scan_unavailable`. `feedback` uploads need no login but a `feedbackId`: an open',
          'feedback item sent within the hour (else 404 `feedback_not_found`), at most 5 files per item (409',
          '`too_many_files`) and 20 per address and hour (429); the others need a login (401).',
        ].join(' '),
        security,
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
      },
    },
    async (request, reply) => {
      const upload = await readUpload(request, config);
      const row = await storeUpload(
        ctx,
        config,
        request.actor,
        {
          purpose: upload.purpose,
          applicationId: upload.applicationId,
          dossierCode: upload.dossierCode,
          feedbackId: upload.feedbackId,
          name: upload.name,
          bytes: upload.bytes,
        },
        { meta: metaOf(request) },
      );
      return reply.status(201).send(storedFileView(row));
    },
  );

  r.get(
    '/files/:id',
    {
      schema: {
        tags: ['files'],
        summary: 'Download an attachment',
        description:
          'For the uploader, the citizen owning the application or dossier, and staff who can see the dossier (or the submitted application’s unit). Anyone else gets 404 `file_not_found`, so ids cannot be probed.',
        security,
        params: z.object({ id: z.uuid() }),
        produces: [...ACCEPTED_MEDIA_TYPES],
        response: {
          200: {
            description: 'The bytes as uploaded, with their detected type',
            content: Object.fromEntries(
              ACCEPTED_MEDIA_TYPES.map((t) => [t, { schema: z.string().meta({ format: 'binary' }) }]),
            ),
          },
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const { row, bytes } = await readFile(ctx, config, request.actor, request.params.id, {
        meta: metaOf(request),
      });
      return (
        reply
          .status(200)
          .header('content-type', row.mediaType)
          .header('content-disposition', attachmentDisposition(row.originalName))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('x-checksum-sha256', row.sha256)
          // The 200 schema documents binary content; Fastify sends a Buffer as is, without serialising.
          .send(bytes as unknown as string)
      );
    },
  );

  r.delete(
    '/files/:id',
    {
      schema: {
        tags: ['files'],
        summary: 'Remove an attachment from a draft application',
        description: 'Only the uploader, only while the application is a draft (else 409 `file_locked`).',
        security,
        params: z.object({ id: z.uuid() }),
        response: {
          204: z.null(),
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request, reply) => {
      await deleteFile(ctx, config, request.actor, request.params.id, { meta: metaOf(request) });
      return reply.status(204).send(null);
    },
  );
}
