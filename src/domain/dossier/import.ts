/**
 * Dossiers from another system (historical import, NDJSON, one object per line) and back (export).
 * An imported dossier becomes the events its life would have produced here (reception, supplement
 * pauses, apology, result, return), so every report treats it like any other. Pure.
 *
 * What the line cannot say is recorded as the line says it: the due time given (`dueAt`, the one in
 * force at the end) is the due time from reception on, since the original one before pauses is not
 * known.
 */
import { z } from 'zod';
import type { ProcessDefinition } from '../workflow/definition.ts';
import type { DossierEvent } from './types.ts';

/** ISO 8601 with an offset (or Z): a time without one would be read in the server's zone. */
const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'ISO 8601 có múi giờ, ví dụ 2025-03-02T09:00:00+07:00',
    abort: true,
  })
  .refine((s) => !Number.isNaN(Date.parse(s)), 'thời điểm không hợp lệ');

export const IMPORT_RATINGS = ['very_satisfied', 'satisfied', 'neutral', 'unsatisfied'] as const;

export const importedDossierSchema = z
  .object({
    code: z.string().trim().min(1).max(60),
    procedureCode: z.string().min(1),
    unitCode: z.string().min(1),
    channel: z.enum(['online', 'counter', 'postal']),
    receivedAt: instant,
    dueAt: instant,
    pauses: z
      .array(z.object({ from: instant, to: instant.nullable() }))
      .max(20)
      .default([]),
    outcome: z
      .object({ kind: z.enum(['resolved', 'refused', 'withdrawn']), at: instant })
      .nullable()
      .default(null),
    extendedDueAt: instant.nullable().default(null),
    returnedAt: instant.nullable().default(null),
    payment: z
      .object({ method: z.enum(['online', 'transfer', 'cash']), amount: z.number().int().min(0) })
      .nullable()
      .default(null),
    rating: z.enum(IMPORT_RATINGS).nullable().default(null),
    digitized: z
      .object({ dossier: z.boolean(), result: z.boolean() })
      .default({ dossier: false, result: false }),
  })
  .strict();
export type ImportedDossier = z.infer<typeof importedDossierSchema>;

export interface LineError {
  line: number;
  path: string;
  message: string;
}

/** The order of a dossier's times, checked against each other and against now. */
export function checkImportedTimes(d: ImportedDossier, now: Date): Array<{ path: string; message: string }> {
  const errors: Array<{ path: string; message: string }> = [];
  const t = (s: string) => Date.parse(s);
  const received = t(d.receivedAt);
  if (received > now.getTime()) errors.push({ path: 'receivedAt', message: 'sau thời điểm hiện tại' });
  if (t(d.dueAt) < received) errors.push({ path: 'dueAt', message: 'trước thời điểm tiếp nhận' });
  let last = received;
  d.pauses.forEach((p, i) => {
    if (t(p.from) < last) errors.push({ path: `pauses.${i}.from`, message: 'trước sự kiện liền trước' });
    if (p.to === null) {
      if (i !== d.pauses.length - 1 || d.outcome)
        errors.push({
          path: `pauses.${i}.to`,
          message: 'chỉ lần tạm dừng cuối của hồ sơ chưa xong được để trống',
        });
      last = t(p.from);
    } else {
      if (t(p.to) < t(p.from)) errors.push({ path: `pauses.${i}.to`, message: 'trước from' });
      last = t(p.to);
    }
  });
  if (d.outcome) {
    if (t(d.outcome.at) < last) errors.push({ path: 'outcome.at', message: 'trước sự kiện liền trước' });
    if (t(d.outcome.at) > now.getTime())
      errors.push({ path: 'outcome.at', message: 'sau thời điểm hiện tại' });
    last = t(d.outcome.at);
  }
  if (d.returnedAt) {
    if (d.outcome?.kind !== 'resolved')
      errors.push({
        path: 'returnedAt',
        message: 'chỉ hồ sơ đã giải quyết (outcome.kind = resolved) mới trả kết quả',
      });
    else if (t(d.returnedAt) < last) errors.push({ path: 'returnedAt', message: 'trước outcome.at' });
    if (t(d.returnedAt) > now.getTime())
      errors.push({ path: 'returnedAt', message: 'sau thời điểm hiện tại' });
  }
  if (d.extendedDueAt && t(d.extendedDueAt) < t(d.dueAt))
    errors.push({ path: 'extendedDueAt', message: 'trước dueAt' });
  return errors;
}

/** Parses and checks one NDJSON line; errors name the field (zod path) as the API does. */
export function parseImportLine(
  text: string,
  line: number,
  now: Date,
): { ok: true; value: ImportedDossier } | { ok: false; errors: LineError[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return {
      ok: false,
      errors: [{ line, path: '', message: `JSON không hợp lệ: ${(err as Error).message}` }],
    };
  }
  const parsed = importedDossierSchema.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({ line, path: i.path.join('.'), message: i.message })),
    };
  const times = checkImportedTimes(parsed.data, now);
  if (times.length) return { ok: false, errors: times.map((e) => ({ line, ...e })) };
  return { ok: true, value: parsed.data };
}

type NewImportedEvent = Omit<DossierEvent, 'actorId' | 'actorName'>;

/**
 * The events an imported dossier's life would have produced under `def`: the result goes through
 * the definition's own resolving action (so the fold applies its effects), reached by a forward.
 */
export function importedEvents(
  def: ProcessDefinition,
  d: ImportedDossier,
  ctx: { procedureVersion: number },
): NewImportedEvent[] {
  const events: NewImportedEvent[] = [];
  let step = def.start;
  const push = (
    type: NewImportedEvent['type'],
    at: string | Date,
    payload: Record<string, unknown>,
    to = step,
  ) => {
    step = to;
    events.push({
      seq: events.length + 1,
      type,
      at: new Date(at),
      step,
      payload: { imported: true, ...payload },
    });
  };
  push('receive', d.receivedAt, {
    unitCode: d.unitCode,
    channel: d.channel,
    procedureCode: d.procedureCode,
    procedureVersion: ctx.procedureVersion,
    dueAt: new Date(d.dueAt).toISOString(),
    sourceCode: d.code,
    payment: d.payment,
    digitized: d.digitized,
  });
  for (const p of d.pauses) {
    push('request_supplement', p.from, {});
    if (p.to) push('receive_supplement', p.to, { dueAt: new Date(d.dueAt).toISOString() });
  }
  if (d.extendedDueAt) {
    // An apology is written before the due time passes, or at the latest when the dossier ends.
    const last = events[events.length - 1]!.at.getTime();
    const end = d.outcome ? Date.parse(d.outcome.at) : Date.parse(d.dueAt);
    push('extend', new Date(Math.max(last, Math.min(end, Date.parse(d.dueAt)))), {
      newDueAt: new Date(d.extendedDueAt).toISOString(),
    });
  }
  if (d.outcome?.kind === 'resolved') {
    const action = def.actions.find((a) => a.effects.includes('resolve'));
    if (action) {
      const from = action.from === '*' ? step : action.from.includes(step) ? step : action.from[0]!;
      if (from !== step) push('forward', d.outcome.at, {}, from);
      push(action.type, d.outcome.at, {}, action.to ?? from);
    }
  } else if (d.outcome) {
    push(d.outcome.kind === 'refused' ? 'refuse' : 'withdraw', d.outcome.at, {});
  }
  if (d.returnedAt) {
    const ret = def.actions.find((a) => a.type === 'return');
    push('return', d.returnedAt, { method: d.channel === 'postal' ? 'postal' : 'counter' }, ret?.to ?? step);
  }
  return events;
}
