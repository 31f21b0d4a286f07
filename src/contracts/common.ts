/** Shapes shared by every context's contract: problems, dates, paging, security, unit. */
import { z } from 'zod';

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  code: z.string(),
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD')
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
  }, 'Ngày không tồn tại');

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

/** Staff operations: a bearer token or the session cookie. */
export const staffSecurity: { [label: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];

/** `?unit=CODE`, the unit an operation is about (its jurisdiction's root when absent). */
export const unitQuery = z.object({ unit: z.string().max(40).optional() });
