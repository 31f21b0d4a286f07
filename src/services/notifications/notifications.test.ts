/** Applicant notifications: queued with the event, delivered by the worker, retried, failures visible. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxSender } from '../../integrations/messaging.ts';
import { actAs, bearer, createTestApp, receiveAs, type TestApp } from '../../test/app.ts';
import { TEST_TARGETS } from '../../test/databases.ts';
import { dispatchOutbox } from './notifications.ts';

let now = new Date('2026-03-02T02:00:00Z');
const clock = () => now;

describe.each(TEST_TARGETS)('applicant notifications on %s', (target) => {
  let t: TestApp;
  let receptionist: string;
  let code: string;
  const senders = () => {
    const sandbox = new SandboxSender(t.ctx.database.db);
    return { email: sandbox, sms: sandbox, zalo: sandbox };
  };
  const outbox = async () =>
    (
      await t.app.inject({ url: '/api/v1/admin/notifications', headers: bearer(await t.login('admin')) })
    ).json().items as {
      dossierCode: string;
      channel: string;
      template: string;
      status: string;
      attempts: number;
      lastError: string | null;
    }[];

  const receive = (email: string) =>
    receiveAs(t, receptionist, '1.005461', {
      fullName: 'Trần Thị Thư',
      idNumber: '089111222333',
      phone: '0912111222',
      email,
    });

  beforeAll(async () => {
    t = await createTestApp(target, clock);
    receptionist = await t.login('tiepnhan.longxuyen');
    code = await receive('thu@example.vn');
  });
  afterAll(async () => t?.close());

  it('reception queues an e-mail and an SMS in the same transaction; the worker delivers them once', async () => {
    const queued = (await outbox()).filter((m) => m.dossierCode === code);
    expect(queued.map((m) => `${m.channel}:${m.template}:${m.status}`).sort()).toEqual([
      'email:received:pending',
      'sms:received:pending',
    ]);
    const first = await dispatchOutbox(t.ctx, senders());
    expect(first.sent).toBeGreaterThanOrEqual(2);
    expect((await dispatchOutbox(t.ctx, senders())).sent).toBe(0);
    const mailbox = (await t.app.inject('/api/v1/sandbox/messages?recipient=thu@example.vn')).json().items;
    expect(mailbox).toHaveLength(1);
    expect(mailbox[0].subject).toContain(code);
    expect(mailbox[0].body).toContain(`/track/${code}`);
  });

  it('a supplement request tells the applicant what is missing', async () => {
    const officer = await t.login('chuyenvien.longxuyen');
    const act = (token: string, body: Record<string, unknown>) => actAs(t, token, code, body);
    await act(receptionist, { action: 'forward', toStep: 'xu_ly' });
    await act(officer, {
      action: 'request_supplement',
      reason: 'Thiếu giấy tờ',
      items: [{ document: 'Giấy báo tử' }],
    });
    await dispatchOutbox(t.ctx, senders());
    const mail = (await t.app.inject('/api/v1/sandbox/messages?recipient=thu@example.vn')).json().items[0];
    expect(mail.subject).toContain('cần bổ sung');
    expect(mail.body).toContain('- Giấy báo tử');
  });

  it('a failing provider is retried with backoff and the failure becomes visible', async () => {
    const failing = await receive('fail@example.vn');
    let report = await dispatchOutbox(t.ctx, senders());
    expect(report.retried).toBe(1);
    for (let i = 0; i < 8; i++) {
      now = new Date(now.getTime() + 40 * 60_000);
      report = await dispatchOutbox(t.ctx, senders());
    }
    const failed = (await outbox()).find((m) => m.dossierCode === failing && m.channel === 'email')!;
    expect(failed.status).toBe('failed');
    expect(failed.attempts).toBe(6);
    expect(failed.lastError).toContain('refused');
  });
});
