/**
 * Issue 14 §2 and §4: one-time codes never stand in clear (outbox, sandbox mailbox rows, logs),
 * guesses are counted atomically, codes are issued sparingly, the outbox is scoped and masked, and
 * request logs carry no phone or ID number.
 */
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../db/client.ts';
import { bearer, createTestApp, receiveAs, type TestApp } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';
import { buildApp } from './app.ts';

const SIX_DIGITS = /\d{6}/;

describe.each(TEST_TARGETS)('secrets at rest on %s', (target) => {
  let t: TestApp;
  const register = (phone: string, remoteAddress = '198.51.100.1') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      remoteAddress,
      payload: { fullName: 'Lê Văn Tám', phone, password: 'matkhau-2026' },
    });
  const stored = async (table: 'notification_outbox' | 'sandbox_messages', recipient: string) =>
    rowsOf<{ subject: string; body: string }>(
      await t.ctx.database.db.execute(
        sql`select subject, body from ${sql.identifier(table)} where recipient = ${recipient}`,
      ),
    );
  const mailboxCode = async (recipient: string) => {
    const items = (await t.app.inject(`/api/v1/sandbox/messages?recipient=${recipient}`)).json().items;
    return SIX_DIGITS.exec(items[0].subject)?.[0] ?? null;
  };

  beforeAll(async () => {
    t = await createTestApp(target);
  });
  afterAll(async () => t?.close());

  it('keeps a one-time code nowhere in clear: not in the outbox, not in the mailbox rows', async () => {
    expect((await register('0977000111')).statusCode).toBe(201);
    const outbox = await stored('notification_outbox', '0977000111');
    const mailbox = await stored('sandbox_messages', '0977000111');
    expect(outbox).toHaveLength(1);
    expect(mailbox).toHaveLength(1);
    for (const row of [...outbox, ...mailbox]) {
      expect(row.subject).not.toMatch(SIX_DIGITS);
      expect(row.body).not.toMatch(SIX_DIGITS);
      expect(row.subject).toContain('••••••');
    }
    // The demo's own reader still gets the code, as it was sent, and it works.
    const code = await mailboxCode('0977000111');
    expect(code).toMatch(SIX_DIGITS);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify',
      payload: { username: '0977000111', code },
    });
    expect(ok.statusCode).toBe(204);
    // What staff can read later is the masked row.
    const admin = await t.login('admin');
    const items = (await t.app.inject({ url: '/api/v1/admin/notifications', headers: bearer(admin) })).json()
      .items as { recipient: string; subject: string }[];
    const mine = items.filter((m) => m.recipient === '0977000111');
    expect(mine.length).toBeGreaterThan(0);
    for (const m of mine) expect(m.subject).not.toMatch(SIX_DIGITS);
  });

  it('counts 50 simultaneous guesses atomically: five tries, then even the right code fails', async () => {
    expect((await register('0977000222')).statusCode).toBe(201);
    const code = (await mailboxCode('0977000222'))!;
    const wrong = code === '000000' ? '111111' : '000000';
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/verify',
          payload: { username: '0977000222', code: wrong },
        }),
      ),
    );
    expect(answers.every((a) => a.statusCode === 400)).toBe(true);
    const [row] = rowsOf<{ attempts: number }>(
      await t.ctx.database.db.execute(sql`
        select c.attempts from one_time_codes c join users u on u.id = c.user_id
        where u.username = '0977000222'`),
    );
    expect(Number(row!.attempts)).toBe(5);
    const late = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify',
      payload: { username: '0977000222', code },
    });
    expect(late.statusCode).toBe(400);
  });

  it('issues at most one code a minute per account, and caps an address', async () => {
    const codesOf = async (username: string) =>
      Number(
        rowsOf<{ n: number }>(
          await t.ctx.database.db.execute(sql`
            select count(*)::int as n from one_time_codes c join users u on u.id = c.user_id
            where u.username = ${username}`),
        )[0]!.n,
      );
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/verify/resend',
        remoteAddress: '198.51.100.2',
        payload: { username: '0977000222' },
      });
      expect(res.statusCode).toBe(202);
    }
    // The registration's code was issued seconds ago: no new one yet.
    expect(await codesOf('0977000222')).toBe(1);

    // One address asking for codes for many accounts (known or not) is stopped.
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset',
        remoteAddress: '198.51.100.3',
        payload: { username: `09000001${String(i).padStart(2, '0')}` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 202)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });

  it('shows the outbox to administrators only, scoped to their units, recipients masked', async () => {
    const receptionist = await t.login('tiepnhan.longxuyen');
    await receiveAs(t, receptionist, '1.005461', {
      fullName: 'Trần Thị Thư',
      idNumber: '089111222333',
      phone: '0912111222',
      email: 'thu.tran@example.vn',
    });
    const chauphu = await t.login('tiepnhan.chauphu');
    await receiveAs(
      t,
      chauphu,
      '1.005461',
      { fullName: 'Phạm Văn Bé', idNumber: '089111222444', phone: '0912111444' },
      'AG.CHAUPHU',
    );
    const list = async (username: string) =>
      t.app.inject({ url: '/api/v1/admin/notifications', headers: bearer(await t.login(username)) });

    for (const username of ['lanhdao.longxuyen', 'thanhtra', 'tiepnhan.longxuyen'])
      expect((await list(username)).statusCode).toBe(403);

    const unitAdmin = (await list('quantri.longxuyen')).json().items as {
      recipient: string;
      dossierCode: string | null;
    }[];
    expect(unitAdmin.length).toBeGreaterThan(0);
    expect(unitAdmin.every((m) => m.dossierCode !== null)).toBe(true);
    const recipients = unitAdmin.map((m) => m.recipient);
    expect(recipients).toContain('091****222');
    expect(recipients).toContain('t*******@example.vn');
    expect(recipients.join(' ')).not.toMatch(/0912111444|091\*+444|0977000111|097\*+111/);

    const admin = (await list('admin')).json().items as { recipient: string }[];
    const all = admin.map((m) => m.recipient);
    expect(all).toContain('0912111222');
    expect(all).toContain('0912111444');
    expect(all).toContain('0977000111');
  });

  it('keeps phone and ID numbers out of the request log', async () => {
    let logged = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logged += chunk.toString();
        done();
      },
    });
    const app = await buildApp({ ctx: t.ctx, config: t.config, logger: { level: 'info', stream: sink } });
    await app.ready();
    try {
      await app.inject('/api/v1/public/track/AG-000?phone=0912111222&idNumber=089111222333');
      await app.inject('/api/v1/sandbox/messages?recipient=0912111222');
      await app.inject('/api/v1/citizens/089111222333/dossiers');
      await app.inject(`/api/v1/anything/${encodeURIComponent('thu.tran@example.vn')}`);
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset',
        payload: { username: '0912111222', idNumber: '089111222333' },
      });
      await app.inject('/api/v1/auth/oidc/callback?code=secret-authorization-code&state=xyz');
    } finally {
      await app.close();
    }
    expect(logged).toContain('[redacted]');
    expect(logged).toContain('incoming request');
    for (const planted of ['0912111222', '089111222333', 'thu.tran@example.vn', 'secret-authorization-code'])
      expect(logged).not.toContain(planted);
  });
});
