/**
 * The personal-data access log (issue 14 §2): staff look-ups by ID number, file downloads and
 * tracking with a second factor by staff each leave a row with the dossier; auditors list, filter
 * and export them; nobody else reads them; the table never holds a clear ID number or phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalDataAccess } from '../db/schema.ts';
import { bearer, createTestApp, receiveAs, type TestApp, uploadAs } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';

const clock = () => new Date('2026-11-02T02:00:00Z'); // Monday 09:00 in Vietnam
const ID_NUMBER = '089300765432';
const PHONE = '0912000765';
const OTHER_ID = '089300111999';

describe.each(TEST_TARGETS)('personal-data access log on %s', (target) => {
  let t: TestApp;
  let reception: string;
  let auditor: string;
  let code: string;
  let otherCode: string;
  let fileId: string;

  const log = (token: string, query = '') =>
    t.app.inject({ url: `/api/v1/admin/access-log${query}`, headers: bearer(token) });

  beforeAll(async () => {
    t = await createTestApp(target, clock);
    reception = await t.login('tiepnhan.longxuyen');
    auditor = await t.login('thanhtra');
    code = await receiveAs(t, reception, '1.001193', {
      fullName: 'Phạm Thị Riêng Tư',
      idNumber: ID_NUMBER,
      phone: PHONE,
    });
    // A dossier of another commune, looked up by its own receptionist.
    const chauphu = await t.login('tiepnhan.chauphu');
    otherCode = await receiveAs(
      t,
      chauphu,
      '1.001193',
      { fullName: 'Lê Văn Khác', idNumber: OTHER_ID, phone: '0912000888' },
      'AG.CHAUPHU',
    );
    const search = await t.app.inject({ url: `/api/v1/dossiers?q=${OTHER_ID}`, headers: bearer(chauphu) });
    expect(search.statusCode).toBe(200);
  });
  afterAll(async () => t?.close());

  it('a search by ID number in the inbox is logged with the dossier found', async () => {
    const res = await t.app.inject({ url: `/api/v1/dossiers?q=${ID_NUMBER}`, headers: bearer(reception) });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { code: string }) => i.code)).toEqual([code]);
    // A search by name or code is not a look-up by ID number.
    await t.app.inject({ url: '/api/v1/dossiers?q=Riêng', headers: bearer(reception) });
    const rows = await t.ctx.database.db.select().from(personalDataAccess);
    const mine = rows.filter((r) => r.actorUsername === 'tiepnhan.longxuyen');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      action: 'applicant.search_by_id',
      subjectType: 'id_number',
      subject: '********5432',
      dossierCode: code,
      at: clock(),
    });
    expect(mine[0]!.requestId).toBeTruthy();
  });

  it('the reception prefill by ID number is logged', async () => {
    const res = await t.app.inject({
      url: `/api/v1/reception/applicants/${ID_NUMBER}`,
      headers: bearer(reception),
    });
    expect(res.statusCode).toBe(200);
  });

  it('a file download by staff is logged with the dossier; the upload itself is not', async () => {
    const up = await uploadAs(t, reception, { purpose: 'result', dossierCode: code });
    expect(up.statusCode, up.body).toBe(201);
    fileId = up.json().id;
    const down = await t.app.inject({ url: `/api/v1/files/${fileId}`, headers: bearer(reception) });
    expect(down.statusCode).toBe(200);
  });

  it('tracking with a second factor is logged for a signed-in staff member only', async () => {
    const staff = await t.app.inject({
      url: `/api/v1/public/track/${code}?phone=${PHONE}`,
      headers: bearer(reception),
    });
    expect(staff.statusCode).toBe(200);
    expect(staff.json().verified).toBe(true);
    // The citizen (no login) and staff without a second factor leave nothing.
    expect((await t.app.inject(`/api/v1/public/track/${code}?idNumber=${ID_NUMBER}`)).statusCode).toBe(200);
    expect(
      (await t.app.inject({ url: `/api/v1/public/track/${code}`, headers: bearer(reception) })).statusCode,
    ).toBe(200);
  });

  it('an auditor lists the look-ups, newest first, with who, what, why and when', async () => {
    const res = await log(auditor, '?actor=tiepnhan.longxuyen');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.total).toBe(4);
    expect(body.items.map((i: { action: string }) => i.action).sort()).toEqual([
      'applicant.lookup_by_id',
      'applicant.search_by_id',
      'dossier.track',
      'file.download',
    ]);
    for (const item of body.items) {
      expect(item).toMatchObject({
        actorUsername: 'tiepnhan.longxuyen',
        dossierCode: code,
        unitCode: 'AG.LONGXUYEN',
        at: '2026-11-02T02:00:00.000Z',
      });
    }
    const byAction = Object.fromEntries(body.items.map((i: { action: string }) => [i.action, i]));
    expect(byAction['file.download']).toMatchObject({ subjectType: 'file', subject: fileId });
    expect(byAction['dossier.track']).toMatchObject({ subjectType: 'phone', subject: '*******765' });
    expect(byAction['applicant.lookup_by_id']).toMatchObject({ subject: '********5432' });
  });

  it('filters by action, dossier, actor, ID number and dates, and pages', async () => {
    const count = async (query: string) => (await log(auditor, query)).json().total as number;
    expect(await count('')).toBe(5);
    expect(await count('?action=file.download')).toBe(1);
    expect(await count(`?dossier=${code}`)).toBe(4);
    expect(await count(`?dossier=${otherCode}`)).toBe(1);
    expect(await count('?actor=tiepnhan.chauphu')).toBe(1);
    expect(await count(`?idNumber=${ID_NUMBER}`)).toBe(2);
    expect(await count('?from=2026-11-02&to=2026-11-02')).toBe(5);
    expect(await count('?from=2026-11-03')).toBe(0);
    expect(await count('?to=2026-11-01')).toBe(0);
    const page2 = (await log(auditor, '?pageSize=2&page=2')).json();
    expect(page2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page2.items).toHaveLength(2);
    const bad = await log(auditor, '?from=2026-11-05&to=2026-11-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect((await log(auditor, '?action=nonsense')).statusCode).toBe(400);
  });

  it('exports CSV', async () => {
    const res = await log(auditor, `?format=csv&dossier=${code}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('attachment');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('Tài khoản');
    expect(lines).toHaveLength(5);
    expect(lines.slice(1).every((l) => l.includes(code) && l.includes('tiepnhan.longxuyen'))).toBe(true);
    expect(res.body).not.toContain(ID_NUMBER);
    expect(res.body).not.toContain(PHONE);
  });

  it('the system administrator reads it; a unit administrator only the look-ups of its units', async () => {
    expect((await log(await t.login('admin'))).json().total).toBe(5);
    const unitAdmin = (await log(await t.login('quantri.longxuyen'))).json();
    expect(unitAdmin.total).toBe(4);
    expect(unitAdmin.items.every((i: { dossierCode: string }) => i.dossierCode === code)).toBe(true);
  });

  it('a receptionist or a citizen gets 403, nobody signed in 401', async () => {
    const denied = await log(reception);
    expect(denied.statusCode).toBe(403);
    expect(denied.headers['content-type']).toContain('application/problem+json');
    expect((await log(await t.login('0912345678'))).statusCode).toBe(403);
    expect((await log(reception, '?format=csv')).statusCode).toBe(403);
    expect((await t.app.inject('/api/v1/admin/access-log')).statusCode).toBe(401);
  });

  it('the table holds no clear ID number or phone', async () => {
    const rows = await t.ctx.database.db.select().from(personalDataAccess);
    expect(rows.length).toBe(5);
    const text = JSON.stringify(rows);
    for (const secret of [ID_NUMBER, OTHER_ID, PHONE, '0912000888']) expect(text).not.toContain(secret);
  });

  it('is documented in /openapi.json', async () => {
    const spec = (await t.app.inject('/openapi.json')).json();
    const op = spec.paths['/api/v1/admin/access-log']?.get;
    expect(op?.tags).toEqual(['access']);
    expect(op?.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['from', 'to', 'actor', 'action', 'dossier', 'format', 'page', 'pageSize']),
    );
  });
});
