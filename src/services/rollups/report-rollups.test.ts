/**
 * Roll-ups against the naive report on a real database (PGlite, and PostgreSQL when configured):
 * random imported histories (carry-over, pauses, apologies, refusals, withdrawals, open and overdue
 * dossiers) plus live dossiers taken through the workflow (supplement, liên thông), then random
 * periods, scopes and groupings must give identical reports both ways. Also the import itself:
 * dry run, errors by line and field, idempotent re-import, export round trip, rebuild.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client.ts';
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
import { actAs, bearer, createTestApp, receiveAs, requiredDocuments, type TestApp } from '../../test/app.ts';
import { TEST_TARGETS } from '../../test/databases.ts';
import { randomHistories, seededRandom } from '../../db/seed/history-generator.ts';
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

const UNITS = ['AG.LONGXUYEN', 'AG.CHAUPHU', 'AG.MYHOAHUNG', 'AG.TTPVHCC', 'AG.VPDKDD'];
const PROCEDURES = ['1.001193', '1.003583', '1.004873', '1.000894', '1.013831', '1.000656'];
const META = { ip: 'test', requestId: null };

describe.each(TEST_TARGETS)('report roll-ups on %s', (target) => {
  let t: TestApp;
  let ctx: ServiceContext;
  let now = new Date('2026-03-10T02:00:00Z');
  let admin: Actor;

  const lines = (count: number, seed: number) =>
    [
      ...randomHistories({
        seed,
        count,
        unitCodes: UNITS,
        procedureCodes: PROCEDURES,
        from: new Date('2024-11-01T00:00:00+07:00'),
        to: new Date('2026-03-10T00:00:00+07:00'),
        now,
      }),
    ].map((d) => JSON.stringify(d));

  beforeAll(async () => {
    t = await createTestApp(target, () => now);
    ctx = t.ctx;
    admin = {
      id: '00000000-0000-0000-0000-000000000001',
      username: 'admin',
      fullName: 'Quản trị',
      kind: 'staff',
      grants: [
        {
          role: 'system_admin',
          unitId: (await t.ctx.database.db.query.units.findFirst({ where: (u, { eq }) => eq(u.code, 'AG') }))!
            .id,
          includeDescendants: true,
        },
      ],
    };
    const summary = await importDossiers(ctx, admin, META, lines(400, 7), { batchSize: 150 });
    expect(summary.invalid, JSON.stringify(summary.errors.slice(0, 5))).toBe(0);
    expect(summary.imported).toBe(400);

    // Live dossiers through the workflow, the clock moving: a supplement, a liên thông, an apology.
    const reception = await t.login('tiepnhan.longxuyen');
    const person = { fullName: 'Trần Thị Bình', idNumber: '089301009999', phone: '0912009999' };
    now = new Date('2026-03-10T02:00:00Z');
    const land = await receiveAs(t, reception, '1.012783', person);
    const birth = await receiveAs(t, reception, '1.001193', person);
    now = new Date('2026-03-10T03:00:00Z');
    await actAs(t, reception, land, { action: 'transfer', unitCode: 'AG.VPDKDD' });
    await actAs(t, reception, birth, { action: 'forward', toStep: 'xu_ly' });
    await actAs(t, await t.login('chuyenvien.longxuyen'), birth, {
      action: 'request_supplement',
      reason: 'Thiếu giấy',
      items: [{ document: 'Giấy chứng sinh' }],
    });
    now = new Date('2026-03-12T03:00:00Z');
    await actAs(t, await t.login('chuyenvien.datdai'), land, { action: 'transfer', unitCode: 'AG.THUE' });
    await actAs(t, await t.login('chuyenvien.longxuyen'), birth, { action: 'receive_supplement' });
    now = new Date('2026-03-20T03:00:00Z');
    await actAs(t, await t.login('chuyenvien.thue'), land, { action: 'transfer', unitCode: 'AG.LONGXUYEN' });
    now = new Date('2026-03-23T04:00:00Z');
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

  it('the dashboard adds up to the report, and each figure drills down to exactly that many dossiers', async () => {
    const q = 'unit=AG&from=2025-07-01&to=2026-03-31&descendants=true';
    const token = await t.login('thanhtra');
    const get = async (url: string) => {
      const res = await t.app.inject({ url, headers: bearer(token) });
      expect(res.statusCode, res.body).toBe(200);
      return res;
    };
    const board = (await get(`/api/v1/reports/dashboard?${q}`)).json();
    const report = await processingReport(ctx, admin, {
      unit: 'AG',
      from: '2025-07-01',
      to: '2026-03-31',
      descendants: true,
    });
    expect(board.totals).toEqual(report.totals);
    expect(board.months.map((m: { month: string }) => m.month)).toEqual([
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    const sum = (pick: (m: { received: { total: number }; resolved: { late: number } }) => number) =>
      board.months.reduce((a: number, m: never) => a + pick(m), 0);
    expect(sum((m) => m.received.total)).toBe(report.totals.received.total);
    expect(sum((m) => m.resolved.late)).toBe(report.totals.resolved.late);
    expect(board.onlineRate).toEqual({
      numerator: report.totals.received.online,
      denominator: report.totals.received.total,
      value: report.totals.received.online / report.totals.received.total,
    });
    expect(board.cashlessRate.denominator).toBeGreaterThan(0);
    expect(board.satisfaction.rate.denominator).toBeGreaterThan(0);
    const figures: Record<string, number> = {
      carriedOver: report.totals.carriedOver,
      received: report.totals.received.total,
      'received.online': report.totals.received.online,
      'resolved.late': report.totals.resolved.late,
      'resolved.early': report.totals.resolved.early,
      withdrawn: report.totals.withdrawn,
      inProgress: report.totals.inProgress.total,
      'inProgress.overdue': report.totals.inProgress.overdue,
      'inProgress.paused': report.totals.inProgress.paused,
      'inProgress.notDue': report.totals.inProgress.notDue,
    };
    for (const [category, figure] of Object.entries(figures)) {
      const list = (
        await get(`/api/v1/reports/processing/dossiers?${q}&category=${category}&limit=500`)
      ).json();
      expect(list.total, category).toBe(figure);
      expect(list.items.length, category).toBe(Math.min(figure, 500));
    }
    expect(board.overdueByStep.reduce((a: number, s: { count: number }) => a + s.count, 0)).toBe(
      report.totals.inProgress.overdue,
    );
    const xlsx = await get(`/api/v1/reports/processing/dossiers?${q}&category=resolved.late&format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    const ws = wb.getWorksheet('Danh sách')!;
    expect(String(ws.getCell('A1').value)).toBe('HỒ SƠ GIẢI QUYẾT QUÁ HẠN');
    expect(ws.getCell('B4').value).toBe('Mã hồ sơ');
    expect(ws.rowCount).toBe(4 + report.totals.resolved.late);
  });

  it('the 766 index: system indicators from the same figures, manual ones only once recorded (audited)', async () => {
    const q = 'unit=AG&from=2025-01-01&to=2025-12-31';
    const get = async (user: string) =>
      t.app.inject({ url: `/api/v1/reports/index?${q}`, headers: bearer(await t.login(user)) });
    const res = await get('thanhtra');
    expect(res.statusCode, res.body).toBe(200);
    const index = res.json();
    const report = await processingReport(ctx, admin, {
      unit: 'AG',
      from: '2025-01-01',
      to: '2025-12-31',
      descendants: true,
    });
    const byCode = Object.fromEntries(
      index.groups
        .flatMap((g: { indicators: Array<{ code: string }> }) => g.indicators)
        .map((i: { code: string }) => [i.code, i]),
    );
    expect(index.total.maxPoints).toBe(100);
    expect(byCode.TD1.ratio).toEqual(report.totals.onTimeRate);
    expect(byCode.TT2.ratio.numerator).toBe(report.totals.received.online);
    expect(byCode.TT2.ratio.denominator).toBe(report.totals.received.total);
    expect(byCode.TD1.points).toBeCloseTo(12 * report.totals.onTimeRate.value!, 2);
    expect(byCode.CK1).toMatchObject({ input: 'manual', status: 'manual_missing', points: null });
    expect(byCode.SH1.ratio.denominator).toBe(report.totals.received.total);

    const body = {
      unit: 'AG',
      from: '2025-01-01',
      to: '2025-12-31',
      indicator: 'CK1',
      numerator: 45,
      denominator: 47,
      note: 'Quyết định công bố số 12/QĐ-UBND',
    };
    const put = async (user: string, payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/reports/index/inputs',
        headers: bearer(await t.login(user)),
        payload,
      });
    expect((await put('thanhtra', body)).statusCode).toBe(403);
    const computed = await put('admin', { ...body, indicator: 'TD1' });
    expect(computed.statusCode).toBe(400);
    expect(computed.json().errors[0].path).toBe('indicator');
    expect((await put('admin', { ...body, numerator: 48 })).json().errors[0].path).toBe('numerator');
    expect((await put('admin', body)).statusCode).toBe(204);
    const after = (await get('thanhtra')).json();
    const ck1 = after.groups[0].indicators.find((i: { code: string }) => i.code === 'CK1');
    expect(ck1).toMatchObject({
      status: 'scored',
      points: Math.round(6 * (45 / 47) * 100) / 100,
      recorded: { note: body.note },
    });
    expect(after.total.points).toBeCloseTo(index.total.points + ck1.points, 2);
    const audited = rowsOf<{ n: number }>(
      await ctx.database.db.execute(
        sql`select count(*)::int as n from audit where action = 'report.index_input'`,
      ),
    );
    expect(audited[0]!.n).toBe(1);
  });

  /** Live work with officers, a fee paid in cash, a result returned by post and a rating. */
  const liveWork = async () => {
    const reception = await t.login('tiepnhan.longxuyen');
    const officer = await t.login('chuyenvien.longxuyen');
    const leader = await t.login('lanhdao.longxuyen');
    now = new Date('2026-03-23T04:30:00Z');
    const person = { fullName: 'Lê Văn Cường', idNumber: '089301008888', phone: '0912008888' };
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: bearer(reception),
      payload: {
        procedureCode: '1.001193',
        unitCode: 'AG.LONGXUYEN',
        channel: 'counter',
        applicant: person,
        documents: await requiredDocuments(t, '1.001193'),
        feeIndexes: [0],
        resultDelivery: 'postal',
        deliveryAddress: 'Số 1, phường Mỹ Bình, Long Xuyên',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const code = res.json().code as string;
    const paid = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${code}/payments`,
      headers: bearer(reception),
      payload: { method: 'cash' },
    });
    expect(paid.statusCode, paid.body).toBe(201);
    await actAs(t, reception, code, { action: 'forward', toStep: 'xu_ly' });
    now = new Date('2026-03-23T06:30:00Z');
    await actAs(t, officer, code, { action: 'forward', toStep: 'phe_duyet' });
    await actAs(t, leader, code, { action: 'approve' });
    await actAs(t, reception, code, { action: 'attach_result', title: 'Giấy khai sinh', fileId: 'kq-1' });
    now = new Date('2026-03-24T02:00:00Z');
    await actAs(t, reception, code, { action: 'return', method: 'postal', trackingNumber: 'EB123456789VN' });
    const rated = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/track/${encodeURIComponent(code)}/rating`,
      payload: { phone: person.phone, level: 'satisfied' },
    });
    expect(rated.statusCode, rated.body).toBe(201);
    now = new Date('2026-03-24T04:00:00Z');
    return code;
  };

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
    await liveWork();
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

  it('the reports besides form 06: each table adds up, rates carry their counts, exports match', async () => {
    const token = await t.login('thanhtra');
    const get = async (path: string) => {
      const res = await t.app.inject({ url: `/api/v1/reports/${path}`, headers: bearer(token) });
      expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
      return res;
    };
    const q = 'unit=AG&from=2025-01-01&to=2026-03-31&descendants=true';
    const report = await processingReport(ctx, admin, {
      unit: 'AG',
      from: '2025-01-01',
      to: '2026-03-31',
      descendants: true,
    });
    type Table = {
      columns: Array<{ key: string }>;
      totals: Record<string, number | { numerator: number; denominator: number; value: number | null }>;
      rows: Array<{ key: { code: string; name: string }; figures: Record<string, unknown> }>;
    };
    const sumRows = (table: Table, key: string) =>
      table.rows.reduce((a, r) => a + (r.figures[key] as number), 0);

    const online: Table = (await get(`online?${q}`)).json();
    expect(online.totals.received).toBe(report.totals.received.total);
    expect(online.totals.receivedOnline).toBe(report.totals.received.online);
    expect(online.totals.onlineRate).toEqual(
      report.totals.received.total
        ? {
            numerator: report.totals.received.online,
            denominator: report.totals.received.total,
            value: report.totals.received.online / report.totals.received.total,
          }
        : expect.anything(),
    );
    expect(online.rows.map((r) => r.key.code)).toEqual(expect.arrayContaining(UNITS));
    expect(sumRows(online, 'paid')).toBe(online.totals.paid);
    expect((online.totals.cashlessRate as { denominator: number }).denominator).toBe(online.totals.paid);
    const byProcedure: Table = (await get(`online?${q}&groupBy=procedure`)).json();
    expect(sumRows(byProcedure, 'received')).toBe(online.totals.received);

    const postal: Table = (await get(`postal?${q}`)).json();
    expect(postal.totals.receivedPostal).toBe(report.totals.received.postal);
    expect(postal.totals.returnedPostal as number).toBeGreaterThan(0);

    const ratingsByOfficer: Table = (await get(`ratings?${q}&groupBy=officer`)).json();
    const ratingsByUnit: Table = (await get(`ratings?${q}`)).json();
    expect(sumRows(ratingsByOfficer, 'rated')).toBe(ratingsByUnit.totals.rated);
    expect(ratingsByOfficer.rows.find((r) => r.key.code === 'tiepnhan.longxuyen')?.figures).toMatchObject({
      rated: 1,
      satisfied: 1,
      satisfactionRate: { numerator: 1, denominator: 1, value: 1 },
    });

    const digitization: Table = (await get(`digitization?${q}`)).json();
    expect(digitization.totals.resolved).toBe(report.totals.resolved.total);
    const index = (await get('index?unit=AG&from=2025-01-01&to=2026-03-31')).json();
    const sh1 = index.groups
      .flatMap((g: { indicators: Array<{ code: string }> }) => g.indicators)
      .find((i: { code: string }) => i.code === 'SH1');
    expect(sh1.ratio).toEqual(digitization.totals.receptionDigitizedRate);

    const officers: Table = (await get(`officers?unit=AG.LONGXUYEN&from=2026-03-01&to=2026-03-31`)).json();
    const leader = officers.rows.find((r) => r.key.code === 'lanhdao.longxuyen')!;
    expect(leader.figures).toMatchObject({ resolved: 1, stepsDone: 1 });
    expect(officers.rows[officers.rows.length - 1]!.key.code).toBe('');
    // A past period has no "now" columns.
    const past: Table = (await get(`officers?unit=AG.LONGXUYEN&from=2025-01-01&to=2025-12-31`)).json();
    expect(past.totals.inHandNow).toBeNull();

    const bad = await t.app.inject({
      url: `/api/v1/reports/officers?${q}&groupBy=unit`,
      headers: bearer(token),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('groupBy');
    const forbidden = await t.app.inject({
      url: `/api/v1/reports/ratings?${q}`,
      headers: bearer(await t.login('chuyenvien.longxuyen')),
    });
    expect(forbidden.statusCode).toBe(403);

    const csv = (await get(`ratings?${q}&groupBy=officer&format=csv`)).body;
    expect(csv.startsWith('\uFEFFSTT,Mã cán bộ,Cán bộ,Lượt đánh giá')).toBe(true);
    expect(csv.trim().split('\r\n').length).toBe(2 + ratingsByOfficer.rows.length);
    const xlsx = await get(`online?${q}&format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toBe('TRỰC TUYẾN VÀ THANH TOÁN KHÔNG DÙNG TIỀN MẶT');
    expect(ws.getCell('D5').value).toBe('Hồ sơ tiếp nhận');
    const totalRow = ws.getRow(6 + online.rows.length);
    expect(totalRow.getCell(3).value).toBe('Tổng cộng');
    expect(totalRow.getCell(4).value).toBe(online.totals.received);
  });

  it('the feedback report: received, answered on time or late, unanswered at the end', async () => {
    const token = await t.login('thanhtra');
    const res = await t.app.inject({
      url: '/api/v1/reports/feedback?unit=AG&from=2026-01-01&to=2026-12-31&descendants=true&groupBy=category',
      headers: bearer(token),
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.totals).toMatchObject({
      received: expect.any(Number),
      answeredOnTimeRate: expect.anything(),
    });
    expect(body.totals.received).toBe(
      body.rows.reduce((a: number, r: { figures: { received: number } }) => a + r.figures.received, 0),
    );
  });

  it('imported dossiers (no applicant recorded) are listed and their forms print', async () => {
    const token = await t.login('quantri.tinh');
    const list = await t.app.inject({ url: '/api/v1/dossiers?limit=50', headers: bearer(token) });
    expect(list.statusCode, list.body).toBe(200);
    const imported = list.json().items.find((d: { code: string }) => d.code.startsWith('IMP-'));
    expect(imported, 'an imported dossier in the list').toBeDefined();
    expect(imported.applicantName).toBe('');
    for (const form of ['01', '05']) {
      const pdf = await t.app.inject({
        url: `/api/v1/dossiers/${encodeURIComponent(imported.code)}/forms/${form}.pdf`,
        headers: bearer(token),
      });
      expect(pdf.statusCode, `${form}: ${pdf.body.slice(0, 200)}`).toBe(200);
      expect(pdf.headers['content-type']).toContain('application/pdf');
    }
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
