/** The system context's operations: liveness, and the audit chain's check. */
import { z } from 'zod';
import { staffSecurity } from './common.ts';
import { defineContract, operation } from './operation.ts';

export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgresql']),
  version: z.string(),
  mode: z.enum(['demo', 'production']).describe('MOTCUA_ENV: the demo, or a production service'),
});

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  count: z.number(),
  brokenSeq: z.number().optional(),
  reason: z.string().optional(),
});

export const systemContract = defineContract('system', {
  health: operation('GET /healthz', {
    summary: 'Liveness and database check',
    response: { 200: healthSchema },
  }),
  verifyAudit: operation('GET /admin/audit/verify', {
    summary: 'Verify the audit hash chain',
    security: staffSecurity,
    response: { 200: auditVerificationSchema },
  }),
});
