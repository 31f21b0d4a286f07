/**
 * Issue 7 §6 on a real database: a community digital team member submits online for a citizen
 * with the citizen's consent, the dossier shows who assisted, the report counts it per team and
 * village; a unit's no-appointment and no-writing days are scheduled, shown publicly, and counted.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../db/client.ts';
import { actAs, bearer, createTestApp, receiveAs, type TestApp, uploadAs } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';

const PROCEDURE = '1.001193'; // Đăng ký khai sinh: online; documents 0, 1 and 5 required

const citizen = {
  fullName: 'Lê Thị Tư',
  idNumber: '089301006666',
  phone: '0912006666',
};
const child = {
  fullName: 'Nguyễn Lê Bảo An',
  birthDate: '2026-11-20',
  sex: 'F',
  ethnicity: 'Kinh',
  nationality: 'Việt Nam',
  birthPlace: { province: 'AG', commune: 'Phường Long Xuyên', street: 'Trạm y tế phường' },
  hometown: 'An Giang',
};

describe.each(TEST_TARGETS)('assisted submission and service days on %s', (target) => {
  let t: TestApp;
  // Wednesday 9 December 2026, 09:00 in Vietnam.
  let now = new Date('2026-12-09T02:00:00Z');
  let admin: string;
  let reception: string;
  let officer: string;
  let leader: string;
  let assistant: string;

  beforeAll(async () => {
    t = await createTestApp(target, () => now);
    admin = await t.login('quantri.longxuyen');
    reception = await t.login('tiepnhan.longxuyen');
    officer = await t.login('chuyenvien.longxuyen');
    leader = await t.login('lanhdao.longxuyen');
  }, 120_000);
  afterAll(async () => t?.close());

  const send = (token: string | null, method: string, url: string, payload?: unknown) =>
    t.app.inject({
      method: method as 'GET',
      url,
      headers: token ? bearer(token) : {},
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  it('a leader creates a team for a village and adds a member, who gets the assistant role', async () => {
    const created = await send(leader, 'POST', '/api/v1/digital-teams', {
      unitCode: 'AG.LONGXUYEN',
      name: 'Tổ CNS khóm Mỹ Quý',
      village: 'Khóm Mỹ Quý',
    });
    expect(created.statusCode, created.body).toBe(201);
    const again = await send(leader, 'POST', '/api/v1/digital-teams', {
      unitCode: 'AG.LONGXUYEN',
      name: 'Tổ CNS khóm Mỹ Quý',
      village: 'Khóm Mỹ Quý',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].path).toBe('name');
    const byOfficer = await send(officer, 'POST', '/api/v1/digital-teams', {
      unitCode: 'AG.LONGXUYEN',
      name: 'Tổ khác',
      village: 'Khóm khác',
    });
    expect(byOfficer.statusCode).toBe(403);
    // A volunteer's staff account (made by the unit administrator), then added to the team.
    const made = await send(admin, 'POST', '/api/v1/admin/users', {
      username: 'tnv.myquy',
      fullName: 'Trần Văn Tình Nguyện',
      password: 'Tinhnguyen@2026',
      roles: [],
    });
    expect(made.statusCode, made.body).toBe(201);
    const team = created.json().id as string;
    const added = await send(leader, 'POST', `/api/v1/digital-teams/${team}/members`, {
      username: 'tnv.myquy',
    });
    expect(added.statusCode, added.body).toBe(204);
    const nobody = await send(leader, 'POST', `/api/v1/digital-teams/${team}/members`, {
      username: 'khong.co',
    });
    expect(nobody.statusCode).toBe(400);
    expect(nobody.json().errors[0].path).toBe('username');
    const list = (await send(leader, 'GET', '/api/v1/digital-teams?unit=AG.LONGXUYEN')).json().items;
    const mine = list.find((x: { id: string }) => x.id === team);
    expect(mine.members.map((m: { username: string }) => m.username)).toEqual(['tnv.myquy']);
    // The demo team is there too, with the demo assistant.
    expect(
      list.some((x: { members: { username: string }[] }) =>
        x.members.some((m) => m.username === 'hotro.longxuyen'),
      ),
    ).toBe(true);
    assistant = await t.login('tnv.myquy', 'Tinhnguyen@2026');
    const roles = rowsOf<{ role: string }>(
      await t.ctx.database.db.execute(
        sql`select r.role from user_roles r join users u on u.id = r.user_id where u.username = 'tnv.myquy'`,
      ),
    ).map((r) => r.role);
    expect(roles).toContain('assistant');
  });

  it('an assistant submits for a citizen with consent; the office accepts; the dossier shows who assisted', async () => {
    const mine = (await send(assistant, 'GET', '/api/v1/digital-teams/mine')).json().items;
    expect(mine.map((x: { name: string }) => x.name)).toEqual(['Tổ CNS khóm Mỹ Quý']);
    const noConsent = await send(assistant, 'POST', '/api/v1/me/applications', { procedureCode: PROCEDURE });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().errors[0].path).toBe('assisted');
    const unticked = await send(assistant, 'POST', '/api/v1/me/applications', {
      procedureCode: PROCEDURE,
      assisted: { ...citizen, method: 'signed_form', consent: false },
    });
    expect(unticked.statusCode).toBe(400);
    expect(unticked.json().errors.map((e: { path: string }) => e.path)).toContain('assisted.consent');
    const citizenToken = await t.login('0912345678');
    const notAssistant = await send(citizenToken, 'POST', '/api/v1/me/applications', {
      procedureCode: PROCEDURE,
      assisted: { ...citizen, method: 'in_person', consent: true },
    });
    expect(notAssistant.statusCode).toBe(403);
    expect(notAssistant.json().code).toBe('assistant_only');

    const started = await send(assistant, 'POST', '/api/v1/me/applications', {
      procedureCode: PROCEDURE,
      assisted: {
        ...citizen,
        method: 'signed_form',
        note: 'Giấy đồng ý ký tại nhà văn hóa khóm',
        consent: true,
      },
    });
    expect(started.statusCode, started.body).toBe(201);
    const draft = started.json();
    expect(draft.answers.applicant).toMatchObject(citizen);
    expect(draft.assisted).toMatchObject({
      assistant: { username: 'tnv.myquy' },
      team: { name: 'Tổ CNS khóm Mỹ Quý', village: 'Khóm Mỹ Quý', unitCode: 'AG.LONGXUYEN' },
      citizen,
      consent: { method: 'signed_form', note: 'Giấy đồng ý ký tại nhà văn hóa khóm' },
    });
    // The same citizen again resumes the draft; another citizen gets a new one.
    const resumed = await send(assistant, 'POST', '/api/v1/me/applications', {
      procedureCode: PROCEDURE,
      assisted: { ...citizen, method: 'signed_form', consent: true },
    });
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json().id).toBe(draft.id);
    const other = await send(assistant, 'POST', '/api/v1/me/applications', {
      procedureCode: PROCEDURE,
      assisted: {
        fullName: 'Võ Văn Năm',
        idNumber: '089301007777',
        phone: '0912007777',
        method: 'in_person',
        consent: true,
      },
    });
    expect(other.statusCode).toBe(201);
    expect(other.json().id).not.toBe(draft.id);

    const fileIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const up = await uploadAs(t, assistant, { purpose: 'application', applicationId: draft.id });
      expect(up.statusCode, up.body).toBe(201);
      fileIds.push(up.json().id);
    }
    const saved = await send(assistant, 'PUT', `/api/v1/me/applications/${draft.id}`, {
      revision: draft.revision,
      answers: {
        applicant: {
          ...citizen,
          address: { province: 'AG', commune: 'Phường Long Xuyên', street: 'Khóm Mỹ Quý' },
          relationship: 'mother',
        },
        child,
      },
      unitCode: 'AG.LONGXUYEN',
      resultDelivery: 'counter',
      feeIndexes: [0],
      documents: [
        { index: 0, fileIds: [fileIds[0]] },
        { index: 1, fileIds: [fileIds[1]] },
        { index: 5, fileIds: [fileIds[2]] },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const submitted = await send(assistant, 'POST', `/api/v1/me/applications/${draft.id}/submit`, {
      revision: saved.json().revision,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const code = submitted.json().code as string;
    // The citizen is told by the phone in the form, not through the assistant's account.
    const notices = rowsOf<{ recipient: string }>(
      await t.ctx.database.db.execute(
        sql`select recipient from notification_outbox where template = 'submitted' and subject like ${`%${code}%`}`,
      ),
    ).map((r) => r.recipient);
    expect(notices).toContain(citizen.phone);

    // The receiving unit's inbox marks it as submitted by a digital team.
    const inbox = (await send(reception, 'GET', '/api/v1/applications')).json().items;
    expect(inbox.find((i: { id: string }) => i.id === draft.id)).toMatchObject({
      assisted: true,
      applicantName: citizen.fullName,
    });
    now = new Date('2026-12-09T03:00:00Z');
    const accepted = await send(reception, 'POST', `/api/v1/applications/${draft.id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    const dossier = (await send(officer, 'GET', `/api/v1/dossiers/${code}`)).json();
    expect(dossier).toMatchObject({
      channel: 'online',
      assisted: {
        assistant: { fullName: 'Trần Văn Tình Nguyện' },
        team: { village: 'Khóm Mỹ Quý' },
        citizen,
      },
    });
    const [receive] = rowsOf<{ payload: { assisted?: { teamId: string } } }>(
      await t.ctx.database.db.execute(
        sql`select e.payload from dossier_events e join dossiers d on d.id = e.dossier_id where d.code = ${code} and e.type = 'receive'`,
      ),
    );
    expect(receive?.payload.assisted?.teamId).toBe(draft.assisted.team.id);
    const audited = rowsOf<{ n: number }>(
      await t.ctx.database.db.execute(
        sql`select count(*)::int as n from audit where action = 'application.assist_consent'`,
      ),
    )[0]!;
    expect(Number(audited.n)).toBe(2);
  });

  it('the report counts assisted submissions per team, village and assistant', async () => {
    const q = 'unit=AG.LONGXUYEN&from=2026-12-01&to=2026-12-31';
    const byTeam = await send(leader, 'GET', `/api/v1/reports/assisted?${q}`);
    expect(byTeam.statusCode, byTeam.body).toBe(200);
    const report = byTeam.json();
    expect(report.groupBy).toBe('team');
    const row = report.rows.find((r: { key: { name: string } }) =>
      r.key.name.startsWith('Tổ CNS khóm Mỹ Quý'),
    );
    expect(row.figures).toMatchObject({
      submitted: 1,
      citizens: 1,
      accepted: 1,
      refused: 0,
      waiting: 0,
      acceptedRate: { numerator: 1, denominator: 1, value: 1 },
    });
    expect(report.totals.submitted).toBe(1);
    const byVillage = (await send(leader, 'GET', `/api/v1/reports/assisted?${q}&groupBy=village`)).json();
    expect(byVillage.rows).toHaveLength(1);
    expect(byVillage.rows[0].key.name).toMatch(/^Khóm Mỹ Quý, .*Long Xuyên/);
    const byAssistant = (await send(leader, 'GET', `/api/v1/reports/assisted?${q}&groupBy=officer`)).json();
    expect(byAssistant.rows[0].key).toEqual({ code: 'tnv.myquy', name: 'Trần Văn Tình Nguyện' });
    const bad = await send(leader, 'GET', `/api/v1/reports/assisted?${q}&groupBy=field`);
    expect(bad.statusCode).toBe(400);
    const xlsx = await send(leader, 'GET', `/api/v1/reports/assisted?${q}&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('service days: scheduled by weekday skipping closed days, shown publicly, refused on a holiday', async () => {
    // Every Wednesday and Friday from 9 December 2026 to 8 January 2027: 1 January (Friday) is a holiday.
    const added = await send(leader, 'POST', '/api/v1/units/AG.LONGXUYEN/service-days', {
      kind: 'no_appointment',
      weekdays: [3, 5],
      from: '2026-12-09',
      to: '2027-01-08',
      note: 'Giải quyết ngay các thủ tục trong ngày',
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().added).toContain('2026-12-09');
    expect(added.json().added).not.toContain('2027-01-01');
    expect(added.json().added).toContain('2027-01-08');
    const holiday = await send(leader, 'POST', '/api/v1/units/AG.LONGXUYEN/service-days', {
      kind: 'no_writing',
      days: ['2027-01-01'],
    });
    expect(holiday.statusCode).toBe(400);
    expect(holiday.json().errors[0].path).toBe('days');
    const nothing = await send(leader, 'POST', '/api/v1/units/AG.LONGXUYEN/service-days', {
      kind: 'no_writing',
    });
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().errors[0].path).toBe('days');
    const byOfficer = await send(officer, 'POST', '/api/v1/units/AG.LONGXUYEN/service-days', {
      kind: 'no_writing',
      days: ['2026-12-10'],
    });
    expect(byOfficer.statusCode).toBe(403);
    const writing = await send(admin, 'POST', '/api/v1/units/AG.LONGXUYEN/service-days', {
      kind: 'no_writing',
      days: ['2026-12-09'],
    });
    expect(writing.statusCode, writing.body).toBe(201);

    const listed = (
      await send(null, 'GET', '/api/v1/units/AG.LONGXUYEN/service-days?from=2026-12-07&to=2026-12-13')
    ).json();
    // The demo schedules Thursdays without writing; this test adds Wednesday 9 and Friday 11.
    expect(listed.items.map((d: { day: string; kind: string }) => `${d.day} ${d.kind}`)).toEqual([
      '2026-12-09 no_appointment',
      '2026-12-09 no_writing',
      '2026-12-10 no_writing',
      '2026-12-11 no_appointment',
    ]);
    const page = await send(null, 'GET', '/api/v1/public/units/AG.LONGXUYEN');
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ code: 'AG.LONGXUYEN', hasCounter: true });
    expect(page.json().sameDayProcedureCount).toBeGreaterThan(0);
    expect(page.json().upcomingServiceDays[0]).toMatchObject({ day: '2026-12-09', name: 'Ngày không hẹn' });

    const cancelled = await send(
      leader,
      'DELETE',
      '/api/v1/units/AG.LONGXUYEN/service-days/2026-12-11/no_appointment',
    );
    expect(cancelled.statusCode).toBe(204);
    const gone = await send(
      leader,
      'DELETE',
      '/api/v1/units/AG.LONGXUYEN/service-days/2026-12-11/no_appointment',
    );
    expect(gone.statusCode).toBe(404);
  });

  it('the service-days report counts same-day dossiers resolved while the citizen waited', async () => {
    // A same-day procedure received on the no-appointment day and resolved within it.
    const sameDay = rowsOf<{ code: string }>(
      await t.ctx.database.db.execute(sql`
        select p.code from procedures p
        join procedure_versions pv on pv.procedure_id = p.id and pv.number = p.current_version
        join procedure_units pu on pu.procedure_id = p.id
        join units u on u.id = pu.unit_id and u.code = 'AG.LONGXUYEN'
        where pv.data->'processingTime'->>'kind' = 'sameDay' and p.status = 'active'
        order by p.code limit 1`),
    )[0]!.code;
    now = new Date('2026-12-09T03:30:00Z');
    const code = await receiveAs(t, reception, sameDay, {
      fullName: 'Người Chờ Lấy Ngay',
      idNumber: '089301008888',
      phone: '0912008888',
    });
    now = new Date('2026-12-09T04:00:00Z');
    // Take it through its steps to the result the same morning: whoever may act, acts.
    for (let i = 0; i < 8; i++) {
      let acted = false;
      for (const who of [reception, officer, leader]) {
        const current = (await send(who, 'GET', `/api/v1/dossiers/${code}`)).json();
        if (['resolved', 'returned'].includes(current.status)) break;
        const actions = current.allowedActions as { type: string; to: string | null }[];
        const step = actions.find((a) => a.type === 'approve') ?? actions.find((a) => a.type === 'forward');
        if (!step) continue;
        await actAs(
          t,
          who,
          code,
          step.type === 'approve' ? { action: 'approve' } : { action: 'forward', toStep: step.to },
        );
        acted = true;
        break;
      }
      if (!acted) break;
    }
    const resolved = (await send(reception, 'GET', `/api/v1/dossiers/${code}`)).json();
    expect(['resolved', 'returned']).toContain(resolved.status);

    const report = await send(
      leader,
      'GET',
      '/api/v1/reports/service-days?unit=AG.LONGXUYEN&from=2026-12-01&to=2026-12-31',
    );
    expect(report.statusCode, report.body).toBe(200);
    const row = report.json().rows.find((r: { key: { code: string } }) => r.key.code === 'AG.LONGXUYEN');
    // Up to today (the 9th): Wednesdays 2 (demo) and 9; Thursday 3 (demo) and Wednesday 9 without
    // writing. Received on the 9th: the birth registration submitted online above (same-day, in
    // progress) and this one, resolved the same morning; only this one came to the counter.
    expect(row.figures).toEqual({
      noAppointmentDays: 2,
      sameDayReceived: 2,
      sameDayResolved: 1,
      sameDayResolvedRate: { numerator: 1, denominator: 2, value: 0.5 },
      noWritingDays: 2,
      noWritingReceived: 1,
    });
  });
});
