/**
 * Roll-ups against the naive report on a real database (PGlite, and PostgreSQL when configured):
 * random imported histories (carry-over, pauses, apologies, refusals, withdrawals, open and overdue
 * dossiers) plus live dossiers taken through the workflow (supplement, liên thông), then random
 * periods, scopes and groupings must give identical reports both ways; the activity roll-ups against
 * a count from every event. Also the import itself: dry run, errors by line and field, idempotent
 * re-import, export round trip, rebuild. (The reports read over HTTP: rollup-reports.test.ts.)
 */
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossierEvents, dossiers, payments, ratings, units, users } from '../../db/schema.ts';
import { localDateOf, TIME_ZONE } from '../../domain/calendar/index.ts';
import {
  type ActivityItem,
  addActivity,
  paymentActivity,
  ratingActivity,
} from '../../domain/statistics/activity.ts';
import { calendarForUnit } from '../calendar/index.ts';
import type { Actor, ServiceContext } from '../platform/index.ts';
import { exportDossiers, importDossiers } from '../dossiers/index.ts';
import { naiveProcessingReport, type ProcessingGroupBy, processingReport } from '../statistics/index.ts';
import { bearer, type TestApp } from '../../test/app.ts';
import { TEST_TARGETS } from '../../test/databases.ts';
import { seededRandom } from '../../db/seed/history-generator.ts';
import { durationOf } from '../../domain/catalog/procedure.ts';
import { loadProcess, procedureVersionContent } from '../catalog/index.ts';
import { eventOf } from '../../domain/dossier/index.ts';
import {
  type ActivityVector,
  zeroActivity,
  type ActivityKey,
  activityTotals,
  NO_OFFICER,
  rebuildReportRollups,
  statisticsOfHistory,
} from './index.ts';
import { createRollupFixture, META, liveWork, type RollupFixture, UNITS } from './test-helpers.ts';

describe.each(TEST_TARGETS)('report roll-ups on %s', (target) => {
  let f: RollupFixture;
  let t: TestApp;
  let ctx: ServiceContext;
  let admin: Actor;
  const lines = (count: number, seed: number) => f.lines(count, seed);

  beforeAll(async () => {
    f = await createRollupFixture(target);
    ({ t, ctx, admin } = f);
  }, 300_000);
  afterAll(async () => t?.close());

  const compare = async (
    unit: string,
    from: string,
    to: string,
    descendants: boolean,
    groupBy?: ProcessingGroupBy,
  ) => {
    const query = { unit, from, to, descendants, ...(groupBy ? { groupBy } : {}) };
    const [fast, naive] = await Promise.all([
      processingReport(ctx, admin, query),
      naiveProcessingReport(ctx, admin, query),
    ]);
    expect(fast, JSON.stringify(query)).toEqual(naive);
    return fast;
  };

  it('equals the naive report for random periods, scopes and groupings (running and past)', async () => {
    const rand = seededRandom(11);
    const day = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
    const first = Date.parse('2024-10-01T00:00:00Z');
    const last = Date.parse('2026-04-10T00:00:00Z');
    let nonZero = 0;
    for (let i = 0; i < 25; i++) {
      const a = first + Math.floor(rand() * (last - first));
      const b = a + Math.floor(rand() * 400 * 86_400_000);
      const groupBy = ([undefined, 'unit', 'field', 'procedure'] as const)[i % 4];
      const unit = i % 3 === 0 ? 'AG.LONGXUYEN' : 'AG';
      const r = await compare(unit, day(a), day(Math.min(b, last)), unit === 'AG', groupBy);
      if (r.totals.total > 0) nonZero++;
    }
    expect(nonZero).toBeGreaterThan(15);
    // Whole years and months, the period still running today, and a mid-day "now".
    const year = await compare('AG', '2025-01-01', '2025-12-31', true, 'unit');
    expect(year.totals.carriedOver).toBeGreaterThan(0);
    expect(year.totals.resolved.late).toBeGreaterThan(0);
    expect(year.totals.refused + year.totals.withdrawn).toBeGreaterThan(0);
    const running = await compare('AG', '2026-03-01', '2026-03-31', true, 'procedure');
    expect(running.totals.inProgress.overdue).toBeGreaterThan(0);
    expect(running.totals.inProgress.paused).toBeGreaterThan(0);
    await compare('AG.LONGXUYEN', '2026-03-23', '2026-03-23', false, 'field');
  });

  it('a period split in two gives the same flows as the whole (from the roll-ups)', async () => {
    const whole = await processingReport(ctx, admin, {
      unit: 'AG',
      from: '2025-01-01',
      to: '2025-12-31',
      descendants: true,
    });
    const h1 = await processingReport(ctx, admin, {
      unit: 'AG',
      from: '2025-01-01',
      to: '2025-06-30',
      descendants: true,
    });
    const h2 = await processingReport(ctx, admin, {
      unit: 'AG',
      from: '2025-07-01',
      to: '2025-12-31',
      descendants: true,
    });
    expect(h2.totals.carriedOver).toBe(h1.totals.inProgress.total);
    expect(h1.totals.received.total + h2.totals.received.total).toBe(whole.totals.received.total);
    expect(h1.totals.resolved.total + h2.totals.resolved.total).toBe(whole.totals.resolved.total);
    expect(h2.totals.inProgress).toEqual(whole.totals.inProgress);
  });

  it('a dry run writes nothing; a bad line rejects its batch and is named by line and field', async () => {
    const before = await processingReport(ctx, admin, {
      unit: 'AG',
      from: '2024-01-01',
      to: '2026-12-31',
      descendants: true,
    });
    const good = lines(3, 99);
    const bad = JSON.stringify({ ...JSON.parse(good[0]!), code: 'BAD-1', channel: 'fax' });
    const late = JSON.stringify({
      ...JSON.parse(good[1]!),
      code: 'BAD-2',
      dueAt: '2020-01-01T00:00:00+07:00',
    });
    const dry = await importDossiers(ctx, admin, META, good, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, lines: 3, imported: 0, invalid: 0 });
    const rejected = await importDossiers(ctx, admin, META, [good[2]!, bad, '{oops', late], {
      batchSize: 10,
    });
    expect(rejected.imported).toBe(0);
    expect(rejected.batches).toEqual({ committed: 0, rejected: 1 });
    expect(rejected.errors).toEqual([
      expect.objectContaining({ line: 2, path: 'channel' }),
      expect.objectContaining({ line: 3, path: '' }),
      expect.objectContaining({ line: 4, path: 'dueAt' }),
    ]);
    const after = await processingReport(ctx, admin, {
      unit: 'AG',
      from: '2024-01-01',
      to: '2026-12-31',
      descendants: true,
    });
    expect(after.totals).toEqual(before.totals);
  });

  it('re-importing the same file skips every code; an export re-imports to nothing new', async () => {
    const again = await importDossiers(ctx, admin, META, lines(400, 7), { batchSize: 150 });
    expect(again).toMatchObject({ imported: 0, skipped: 400, invalid: 0 });
    const exported: string[] = [];
    for await (const line of exportDossiers(ctx, admin, { from: '2024-11-01', to: '2026-03-31' }))
      exported.push(line.trim());
    expect(exported.length).toBe(402);
    const reimport = await importDossiers(ctx, admin, META, exported);
    expect(reimport).toMatchObject({ imported: 0, skipped: 402, invalid: 0 });
  });

  it('over HTTP: POST /admin/import/dossiers (NDJSON) and GET /admin/export/dossiers, administrators only', async () => {
    const body = `${lines(5, 123)
      .map((l) => JSON.stringify({ ...JSON.parse(l), unitCode: 'AG.MYHOAHUNG' }))
      .join('\n')}\n`;
    const post = async (user: string, query = '') =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/admin/import/dossiers${query}`,
        headers: { ...bearer(await t.login(user)), 'content-type': 'application/x-ndjson' },
        payload: body,
      });
    const denied = await post('lanhdao.longxuyen');
    expect(denied.statusCode).toBe(403);
    expect(denied.headers['content-type']).toContain('application/problem+json');
    const dry = await post('admin', '?dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, lines: 5, imported: 0, invalid: 0 });
    const ok = await post('admin');
    expect(ok.json()).toMatchObject({
      imported: 5,
      skipped: 0,
      invalid: 0,
      batches: { committed: 1, rejected: 0 },
    });
    const exported = await t.app.inject({
      url: '/api/v1/admin/export/dossiers?from=2024-01-01&to=2026-12-31&unit=AG.MYHOAHUNG',
      headers: bearer(await t.login('thanhtra')),
    });
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.headers['content-type']).toContain('application/x-ndjson');
    const codes = exported.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).code);
    for (const l of body.trim().split('\n')) expect(codes).toContain(JSON.parse(l).code);
    const forbidden = await t.app.inject({
      url: '/api/v1/admin/export/dossiers?from=2024-01-01&to=2026-12-31',
      headers: bearer(await t.login('lanhdao.longxuyen')),
    });
    expect(forbidden.statusCode).toBe(403);
  });

  /** The reference: every dossier folded from its events, every paid fee and every rating, counted by date. */
  const naiveActivity = async (unitCodes: string[], from: string, to: string, by: ActivityKey) => {
    const db = ctx.database.db;
    const unitRows = await db.select().from(units).where(inArray(units.code, unitCodes));
    const ids = unitRows.map((u) => u.id);
    const out = new Map<string, ActivityVector>();
    const add = (place: { unitId: string; procedureId: string }, item: ActivityItem) => {
      const day = localDateOf(item.at, TIME_ZONE);
      if (day < from || day > to) return;
      const key =
        by === 'unit'
          ? place.unitId
          : by === 'procedure'
            ? place.procedureId
            : by === 'officer'
              ? (item.officerId ?? NO_OFFICER)
              : '';
      out.set(key, addActivity(out.get(key) ?? zeroActivity(), item.delta));
    };
    const rows = await db.select().from(dossiers).where(inArray(dossiers.receivingUnitId, ids));
    for (const row of rows) {
      const events = (
        await db
          .select()
          .from(dossierEvents)
          .where(eq(dossierEvents.dossierId, row.id))
          .orderBy(dossierEvents.seq)
      ).map(eventOf);
      const unit = unitRows.find((u) => u.id === row.receivingUnitId)!;
      const procedure = await procedureVersionContent(db, row.procedureId, row.procedureVersion);
      const { definition } = await loadProcess(db, row.processCode, row.processVersion);
      const stats = statisticsOfHistory(
        {
          definition,
          events,
          calendar: (await calendarForUnit(db, unit)).calendar,
          duration: durationOf(procedure.processingTime),
          channel: row.channel,
          resultDelivery: row.resultDelivery,
        },
        1,
      );
      for (const item of stats.activity)
        add({ unitId: row.receivingUnitId, procedureId: row.procedureId }, item);
    }
    const place = new Map(rows.map((r) => [r.id, { unitId: r.receivingUnitId, procedureId: r.procedureId }]));
    for (const p of await db.select().from(payments))
      if (p.paidAt && p.dossierId && place.has(p.dossierId))
        add(place.get(p.dossierId)!, paymentActivity({ ...p, paidAt: p.paidAt }));
    for (const r of await db.select().from(ratings))
      if (place.has(r.dossierId))
        add(
          place.get(r.dossierId)!,
          ratingActivity({ at: r.createdAt, level: r.level, officerId: r.officerId }),
        );
    return out;
  };

  it('activity roll-ups equal the count from every event, fee and rating, by unit, procedure and officer', async () => {
    await liveWork(f);
    const rand = seededRandom(23);
    const day = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
    const first = Date.parse('2024-10-01T00:00:00Z');
    const last = Date.parse('2026-03-25T00:00:00Z');
    const db = ctx.database.db;
    const unitIds = async (codes: string[]) =>
      (await db.select().from(units).where(inArray(units.code, codes))).map((u) => u.id);
    const periods: Array<[string, string]> = [
      ['2025-01-01', '2025-12-31'],
      ['2026-03-01', '2026-03-31'],
      ['2024-11-15', '2026-02-10'],
      ['2026-03-23', '2026-03-24'],
    ];
    for (let i = 0; i < 8; i++) {
      const a = first + Math.floor(rand() * (last - first));
      periods.push([day(a), day(Math.min(last, a + Math.floor(rand() * 500 * 86_400_000)))]);
    }
    let officerWork = 0;
    for (const [i, [from, to]] of periods.entries()) {
      const by = ([null, 'unit', 'procedure', 'officer'] as const)[i % 4] ?? null;
      const codes = i % 3 === 0 ? ['AG.LONGXUYEN'] : UNITS;
      const fast = await activityTotals(db, await unitIds(codes), from, to, by);
      const naive = await naiveActivity(codes, from, to, by);
      const nonZero = (m: Map<string, ActivityVector>) =>
        Object.fromEntries([...m].filter(([, v]) => Object.values(v).some((n) => n !== 0)).sort());
      expect(nonZero(fast), `${from}..${to} by ${by}`).toEqual(nonZero(naive));
      if (by === 'officer') officerWork += [...fast.keys()].filter((k) => k !== NO_OFFICER).length;
    }
    // The live work was credited to the officers who did it, the imports to nobody.
    const march = await activityTotals(
      db,
      await unitIds(['AG.LONGXUYEN']),
      '2026-03-01',
      '2026-03-31',
      'officer',
    );
    const officers = await db
      .select()
      .from(users)
      .where(inArray(users.username, ['tiepnhan.longxuyen', 'chuyenvien.longxuyen', 'lanhdao.longxuyen']));
    const of = (name: string) => march.get(officers.find((u) => u.username === name)!.id)!;
    expect(of('tiepnhan.longxuyen')).toMatchObject({ paidCash: 1, returnedPostal: 1, ratedSatisfied: 1 });
    expect(of('tiepnhan.longxuyen').received).toBeGreaterThanOrEqual(3);
    expect(
      of('chuyenvien.longxuyen').stepsEarly + of('chuyenvien.longxuyen').stepsOnTime,
    ).toBeGreaterThanOrEqual(1);
    expect(of('lanhdao.longxuyen')).toMatchObject({ resolved: 1 });
    const year = await activityTotals(db, await unitIds(UNITS), '2025-01-01', '2025-12-31', 'officer');
    expect(year.get(NO_OFFICER)?.received).toBeGreaterThan(0);
    expect(officerWork).toBeGreaterThan(0);
  });

  it('rebuilding the roll-ups from the events gives the same reports', async () => {
    const query = {
      unit: 'AG',
      from: '2025-03-15',
      to: '2026-03-23',
      descendants: true,
      groupBy: 'unit' as const,
    };
    const before = await processingReport(ctx, admin, query);
    const db = ctx.database.db;
    const ids = (await db.select().from(units)).map((u) => u.id);
    const activityBefore = await activityTotals(db, ids, '2024-01-01', '2026-12-31', 'officer');
    expect(await rebuildReportRollups(db)).toBe(408);
    expect(await processingReport(ctx, admin, query)).toEqual(before);
    expect(await activityTotals(db, ids, '2024-01-01', '2026-12-31', 'officer')).toEqual(activityBefore);
  });
});
