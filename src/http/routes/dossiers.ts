import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../domain/errors.ts';
import type { Config } from '../../config.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import { renderDossierForm, renderLogbook } from '../../services/dossiers/index.ts';
import { issueSlip, renderSlip } from '../../services/dossiers/index.ts';
import { requireUnit } from '../../services/access/index.ts';
import {
  actOnDossier,
  findApplicant,
  getDossierView,
  listDossiers,
  receiveBundle,
  receiveDossier,
} from '../../services/dossiers/index.ts';
import { metaOf, requireActor, requireRolesForUnit } from '../auth.ts';
import { dossiersContract } from '../../contracts/dossiers.ts';
import { guardByTable } from '../authorization-table.ts';

export async function dossierRoutes(
  app: FastifyInstance,
  { ctx, config }: { ctx: ServiceContext; config: Config },
) {
  guardByTable(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Every route here needs a logged-in user: answer 401 before looking at the body.
  r.addHook('preValidation', async (request) => {
    requireActor(request);
  });

  r.post(
    dossiersContract.receive.path,
    { schema: dossiersContract.receive.schema },
    async (request, reply) => {
      const actor = requireActor(request);
      const key = request.headers['idempotency-key'] ?? null;
      const result = await receiveDossier(ctx, actor, metaOf(request), request.body, key);
      if (!result.created) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(result.dossier);
    },
  );

  r.post(
    dossiersContract.receiveBundle.path,
    { schema: dossiersContract.receiveBundle.schema },
    async (request, reply) =>
      reply.status(201).send(await receiveBundle(ctx, requireActor(request), request.body)),
  );

  r.get(dossiersContract.list.path, { schema: dossiersContract.list.schema }, async (request) =>
    listDossiers(
      ctx,
      requireActor(request),
      { ...request.query, overdue: request.query.overdue === 'true' },
      metaOf(request),
    ),
  );

  r.get(dossiersContract.get.path, { schema: dossiersContract.get.schema }, async (request) =>
    getDossierView(ctx, requireActor(request), request.params.code),
  );

  r.post(dossiersContract.act.path, { schema: dossiersContract.act.schema }, async (request) => {
    const { action, expectedVersion, note, ...payload } = request.body;
    return actOnDossier(ctx, requireActor(request), metaOf(request), request.params.code, {
      action,
      expectedVersion,
      note,
      payload,
    });
  });

  r.get(dossiersContract.form.path, { schema: dossiersContract.form.schema }, async (request, reply) => {
    const form = request.params.file.slice(0, 2) as '01' | '02' | '04' | '05';
    const pdf = await renderDossierForm(ctx, requireActor(request), request.params.code, form, {
      publicUrl: config.publicUrl,
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${request.params.code}-mau-${form}.pdf"`)
      .send(pdf);
  });

  r.get(
    dossiersContract.logbook.path,
    { schema: dossiersContract.logbook.schema },
    async (request, reply) => {
      const unit = await requireUnit(ctx.database.db, request.query.unit);
      await requireRolesForUnit(
        request,
        ctx,
        ['receptionist', 'officer', 'leader', 'unit_admin', 'system_admin', 'auditor'],
        unit,
      );
      const { from, to, format } = request.query;
      const file = await renderLogbook(ctx, unit, from, to, format);
      const name = `so-theo-doi-${unit.code}-${from}-${to}.${format}`;
      return reply
        .type(
          format === 'pdf'
            ? 'application/pdf'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(file);
    },
  );

  r.get(dossiersContract.applicant.path, { schema: dossiersContract.applicant.schema }, async (request) => {
    const applicant = await findApplicant(
      ctx,
      requireActor(request),
      request.params.idNumber,
      metaOf(request),
    );
    if (!applicant) throw new AppError(404, 'applicant_not_found', 'Chưa có hồ sơ nào với số định danh này');
    return { applicant };
  });

  r.post(
    dossiersContract.issueSlip.path,
    { schema: dossiersContract.issueSlip.schema },
    async (request, reply) =>
      reply.status(201).send(await issueSlip(ctx, requireActor(request), metaOf(request), request.body)),
  );

  r.get(
    dossiersContract.slipPdf.path,
    { schema: dossiersContract.slipPdf.schema },
    async (request, reply) => {
      const pdf = await renderSlip(ctx, requireActor(request), request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="phieu-${request.params.id}.pdf"`)
        .send(pdf);
    },
  );
}
