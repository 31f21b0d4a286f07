/**
 * Benchmark of the working-time calendar's hot path: `dueAt` over 1,000,000 random inputs.
 * Run: npx tsx bench/calendar.ts   → one JSON line.
 */
import {
  createWorkingCalendar,
  DEFAULT_CALENDAR_SETTINGS,
  type Duration,
  vietnamPublicHolidays,
} from '../src/domain/calendar/index.ts';

const INPUTS = 1_000_000;
const TARGET = 5_000_000;
const RUNS = 5;

// Deterministic PRNG (mulberry32) so every run times the same inputs.
let seed = 0x5eed1234;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const calendar = createWorkingCalendar(
  DEFAULT_CALENDAR_SETTINGS,
  [2025, 2026, 2027].flatMap((y) => vietnamPublicHolidays(y)),
);

// Inputs are built before timing: instants from 2025-01-01 to 2027-12-31 (+07:00), durations of
// 0.5–30 working days (80 %), 1–40 working hours (15 %) or same day (5 %).
const start = Date.parse('2025-01-01T00:00:00+07:00');
const end = Date.parse('2028-01-01T00:00:00+07:00');
const instants: Date[] = new Array(INPUTS);
const durations: Duration[] = new Array(INPUTS);
for (let i = 0; i < INPUTS; i++) {
  instants[i] = new Date(start + Math.floor((random() * (end - start)) / 60_000) * 60_000);
  const r = random();
  durations[i] =
    r < 0.8
      ? { kind: 'workingDays', days: Math.round((0.5 + random() * 29.5) * 2) / 2 }
      : r < 0.95
        ? { kind: 'workingHours', hours: 1 + Math.floor(random() * 40) }
        : { kind: 'sameDay' };
}

function pass(): { seconds: number; checksum: number } {
  let checksum = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < INPUTS; i++)
    checksum = (checksum + calendar.dueAt(instants[i]!, durations[i]!).getTime() / 60_000) % 1_000_003;
  const t1 = process.hrtime.bigint();
  return { seconds: Number(t1 - t0) / 1e9, checksum };
}

pass(); // warm-up (JIT)
const times: number[] = [];
let checksum = 0;
for (let r = 0; r < RUNS; r++) {
  const result = pass();
  times.push(result.seconds);
  checksum += result.checksum;
}
times.sort((a, b) => a - b);
const seconds = times[Math.floor(RUNS / 2)]!; // median of the timed passes
const perSecond = Math.round(INPUTS / seconds);
console.log(
  JSON.stringify({
    benchmark: 'calendar.dueAt',
    inputs: INPUTS,
    seconds: Number(seconds.toFixed(4)),
    perSecond,
    target: TARGET,
    met: perSecond >= TARGET,
    runs: RUNS,
    statistic: 'median',
    checksum,
  }),
);
