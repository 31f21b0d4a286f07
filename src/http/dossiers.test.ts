/** Dossier lifecycle through the HTTP API: intake, the workflow's actions, forms and the event chains. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';
import { applicant, DOSSIER_TEST_USERS, dossierCalls, movableClock } from './dossier-test-helpers.ts';

// Monday 2 March 2026, 09:00 in Hà Nội time; tests move the clock forward.
const { clock, at } = movableClock('2026-03-02T02:00:00Z');

describe.each(TEST_TARGETS)('dossiers on %s', (target) => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const { auth, requiredDocs, receive, act } = dossierCalls(() => t, tokens);

  beforeAll(async () => {
    at('2026-03-02T02:00:00Z');
    t = await createTestApp(target, clock);
    for (const u of DOSSIER_TEST_USERS) tokens[u] = await t.login(u);
  });
  afterAll(async () => t?.close());

  it('receives a same-day birth registration: code, due date, first event', async () => {
    const res = await receive({
      procedureCode: '1.001193',
      unitCode: 'AG.LONGXUYEN',
      channel: 'counter',
      applicant,
      documents: await requiredDocs('1.001193'),
      resultDelivery: 'counter',
    });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    expect(d.code).toBe('AG.LONGXUYEN-260302-0001');
    expect(d.status).toBe('in_progress');
    expect(d.dueAt).toBe('2026-03-02T10:00:00.000Z'); // 17:00 local, same day
    expect(d.version).toBe(1);
    expect(d.events).toHaveLength(1);
    expect(d.events[0].type).toBe('receive');
    expect(d.allowedActions.map((a: { type: string }) => a.type)).toContain('forward');
  });

  it('the same Idempotency-Key and body return the same dossier; another body is refused', async () => {
    const body = {
      procedureCode: '1.001193',
      unitCode: 'AG.LONGXUYEN',
      channel: 'counter',
      applicant: { ...applicant, fullName: 'Trần Văn Idem' },
      documents: await requiredDocs('1.001193'),
    };
    const first = await receive(body, 'tiepnhan.longxuyen', 'key-0000-0001');
    const again = await receive(body, 'tiepnhan.longxuyen', 'key-0000-0001');
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().code).toBe(first.json().code);
    const other = await receive(
      { ...body, applicant: { ...applicant, fullName: 'Người Khác' } },
      'tiepnhan.longxuyen',
      'key-0000-0001',
    );
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_key_reused');
  });

  it('bad input names the field and writes nothing', async () => {
    const count = async () =>
      (await t.ctx.database.raw.query<{ n: number }>('select count(*)::int as n from dossiers')).rows[0]!.n;
    const before = await count();
    const base = {
      procedureCode: '1.001193',
      unitCode: 'AG.LONGXUYEN',
      channel: 'counter',
      applicant,
      documents: await requiredDocs('1.001193'),
    };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, applicant: { ...applicant, idNumber: '12ab' } }, 400, 'applicant.idNumber'],
      [{ ...base, applicant: { ...applicant, phone: '123' } }, 400, 'applicant.phone'],
      [{ ...base, applicant: { fullName: 'A B' } }, 400, 'applicant.idNumber'],
      [{ ...base, procedureCode: '9.999999' }, 400, 'procedureCode'],
      [{ ...base, unitCode: 'NOWHERE' }, 400, 'unitCode'],
      [{ ...base, documents: [...base.documents, { index: 99 }] }, 422, 'documents.'],
      [{ ...base, documents: [] }, 422, 'documents'],
    ];
    for (const [body, status, path] of cases) {
      const res = await receive(body);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(status);
      expect(
        res
          .json()
          .errors.map((e: { path: string }) => e.path)
          .join(' '),
      ).toContain(path);
    }
    // A provincial procedure is not received at a commune counter.
    const provincial = (await t.app.inject('/api/v1/public/procedures?unit=AG.TTPVHCC&pageSize=100'))
      .json()
      .items.find((p: { field: { code: string } }) => p.field.code !== 'DD');
    const notHandled = await receive({
      ...base,
      procedureCode: provincial.code,
      documents: await requiredDocs(provincial.code),
    });
    expect(notHandled.statusCode).toBe(422);
    expect(notHandled.json().code).toBe('procedure_not_handled');
    expect(await count()).toBe(before);
  });

  it('concurrent intake gives gapless, unique codes', async () => {
    at('2026-03-03T02:00:00Z');
    const docs = await requiredDocs('1.001193');
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        receive({
          procedureCode: '1.001193',
          unitCode: 'AG.LONGXUYEN',
          channel: 'counter',
          applicant: { ...applicant, fullName: `Người thứ ${i}` },
          documents: docs,
        }),
      ),
    );
    const codes = results.map((r) => r.json().code as string).sort();
    expect(codes).toEqual(
      Array.from({ length: 12 }, (_, i) => `AG.LONGXUYEN-260303-${String(i + 1).padStart(4, '0')}`),
    );
  });

  it('another commune’s staff get 404 and do not see it in lists', async () => {
    const list = (
      await t.app.inject({ url: '/api/v1/dossiers?limit=200', headers: auth('tiepnhan.chauphu') })
    ).json();
    expect(list.items).toHaveLength(0);
    const res = await t.app.inject({
      url: '/api/v1/dossiers/AG.LONGXUYEN-260302-0001',
      headers: auth('tiepnhan.chauphu'),
    });
    expect(res.statusCode).toBe(404);
    const act404 = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers/AG.LONGXUYEN-260302-0001/actions',
      headers: auth('tiepnhan.chauphu'),
      payload: { action: 'forward', expectedVersion: 1 },
    });
    expect(act404.statusCode).toBe(404);
    const own = (
      await t.app.inject({ url: '/api/v1/dossiers?limit=5', headers: auth('tiepnhan.longxuyen') })
    ).json();
    expect(own.items).toHaveLength(5);
    expect(own.nextCursor).toBeTruthy();
    const next = (
      await t.app.inject({
        url: `/api/v1/dossiers?limit=5&cursor=${own.nextCursor}`,
        headers: auth('tiepnhan.longxuyen'),
      })
    ).json();
    expect(next.items[0].code).not.toBe(own.items[4].code);
    const byId = (
      await t.app.inject({
        url: `/api/v1/dossiers?q=${applicant.idNumber}`,
        headers: auth('tiepnhan.longxuyen'),
      })
    ).json();
    expect(byId.items.length).toBeGreaterThan(0);
    const byName = (
      await t.app.inject({ url: '/api/v1/dossiers?q=tran%20van%20idem', headers: auth('tiepnhan.longxuyen') })
    ).json();
    expect(byName.items).toHaveLength(1);
  });

  it('the whole path: forward, supplement pauses and resumes the clock, approve, result, return → on time', async () => {
    at('2026-03-04T02:00:00Z'); // Wed 09:00
    const docs = await requiredDocs('1.000894'); // marriage registration
    const created = await receive({
      procedureCode: '1.000894',
      unitCode: 'AG.LONGXUYEN',
      channel: 'counter',
      applicant,
      documents: docs,
    });
    expect(created.statusCode, created.body).toBe(201);
    const code = created.json().code as string;
    const dueAtReception = created.json().dueAt as string;

    expect((await act(code, 'tiepnhan.longxuyen', { action: 'forward' })).statusCode).toBe(200);
    // The receptionist may not approve: 403 / 422.
    const early = await act(code, 'tiepnhan.longxuyen', { action: 'approve' });
    expect([403, 422]).toContain(early.statusCode);

    at('2026-03-04T03:00:00Z'); // 10:00: officer asks for a supplement
    const pause = await act(code, 'chuyenvien.longxuyen', {
      action: 'request_supplement',
      reason: 'Thiếu bản sao giấy tờ',
      items: [{ document: 'Giấy xác nhận tình trạng hôn nhân', form: 'certified_copy' }],
    });
    expect(pause.statusCode, pause.body).toBe(200);
    expect(pause.json().status).toBe('paused');
    expect(pause.json().timeliness).toEqual({ kind: 'in_progress', value: 'paused' });

    at('2026-03-05T03:00:00Z'); // a working day later the applicant brings it
    const resume = await act(code, 'chuyenvien.longxuyen', { action: 'receive_supplement' });
    expect(resume.statusCode, resume.body).toBe(200);
    expect(resume.json().status).toBe('in_progress');
    // The paused working day is added to the due date.
    expect(new Date(resume.json().dueAt).getTime()).toBeGreaterThan(new Date(dueAtReception).getTime());
    expect(resume.json().pausedMinutes).toBe(480);

    expect((await act(code, 'chuyenvien.longxuyen', { action: 'forward' })).statusCode).toBe(200);
    const approved = await act(code, 'lanhdao.longxuyen', { action: 'approve' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('resolved');
    expect(approved.json().timeliness.kind).toBe('resolved');
    expect(['early', 'on_time']).toContain(approved.json().timeliness.value);
    expect(
      (
        await act(code, 'tiepnhan.longxuyen', {
          action: 'attach_result',
          title: 'Giấy chứng nhận kết hôn',
          number: '15/2026',
        })
      ).statusCode,
    ).toBe(200);
    const returned = await act(code, 'tiepnhan.longxuyen', { action: 'return', method: 'counter' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().status).toBe('returned');
    expect(returned.json().events.map((e: { type: string }) => e.type)).toEqual([
      'receive',
      'forward',
      'request_supplement',
      'receive_supplement',
      'forward',
      'approve',
      'attach_result',
      'return',
    ]);
    expect(returned.json().allowedActions).toEqual([]);
  });

  it('a stale expectedVersion gets 409; two officers at once: exactly one wins', async () => {
    at('2026-03-06T02:00:00Z');
    const created = await receive({
      procedureCode: '1.001193',
      unitCode: 'AG.LONGXUYEN',
      channel: 'counter',
      applicant,
      documents: await requiredDocs('1.001193'),
    });
    const code = created.json().code as string;
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/dossiers/${code}/actions`,
        headers: auth('tiepnhan.longxuyen'),
        payload: { action: 'forward', expectedVersion: 1, toStep: 'xu_ly' },
      });
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const conflict = [a, b].find((r) => r.statusCode === 409)!;
    expect(conflict.json().code).toBe('version_conflict');
    const stale = await send();
    expect(stale.statusCode).toBe(409);
    // An action not allowed at this step.
    const illegal = await act(code, 'tiepnhan.longxuyen', { action: 'return', method: 'counter' });
    expect([403, 422]).toContain(illegal.statusCode);
    const illegal2 = await act(code, 'chuyenvien.longxuyen', { action: 'approve' });
    expect(illegal2.statusCode).toBe(422);
    expect(illegal2.json().code).toBe('illegal_transition');
  });

  it('a late dossier gets an apology with a new date and still counts as late', async () => {
    at('2026-03-09T02:00:00Z'); // Mon 09:00, same-day procedure due 17:00
    const created = await receive({
      procedureCode: '1.001193',
      unitCode: 'AG.LONGXUYEN',
      channel: 'counter',
      applicant,
      documents: await requiredDocs('1.001193'),
    });
    const code = created.json().code as string;
    // The birth registration follows the fee flow (a fee applies to late registration): exempt → xu_ly.
    expect((await act(code, 'tiepnhan.longxuyen', { action: 'forward', toStep: 'xu_ly' })).statusCode).toBe(
      200,
    );
    at('2026-03-09T09:00:00Z'); // 16:00 local: the leader apologises and re-dates
    const extended = await act(code, 'lanhdao.longxuyen', {
      action: 'extend',
      newDueAt: '2026-03-11T17:00:00+07:00',
      reason: 'Cần xác minh thêm thông tin',
    });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json().extended).toBe(true);
    expect(extended.json().appointmentAt).toBe('2026-03-11T10:00:00.000Z');
    at('2026-03-10T02:00:00Z'); // next day
    await act(code, 'chuyenvien.longxuyen', { action: 'forward' });
    const approved = await act(code, 'lanhdao.longxuyen', { action: 'approve' });
    expect(approved.json().timeliness).toEqual({ kind: 'resolved', value: 'late' });
  });

  it('a liên thông land dossier crosses the land registration office and the tax office and comes back', async () => {
    at('2026-03-10T02:00:00Z');
    const created = await receive({
      procedureCode: '1.012783',
      unitCode: 'AG.LONGXUYEN',
      channel: 'counter',
      applicant,
      documents: await requiredDocs('1.012783'),
    });
    expect(created.statusCode, created.body).toBe(201);
    const code = created.json().code as string;
    const toLand = await act(code, 'tiepnhan.longxuyen', { action: 'transfer', unitCode: 'AG.VPDKDD' });
    expect(toLand.statusCode, toLand.body).toBe(200);
    expect(toLand.json().currentUnit.code).toBe('AG.VPDKDD');
    // The land office officer now sees it; the commune receptionist cannot act while it is away.
    const landView = await t.app.inject({
      url: `/api/v1/dossiers/${code}`,
      headers: auth('chuyenvien.datdai'),
    });
    expect(landView.statusCode).toBe(200);
    const toTax = await act(code, 'chuyenvien.datdai', { action: 'transfer', unitCode: 'AG.THUE' });
    expect(toTax.statusCode, toTax.body).toBe(200);
    expect(toTax.json().currentUnit.code).toBe('AG.THUE');
    const back = await act(code, 'chuyenvien.thue', { action: 'transfer', unitCode: 'AG.LONGXUYEN' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().currentUnit.code).toBe('AG.LONGXUYEN');
    const approved = await act(code, 'lanhdao.longxuyen', { action: 'approve' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().steps.map((s: { unitCode: string }) => s.unitCode)).toEqual([
      'AG.LONGXUYEN',
      'AG.VPDKDD',
      'AG.THUE',
      'AG.LONGXUYEN',
      'AG.LONGXUYEN',
    ]);
  });

  it('withdrawal at the applicant’s request closes the dossier', async () => {
    at('2026-03-11T02:00:00Z');
    const created = await receive({
      procedureCode: '1.001193',
      unitCode: 'AG.LONGXUYEN',
      channel: 'counter',
      applicant,
      documents: await requiredDocs('1.001193'),
    });
    const code = created.json().code as string;
    const noReason = await act(code, 'tiepnhan.longxuyen', { action: 'withdraw' });
    expect(noReason.statusCode).toBe(400);
    const res = await act(code, 'tiepnhan.longxuyen', {
      action: 'withdraw',
      reason: 'Công dân xin rút hồ sơ',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('withdrawn');
    expect(res.json().allowedActions).toEqual([]);
  });

  it('prints Mẫu 01 with the code, the due date and a QR code to the tracking page; 02/04/05 and the logbook', async () => {
    const { extractPdfInfo, countPdfPages } = await import('../documents/index.ts');
    const code = 'AG.LONGXUYEN-260302-0001';
    const res = await t.app.inject({
      url: `/api/v1/dossiers/${code}/forms/01.pdf`,
      headers: auth('tiepnhan.longxuyen'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(countPdfPages(pdf)).toBe(2);
    const info = extractPdfInfo(pdf);
    expect(info.Subject).toContain(code);
    expect(info.Keywords).toContain('17 giờ 00 phút, ngày 02/03/2026');
    // Not for other communes.
    expect(
      (
        await t.app.inject({
          url: `/api/v1/dossiers/${code}/forms/01.pdf`,
          headers: auth('tiepnhan.chauphu'),
        })
      ).statusCode,
    ).toBe(404);
    // Mẫu 02 only after a supplement request; Mẫu 04 only after an extension.
    expect(
      (
        await t.app.inject({
          url: `/api/v1/dossiers/${code}/forms/02.pdf`,
          headers: auth('tiepnhan.longxuyen'),
        })
      ).statusCode,
    ).toBe(404);
    const extended = 'AG.LONGXUYEN-260309-0001';
    const apology = await t.app.inject({
      url: `/api/v1/dossiers/${extended}/forms/04.pdf`,
      headers: auth('lanhdao.longxuyen'),
    });
    expect(apology.statusCode).toBe(200);
    expect(extractPdfInfo(apology.rawPayload).Subject).toContain(extended);
    const sheet = await t.app.inject({
      url: `/api/v1/dossiers/${extended}/forms/05.pdf`,
      headers: auth('lanhdao.longxuyen'),
    });
    expect(sheet.statusCode).toBe(200);
    const supplementCode = (
      await t.app.inject({
        url: '/api/v1/dossiers?q=AG.LONGXUYEN-260304&limit=1',
        headers: auth('tiepnhan.longxuyen'),
      })
    ).json().items[0].code;
    const supplement = await t.app.inject({
      url: `/api/v1/dossiers/${supplementCode}/forms/02.pdf`,
      headers: auth('tiepnhan.longxuyen'),
    });
    expect(supplement.statusCode).toBe(200);
    const logbook = await t.app.inject({
      url: '/api/v1/reports/logbook?unit=AG.LONGXUYEN&from=2026-03-01&to=2026-03-31&format=xlsx',
      headers: auth('tiepnhan.longxuyen'),
    });
    expect(logbook.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(logbook.rawPayload as unknown as ArrayBuffer);
    const sheet1 = wb.worksheets[0]!;
    const codes: string[] = [];
    sheet1.eachRow((row) => {
      const v = row.getCell(2).value;
      if (typeof v === 'string' && v.startsWith('AG.LONGXUYEN-')) codes.push(v);
    });
    expect(codes).toContain(code);
    expect(codes.length).toBeGreaterThanOrEqual(18);
    const pdfBook = await t.app.inject({
      url: '/api/v1/reports/logbook?unit=AG.LONGXUYEN&from=2026-03-01&to=2026-03-31',
      headers: auth('tiepnhan.longxuyen'),
    });
    expect(pdfBook.headers['content-type']).toBe('application/pdf');
    const denied = await t.app.inject({
      url: '/api/v1/reports/logbook?unit=AG.LONGXUYEN&from=2026-03-01&to=2026-03-31',
      headers: auth('tiepnhan.chauphu'),
    });
    expect(denied.statusCode).toBe(403);
  });

  it('reuses an applicant by ID number, explains the due date, and the event chains verify until tampered', async () => {
    const found = await t.app.inject({
      url: `/api/v1/reception/applicants/${applicant.idNumber}`,
      headers: auth('tiepnhan.longxuyen'),
    });
    expect(found.statusCode).toBe(200);
    expect(found.json().applicant.fullName).toBeTruthy();
    const elsewhere = await t.app.inject({
      url: `/api/v1/reception/applicants/${applicant.idNumber}`,
      headers: auth('tiepnhan.chauphu'),
    });
    expect(elsewhere.statusCode).toBe(404);
    const view = (
      await t.app.inject({
        url: '/api/v1/dossiers/AG.LONGXUYEN-260302-0001',
        headers: auth('tiepnhan.longxuyen'),
      })
    ).json();
    expect(view.dueExplanation.map((e: { kind: string }) => e.kind)).toContain('due');
    const { verifyDossierChains } = await import('../services/dossiers/index.ts');
    const ok = await verifyDossierChains(t.ctx.database.db);
    expect(ok.ok).toBe(true);
    expect(ok.events).toBeGreaterThan(30);
    await t.ctx.database.raw.query(
      `update dossier_events set actor_name = 'Mallory' where seq = 2 and dossier_id = (select id from dossiers where code = 'AG.LONGXUYEN-260304-0001')`,
    );
    const broken = await verifyDossierChains(t.ctx.database.db);
    expect(broken).toMatchObject({ ok: false, broken: { code: 'AG.LONGXUYEN-260304-0001', seq: 2 } });
  });
});
