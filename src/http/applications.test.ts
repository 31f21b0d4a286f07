import { sql } from 'drizzle-orm';
import { rowsOf } from '../db/client.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actAs, bearer, createTestApp, type TestApp, uploadAs } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';

const PROCEDURE = '1.001193'; // Đăng ký khai sinh: online, required documents 0, 1 and 5

const applicant = {
  fullName: 'Trần Thị Bích',
  idNumber: '089123456789',
  phone: '0912345678',
  email: 'bich@example.vn',
  address: { province: 'AG', commune: 'Phường Long Xuyên', street: '12 Trần Hưng Đạo' },
  relationship: 'mother',
};
const child = {
  fullName: 'Nguyễn Trần Minh Khang',
  birthDate: '2026-11-02',
  sex: 'M',
  ethnicity: 'Kinh',
  nationality: 'Việt Nam',
  birthPlace: { province: 'AG', commune: 'Phường Long Xuyên', street: 'Bệnh viện Đa khoa tỉnh' },
  hometown: 'An Giang',
};

describe.each(TEST_TARGETS)('online applications on %s', (target) => {
  let t: TestApp;
  let citizen: string;
  let officer: string;

  beforeAll(async () => {
    t = await createTestApp(target);
    citizen = await t.login('0912345678');
    officer = await t.login('tiepnhan.longxuyen');
  });
  afterAll(async () => {
    await t?.close();
  });

  const start = (token = citizen, procedureCode = PROCEDURE) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/me/applications',
      headers: bearer(token),
      payload: { procedureCode },
    });
  const view = async (id: string, token = citizen) =>
    (await t.app.inject({ url: `/api/v1/me/applications/${id}`, headers: bearer(token) })).json();
  const save = (id: string, body: Record<string, unknown>, token = citizen) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/me/applications/${id}`,
      headers: bearer(token),
      payload: body,
    });
  const submit = (id: string, revision: number, lang = 'vi') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/me/applications/${id}/submit`,
      headers: { ...bearer(citizen), 'accept-language': lang },
      payload: { revision },
    });
  const outbox = async (template: string) =>
    rowsOf<{ recipient: string; channel: string; subject: string }>(
      await t.ctx.database.db.execute(
        sql`select recipient, channel, subject from notification_outbox where template = ${template}`,
      ),
    );

  /** A draft with every answer, the required scans and the office chosen; returns id and revision. */
  async function completeDraft(): Promise<{ id: string; revision: number }> {
    // A previous test may have left a draft for the procedure: start always resumes it.
    const started = await start();
    const id = started.json().id as string;
    const fileIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const up = await uploadAs(t, citizen, { purpose: 'application', applicationId: id });
      expect(up.statusCode, up.body).toBe(201);
      fileIds.push(up.json().id);
    }
    const saved = await save(id, {
      revision: started.json().revision,
      answers: { applicant, child },
      unitCode: 'AG.LONGXUYEN',
      resultDelivery: 'online',
      feeIndexes: [1],
      documents: [
        { index: 0, fileIds: [fileIds[0]] },
        { index: 1, fileIds: [fileIds[1]] },
        { index: 5, fileIds: [fileIds[2]] },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    return { id, revision: saved.json().revision };
  }

  it('starts a draft prefilled from the account, resumes it rather than opening a second', async () => {
    const first = await start();
    expect(first.statusCode, first.body).toBe(201);
    const draft = first.json();
    expect(draft).toMatchObject({ status: 'draft', code: null, resultDelivery: 'online' });
    expect(draft.answers.applicant.phone).toBe('0912345678');
    expect(draft.form.groups[0].id).toBe('applicant');
    expect(draft.units.map((u: { code: string }) => u.code)).toContain('AG.LONGXUYEN');
    const again = await start();
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(draft.id);
  });

  it('keeps staff and counter-only procedures out, and other citizens out of my drafts', async () => {
    expect((await start(officer)).json().code).toBe('citizen_only');
    const counterOnly = await start(citizen, '1.003583');
    expect(counterOnly.statusCode).toBe(422);
    expect(counterOnly.json().code).toBe('not_online');
    const mine = (await start()).json();
    const res = await t.app.inject({ url: `/api/v1/me/applications/${mine.id}`, headers: bearer(officer) });
    expect(res.statusCode).toBe(403);
  });

  it('refuses a stale autosave from another device with 409', async () => {
    const draft = (await start()).json();
    const a = await save(draft.id, { revision: draft.revision, deliveryAddress: 'thiết bị A' });
    expect(a.statusCode).toBe(200);
    const b = await save(draft.id, { revision: draft.revision, deliveryAddress: 'thiết bị B' });
    expect(b.statusCode).toBe(409);
    expect(b.json().code).toBe('draft_conflict');
    expect((await view(draft.id)).deliveryAddress).toBe('thiết bị A');
  });

  it('names every missing answer and attachment, in English when asked', async () => {
    const draft = (await start()).json();
    const cleared = await save(draft.id, {
      revision: draft.revision,
      answers: { applicant: { fullName: '', phone: '12' } },
      unitCode: null,
      documents: [],
    });
    const res = await submit(draft.id, cleared.json().revision, 'en');
    expect(res.statusCode).toBe(400);
    const paths = (res.json().errors as { path: string; message: string }[]).map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'answers.applicant.fullName',
        'answers.applicant.idNumber',
        'answers.applicant.phone',
        'answers.applicant.address',
        'unitCode',
        'documents.0',
        'documents.1',
        'documents.5',
      ]),
    );
    expect(res.json().errors[0].message).toBe('This field is required');
  });

  it('tells the citizen what they may do now (allowedActions), and an officer nothing', async () => {
    const { id, revision } = await completeDraft();
    expect((await view(id)).allowedActions).toEqual(['save', 'submit', 'withdraw']);
    const submitted = (await submit(id, revision)).json();
    // Submitted with 8000 owed: withdraw and pay, no more edits.
    expect(submitted.allowedActions).toEqual(['withdraw', 'pay']);
    expect((await view(id)).allowedActions).toEqual(['withdraw', 'pay']);
    const asOfficer = await t.app.inject({ url: `/api/v1/applications/${id}`, headers: bearer(officer) });
    expect(asOfficer.statusCode, asOfficer.body).toBe(200);
    expect(asOfficer.json().allowedActions).toEqual([]);
  });

  it('submits: reserves the code, notifies, shows the fee due; the office accepts into the online channel', async () => {
    const { id, revision } = await completeDraft();
    const res = await submit(id, revision);
    expect(res.statusCode, res.body).toBe(200);
    const submitted = res.json();
    expect(submitted.status).toBe('submitted');
    expect(submitted.code).toMatch(/^AG\.LONGXUYEN-\d{6}-\d{4}$/);
    expect(submitted.fees.total).toBe(8000);
    expect((await outbox('submitted')).map((m) => m.recipient)).toEqual(
      expect.arrayContaining(['0912345678', 'bich@example.vn']),
    );
    expect((await outbox('payment_due')).length).toBeGreaterThan(0);
    // The reserved code is trackable at once: waiting for acceptance, the name masked.
    const tracked = await t.app.inject(`/api/v1/public/track/${submitted.code}`);
    expect(tracked.statusCode, tracked.body).toBe(200);
    expect(tracked.json()).toMatchObject({
      status: 'submitted',
      receivedAt: null,
      applicantMasked: 'T*** T** B',
      steps: [],
    });
    expect((await t.app.inject(`/api/v1/public/track/${submitted.code}?phone=0900000000`)).statusCode).toBe(
      404,
    );
    // Submitted: no more edits.
    expect((await save(id, { revision: submitted.revision, deliveryAddress: 'x' })).json().code).toBe(
      'not_draft',
    );

    const inbox = await t.app.inject({ url: '/api/v1/applications', headers: bearer(officer) });
    const pending = inbox.json().items.find((i: { id: string }) => i.id === id);
    expect(pending).toMatchObject({ code: submitted.code, applicantName: applicant.fullName, paid: false });

    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/applications/${id}/accept`,
      headers: bearer(officer),
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().code).toBe(submitted.code);
    const dossier = (
      await t.app.inject({ url: `/api/v1/dossiers/${submitted.code}`, headers: bearer(officer) })
    ).json();
    expect(dossier).toMatchObject({ code: submitted.code, channel: 'online', status: 'in_progress' });
    expect(dossier.applicant.address).toBe('12 Trần Hưng Đạo, Phường Long Xuyên, Tỉnh An Giang');
    expect((await outbox('received')).some((m) => m.subject.includes(submitted.code))).toBe(true);
    const mine = await view(id);
    expect(mine.status).toBe('accepted');
    expect(mine.dossier).toMatchObject({ status: 'in_progress', resultReady: false });
    // Accepting twice is refused.
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/v1/applications/${id}/accept`,
      headers: bearer(officer),
    });
    expect(twice.statusCode).toBe(409);

    // The office asks for more; the citizen hands it in online; the officers are told.
    await actAs(t, officer, submitted.code, { action: 'forward', toStep: 'xu_ly' });
    const specialist = await t.login('chuyenvien.longxuyen');
    await actAs(t, specialist, submitted.code, {
      action: 'request_supplement',
      reason: 'Ảnh chụp giấy chứng sinh bị mờ',
      items: [{ document: 'Giấy chứng sinh (bản rõ nét)' }],
    });
    const paused = await view(id);
    expect(paused.dossier.supplementRequest.items).toEqual(['Giấy chứng sinh (bản rõ nét)']);
    const up = await uploadAs(t, citizen, { purpose: 'supplement', dossierCode: submitted.code });
    expect(up.statusCode, up.body).toBe(201);
    const handed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/applications/${id}/supplement`,
      headers: bearer(citizen),
      payload: { fileIds: [up.json().id], note: 'Bản chụp lại' },
    });
    expect(handed.statusCode, handed.body).toBe(204);
    const notices = (
      await t.app.inject({ url: '/api/v1/me/notifications', headers: bearer(officer) })
    ).json();
    expect(JSON.stringify(notices)).toContain('đã bổ sung trực tuyến');

    const list = (await t.app.inject({ url: '/api/v1/me/applications', headers: bearer(citizen) })).json();
    expect(list.items.find((i: { id: string }) => i.id === id)).toMatchObject({
      status: 'accepted',
      dossierStatus: 'paused',
    });
  });

  it('lets the office refuse with a reason the citizen is told', async () => {
    const { id, revision } = await completeDraft();
    const code = (await submit(id, revision)).json().code;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/applications/${id}/refuse`,
      headers: bearer(officer),
      payload: { reason: 'Giấy chứng sinh không đúng người khai' },
    });
    expect(res.statusCode, res.body).toBe(204);
    const refused = await view(id);
    expect(refused).toMatchObject({
      status: 'refused',
      refusalReason: 'Giấy chứng sinh không đúng người khai',
    });
    const notes = await outbox('intake_refused');
    expect(notes.some((m) => m.subject.includes(code))).toBe(true);
  });

  it('serves provinces and the communes of the jurisdiction for address pickers', async () => {
    const res = await t.app.inject('/api/v1/public/divisions');
    expect(res.statusCode).toBe(200);
    expect(res.json().provinces).toHaveLength(34);
    expect(res.json().communes.AG.map((c: { code: string }) => c.code)).toContain('AG.LONGXUYEN');
  });
});
