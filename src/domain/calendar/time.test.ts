import { describe, expect, it } from 'vitest';
import { CalendarError, localDateOf, parseInstant, toLocalIso } from './index.ts';
import { prng, TZ } from './test-helpers.ts';
import { civilOfDayNumber, dayNumberOf, isoWeekdayOf, zoneOffsetMinutes } from './time.ts';

describe('toLocalIso', () => {
  it.each<[string, string, string]>([
    ['2026-03-05T02:00:00Z', TZ, '2026-03-05T09:00:00+07:00'],
    ['2026-03-04T17:00:00Z', TZ, '2026-03-05T00:00:00+07:00'],
    ['2026-03-04T16:59:59Z', TZ, '2026-03-04T23:59:59+07:00'],
    ['2026-03-05T02:00:00.123Z', TZ, '2026-03-05T09:00:00.123+07:00'],
    ['2026-03-05T02:00:00Z', 'UTC', '2026-03-05T02:00:00+00:00'],
    ['2025-12-31T17:00:00Z', TZ, '2026-01-01T00:00:00+07:00'],
    ['2028-02-28T20:00:00Z', TZ, '2028-02-29T03:00:00+07:00'],
    ['2026-03-05T02:00:00Z', '-03:30', '2026-03-04T22:30:00-03:30'],
  ])('%s in %s → %s', (utc, zone, expected) => {
    expect(toLocalIso(new Date(utc), zone)).toBe(expected);
  });
});

describe('parseInstant', () => {
  it.each<[string, string | null]>([
    ['2026-03-05T09:00:00+07:00', '2026-03-05T02:00:00.000Z'],
    ['2026-03-05T02:00:00Z', '2026-03-05T02:00:00.000Z'],
    ['2026-03-05T02:00:00z', '2026-03-05T02:00:00.000Z'],
    ['2026-03-05T09:00', '2026-03-05T02:00:00.000Z'],
    ['2026-03-05T09:00:00', '2026-03-05T02:00:00.000Z'],
    ['2026-03-05 09:00:00', '2026-03-05T02:00:00.000Z'],
    ['2026-03-05', '2026-03-04T17:00:00.000Z'],
    ['2026-03-05T09:00:00.5+07:00', '2026-03-05T02:00:00.500Z'],
    ['2026-03-05T09:00:00.123456+07:00', '2026-03-05T02:00:00.123Z'],
    ['2026-03-05T09:00:00+0700', '2026-03-05T02:00:00.000Z'],
    ['2026-03-05T09:00:00+07', '2026-03-05T02:00:00.000Z'],
    ['2026-03-05T04:00:00-05:00', '2026-03-05T09:00:00.000Z'],
    ['  2026-03-05T09:00  ', '2026-03-05T02:00:00.000Z'],
    ['2024-02-29', '2024-02-28T17:00:00.000Z'],
    ['2026-02-29', null],
    ['2026-02-30T09:00', null],
    ['2026-13-01', null],
    ['2026-03-05T24:00', null],
    ['2026-03-05T09:60', null],
    ['2026-03-05T09:00:60', null],
    ['2026-03-05+07:00', null],
    ['2026-03-05T09:00+15:00', null],
    ['05/03/2026', null],
    ['abc', null],
    ['', null],
  ])('%j', (text, expected) => {
    const d = parseInstant(text, TZ);
    expect(d === null ? null : d.toISOString()).toBe(expected);
  });

  it('reads local time in the zone given', () => {
    expect(parseInstant('2026-03-05T09:00', 'UTC')!.toISOString()).toBe('2026-03-05T09:00:00.000Z');
  });

  it('round-trips with toLocalIso', () => {
    const rnd = prng(42);
    const from = Date.parse('2000-01-01T00:00:00Z');
    const to = Date.parse('2100-01-01T00:00:00Z');
    for (let i = 0; i < 2000; i++) {
      const d = new Date(from + Math.floor(rnd() * (to - from)));
      for (const zone of [TZ, 'UTC']) {
        const text = toLocalIso(d, zone);
        expect(parseInstant(text, zone)!.getTime()).toBe(d.getTime());
        expect(parseInstant(text, zone === TZ ? 'UTC' : TZ)!.getTime()).toBe(d.getTime());
      }
    }
  });
});

describe('localDateOf and zones', () => {
  it.each<[string, string, string]>([
    ['2026-03-01T20:00:00Z', TZ, '2026-03-02'],
    ['2026-03-01T20:00:00Z', 'UTC', '2026-03-01'],
    ['2026-03-01T16:59:59.999Z', TZ, '2026-03-01'],
    ['2026-03-01T17:00:00Z', TZ, '2026-03-02'],
    ['2026-12-31T17:00:00Z', 'Asia/Saigon', '2027-01-01'],
  ])('%s in %s is %s', (utc, zone, expected) => {
    expect(localDateOf(new Date(utc), zone)).toBe(expected);
  });

  it.each<[string, number]>([
    ['Asia/Ho_Chi_Minh', 420],
    ['UTC', 0],
    ['+07:00', 420],
    ['-0330', -210],
  ])('offset of %s is %d', (zone, offset) => {
    expect(zoneOffsetMinutes(zone)).toBe(offset);
  });

  it.each(['Europe/Paris', 'America/New_York', '', '+25:00'])('throws on unknown zone %j', (zone) => {
    expect(() => toLocalIso(new Date(0), zone)).toThrow(CalendarError);
    expect(() => parseInstant('2026-01-01', zone)).toThrow(CalendarError);
  });

  it('throws on an invalid Date', () => {
    expect(() => toLocalIso(new Date(Number.NaN), TZ)).toThrow(CalendarError);
    expect(() => localDateOf(new Date(Number.NaN), TZ)).toThrow(CalendarError);
  });

  it('day numbers agree with Date for 1900–2300', () => {
    for (let dn = dayNumberOf(1900, 1, 1); dn < dayNumberOf(2301, 1, 1); dn += 13) {
      const d = new Date(dn * 86_400_000);
      expect(civilOfDayNumber(dn)).toEqual({
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
      });
      expect(dayNumberOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())).toBe(dn);
      expect(isoWeekdayOf(dn)).toBe(((d.getUTCDay() + 6) % 7) + 1);
    }
  });
});
