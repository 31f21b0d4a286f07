import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import {
  confirmTotpEnrolment,
  disableTotp,
  RECOVERY_CODE_COUNT,
  resetTotp,
  startTotpEnrolment,
} from '../../services/identity/index.ts';
import { metaOf, requireActor } from '../auth.ts';
import { guardByTable } from '../authorization-table.ts';
import { problemSchema } from '../../contracts/common.ts';

const security: { [label: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];
const codeBody = z.object({
  code: z
    .string()
    .trim()
    .min(6)
    .max(20)
    .describe('A 6-digit code from the app (or, to turn off, a recovery code)'),
});

/** The staff second factor (issue 14 §4): enrolment, confirmation, turning off, and the admin's reset. */
export async function totpRoutes(
  app: FastifyInstance,
  { ctx, config }: { ctx: ServiceContext; config: Config },
) {
  guardByTable(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const adminsMustKeep = config.mode === 'production';

  r.post(
    '/me/totp/enrol',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Start enrolling a second factor (TOTP, RFC 6238): a new secret as otpauth URI, QR code and text',
        description:
          'Staff only. The secret counts only once `POST /me/totp/confirm` receives a code from it; starting again replaces a pending secret. 409 `totp_already_enabled` when it is on.',
        security,
        response: {
          200: z.object({ otpauthUri: z.string(), qrDataUrl: z.string(), secret: z.string() }),
          401: problemSchema,
          403: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request) => startTotpEnrolment(ctx, config.dataKey, requireActor(request), metaOf(request)),
  );

  r.post(
    '/me/totp/confirm',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Confirm the enrolment with a first code: the second factor is on; the recovery codes are shown once',
        description: `Answers the ${RECOVERY_CODE_COUNT} single-use recovery codes (\`xxxx-xxxx\`), which are never shown again. 400 \`invalid_totp\` for a wrong code (more than 5 in 15 minutes: 429 \`too_many_attempts\`), 409 \`totp_not_enrolling\` without a pending enrolment.`,
        security,
        body: codeBody,
        response: {
          200: z.object({ recoveryCodes: z.array(z.string()) }),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          409: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request) =>
      confirmTotpEnrolment(ctx, config.dataKey, requireActor(request), metaOf(request), request.body.code),
  );

  r.delete(
    '/me/totp',
    {
      schema: {
        tags: ['auth'],
        summary: 'Turn the second factor off, proven by a current code or a recovery code',
        description:
          'In production, system and unit administrators cannot (403 `totp_required_for_role`). 400 `invalid_totp` (more than 5 in 15 minutes: 429 `too_many_attempts`), 409 `totp_not_enabled`.',
        security,
        body: codeBody,
        response: {
          204: z.null(),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          409: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await disableTotp(ctx, config.dataKey, actor, metaOf(request), request.body.code, adminsMustKeep);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/admin/users/:id/totp/reset',
    {
      schema: {
        tags: ['admin'],
        summary: 'Reset a staff account’s second factor (lost phone): the user enrols again; audited',
        description: 'System administrators only.',
        security,
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null(), 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      await resetTotp(ctx, requireActor(request), metaOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
