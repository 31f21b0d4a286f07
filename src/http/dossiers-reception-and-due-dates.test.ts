/** Dossiers through the HTTP API: bundles, reception slips, lists, and due dates in the working calendar. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';
import { applicant, DOSSIER_TEST_USERS, dossierCalls, movableClock } from './dossier-test-helpers.ts';

// Monday 2 March 2026, 09:00 in Hà Nội time; tests move the clock forward.
const { clock, at } = movableClock('2026-03-02T02:00:00Z');

describe.each(TEST_TARGETS)('dossiers on %s', (target) => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const { auth, requiredDocs, receive } = dossierCalls(() => t, tokens);

  beforeAll(async () => {
    at('2026-03-02T02:00:00Z');
    t = await createTestApp(target, clock);
    for (const u of DOSSIER_TEST_USERS) tokens[u] = await t.login(u);
  });
  afterAll(async () => t?.close());

  it('receives the death-registration bundle once and tracks its dossiers together', async () => {
    at('2026-03-12T02:00:00Z');
    const procs = ['1.000656', '1.010915'];
    const items = await Promise.all(
      procs.map(async (procedureCode) => ({ procedureCode, documents: await requiredDocs(procedureCode) })),
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers/bundles',
      headers: auth('tiepnhan.longxuyen'),
      payload: { unitCode: 'AG.LONGXUYEN', channel: 'counter', applicant, items },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.dossiers).toHaveLength(2);
    expect(body.dossiers[0].bundle).toEqual([
      expect.objectContaining({ code: body.dossiers[1].code, procedureCode: procs[1] }),
    ]);
    // All or none: one bad item refuses the whole bundle.
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers/bundles',
      headers: auth('tiepnhan.longxuyen'),
      payload: {
        unitCode: 'AG.LONGXUYEN',
        channel: 'counter',
        applicant,
        items: [items[0], { procedureCode: procs[1], documents: [] }],
      },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('items.1.documents');
    const count = (
      await t.app.inject({
        url: '/api/v1/dossiers?q=AG.LONGXUYEN-260312',
        headers: auth('tiepnhan.longxuyen'),
      })
    ).json();
    expect(count.items).toHaveLength(2);
  });

  it('an incomplete dossier gets a guidance slip (Mẫu 02) and an out-of-competence one a refusal (Mẫu 03), both recorded', async () => {
    const guidance = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reception/slips',
      headers: auth('tiepnhan.longxuyen'),
      payload: {
        kind: 'guidance',
        unitCode: 'AG.LONGXUYEN',
        procedureCode: '1.000894',
        applicant: { fullName: 'Phan Văn Thiếu', phone: '0987000111' },
        items: [{ document: 'Giấy xác nhận tình trạng hôn nhân', form: 'original' }],
        reason: 'Hồ sơ chưa có giấy xác nhận tình trạng hôn nhân',
      },
    });
    expect(guidance.statusCode, guidance.body).toBe(201);
    expect(guidance.json().number).toMatch(/^1\/2026\/PHD$/);
    const pdf = await t.app.inject({
      url: `/api/v1/reception/slips/${guidance.json().id}/pdf`,
      headers: auth('tiepnhan.longxuyen'),
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const refusal = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reception/slips',
      headers: auth('tiepnhan.longxuyen'),
      payload: {
        kind: 'refusal',
        unitCode: 'AG.LONGXUYEN',
        procedureCode: '1.000894',
        applicant: { fullName: 'Phan Văn Thiếu' },
        reason: 'Không thuộc thẩm quyền',
      },
    });
    expect(refusal.statusCode).toBe(201);
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reception/slips',
      headers: auth('tiepnhan.longxuyen'),
      payload: {
        kind: 'guidance',
        unitCode: 'AG.LONGXUYEN',
        procedureCode: '1.000894',
        applicant: { fullName: 'X Y' },
        reason: 'thiếu',
      },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].path).toBe('items');
    const other = await t.app.inject({
      url: `/api/v1/reception/slips/${guidance.json().id}/pdf`,
      headers: auth('tiepnhan.chauphu'),
    });
    expect(other.statusCode).toBe(404);
    const rows = await t.ctx.database.raw.query<{ kind: string }>(
      'select kind from reception_slips order by kind',
    );
    expect(rows.rows.map((r) => r.kind)).toEqual(['guidance', 'refusal']);
  });

  it('a holiday added after reception keeps the receipt’s date but moves the due date in force, with an event', async () => {
    at('2026-03-16T02:00:00Z'); // Mon 09:00
    const created = await receive({
      procedureCode: '1.005461',
      unitCode: 'AG.LONGXUYEN',
      channel: 'counter',
      applicant,
      documents: await requiredDocs('1.005461'),
    });
    expect(created.statusCode, created.body).toBe(201);
    const promised = created.json().dueAt;
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/calendar/days/2026-03-17?unit=AG',
      headers: auth('admin'),
      payload: { kind: 'holiday', name: 'Nghỉ đột xuất (thử)' },
    });
    expect(put.statusCode).toBe(200);
    const after = (
      await t.app.inject({
        url: `/api/v1/dossiers/${created.json().code}`,
        headers: auth('tiepnhan.longxuyen'),
      })
    ).json();
    // What the receipt (Mẫu 01) said stays on record; the legal due date moves by the new day off.
    expect(after.originalDueAt).toBe(promised);
    expect(Date.parse(after.dueAt)).toBeGreaterThan(Date.parse(promised));
    expect(after.events.at(-1)).toMatchObject({
      type: 'recompute_due',
      payload: { previousDueAt: promised, dueAt: after.dueAt },
    });
    await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/admin/calendar/days/2026-03-17?unit=AG',
      headers: auth('admin'),
    });
    const back = (
      await t.app.inject({
        url: `/api/v1/dossiers/${created.json().code}`,
        headers: auth('tiepnhan.longxuyen'),
      })
    ).json();
    expect(back.dueAt).toBe(promised);
  });

  it('lists by step and by assignee with names; anonymous intake is 401 before validation', async () => {
    const byStep = (
      await t.app.inject({
        url: '/api/v1/dossiers?step=phe_duyet&limit=50',
        headers: auth('lanhdao.longxuyen'),
      })
    ).json();
    for (const item of byStep.items) expect(item.step).toBe('phe_duyet');
    const all = (
      await t.app.inject({ url: '/api/v1/dossiers?limit=3', headers: auth('tiepnhan.longxuyen') })
    ).json();
    expect(all.items[0].procedureName).toBeTruthy();
    expect(all.items[0]).toHaveProperty('stepName');
    const mine = (
      await t.app.inject({ url: '/api/v1/dossiers?assignee=me', headers: auth('chuyenvien.longxuyen') })
    ).json();
    expect(Array.isArray(mine.items)).toBe(true);
    const anon = await t.app.inject({ method: 'POST', url: '/api/v1/dossiers', payload: {} });
    expect(anon.statusCode).toBe(401);
  });

  it('counts the time left in the unit’s working calendar: a holiday in the way is skipped', async () => {
    const holiday = '/api/v1/admin/calendar/days/2026-03-25?unit=AG';
    const put = await t.app.inject({
      method: 'PUT',
      url: holiday,
      headers: auth('admin'),
      payload: { kind: 'holiday', name: 'Nghỉ đột xuất (thử)' },
    });
    expect(put.statusCode, put.body).toBe(200);
    at('2026-03-23T02:00:00Z'); // Mon 09:00; 5 working days, Wednesday 25 off → due Tue 31 March 09:00
    const created = await receive({
      procedureCode: '1.005461',
      unitCode: 'AG.LONGXUYEN',
      channel: 'counter',
      applicant,
      documents: await requiredDocs('1.005461'),
    });
    expect(created.statusCode, created.body).toBe(201);
    const { code, dueAt } = created.json();
    expect(dueAt).toBe('2026-03-31T02:00:00.000Z');
    // 24, 26, 27, 30 and 31 March: five working days, where Monday to Friday would count six.
    const expected = { state: 'running', workingMinutes: 5 * 480, workingDays: 5, lateMinutes: 0 };
    expect(created.json().timeLeft).toEqual(expected);
    const view = async () =>
      (await t.app.inject({ url: `/api/v1/dossiers/${code}`, headers: auth('tiepnhan.longxuyen') })).json();
    const listed = async () =>
      (await t.app.inject({ url: `/api/v1/dossiers?q=${code}`, headers: auth('tiepnhan.longxuyen') })).json()
        .items[0];
    expect((await listed()).timeLeft).toEqual(expected);

    at('2026-03-24T09:00:00Z'); // Tue 16:00: one working hour left today, then 26, 27, 30 and 31 March
    const tuesday = { state: 'running', workingMinutes: 60 + 3 * 480 + 90, workingDays: 4, lateMinutes: 0 };
    expect((await view()).timeLeft).toEqual(tuesday);
    expect((await listed()).timeLeft).toEqual(tuesday);

    at('2026-03-31T01:00:00Z'); // due day, 08:00: one working hour left
    expect((await view()).timeLeft).toEqual({
      state: 'running',
      workingMinutes: 60,
      workingDays: 0,
      lateMinutes: 0,
    });

    at('2026-04-01T02:00:00Z'); // a day after the due moment
    expect((await listed()).timeLeft).toEqual({
      state: 'overdue',
      workingMinutes: 0,
      workingDays: 0,
      lateMinutes: 1440,
    });

    await t.app.inject({ method: 'DELETE', url: holiday, headers: auth('admin') });
  });
});
