/**
 * A holiday added after reception moves the due dates of the open dossiers it falls into, each with
 * a `recompute_due` event naming the reason; resolved dossiers keep their history; removing the
 * holiday moves them back; reports follow (roll-ups equal the naive fold).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { naiveProcessingReport, processingReport } from '../services/statistics/index.ts';
import { actAs, bearer, createTestApp, receiveAs, type TestApp } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';

// 1.003583: 3 working days.
const THREE_DAYS = '1.003583';

describe.each(TEST_TARGETS)('due dates after a calendar change on %s', (target) => {
  let t: TestApp;
  let now = new Date('2026-06-01T02:00:00Z'); // Monday 1 June 2026, 09:00 in Vietnam
  const person = (n: number) => ({
    fullName: `Người Lịch ${n}`,
    idNumber: `08930100${5500 + n}`,
    phone: `091255${5500 + n}`,
  });
  let open: string;
  let resolved: string;
  let admin: string;

  const view = async (code: string) =>
    (await t.app.inject({ url: `/api/v1/dossiers/${code}`, headers: bearer(admin) })).json();

  beforeAll(async () => {
    t = await createTestApp(target, () => now);
    const reception = await t.login('tiepnhan.longxuyen');
    admin = await t.login('admin');
    open = await receiveAs(t, reception, THREE_DAYS, person(1));
    resolved = await receiveAs(t, reception, '1.001193', person(2));
    await actAs(t, reception, resolved, { action: 'forward', toStep: 'xu_ly' });
    await actAs(t, await t.login('chuyenvien.longxuyen'), resolved, {
      action: 'forward',
      toStep: 'phe_duyet',
    });
    await actAs(t, await t.login('lanhdao.longxuyen'), resolved, { action: 'approve' });
    now = new Date('2026-06-02T02:00:00Z');
  }, 120_000);
  afterAll(async () => t?.close());

  it('a holiday inside the time limit moves the open dossier one working day, with the reason', async () => {
    const before = await view(open);
    expect(before.dueAt).toBe('2026-06-04T02:00:00.000Z'); // Thursday 09:00 (3 working days)
    const resolvedBefore = await view(resolved);
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/calendar/days/2026-06-03?unit=AG',
      headers: bearer(admin),
      payload: { kind: 'holiday', name: 'Nghỉ đột xuất' },
    });
    expect(put.statusCode, put.body).toBe(200);
    const after = await view(open);
    expect(after.dueAt).toBe('2026-06-05T02:00:00.000Z'); // Friday 09:00
    expect(after.appointmentAt).toBe('2026-06-05T02:00:00.000Z');
    const event = after.events.at(-1);
    expect(event).toMatchObject({
      type: 'recompute_due',
      payload: {
        dueAt: '2026-06-05T02:00:00.000Z',
        previousDueAt: '2026-06-04T02:00:00.000Z',
        reason: expect.stringContaining('2026-06-03'),
      },
    });
    // The resolved one keeps its history.
    expect((await view(resolved)).events).toEqual(resolvedBefore.events);
  });

  it('removing the holiday moves it back; reports read the same both ways; the chains verify', async () => {
    const del = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/admin/calendar/days/2026-06-03?unit=AG',
      headers: bearer(admin),
    });
    expect(del.statusCode, del.body).toBe(204);
    const back = await view(open);
    expect(back.dueAt).toBe('2026-06-04T02:00:00.000Z');
    expect(back.events.filter((e: { type: string }) => e.type === 'recompute_due')).toHaveLength(2);
    // Overdue on Friday morning, from the roll-ups as from the events.
    now = new Date('2026-06-05T03:00:00Z');
    const root = await t.ctx.database.db.query.units.findFirst({ where: (u, { eq }) => eq(u.code, 'AG') });
    const actor = {
      id: '00000000-0000-0000-0000-000000000000',
      username: 'inspector',
      fullName: 'Inspector',
      kind: 'staff' as const,
      grants: [{ role: 'auditor' as const, unitId: root!.id, includeDescendants: true }],
    };
    const query = { unit: 'AG', from: '2026-06-01', to: '2026-06-30', descendants: true };
    const fast = await processingReport(t.ctx, actor, query);
    expect(fast).toEqual(await naiveProcessingReport(t.ctx, actor, query));
    expect(fast.totals.inProgress.overdue).toBe(1);
    const { verifyDossierChains } = await import('../services/dossiers/index.ts');
    expect((await verifyDossierChains(t.ctx.database.db)).ok).toBe(true);
  });
});
