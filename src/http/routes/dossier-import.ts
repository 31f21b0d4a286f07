import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import { exportDossiers, importDossiers } from '../../services/dossiers/index.ts';
import { requireActor } from '../auth.ts';
import { problemSchema } from '../../contracts/common.ts';
import { guardByTable } from '../authorization-table.ts';

const security: { [label: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
/** A historical file can be large: it is read as a stream, line by line, up to this size. */
const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;

const summarySchema = z.object({
  dryRun: z.boolean(),
  lines: z.number().int(),
  imported: z.number().int(),
  skipped: z.number().int(),
  invalid: z.number().int(),
  batches: z.object({ committed: z.number().int(), rejected: z.number().int() }),
  errors: z.array(z.object({ line: z.number().int(), path: z.string(), message: z.string() })),
});

export async function dossierImportRoutes(app: FastifyInstance, { ctx }: { ctx: ServiceContext }) {
  guardByTable(app);
  // NDJSON bodies are handed over as the raw stream: never buffered whole.
  app.addContentTypeParser(['application/x-ndjson', 'application/ndjson'], (_request, payload, done) =>
    done(null, payload),
  );
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/admin/import/dossiers',
    {
      schema: {
        tags: ['admin'],
        summary: 'Import dossiers from another system (NDJSON, one dossier per line)',
        description:
          'Body: `application/x-ndjson`, one JSON object per line: `{"code","procedureCode","unitCode",' +
          '"channel":"online|counter|postal","receivedAt","dueAt","pauses":[{"from","to"}],' +
          '"outcome":null|{"kind":"resolved|refused|withdrawn","at"},"extendedDueAt","returnedAt",' +
          '"payment":null|{"method":"online|transfer|cash","amount"},"rating":null|"very_satisfied|satisfied|neutral|unsatisfied",' +
          '"digitized":{"dossier","result"}}` (times ISO 8601 with offset; `dueAt` is the due time in force). ' +
          'Each dossier becomes events like any other. Lines are written in batches (`batchSize`, default 1000), ' +
          'each all-or-nothing: a batch with a bad line is not written and its errors are listed by line and field. ' +
          'Codes already present are skipped, so sending the same file again resumes and never duplicates. ' +
          '`dryRun=true` checks only. For system administrators, and unit administrators for their units.',
        security,
        querystring: z.object({
          dryRun: z.enum(['true', 'false']).default('false'),
          batchSize: z.coerce.number().int().min(1).max(10_000).default(1000),
        }),
        response: { 200: summarySchema, 401: problemSchema, 403: problemSchema, 415: problemSchema },
      },
    },
    async (request) => {
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
    },
  );

  r.get(
    '/admin/export/dossiers',
    {
      schema: {
        tags: ['admin'],
        summary: 'Export the dossiers received in a period (NDJSON, the import format)',
        description:
          'One JSON object per line, in the format `POST /admin/import/dossiers` reads, rebuilt from each dossier’s ' +
          'events: importing an export elsewhere gives the same report figures. `unit` limits to one receiving unit. ' +
          'For system administrators, unit administrators and inspectors.',
        security,
        querystring: z.object({
          from: localDate,
          to: localDate,
          unit: z.string().min(1).max(100).optional(),
        }),
        response: { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
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
    },
  );
}
