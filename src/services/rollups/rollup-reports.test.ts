/** The reports over HTTP on roll-ups of imported and live dossiers: dashboard, 766 index, other tables, feedback. */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client.ts';
import type { Actor, ServiceContext } from '../platform/index.ts';
import { processingReport } from '../statistics/index.ts';
import { bearer, type TestApp } from '../../test/app.ts';
import { TEST_TARGETS } from '../../test/databases.ts';
import { createRollupFixture, liveWork, type RollupFixture, UNITS } from './test-helpers.ts';

describe.each(TEST_TARGETS)('reports on the roll-ups on %s', (target) => {
  let f: RollupFixture;
  let t: TestApp;
  let ctx: ServiceContext;
  let admin: Actor;

  beforeAll(async () => {
    f = await createRollupFixture(target);
    ({ t, ctx, admin } = f);
  }, 300_000);
  afterAll(async () => t?.close());

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

  it('the reports besides form 06: each table adds up, rates carry their counts, exports match', async () => {
    // The live work (a fee, a postal return, a rating) that these reports count.
    await liveWork(f);
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
});
