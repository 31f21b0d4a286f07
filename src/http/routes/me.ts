import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import {
  getProfile,
  LOCALES,
  profileInputSchema,
  resendVerification,
  saveProfile,
} from '../../services/identity/index.ts';
import { metaOf, requireActor } from '../auth.ts';
import { problemSchema } from '../../contracts/common.ts';
import { guardByTable } from '../authorization-table.ts';

const profileViewSchema = z.object({
  applicant: z.object({
    fullName: z.string(),
    idNumber: z.string().optional(),
    phone: z.string().optional(),
    email: z.string().optional(),
    address: z.string().optional(),
  }),
  zaloOptIn: z.boolean(),
  zaloPhone: z.string().nullable(),
  locale: z.enum(LOCALES),
  account: z.object({
    username: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    verified: z.boolean(),
  }),
});

/** The citizen's own account: saved applicant details and preferences; resending the confirmation code. */
export async function meRoutes(app: FastifyInstance, { ctx }: { ctx: ServiceContext; config: Config }) {
  guardByTable(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/me/profile',
    {
      schema: {
        tags: ['auth'],
        summary: 'The citizen’s profile: saved applicant details (defaults from the account), Zalo, language',
        description: 'Citizen accounts only: staff get 403 `citizen_only`.',
        security: [{ bearer: [] }, { cookie: [] }],
        response: { 200: profileViewSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (request) => getProfile(ctx, requireActor(request)),
  );

  r.put(
    '/me/profile',
    {
      schema: {
        tags: ['auth'],
        summary: 'Save the citizen’s profile (the whole of it: fields left out are cleared)',
        description:
          'Blank optional fields count as not given. Invalid fields give 400 `validation_failed` naming them (`applicant.idNumber`, `zaloPhone`, …); opting in to Zalo needs `zaloPhone` unless the account has a phone.',
        security: [{ bearer: [] }, { cookie: [] }],
        body: profileInputSchema,
        response: { 200: profileViewSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (request) => saveProfile(ctx, requireActor(request), metaOf(request), request.body),
  );

  r.post(
    '/auth/verify/resend',
    {
      schema: {
        tags: ['auth'],
        summary: 'Send a new account-confirmation code (the same answer whether or not one was sent)',
        description:
          'A code goes out only for an unconfirmed citizen account, at most once a minute; the answer is always 202.',
        body: z.object({ username: z.string().min(3).max(200) }),
        response: { 202: z.null() },
      },
    },
    async (request, reply) => {
      await resendVerification(ctx, metaOf(request), request.body.username);
      return reply.status(202).send(null);
    },
  );
}
