/**
 * The processing report over real dossiers: figures from their events, the form's identities, rows
 * adding up to totals, a period split in two, a past period unchanged by later events, access.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokenIdentities } from '../domain/statistics/processing.ts';
import { actAs, bearer, createTestApp, receiveAs, type TestApp } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';

// Khai sinh (1.001193) is resolved "within the day": received before 15:00 → due 17:00 that day.
const BIRTH = '1.001193';

describe.each(TEST_TARGETS)('processing report on %s', (target) => {
  let t: TestApp;
  let now = new Date('2026-02-26T02:00:00Z'); // Thursday 26 February, 09:00 in Vietnam
  const setLocal = (local: string) => {
    now = new Date(`${local}+07:00`);
  };
  const tokens: Record<string, string> = {};
  const token = async (user: string) => {
    tokens[user] ??= await t.login(user);
    return tokens[user]!;
  };
  const act = async (user: string, code: string, body: Record<string, unknown>) =>
    actAs(t, await token(user), code, body);
  const person = (n: number) => ({
    fullName: `Người Thử ${n}`,
    idNumber: `08930100${1000 + n}`,
    phone: `091200${1000 + n}`,
  });
  const report = async (query: string, user = 'lanhdao.longxuyen') =>
    t.app.inject({ url: `/api/v1/reports/processing?${query}`, headers: bearer(await token(user)) });
  const codes: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(target, () => now);
    const reception = await token('tiepnhan.longxuyen');
    // D1: received in February, left overdue, resolved late in March.
    codes.d1 = await receiveAs(t, reception, BIRTH, person(1));
    // March.
    setLocal('2026-03-02T09:00:00');
    codes.d2 = await receiveAs(t, reception, BIRTH, person(2));
    setLocal('2026-03-02T09:05:00');
    codes.d3 = await receiveAs(t, reception, BIRTH, person(3));
    setLocal('2026-03-02T09:10:00');
    await act('tiepnhan.longxuyen', codes.d3, { action: 'withdraw', reason: 'Công dân xin rút hồ sơ' });
    setLocal('2026-03-02T10:00:00');
    await act('tiepnhan.longxuyen', codes.d2, { action: 'forward', toStep: 'xu_ly' });
    await act('chuyenvien.longxuyen', codes.d2, { action: 'forward', toStep: 'phe_duyet' });
    setLocal('2026-03-02T11:00:00');
    await act('lanhdao.longxuyen', codes.d2, { action: 'approve' });
    // D4: received on 3 March, waiting for a supplement since.
    setLocal('2026-03-03T09:00:00');
    codes.d4 = await receiveAs(t, reception, BIRTH, person(4));
    setLocal('2026-03-03T09:30:00');
    await act('tiepnhan.longxuyen', codes.d4, { action: 'forward', toStep: 'xu_ly' });
    await act('chuyenvien.longxuyen', codes.d4, {
      action: 'request_supplement',
      reason: 'Thiếu bản chụp',
      items: [{ document: 'Giấy chứng sinh' }],
    });
    // D5 at another commune of the province.
    setLocal('2026-03-04T09:00:00');
    codes.d5 = await receiveAs(t, await token('tiepnhan.chauphu'), BIRTH, person(5), 'AG.CHAUPHU');
    // D1 resolved, late, on 5 March.
    setLocal('2026-03-05T09:00:00');
    await act('tiepnhan.longxuyen', codes.d1, { action: 'forward', toStep: 'xu_ly' });
    await act('chuyenvien.longxuyen', codes.d1, { action: 'forward', toStep: 'phe_duyet' });
    await act('lanhdao.longxuyen', codes.d1, { action: 'approve' });
    setLocal('2026-03-06T09:00:00');
  }, 120_000);
  afterAll(async () => t?.close());

  it('counts March at Long Xuyên from the events: carried over, received, resolved, withdrawn, paused', async () => {
    const res = await report('unit=AG.LONGXUYEN&from=2026-03-01&to=2026-03-31');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.totals).toEqual({
      carriedOver: 1,
      received: { total: 3, online: 0, counter: 3, postal: 0 },
      total: 4,
      resolved: { total: 2, early: 0, onTime: 1, late: 1 },
      inProgress: { total: 1, notDue: 1, overdue: 0, paused: 1 },
      refused: 0,
      withdrawn: 1,
      onTimeRate: { numerator: 1, denominator: 2, value: 0.5 },
    });
    expect(body.asOf).toBe(now.toISOString()); // a running period: as of now
    expect(body.rows).toEqual([]);
  });

  it('counts February as it stood at its end, whatever happened since', async () => {
    const res = await report('unit=AG.LONGXUYEN&from=2026-02-01&to=2026-02-28');
    const feb = res.json().totals;
    expect(feb).toMatchObject({
      carriedOver: 0,
      received: { total: 1, counter: 1 },
      resolved: { total: 0 },
      inProgress: { total: 1, notDue: 0, overdue: 1, paused: 0 },
    });
    expect(res.json().asOf).toBe('2026-02-28T17:00:00.000Z');
    expect(feb.onTimeRate).toEqual({ numerator: 0, denominator: 0, value: null });
  });

  it('gives the same flows for March split in two, the first part’s end carried into the second', async () => {
    const whole = (await report('unit=AG.LONGXUYEN&from=2026-03-01&to=2026-03-31')).json().totals;
    const first = (await report('unit=AG.LONGXUYEN&from=2026-03-01&to=2026-03-03')).json().totals;
    const second = (await report('unit=AG.LONGXUYEN&from=2026-03-04&to=2026-03-31')).json().totals;
    for (const key of ['total', 'online', 'counter', 'postal'] as const)
      expect(first.received[key] + second.received[key]).toBe(whole.received[key]);
    for (const key of ['total', 'early', 'onTime', 'late'] as const)
      expect(first.resolved[key] + second.resolved[key]).toBe(whole.resolved[key]);
    expect(first.withdrawn + second.withdrawn).toBe(whole.withdrawn);
    expect(second.carriedOver).toBe(first.inProgress.total);
    expect(second.inProgress).toEqual(whole.inProgress);
    for (const c of [whole, first, second]) expect(brokenIdentities(c)).toEqual([]);
  });

  it('groups the province with its communes: rows add up to the totals', async () => {
    for (const groupBy of ['unit', 'field', 'procedure']) {
      const res = await report(
        `unit=AG&from=2026-03-01&to=2026-03-31&descendants=true&groupBy=${groupBy}`,
        'thanhtra',
      );
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.totals.total).toBe(5);
      expect(body.totals.received.total).toBe(4);
      const sum = (pick: (r: typeof body.totals) => number) =>
        body.rows.reduce((s: number, r: typeof body.totals) => s + pick(r), 0);
      expect(sum((r) => r.total)).toBe(body.totals.total);
      expect(sum((r) => r.resolved.total)).toBe(body.totals.resolved.total);
      expect(sum((r) => r.inProgress.total)).toBe(body.totals.inProgress.total);
      expect(sum((r) => r.carriedOver)).toBe(body.totals.carriedOver);
    }
    const byUnit = (
      await report('unit=AG&from=2026-03-01&to=2026-03-31&descendants=true&groupBy=unit', 'thanhtra')
    ).json();
    const chauPhu = byUnit.rows.find((r: { key: { unitCode: string } }) => r.key.unitCode === 'AG.CHAUPHU');
    expect(chauPhu).toMatchObject({ total: 1, received: { total: 1 }, inProgress: { total: 1 } });
    // Without descendants, the province's own counter only.
    expect((await report('unit=AG&from=2026-03-01&to=2026-03-31', 'thanhtra')).json().totals.total).toBe(0);
  });

  it('exports the report as CSV with the form’s headings', async () => {
    const res = await report('unit=AG.LONGXUYEN&from=2026-03-01&to=2026-03-31&groupBy=procedure&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('bao-cao-AG.LONGXUYEN-2026-03-01-2026-03-31.csv');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('Tổng số hồ sơ phải giải quyết (3)');
    expect(lines[1]).toMatch(/^1,1\.001193,Đăng ký khai sinh,4,0,3,0,1,2,0,1,1,1,1,0,1,0,1,50$/);
    expect(lines.at(-1)).toContain('Tổng cộng (2026-03-01 – 2026-03-31)');
  });

  it('exports the report as an Excel workbook laid out as form 06', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const res = await report(
      'unit=AG&from=2026-03-01&to=2026-03-31&descendants=true&groupBy=unit&format=xlsx',
      'thanhtra',
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Mẫu 06')!;
    expect(String(ws.getCell('A1').value)).toBe('TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(String(ws.getCell('A2').value)).toContain('từ ngày 01/03/2026 đến ngày 31/03/2026');
    expect(ws.getCell('D5').value).toBe('Số hồ sơ phải giải quyết');
    expect(ws.getCell('D6').value).toBe('Tổng số hồ sơ phải giải quyết (3)');
    expect(ws.getCell('I6').value).toBe('Đã giải quyết: tổng số (7)');
    // One row per unit of the province, then the total: 5 to resolve, 2 resolved (1 on time, 1 late).
    const rows = ws.getRows(7, ws.rowCount - 6)!;
    const total = rows.at(-1)!;
    expect(total.getCell(3).value).toBe('Tổng cộng');
    expect([
      total.getCell(4).value,
      total.getCell(9).value,
      total.getCell(11).value,
      total.getCell(12).value,
    ]).toEqual([5, 2, 1, 1]);
    expect(total.getCell(19).value).toBe(0.5);
    expect(total.getCell(19).numFmt).toBe('0.0%');
    const longXuyen = rows.find((r) => r.getCell(2).value === 'AG.LONGXUYEN')!;
    expect(longXuyen.getCell(4).value).toBe(4);
    const sumOfRows = rows.slice(0, -1).reduce((sum, r) => sum + Number(r.getCell(4).value), 0);
    expect(sumOfRows).toBe(5);
  });

  it('prints the report as a landscape PDF with the unit’s heading, the rows and the total', async () => {
    const { countPdfPages, extractPdfInfo, extractPdfText } = await import('../documents/index.ts');
    const res = await report(
      'unit=AG&from=2026-03-01&to=2026-03-31&descendants=true&groupBy=unit&format=pdf',
      'thanhtra',
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('bao-cao-AG-2026-03-01-2026-03-31.pdf');
    const pdf = res.rawPayload;
    expect(countPdfPages(pdf)).toBe(1);
    expect(extractPdfInfo(pdf).Subject).toContain('Từ ngày 01/03/2026 đến ngày 31/03/2026');
    // The same report rendered uncompressed, to read its text.
    const { processingPdf } = await import('../services/statistics/index.ts');
    const json = (
      await report('unit=AG&from=2026-03-01&to=2026-03-31&descendants=true&groupBy=unit', 'thanhtra')
    ).json();
    const plain = await processingPdf(json, { name: 'UBND tỉnh An Giang', province: 'An Giang' }, now, {
      compress: false,
    });
    const text = extractPdfText(plain).join(' ');
    for (const expected of [
      'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
      'UBND xã Châu Phú',
      'Tổng cộng',
    ])
      expect(text).toContain(expected);
  });

  it('publishes this month’s and this year’s figures of the province without login or personal data', async () => {
    const res = await t.app.inject({ url: '/api/v1/public/units/AG/statistics' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.unit).toEqual({ code: 'AG', name: expect.any(String) });
    const [month, year] = body.periods;
    expect(month).toMatchObject({ period: 'month', from: '2026-03-01', to: '2026-03-31' });
    expect(year).toMatchObject({ period: 'year', from: '2026-01-01', to: '2026-12-31' });
    // The same figures as the staff report of the province with its communes.
    const staff = (await report('unit=AG&from=2026-03-01&to=2026-03-31&descendants=true', 'thanhtra')).json()
      .totals;
    expect(month.totals).toEqual(staff);
    expect(month.onlineRate).toEqual({ numerator: 0, denominator: 4, value: 0 });
    expect(year.totals.received.total).toBe(5);
    expect(year.satisfactionRate).toEqual({ numerator: 0, denominator: 0, value: null });
    for (const n of [1, 2, 3, 4, 5]) expect(res.body).not.toContain(person(n).fullName);
    expect((await t.app.inject({ url: '/api/v1/public/units/NOPE/statistics' })).statusCode).toBe(404);
  });

  it('refuses readers without the right, and bad periods with the field named', async () => {
    expect((await report('unit=AG&from=2026-03-01&to=2026-03-31')).statusCode).toBe(403);
    expect(
      (await report('unit=AG.LONGXUYEN&from=2026-03-01&to=2026-03-31', 'tiepnhan.longxuyen')).statusCode,
    ).toBe(403);
    const reversed = await report('unit=AG.LONGXUYEN&from=2026-03-31&to=2026-03-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors[0].path).toBe('to');
    const impossible = await report('unit=AG.LONGXUYEN&from=2026-02-30&to=2026-03-01');
    expect(impossible.statusCode).toBe(400);
    expect((await report('unit=NOPE&from=2026-03-01&to=2026-03-31')).statusCode).toBe(404);
    expect((await report('unit=AG.LONGXUYEN&from=2026-3-1&to=2026-03-31')).statusCode).toBe(400);
  });
});
