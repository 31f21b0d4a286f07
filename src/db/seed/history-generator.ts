/**
 * Random dossier histories in the import format (src/domain/dossier/import.ts), reproducible from a
 * seed: for the roll-up property test and the report benchmark. Mixes what reports must get right:
 * carry-over across periods, supplement pauses (some still open), apologies with a new date,
 * refusals, withdrawals, dossiers still in progress and overdue, ratings and payments.
 */
import type { ImportedDossier } from '../../domain/dossier/import.ts';

/** mulberry32: small, fast, good enough to spread test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface HistoryOptions {
  seed: number;
  count: number;
  unitCodes: readonly string[];
  procedureCodes: readonly string[];
  /** Receptions fall in [from, to). */
  from: Date;
  to: Date;
  /** Nothing happens after now (later steps are left undone). */
  now: Date;
  /** Prefix of the generated dossier codes. */
  codePrefix?: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function iso(ms: number): string {
  // Local time with the +07:00 offset, as another Vietnamese system would write it.
  const local = new Date(ms + 7 * HOUR).toISOString().slice(0, 19);
  return `${local}+07:00`;
}

/** Moved into office hours (07:30–16:30, Monday to Friday, Vietnam time), as a counter would log it. */
function workingTime(ms: number, rand: () => number, notAfter: number): number {
  const localDay = Math.floor((ms + 7 * HOUR) / DAY);
  const weekday = (localDay + 4) % 7; // 0 = Sunday (1970-01-01 was a Thursday)
  const timeOfDay = Math.floor((7.5 + rand() * 9) * HOUR);
  const at = (day: number) => day * DAY - 7 * HOUR + timeOfDay;
  const forward = at(localDay + (weekday === 0 ? 1 : weekday === 6 ? 2 : 0));
  if (forward <= notAfter) return forward;
  // A weekend just before the end: the Friday before instead (never after the end).
  return Math.min(at(localDay - (weekday === 0 ? 2 : weekday === 6 ? 1 : 0)), notAfter);
}

/** 17:00 Vietnam time on the day of `ms`. */
function endOfDay(ms: number): number {
  const localDay = Math.floor((ms + 7 * HOUR) / DAY);
  return localDay * DAY - 7 * HOUR + 17 * HOUR;
}

export function* randomHistories(o: HistoryOptions): Generator<ImportedDossier> {
  const rand = seededRandom(o.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const span = o.to.getTime() - o.from.getTime();
  const now = o.now.getTime();
  for (let i = 0; i < o.count; i++) {
    const received = workingTime(
      o.from.getTime() + Math.floor(rand() * span),
      rand,
      Math.min(o.to.getTime(), now),
    );
    // Due at the end of a working day, 0 to 14 days on (same-day procedures at 17:00 that day).
    const due = endOfDay(received + Math.floor(rand() * 14) * DAY);
    const channelRoll = rand();
    const channel = channelRoll < 0.45 ? 'online' : channelRoll < 0.9 ? 'counter' : 'postal';
    let last = received;
    const pauses: ImportedDossier['pauses'] = [];
    let openPause = false;
    // Older dossiers are all finished, as in a real office; only the last month has work in hand.
    const recent = received > now - 30 * DAY;
    // Work in hand waits for applicants more often than finished work ever did.
    if (rand() < (recent ? 0.35 : 0.15)) {
      const from = last + Math.floor(rand() * 2 * DAY);
      const to = from + Math.floor((0.1 + rand() * 6) * DAY);
      if (from <= now) {
        if (to <= now && (!recent || rand() < 0.5)) {
          pauses.push({ from: iso(from), to: iso(to) });
          last = to;
        } else {
          pauses.push({ from: iso(from), to: null });
          last = from;
          openPause = true;
        }
      }
    }
    let outcome: ImportedDossier['outcome'] = null;
    let returnedAt: string | null = null;
    let extendedDueAt: string | null = null;
    if (!openPause) {
      const roll = rand();
      // Around the due time: some early, most on time, some late.
      const at = Math.max(last + HOUR, due + Math.floor((rand() * 1.3 - 1) * 5 * DAY));
      if (at <= now && (roll < 0.9 || !recent)) {
        const kind = roll < 0.8 || roll >= 0.9 ? 'resolved' : roll < 0.85 ? 'refused' : 'withdrawn';
        outcome = { kind, at: iso(at) };
        if (kind === 'resolved') {
          if (at > due && rand() < 0.5) extendedDueAt = iso(at + DAY);
          const back = at + Math.floor(rand() * 3 * DAY);
          if (back <= now && rand() < 0.9) returnedAt = iso(back);
        }
      } else if (due < now && rand() < 0.3) {
        extendedDueAt = iso(due + 5 * DAY);
      }
    }
    const ratingRoll = rand();
    yield {
      code: `${o.codePrefix ?? 'IMP'}-${o.seed}-${String(i).padStart(8, '0')}`,
      procedureCode: pick(o.procedureCodes),
      unitCode: pick(o.unitCodes),
      channel,
      receivedAt: iso(received),
      dueAt: iso(due),
      pauses,
      outcome,
      extendedDueAt,
      returnedAt,
      payment:
        rand() < 0.3 ? { method: pick(['online', 'transfer', 'cash'] as const), amount: 50_000 } : null,
      rating:
        returnedAt && ratingRoll < 0.4
          ? pick(['very_satisfied', 'satisfied', 'satisfied', 'neutral', 'unsatisfied'] as const)
          : null,
      digitized: { dossier: rand() < 0.7, result: rand() < 0.5 },
    };
  }
}
