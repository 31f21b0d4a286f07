/** Deadline notices from the scheduled sweep: once each, to the right people. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actAs, bearer, createTestApp, receiveAs, type TestApp } from '../../test/app.ts';
import { TEST_TARGETS } from '../../test/databases.ts';
import { sendLeaderDigests, sweepDeadlines } from './deadline-alerts.ts';

let now = new Date('2026-03-02T02:00:00Z'); // Mon 09:00 local
const clock = () => now;

describe.each(TEST_TARGETS)('deadline alerts on %s', (target) => {
  let t: TestApp;
  let code: string;
  const notices = async (user: string) =>
    (await t.app.inject({ url: '/api/v1/me/notifications', headers: bearer(await t.login(user)) })).json();

  beforeAll(async () => {
    now = new Date('2026-03-02T02:00:00Z');
    t = await createTestApp(target, clock);
    const token = await t.login('tiepnhan.longxuyen');
    code = await receiveAs(t, token, '1.005461', {
      fullName: 'Lê Văn Hạn',
      idNumber: '089000111222',
      phone: '0909000111',
    });
    await actAs(t, token, code, { action: 'forward', toStep: 'xu_ly' });
  });
  afterAll(async () => t?.close());

  it('nothing to say while the due date is far', async () => {
    expect(await sweepDeadlines(t.ctx)).toEqual({ dueSoon: 0, overdue: 0 });
  });

  it('reminds the officers within one working day of the due date, once', async () => {
    const view = (
      await t.app.inject({
        url: `/api/v1/dossiers/${code}`,
        headers: bearer(await t.login('chuyenvien.longxuyen')),
      })
    ).json();
    now = new Date(new Date(view.dueAt).getTime() - 2 * 3_600_000); // two hours before the due time
    const first = await sweepDeadlines(t.ctx);
    expect(first.dueSoon).toBeGreaterThan(0);
    expect(await sweepDeadlines(t.ctx)).toEqual({ dueSoon: 0, overdue: 0 });
    const n = await notices('chuyenvien.longxuyen');
    expect(
      n.items.some(
        (i: { kind: string; dossierCode: string }) => i.kind === 'due_soon' && i.dossierCode === code,
      ),
    ).toBe(true);
    expect((await notices('tiepnhan.chauphu')).items).toHaveLength(0);
  });

  it('alerts the officer and the leader when overdue, once; marks read', async () => {
    const view = (
      await t.app.inject({
        url: `/api/v1/dossiers/${code}`,
        headers: bearer(await t.login('chuyenvien.longxuyen')),
      })
    ).json();
    now = new Date(new Date(view.dueAt).getTime() + 60_000);
    const r = await sweepDeadlines(t.ctx);
    expect(r.overdue).toBeGreaterThanOrEqual(2);
    expect((await sweepDeadlines(t.ctx)).overdue).toBe(0);
    const leader = await notices('lanhdao.longxuyen');
    const overdue = leader.items.find((i: { kind: string }) => i.kind === 'overdue');
    expect(overdue.title).toContain(code);
    expect(leader.unread).toBeGreaterThan(0);
    const token = await t.login('lanhdao.longxuyen');
    const read = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/notifications/${overdue.id}/read`,
      headers: bearer(token),
    });
    expect(read.statusCode).toBe(204);
    expect(
      (await notices('lanhdao.longxuyen')).items.find((i: { id: string }) => i.id === overdue.id).read,
    ).toBe(true);
  });

  it('sends each leader one digest a day', async () => {
    const sent = await sendLeaderDigests(t.ctx);
    expect(sent).toBeGreaterThan(0);
    expect(await sendLeaderDigests(t.ctx)).toBe(0);
    const digest = (await notices('lanhdao.longxuyen')).items.find(
      (i: { kind: string }) => i.kind === 'digest',
    );
    expect(digest.body).toMatch(/quá hạn: 1/);
  });
});
