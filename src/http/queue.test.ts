/**
 * The hall queue over HTTP on a real database: kiosk tickets with daily numbers and priority, the
 * counter's call-next, recall / no-show / start / finish / transfer / link, the display's state and
 * its live server-sent events (LISTEN/NOTIFY), and the checks at each door.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, receiveAs, type TestApp } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';

describe.each(TEST_TARGETS)('the hall queue on %s', (target) => {
  let t: TestApp;
  let now = new Date('2026-12-07T01:30:00Z'); // Monday 08:30 in Vietnam
  let reception: string;
  let counters: Array<{ id: string; number: number; serviceCodes: string[] }>;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp(target, () => now);
    reception = await t.login('tiepnhan.longxuyen');
    counters = (await t.app.inject({ url: '/api/v1/queue/counters?unit=AG.LONGXUYEN' })).json();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(async () => t?.close());

  const take = async (serviceCode: string, priority?: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/queue/tickets',
      payload: { unitCode: 'AG.LONGXUYEN', serviceCode, ...(priority ? { priority } : {}) },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as {
      id: string;
      number: string;
      peopleAhead: number;
      estimatedWaitMinutes: number | null;
    };
  };
  const counter = (n: number) => counters.find((c) => c.number === n)!;
  const callNext = (n: number, token = reception) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/queue/counters/${counter(n).id}/call-next`,
      headers: bearer(token),
    });
  const act = (n: number, ticketId: string, body: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/queue/counters/${counter(n).id}/tickets/${ticketId}/actions`,
      headers: bearer(reception),
      payload: body,
    });

  it('lists the services and counters of a hall (public)', async () => {
    const services = (await t.app.inject({ url: '/api/v1/queue/services?unit=AG.LONGXUYEN' })).json();
    expect(services.map((s: { code: string; prefix: string }) => `${s.code}:${s.prefix}`)).toEqual([
      'HT:1',
      'DD:2',
      'KH:3',
    ]);
    expect(counters.map((c) => c.number)).toEqual([1, 2, 3]);
    const unknown = await t.app.inject({ url: '/api/v1/queue/services?unit=NOPE' });
    expect(unknown.statusCode).toBe(404);
  });

  it('tickets: the day’s numbers per service, people ahead, an estimate; bad input named', async () => {
    const a = await take('HT');
    const b = await take('HT');
    const c = await take('DD');
    expect([a.number, b.number, c.number]).toEqual(['1001', '1002', '2001']);
    expect(b.peopleAhead).toBe(1);
    // Two open counters serve HT (1 and 3), 10 minutes each without history: ceil(1 × 10 / 2).
    expect(b.estimatedWaitMinutes).toBe(5);
    const elderly = await take('HT', 'elderly');
    expect(elderly.number).toBe('1003');
    expect(elderly.peopleAhead).toBe(0);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/queue/tickets',
      payload: { unitCode: 'AG.LONGXUYEN', serviceCode: 'ZZ' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('serviceCode');
    const badPriority = await t.app.inject({
      method: 'POST',
      url: '/api/v1/queue/tickets',
      payload: { unitCode: 'AG.LONGXUYEN', serviceCode: 'HT', priority: 'vip' },
    });
    expect(badPriority.statusCode).toBe(400);
    expect(JSON.stringify(badPriority.json().errors)).toContain('priority');
  });

  it('the counter calls priority first; the display hears it live; recall, no-show after recalls', async () => {
    // The display's live stream, as the hall screen opens it.
    const events: Array<{ event: string; data: Record<string, unknown> }> = [];
    const stream = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http.get(`${base}/api/v1/queue/display/AG.LONGXUYEN/events`, resolve).on('error', reject),
    );
    expect(stream.headers['content-type']).toContain('text/event-stream');
    let buffer = '';
    stream.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
    });
    await new Promise((r) => setTimeout(r, 200));

    const started = Date.now();
    const first = await callNext(1);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      number: '1003',
      priority: 'elderly',
      status: 'called',
      counter: { number: 1 },
    });
    for (let i = 0; i < 50 && !events.some((e) => e.event === 'called'); i++)
      await new Promise((r) => setTimeout(r, 20));
    const called = events.find((e) => e.event === 'called')!;
    expect(called.data).toMatchObject({
      label: '1003',
      counterNumber: 1,
      announcement: 'Mời số 1003 đến quầy số 1',
    });
    expect(Date.now() - started).toBeLessThan(1000);

    const desks = (await t.app.inject({ url: '/api/v1/queue/counters?unit=AG.LONGXUYEN' })).json();
    expect(desks[0].current).toMatchObject({ label: '1003', serviceCode: 'HT', status: 'called' });
    const display = (await t.app.inject({ url: '/api/v1/queue/display/AG.LONGXUYEN' })).json();
    expect(display.calling).toEqual([
      expect.objectContaining({ label: '1003', counterNumber: 1, status: 'called' }),
    ]);
    expect(display.waiting.find((w: { serviceCode: string }) => w.serviceCode === 'HT').waiting).toBe(2);

    const ticket = first.json().id;
    const early = await act(1, ticket, { action: 'no_show' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('recall_first');
    expect((await act(1, ticket, { action: 'recall' })).json().recalls).toBe(1);
    expect((await act(1, ticket, { action: 'recall' })).json().recalls).toBe(2);
    const gone = await act(1, ticket, { action: 'no_show' });
    expect(gone.statusCode, gone.body).toBe(200);
    expect(gone.json().status).toBe('no_show');
    expect(events.filter((e) => e.event === 'recalled').length).toBe(2);
    stream.destroy();
  });

  it('start, finish, transfer to another service, link the dossier received; other counters and units refused', async () => {
    const next = (await callNext(3)).json();
    expect(next.number).toBe('1001');
    const other = await act(1, next.id, { action: 'start' });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('other_counter');
    expect((await act(3, next.id, { action: 'start' })).json().status).toBe('serving');
    const code = await receiveAs(t, reception, '1.001193', {
      fullName: 'Người Xếp Hàng',
      idNumber: '089301005555',
      phone: '0912005555',
    });
    expect((await act(3, next.id, { action: 'link', dossierCode: code })).json().dossierCode).toBe(code);
    now = new Date(now.getTime() + 6 * 60_000);
    expect((await act(3, next.id, { action: 'finish' })).json().status).toBe('done');
    expect((await act(3, next.id, { action: 'finish' })).statusCode).toBe(409);

    const wrongDesk = (await callNext(3)).json();
    expect(wrongDesk.number).toBe('1002');
    const moved = await act(3, wrongDesk.id, { action: 'transfer', serviceCode: 'DD' });
    expect(moved.json()).toMatchObject({
      status: 'waiting',
      serviceCode: 'DD',
      number: '1002',
      peopleAhead: 1,
    });
    expect((await callNext(2)).json().number).toBe('2001');
    expect((await callNext(2)).json().number).toBe('1002');
    expect((await callNext(2)).statusCode).toBe(204);

    const stranger = await t.login('tiepnhan.chauphu');
    expect((await callNext(1, stranger)).statusCode).toBe(403);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: `/api/v1/queue/counters/${counter(1).id}/call-next`,
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('the counter’s tablet: one rating per ticket served there, counted for the officer in the reports', async () => {
    // Each tablet is bound to its counter by a device key a unit administrator issues (issue 14 §3).
    const unitAdmin = await t.login('quantri.longxuyen');
    const issue = (n: number, token = unitAdmin) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/queue/counters/${counter(n).id}/devices`,
        headers: bearer(token),
        payload: { name: `Máy tính bảng quầy ${n}` },
      });
    expect((await issue(3, await t.login('tiepnhan.longxuyen'))).statusCode).toBe(403);
    const key3 = (await issue(3)).json().key as string;
    const key1 = (await issue(1)).json().key as string;
    const targetOf = (n: number, key?: string) =>
      t.app.inject({
        url: `/api/v1/queue/counters/${counter(n).id}/rating-target`,
        headers: key ? { 'x-device-key': key } : {},
      });
    // Nobody rates or watches a counter without its key: not anonymously, not with another counter's.
    expect((await targetOf(3)).statusCode).toBe(401);
    expect((await targetOf(3, key1)).statusCode).toBe(401);
    const target = (await targetOf(3, key3)).json();
    expect(target).toMatchObject({
      counter: { number: 3 },
      officerName: 'Nguyễn Thị Lan',
      ticket: { label: '1001' },
    });
    const rate = (n: number, body: Record<string, unknown>, key: string | null = n === 3 ? key3 : key1) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/queue/counters/${counter(n).id}/ratings`,
        headers: key ? { 'x-device-key': key } : {},
        payload: body,
      });
    const anonymous = await rate(3, { ticketId: target.ticket.id, level: 'not_satisfied' }, null);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('device_key_required');
    expect((await rate(3, { ticketId: target.ticket.id, level: 'not_satisfied' }, key1)).statusCode).toBe(
      401,
    );
    const elsewhere = await rate(1, { ticketId: target.ticket.id, level: 'satisfied' });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().errors[0].path).toBe('ticketId');
    const ok = await rate(3, {
      ticketId: target.ticket.id,
      level: 'very_satisfied',
      reasons: ['attitude', 'speed'],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const again = await rate(3, { ticketId: target.ticket.id, level: 'not_satisfied' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already_rated');
    expect((await rate(3, { ticketId: target.ticket.id, level: 'great' })).statusCode).toBe(400);
    // Nothing left to rate at that counter.
    expect((await targetOf(3, key3)).json().ticket).toBeNull();
    // The administrator lists the counter's tablets (never their keys) and revokes one: it stops at once.
    const devices = await t.app.inject({
      url: `/api/v1/queue/counters/${counter(3).id}/devices`,
      headers: bearer(unitAdmin),
    });
    expect(devices.json().items).toHaveLength(1);
    expect(devices.body).not.toContain(key3);
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/queue/counters/${counter(3).id}/devices/${devices.json().items[0].id}/revoke`,
      headers: bearer(unitAdmin),
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect((await targetOf(3, key3)).statusCode).toBe(401);
    expect((await issue(3, await t.login('tiepnhan.chauphu'))).statusCode).toBe(403);
    const report = (
      await t.app.inject({
        url: '/api/v1/reports/ratings?unit=AG.LONGXUYEN&from=2026-12-01&to=2026-12-31&groupBy=officer',
        headers: bearer(await t.login('lanhdao.longxuyen')),
      })
    ).json();
    const lan = report.rows.find((r: { key: { code: string } }) => r.key.code === 'tiepnhan.longxuyen');
    expect(lan.figures).toMatchObject({ rated: 1, verySatisfied: 1 });
  });

  it('the estimate learns from today’s service times; numbers restart the next day', async () => {
    const done = (await t.app.inject({ url: '/api/v1/queue/display/AG.LONGXUYEN' })).json();
    expect(done.recent.some((r: { label: string }) => r.label === '1001')).toBe(true);
    const waiting = await take('HT');
    const again = await take('HT');
    // One service of 6 minutes today at HT: ceil(1 × 6 / 2).
    expect(again.peopleAhead).toBe(1);
    expect(again.estimatedWaitMinutes).toBe(3);
    expect(waiting.number).toBe('1004');
    now = new Date('2026-12-08T01:30:00Z');
    expect((await take('HT')).number).toBe('1001');
    const follow = (await t.app.inject({ url: `/api/v1/queue/tickets/${again.id}` })).json();
    expect(follow).toMatchObject({ number: '1005', status: 'waiting', unit: { code: 'AG.LONGXUYEN' } });
    expect((await t.app.inject({ url: '/api/v1/queue/tickets/not-a-ticket' })).statusCode).toBe(404);
  });

  it('counters calling at once never get the same ticket', async () => {
    for (let i = 0; i < 6; i++) await take('KH');
    const calls = await Promise.all([1, 2, 3, 1, 2, 3].map((n) => callNext(n)));
    const numbers = calls.filter((c) => c.statusCode === 200).map((c) => c.json().number as string);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('statistics by service, counter and officer come from the tickets’ times', async () => {
    const admin = await t.login('quantri.longxuyen');
    const get = (groupBy: string, token = admin) =>
      t.app.inject({
        url: `/api/v1/queue/statistics?unit=AG.LONGXUYEN&from=2026-12-07&to=2026-12-08&groupBy=${groupBy}`,
        headers: bearer(token),
      });
    const byService = (await get('service')).json();
    expect(byService.totals.noShows).toBe(1);
    expect(byService.totals.served).toBe(1);
    // The one served took 6 minutes.
    expect(byService.totals.averageServiceMinutes).toBe(6);
    const ht = byService.rows.find((r: { key: { code: string } }) => r.key.code === 'HT');
    expect(ht.key.name).toBe('Hộ tịch, chứng thực');
    expect(byService.rows.reduce((a: number, r: { tickets: number }) => a + r.tickets, 0)).toBe(
      byService.totals.tickets,
    );
    const byOfficer = (await get('officer')).json();
    expect(byOfficer.rows.some((r: { key: { name: string } }) => r.key.name === 'Nguyễn Thị Lan')).toBe(true);
    expect((await get('counter')).json().rows.map((r: { key: { code: string } }) => r.key.code)).toContain(
      '3',
    );
    const citizen = await t.login('0912345678');
    expect((await get('service', citizen)).statusCode).toBe(403);
  });

  it('an administrator sets the hall: services by code, counters by number; duplicates refused by field', async () => {
    const admin = await t.login('quantri.longxuyen');
    const put = (token: string, payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/queue/units/AG.LONGXUYEN/setup',
        headers: bearer(token),
        payload,
      });
    const setup = {
      services: [
        { code: 'HT', name: 'Hộ tịch', prefix: '1', fieldCodes: ['HT'] },
        { code: 'CT', name: 'Chứng thực', prefix: '4', fieldCodes: ['CT'] },
      ],
      counters: [
        { number: 1, name: 'Quầy 1', serviceCodes: ['HT'] },
        { number: 2, name: 'Quầy 2', serviceCodes: ['CT', 'HT'] },
      ],
    };
    expect((await put(reception, setup)).statusCode).toBe(403);
    const dup = await put(admin, {
      ...setup,
      services: [...setup.services, { code: 'XX', name: 'X', prefix: '4' }],
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors.map((e: { path: string }) => e.path)).toContain('services.2.prefix');
    const unknown = await put(admin, {
      ...setup,
      counters: [{ number: 1, name: 'Q', serviceCodes: ['ZZ'] }],
    });
    expect(unknown.json().errors[0].path).toBe('counters.0.serviceCodes.0');
    expect((await put(admin, setup)).statusCode).toBe(204);
    const services = (await t.app.inject({ url: '/api/v1/queue/services?unit=AG.LONGXUYEN' })).json();
    expect(services.map((s: { code: string }) => s.code)).toEqual(['HT', 'CT']);
    const desks = (await t.app.inject({ url: '/api/v1/queue/counters?unit=AG.LONGXUYEN' })).json();
    expect(desks.map((c: { number: number; open: boolean }) => `${c.number}:${c.open}`)).toEqual([
      '1:true',
      '2:true',
      '3:false',
    ]);
    expect((await take('CT')).number).toBe('4001');
  });
});
