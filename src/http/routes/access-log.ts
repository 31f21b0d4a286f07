/**
 * GET /admin/access-log (issue 14 §2): the personal-data access log for auditors — who looked up
 * whose data, for which dossier, when — filtered and paged, or exported as CSV.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badRequest } from '../../domain/errors.ts';
import { ACCESS_ACTIONS, accessLogCsv, listAccessLog } from '../../services/access/index.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import { requireRoles } from '../auth.ts';
import { localDateSchema, pageQuery, problemSchema } from '../../contracts/common.ts';

const security: { [label: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];

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

export async function accessLogRoutes(app: FastifyInstance, { ctx }: { ctx: ServiceContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/admin/access-log',
    {
      schema: {
        tags: ['admin'],
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
        security,
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
      },
    },
    async (request, reply) => {
      const actor = requireRoles(request, ['auditor', 'system_admin', 'unit_admin']);
      const { format, page, pageSize, ...filters } = request.query;
      if (filters.from && filters.to && filters.from > filters.to)
        throw badRequest('validation_failed', 'Khoảng thời gian không hợp lệ', [
          { path: 'to', message: '“Đến ngày” phải sau “từ ngày”' },
        ]);
      if (format === 'csv') {
        const csv = await accessLogCsv(ctx, actor, filters);
        const name = `nhat-ky-truy-cap-du-lieu-ca-nhan-${filters.from ?? 'dau'}-${filters.to ?? 'nay'}.csv`;
        return (
          reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${name}"`)
            .header('cache-control', 'private, no-store')
            // Not the JSON schema's serializer: the CSV is sent as it is.
            .serializer((payload: unknown) => String(payload))
            .send(csv as never)
        );
      }
      return listAccessLog(ctx, actor, { ...filters, page, pageSize });
    },
  );
}
