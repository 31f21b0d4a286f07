/** Fixtures for the dossier tests (not part of the public API). */
import { readFileSync } from 'node:fs';
import type { Role } from '../access.ts';
import {
  createWorkingCalendar,
  DEFAULT_CALENDAR_SETTINGS,
  type Duration,
  parseInstant,
  toLocalIso,
  vietnamPublicHolidays,
} from '../calendar/index.ts';
import { type ProcessDefinition, processDefinitionSchema } from '../workflow/definition.ts';
import { type DossierCommand, decide } from './decide.ts';
import { type DossierClock, type DossierState, deriveDossierState } from './state.ts';
import type { DossierEvent } from './types.ts';

export const TZ = 'Asia/Ho_Chi_Minh';

/** The real Vietnamese calendar for 2026 (Tết break 14–22 February). */
export const cal = createWorkingCalendar(DEFAULT_CALENDAR_SETTINGS, vietnamPublicHolidays(2026));

const SEED = new URL('../../db/seed/data/processes.json', import.meta.url);
export const seedDefinitions: ProcessDefinition[] = (JSON.parse(readFileSync(SEED, 'utf8')) as unknown[]).map(
  (d) => processDefinitionSchema.parse(d),
);
export function seed(code: string): ProcessDefinition {
  const def = seedDefinitions.find((d) => d.code === code);
  if (!def) throw new Error(`no seed process ${code}`);
  return def;
}

/** Local time in Vietnam → Date. */
export function at(text: string): Date {
  const d = parseInstant(text, TZ);
  if (!d) throw new Error(`bad test instant ${text}`);
  return d;
}

/** Date → '2026-03-05T09:00' local. */
export function local(d: Date | null | undefined): string | null {
  if (!d) return null;
  return toLocalIso(d, TZ).slice(0, 16);
}

export const days = (n: number): Duration => ({ kind: 'workingDays', days: n });

export function clockOf(duration: Duration, supplementMode: 'pause' | 'restart' = 'pause'): DossierClock {
  return { calendar: cal, duration, supplementMode };
}

export function receiveEvent(when: string, unitCode = 'AG.LONGXUYEN', step = 'tiep_nhan'): DossierEvent {
  return {
    seq: 1,
    type: 'receive',
    at: at(when),
    actorId: 'u-recv',
    actorName: 'Tiếp nhận',
    step,
    payload: { unitCode },
  };
}

/** A dossier driven through `decide`, as the service does it. */
export class Dossier {
  readonly events: DossierEvent[];
  constructor(
    readonly def: ProcessDefinition,
    readonly clock: DossierClock,
    receivedAt: string,
    unitCode = 'AG.LONGXUYEN',
  ) {
    this.events = [receiveEvent(receivedAt, unitCode, def.start)];
  }
  get state(): DossierState {
    return deriveDossierState(this.def, this.events, this.clock);
  }
  act(
    when: string,
    roles: Role[],
    type: DossierCommand['type'],
    payload: Record<string, unknown> = {},
  ): this {
    const event = decide(this.def, this.state, { type, payload }, new Set(roles), at(when));
    this.events.push({ ...event, seq: this.events.length + 1, actorId: 'u', actorName: 'Cán bộ' });
    return this;
  }
}

/** Runs `fn` and returns the AppError-like thing it throws. */
export function thrown(fn: () => unknown): { status: number; code: string; errors?: { path: string }[] } {
  try {
    fn();
  } catch (e) {
    return e as { status: number; code: string; errors?: { path: string }[] };
  }
  throw new Error('expected a throw');
}
