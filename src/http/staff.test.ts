/**
 * The hotline's call log and a weekly evaluation round on a real database: the officer's report,
 * the facts the system measured (work, timeliness, ratings, reports on attitude from the hotline),
 * the leader's grade (audited), the officer's history and the summary export.
 */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../db/client.ts';
import { actAs, bearer, createTestApp, receiveAs, type TestApp } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';

describe.each(TEST_TARGETS)('hotline and weekly evaluation on %s', (target) => {
  let t: TestApp;
  let now = new Date('2026-12-07T02:00:00Z'); // Monday 7 December, 09:00 in Vietnam
  let reception: string;
  let officer: string;
  let leader: string;

  beforeAll(async () => {
    t = await createTestApp(target, () => now);
    reception = await t.login('tiepnhan.longxuyen');
    officer = await t.login('chuyenvien.longxuyen');
    leader = await t.login('lanhdao.longxuyen');
    // A week's work: a dossier received, processed and sent for approval.
    const code = await receiveAs(t, reception, '1.001193', {
      fullName: 'Người Tuần',
      idNumber: '089301004444',
      phone: '0912004444',
    });
    await actAs(t, reception, code, { action: 'forward', toStep: 'xu_ly' });
    now = new Date('2026-12-08T02:00:00Z');
    await actAs(t, officer, code, { action: 'forward', toStep: 'phe_duyet' });
    now = new Date('2026-12-11T08:00:00Z'); // Friday 15:00
  }, 120_000);
  afterAll(async () => t?.close());

  const post = (
    token: string,
    url: string,
    payload: Record<string, unknown>,
    method: 'POST' | 'PUT' = 'POST',
  ) => t.app.inject({ method, url, headers: bearer(token), payload });

  it('the hotline logs calls by purpose, with a report on an officer’s attitude and a follow-up', async () => {
    const noOfficer = await post(reception, '/api/v1/hotline/calls', {
      unitCode: 'AG.LONGXUYEN',
      purpose: 'attitude',
      summary: 'Người dân phản ánh cán bộ trả lời thiếu nhiệt tình',
    });
    expect(noOfficer.statusCode).toBe(400);
    expect(noOfficer.json().errors[0].path).toContain('officerUsername');
    const attitude = await post(reception, '/api/v1/hotline/calls', {
      unitCode: 'AG.LONGXUYEN',
      purpose: 'attitude',
      callerName: 'Bà Năm',
      callerPhone: '0912009999',
      summary: 'Người dân phản ánh cán bộ trả lời thiếu nhiệt tình',
      officerUsername: 'chuyenvien.longxuyen',
      followUpDue: '2026-12-10',
    });
    expect(attitude.statusCode, attitude.body).toBe(201);
    expect(attitude.json()).toMatchObject({ purpose: 'attitude', officerName: 'Phạm Minh Tuấn' });
    await post(reception, '/api/v1/hotline/calls', {
      unitCode: 'AG.LONGXUYEN',
      purpose: 'guidance',
      summary: 'Hỏi thủ tục đăng ký khai sinh',
      procedureCode: '1.001193',
    });
    const summary = (
      await t.app.inject({
        url: '/api/v1/hotline/summary?unit=AG.LONGXUYEN&week=2026-12-09',
        headers: bearer(reception),
      })
    ).json();
    expect(summary).toMatchObject({
      weekStart: '2026-12-07',
      calls: 2,
      byPurpose: { attitude: 1, guidance: 1, postal: 0, feedback: 0 },
      followUps: { due: 1, done: 0, overdue: 1 },
    });
    const done = await post(reception, `/api/v1/hotline/calls/${attitude.json().id}/follow-up`, {
      note: 'Đã gọi lại, xin lỗi người dân',
    });
    expect(done.json().followUpDoneAt).not.toBeNull();
  });

  it('a weekly round: the officer reports, the system measures, the leader grades; only leaders grade', async () => {
    const tuesday = await post(
      officer,
      '/api/v1/evaluations/weeks/2026-12-08/report',
      { unitCode: 'AG.LONGXUYEN', tasks: 'Xử lý hồ sơ' },
      'PUT',
    );
    expect(tuesday.statusCode).toBe(400);
    expect(tuesday.json().errors[0].path).toBe('week');
    const report = await post(
      officer,
      '/api/v1/evaluations/weeks/2026-12-07/report',
      { unitCode: 'AG.LONGXUYEN', tasks: 'Xử lý 1 hồ sơ khai sinh; hướng dẫn 3 lượt công dân' },
      'PUT',
    );
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json()).toMatchObject({ tasks: expect.stringContaining('khai sinh'), grade: null });
    const before = (await t.app.inject({ url: '/api/v1/evaluations/me', headers: bearer(officer) })).json();
    expect(before.weeks[0]).toMatchObject({ weekStart: '2026-12-07', grade: null, facts: { stepsDone: 1 } });

    const week = await t.app.inject({
      url: '/api/v1/evaluations/weeks/2026-12-07?unit=AG.LONGXUYEN',
      headers: bearer(leader),
    });
    expect(week.statusCode, week.body).toBe(200);
    const tuan = week
      .json()
      .find((e: { officer: { username: string } }) => e.officer.username === 'chuyenvien.longxuyen');
    expect(tuan.facts).toMatchObject({ stepsDone: 1, complaints: 1 });
    const lan = week
      .json()
      .find((e: { officer: { username: string } }) => e.officer.username === 'tiepnhan.longxuyen');
    expect(lan.facts.received).toBe(1);

    expect(
      (
        await t.app.inject({
          url: '/api/v1/evaluations/weeks/2026-12-07?unit=AG.LONGXUYEN',
          headers: bearer(officer),
        })
      ).statusCode,
    ).toBe(403);
    const byOfficer = await post(
      reception,
      '/api/v1/evaluations/weeks/2026-12-07/officers/chuyenvien.longxuyen/grade',
      { unitCode: 'AG.LONGXUYEN', grade: 'A' },
      'PUT',
    );
    expect(byOfficer.statusCode).toBe(403);
    const bad = await post(
      leader,
      '/api/v1/evaluations/weeks/2026-12-07/officers/chuyenvien.longxuyen/grade',
      { unitCode: 'AG.LONGXUYEN', grade: 'E' },
      'PUT',
    );
    expect(bad.statusCode).toBe(400);
    const graded = await post(
      leader,
      '/api/v1/evaluations/weeks/2026-12-07/officers/chuyenvien.longxuyen/grade',
      { unitCode: 'AG.LONGXUYEN', grade: 'B', comment: 'Hoàn thành tốt; lưu ý thái độ khi trả lời công dân' },
      'PUT',
    );
    expect(graded.statusCode, graded.body).toBe(200);
    expect(graded.json()).toMatchObject({
      grade: 'B',
      gradedByName: 'Võ Thanh Hải',
      facts: { complaints: 1 },
    });
    const late = await post(
      officer,
      '/api/v1/evaluations/weeks/2026-12-07/report',
      { unitCode: 'AG.LONGXUYEN', tasks: 'Sửa lại báo cáo' },
      'PUT',
    );
    expect(late.statusCode).toBe(409);
    const audited = rowsOf<{ n: number }>(
      await t.ctx.database.db.execute(
        sql`select count(*)::int as n from audit where action = 'evaluation.grade'`,
      ),
    );
    expect(audited[0]!.n).toBe(1);

    const mine = (await t.app.inject({ url: '/api/v1/evaluations/me', headers: bearer(officer) })).json();
    expect(mine.units.map((u: { code: string }) => u.code)).toEqual(['AG.LONGXUYEN']);
    expect(mine.weeks[0]).toMatchObject({ weekStart: '2026-12-07', grade: 'B', unitCode: 'AG.LONGXUYEN' });

    const summary = (
      await t.app.inject({
        url: '/api/v1/evaluations/summary?unit=AG.LONGXUYEN&from=2026-10-01&to=2026-12-31&by=quarter',
        headers: bearer(leader),
      })
    ).json();
    expect(summary.rows).toEqual([
      {
        officer: { username: 'chuyenvien.longxuyen', fullName: 'Phạm Minh Tuấn' },
        period: '2026-Q4',
        A: 0,
        B: 1,
        C: 0,
        D: 0,
        ungraded: 0,
      },
    ]);
    const xlsx = await t.app.inject({
      url: '/api/v1/evaluations/summary?unit=AG.LONGXUYEN&from=2026-10-01&to=2026-12-31&by=month&format=xlsx',
      headers: bearer(leader),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    const ws = wb.getWorksheet('Xếp loại')!;
    expect(String(ws.getCell('A1').value)).toContain('TỔNG HỢP XẾP LOẠI');
    expect(ws.getCell('B5').value).toBe('Phạm Minh Tuấn');
    expect(ws.getCell('D5').value).toBe('2026-12');
    expect(ws.getCell('F5').value).toBe(1);
  });
});
