/**
 * Issue 14 §3, "authorization, everywhere, by one rule": a regression test per hole found by review,
 * each refused by role AND unit scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../db/schema.ts';
import { bearer, createTestApp, type TestApp } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';

describe.each(TEST_TARGETS)('authorization fixes (issue 14 §3) on %s', (target) => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const call = (who: string, method: string, url: string, payload?: Record<string, unknown>) =>
    t.app.inject({ method: method as 'GET', url, headers: bearer(tokens[who]!), payload });

  beforeAll(async () => {
    t = await createTestApp(target);
    for (const u of ['admin', 'quantri.tinh', 'quantri.longxuyen', 'tiepnhan.longxuyen', 'tiepnhan.chauphu'])
      tokens[u] = await t.login(u);
    for (const u of await t.ctx.database.db.select({ id: users.id, username: users.username }).from(users))
      ids[u.username] = u.id;
  }, 120_000);
  afterAll(async () => t?.close());

  describe('catalogue writes', () => {
    const procedure = (code: string, unitCodes: string[]) => ({
      code,
      name: `Thủ tục thử phạm vi ${code}`,
      fieldCode: 'HT',
      levels: ['commune'],
      unitCodes,
      processingTime: { kind: 'workingDays', value: 3 },
    });
    const amend = (code: string, unitCodes: string[]) => ({
      ...procedure(code, unitCodes),
      effectiveFrom: '2030-01-01',
      changeNote: 'Thử phạm vi',
    });

    beforeAll(async () => {
      for (const [code, units] of [
        ['SCOPE.LX', ['AG.LONGXUYEN']],
        ['SCOPE.BOTH', ['AG.LONGXUYEN', 'AG.CHAUPHU']],
      ] as const) {
        const res = await call('admin', 'POST', '/api/v1/admin/procedures', procedure(code, [...units]));
        expect(res.statusCode, res.body).toBe(201);
      }
    });

    it('a unit administrator writes procedures received only inside its scope', async () => {
      const own = await call(
        'quantri.longxuyen',
        'PUT',
        '/api/v1/admin/procedures/SCOPE.LX',
        amend('SCOPE.LX', ['AG.LONGXUYEN']),
      );
      expect(own.statusCode, own.body).toBe(200);
      const created = await call(
        'quantri.longxuyen',
        'POST',
        '/api/v1/admin/procedures',
        procedure('SCOPE.NEW', ['AG.LONGXUYEN']),
      );
      expect(created.statusCode, created.body).toBe(201);
    });

    it('not one received also elsewhere, nor one received nowhere, nor moving one out of scope', async () => {
      const both = await call('quantri.longxuyen', 'POST', '/api/v1/admin/procedures/SCOPE.BOTH/retire');
      expect(both.statusCode).toBe(403);
      expect(
        (
          await call(
            'quantri.longxuyen',
            'PUT',
            '/api/v1/admin/procedures/SCOPE.BOTH',
            amend('SCOPE.BOTH', ['AG.LONGXUYEN']),
          )
        ).statusCode,
      ).toBe(403);
      expect(
        (
          await call(
            'quantri.longxuyen',
            'POST',
            '/api/v1/admin/procedures',
            procedure('SCOPE.CP', ['AG.CHAUPHU']),
          )
        ).statusCode,
      ).toBe(403);
      expect(
        (await call('quantri.longxuyen', 'POST', '/api/v1/admin/procedures', procedure('SCOPE.NONE', [])))
          .statusCode,
      ).toBe(403);
      expect(
        (
          await call(
            'quantri.longxuyen',
            'PUT',
            '/api/v1/admin/procedures/SCOPE.LX',
            amend('SCOPE.LX', ['AG.CHAUPHU']),
          )
        ).statusCode,
      ).toBe(403);
      // The seeded catalogue (received across the province) stays the system administrator's.
      expect(
        (await call('quantri.longxuyen', 'POST', '/api/v1/admin/procedures/1.001193/retire')).statusCode,
      ).toBe(403);
      const [still] = (await t.app.inject('/api/v1/public/procedures?q=SCOPE.BOTH')).json().items;
      expect(still?.code).toBe('SCOPE.BOTH');
    });

    it('the province’s administrator covers both communes; the system administrator everything', async () => {
      const res = await call('quantri.tinh', 'POST', '/api/v1/admin/procedures/SCOPE.BOTH/retire');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().status).toBe('retired');
    });
  });

  it('a notice of another account cannot be marked read: 404 like an unknown one', async () => {
    const res = await call('quantri.longxuyen', 'POST', `/api/v1/me/notifications/${ids.admin}/read`);
    expect(res.statusCode).toBe(404);
  });

  it('an import body that is not NDJSON is 415, not a crash', async () => {
    const res = await call('admin', 'POST', '/api/v1/admin/import/dossiers', { code: 'x' });
    expect(res.statusCode).toBe(415);
  });
});
