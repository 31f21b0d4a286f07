/**
 * Attachments over HTTP: one multipart upload per file, download for whoever may see the file,
 * removal from a draft. The multipart parser lives only inside this plugin, so no other route
 * accepts multipart bodies.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../config.ts';
import { AppError } from '../../domain/errors.ts';
import { attachmentDisposition } from '../../domain/files/sniff.ts';
import {
  filesContract,
  type StoredFile,
  uploadDescription,
  uploadFieldsSchema,
} from '../../contracts/files.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import {
  deleteFile,
  fileTooLarge,
  formatSize,
  readFile,
  type StoredFileRow,
  storeUpload,
} from '../../services/dossiers/index.ts';
import { metaOf } from '../auth.ts';
import { guardByTable } from '../authorization-table.ts';

export function storedFileView(row: StoredFileRow): StoredFile {
  return {
    id: row.id,
    name: row.originalName,
    size: row.size,
    mediaType: row.mediaType as StoredFile['mediaType'],
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
    filesContract.upload.path,
    {
      // route.schema is the part's own (zod) schema at run time; the route-level typing does not say so.
      validatorCompiler: (route) =>
        route.httpPart === 'body'
          ? () => true
          : validatorCompiler(route as unknown as Parameters<typeof validatorCompiler>[0]),
      schema: {
        ...filesContract.upload.schema,
        description: uploadDescription(formatSize(config.maxFileBytes), formatSize(config.maxDossierBytes)),
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

  r.get(filesContract.download.path, { schema: filesContract.download.schema }, async (request, reply) => {
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
  });

  r.delete(filesContract.remove.path, { schema: filesContract.remove.schema }, async (request, reply) => {
    await deleteFile(ctx, config, request.actor, request.params.id, { meta: metaOf(request) });
    return reply.status(204).send(null);
  });
}
