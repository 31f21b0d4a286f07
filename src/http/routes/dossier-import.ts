import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../domain/errors.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import { exportDossiers, importDossiers } from '../../services/dossiers/index.ts';
import { requireActor } from '../auth.ts';
import { dossiersContract } from '../../contracts/dossiers.ts';
import { guardByTable } from '../authorization-table.ts';

/** A historical file can be large: it is read as a stream, line by line, up to this size. */
const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;

export async function dossierImportRoutes(app: FastifyInstance, { ctx }: { ctx: ServiceContext }) {
  guardByTable(app);
  // NDJSON bodies are handed over as the raw stream: never buffered whole.
  app.addContentTypeParser(['application/x-ndjson', 'application/ndjson'], (_request, payload, done) =>
    done(null, payload),
  );
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(dossiersContract.import.path, { schema: dossiersContract.import.schema }, async (request) => {
    const actor = requireActor(request);
    const body = request.body as Readable;
    // Another content type (JSON, text) was parsed already: only NDJSON is streamed to the importer.
    if (typeof body?.on !== 'function')
      throw new AppError(415, 'unsupported_media_type', 'Dữ liệu nhập phải là application/x-ndjson');
    let bytes = 0;
    body.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_IMPORT_BYTES) body.destroy(new Error('import body too large'));
    });
    return importDossiers(
      ctx,
      actor,
      { ip: request.ip, requestId: request.id },
      createInterface({ input: body, crlfDelay: Number.POSITIVE_INFINITY }),
      { dryRun: request.query.dryRun === 'true', batchSize: request.query.batchSize },
    );
  });

  r.get(dossiersContract.export.path, { schema: dossiersContract.export.schema }, async (request, reply) => {
    const actor = requireActor(request);
    const q = request.query;
    const lines = exportDossiers(ctx, actor, q);
    // Read the first line before answering, so a 403/404 is a problem document, not a broken stream.
    const first = await lines.next();
    async function* all() {
      if (!first.done) yield first.value;
      yield* lines;
    }
    return reply
      .type('application/x-ndjson; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="ho-so-${q.unit ?? 'tat-ca'}-${q.from}-${q.to}.ndjson"`,
      )
      .send(Readable.from(all()) as never);
  });
}
