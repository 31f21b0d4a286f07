/** What the roll-up tests share: a demo system with 400 imported histories and live dossiers, and more live work. */
import { expect } from 'vitest';
import { randomHistories } from '../../db/seed/history-generator.ts';
import { actAs, bearer, createTestApp, receiveAs, requiredDocuments, type TestApp } from '../../test/app.ts';
import type { TargetName } from '../../test/databases.ts';
import { importDossiers } from '../dossiers/index.ts';
import type { Actor, ServiceContext } from '../platform/index.ts';

export const UNITS = ['AG.LONGXUYEN', 'AG.CHAUPHU', 'AG.MYHOAHUNG', 'AG.TTPVHCC', 'AG.VPDKDD'];
export const PROCEDURES = ['1.001193', '1.003583', '1.004873', '1.000894', '1.013831', '1.000656'];
export const META = { ip: 'test', requestId: null };

export interface RollupFixture {
  t: TestApp;
  ctx: ServiceContext;
  /** A system administrator of the whole province, for calling the services directly. */
  admin: Actor;
  /** Moves the clock of the app. */
  setNow(at: Date): void;
  /** `count` random imported histories (NDJSON lines) as of the clock's now. */
  lines(count: number, seed: number): string[];
}

/**
 * A fresh database with 400 imported histories, then live dossiers through the workflow, the clock
 * moving: a supplement, a liên thông, an apology. The clock ends at Monday 23 March 2026, 11:00.
 */
export async function createRollupFixture(target: TargetName): Promise<RollupFixture> {
  let now = new Date('2026-03-10T02:00:00Z');
  const t = await createTestApp(target, () => now);
  const lines = (count: number, seed: number) =>
    [
      ...randomHistories({
        seed,
        count,
        unitCodes: UNITS,
        procedureCodes: PROCEDURES,
        from: new Date('2024-11-01T00:00:00+07:00'),
        to: new Date('2026-03-10T00:00:00+07:00'),
        now,
      }),
    ].map((d) => JSON.stringify(d));
  const admin: Actor = {
    id: '00000000-0000-0000-0000-000000000001',
    username: 'admin',
    fullName: 'Quản trị',
    kind: 'staff',
    grants: [
      {
        role: 'system_admin',
        unitId: (await t.ctx.database.db.query.units.findFirst({ where: (u, { eq }) => eq(u.code, 'AG') }))!
          .id,
        includeDescendants: true,
      },
    ],
  };
  const f: RollupFixture = {
    t,
    ctx: t.ctx,
    admin,
    setNow: (at) => {
      now = at;
    },
    lines,
  };
  const summary = await importDossiers(f.ctx, admin, META, lines(400, 7), { batchSize: 150 });
  expect(summary.invalid, JSON.stringify(summary.errors.slice(0, 5))).toBe(0);
  expect(summary.imported).toBe(400);

  // Live dossiers through the workflow, the clock moving: a supplement, a liên thông, an apology.
  const reception = await f.t.login('tiepnhan.longxuyen');
  const person = { fullName: 'Trần Thị Bình', idNumber: '089301009999', phone: '0912009999' };
  f.setNow(new Date('2026-03-10T02:00:00Z'));
  const land = await receiveAs(f.t, reception, '1.012783', person);
  const birth = await receiveAs(f.t, reception, '1.001193', person);
  f.setNow(new Date('2026-03-10T03:00:00Z'));
  await actAs(f.t, reception, land, { action: 'transfer', unitCode: 'AG.VPDKDD' });
  await actAs(f.t, reception, birth, { action: 'forward', toStep: 'xu_ly' });
  await actAs(f.t, await f.t.login('chuyenvien.longxuyen'), birth, {
    action: 'request_supplement',
    reason: 'Thiếu giấy',
    items: [{ document: 'Giấy chứng sinh' }],
  });
  f.setNow(new Date('2026-03-12T03:00:00Z'));
  await actAs(f.t, await f.t.login('chuyenvien.datdai'), land, { action: 'transfer', unitCode: 'AG.THUE' });
  await actAs(f.t, await f.t.login('chuyenvien.longxuyen'), birth, { action: 'receive_supplement' });
  f.setNow(new Date('2026-03-20T03:00:00Z'));
  await actAs(f.t, await f.t.login('chuyenvien.thue'), land, {
    action: 'transfer',
    unitCode: 'AG.LONGXUYEN',
  });
  f.setNow(new Date('2026-03-23T04:00:00Z'));
  return f;
}

/** Live work with officers, a fee paid in cash, a result returned by post and a rating; returns its code. */
export async function liveWork(f: RollupFixture): Promise<string> {
  const reception = await f.t.login('tiepnhan.longxuyen');
  const officer = await f.t.login('chuyenvien.longxuyen');
  const leader = await f.t.login('lanhdao.longxuyen');
  f.setNow(new Date('2026-03-23T04:30:00Z'));
  const person = { fullName: 'Lê Văn Cường', idNumber: '089301008888', phone: '0912008888' };
  const res = await f.t.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    headers: bearer(reception),
    payload: {
      procedureCode: '1.001193',
      unitCode: 'AG.LONGXUYEN',
      channel: 'counter',
      applicant: person,
      documents: await requiredDocuments(f.t, '1.001193'),
      feeIndexes: [0],
      resultDelivery: 'postal',
      deliveryAddress: 'Số 1, phường Mỹ Bình, Long Xuyên',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const code = res.json().code as string;
  const paid = await f.t.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${code}/payments`,
    headers: bearer(reception),
    payload: { method: 'cash' },
  });
  expect(paid.statusCode, paid.body).toBe(201);
  await actAs(f.t, reception, code, { action: 'forward', toStep: 'xu_ly' });
  f.setNow(new Date('2026-03-23T06:30:00Z'));
  await actAs(f.t, officer, code, { action: 'forward', toStep: 'phe_duyet' });
  await actAs(f.t, leader, code, { action: 'approve' });
  await actAs(f.t, reception, code, { action: 'attach_result', title: 'Giấy khai sinh', fileId: 'kq-1' });
  f.setNow(new Date('2026-03-24T02:00:00Z'));
  await actAs(f.t, reception, code, { action: 'return', method: 'postal', trackingNumber: 'EB123456789VN' });
  const rated = await f.t.app.inject({
    method: 'POST',
    url: `/api/v1/public/track/${encodeURIComponent(code)}/rating`,
    payload: { phone: person.phone, level: 'satisfied' },
  });
  expect(rated.statusCode, rated.body).toBe(201);
  f.setNow(new Date('2026-03-24T04:00:00Z'));
  return code;
}
