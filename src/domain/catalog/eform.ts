/** E-form definitions: a procedure's online form as data, rendered by the citizen portal. */
import { z } from 'zod';

export const EFORM_FIELD_TYPES = [
  'text',
  'textarea',
  'number',
  'date',
  'idNumber',
  'phone',
  'email',
  'select',
  'address',
  'file',
] as const;

const optionSchema = z.object({
  value: z.string().min(1),
  label: z.string().min(1),
  labelEn: z.string().optional(),
});

export const eFormFieldSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'id must be an identifier'),
    label: z.string().min(1),
    labelEn: z.string().optional(),
    type: z.enum(EFORM_FIELD_TYPES),
    required: z.boolean().default(false),
    options: z.array(optionSchema).optional(),
    help: z.string().optional(),
    helpEn: z.string().optional(),
  })
  .refine((f) => f.type !== 'select' || (f.options?.length ?? 0) > 0, {
    message: 'a select field needs options',
    path: ['options'],
  });

export const eFormGroupSchema = z.object({
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/),
  title: z.string().min(1),
  titleEn: z.string().optional(),
  repeatable: z.boolean().default(false),
  fields: z.array(eFormFieldSchema).min(1),
});

export const eFormDefinitionSchema = z
  .object({
    version: z.literal(1),
    groups: z.array(eFormGroupSchema).min(1),
  })
  .superRefine((def, ctx) => {
    const seen = new Set<string>();
    def.groups.forEach((g, gi) => {
      if (seen.has(g.id))
        ctx.addIssue({ code: 'custom', path: ['groups', gi, 'id'], message: 'duplicate id' });
      seen.add(g.id);
      const fieldIds = new Set<string>();
      g.fields.forEach((f, fi) => {
        if (fieldIds.has(f.id))
          ctx.addIssue({ code: 'custom', path: ['groups', gi, 'fields', fi, 'id'], message: 'duplicate id' });
        fieldIds.add(f.id);
      });
    });
  });
export type EFormDefinition = z.infer<typeof eFormDefinitionSchema>;
