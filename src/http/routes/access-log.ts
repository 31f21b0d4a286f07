/**
 * GET /admin/access-log (issue 14 §2): the personal-data access log for auditors — who looked up
 * whose data, for which dossier, when — filtered and paged, or exported as CSV.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { accessContract } from '../../contracts/access.ts';
import { badRequest } from '../../domain/errors.ts';
import { accessLogCsv, listAccessLog } from '../../services/access/index.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import { requireRoles } from '../auth.ts';

export async function accessLogRoutes(app: FastifyInstance, { ctx }: { ctx: ServiceContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    accessContract.accessLog.path,
    { schema: accessContract.accessLog.schema },
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
