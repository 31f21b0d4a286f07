/**
 * Open311 under the one rule (issue 14 §3): reading shows only what the author agreed to publish,
 * never the address, coordinates, contact or attachments; every call counts against the /api/v1
 * limiter; POST needs an api_key, and keys are listed, revoked and scoped to units.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../db/client.ts';
import { apiKeys, rateLimits } from '../db/schema.ts';
import { bearer, createTestApp, type TestApp } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';

const form = (fields: Record<string, string>) => ({
  method: 'POST' as const,
  url: '/open311/v2/requests.json',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

describe.each(TEST_TARGETS)('Open311 on %s', (target) => {
  let t: TestApp;
  let admin: string;
  let communeAdmin: string;
  let unscopedKey: string;

  beforeAll(async () => {
    t = await createTestApp(target);
    admin = await t.login('admin');
    communeAdmin = await t.login('quantri.longxuyen');
    const issued = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/api-keys',
      headers: bearer(admin),
      payload: { name: 'Ứng dụng toàn tỉnh' },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    unscopedKey = issued.json().key;
  }, 120_000);
  afterAll(async () => t?.close());

  const ids = async (url = '/open311/v2/requests.json') =>
    ((await t.app.inject(url)).json() as { service_request_id: string }[]).map((r) => r.service_request_id);

  it('lists and shows only requests whose author consented, without address, coordinates or contact', async () => {
    const secret = {
      api_key: unscopedKey,
      service_code: 'online',
      description: 'Cổng dịch vụ công không tải được tệp (không công khai)',
      first_name: 'Kín',
      last_name: 'Đáo',
      email: 'kin.dao@example.vn',
      phone: '0912777888',
      address_string: '99 Đường Bí Mật, Long Xuyên',
      lat: '10.38',
      long: '105.43',
    };
    const hidden = await t.app.inject(form(secret));
    expect(hidden.statusCode, hidden.body).toBe(201);
    const hiddenId = hidden.json()[0].service_request_id;
    const shown = await t.app.inject(
      form({
        ...secret,
        description: 'Cổng dịch vụ công chậm (được công khai)',
        'attribute[publish]': 'true',
      }),
    );
    expect(shown.statusCode, shown.body).toBe(201);
    const shownId = shown.json()[0].service_request_id;
    // A citizen's feedback through the portal without consent stays out too.
    const portal = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/feedback',
      payload: {
        unitCode: 'AG.LONGXUYEN',
        category: 'delay',
        text: 'Hồ sơ quá hạn mà chưa có thông báo (không công khai).',
        name: 'Người Dân',
        phone: '0912777999',
      },
    });
    expect(portal.statusCode, portal.body).toBe(201);

    const listed = await ids();
    expect(listed).toContain(shownId);
    expect(listed).not.toContain(hiddenId);
    expect(listed).not.toContain(portal.json().id);
    expect(await ids(`/open311/v2/requests.json?service_request_id=${hiddenId},${shownId}`)).toEqual([
      shownId,
    ]);
    expect((await t.app.inject(`/open311/v2/requests/${hiddenId}.json`)).statusCode).toBe(404);
    expect((await t.app.inject(`/open311/v2/requests/${portal.json().id}.json`)).statusCode).toBe(404);

    const one = await t.app.inject(`/open311/v2/requests/${shownId}.json`);
    expect(one.statusCode).toBe(200);
    expect(one.json()[0]).toMatchObject({ address: null, lat: null, long: null, media_url: null });
    const everything = (await t.app.inject('/open311/v2/requests.json')).body + one.body;
    for (const leak of ['kin.dao@example.vn', '0912777888', 'Bí Mật', '10.38', '105.43', 'Kín', '0912777999'])
      expect(everything).not.toContain(leak);
  });

  it('counts every Open311 call against the same per-address limit as /api/v1', async () => {
    const db = t.ctx.database.db;
    const count = async () =>
      rowsOf<{ key: string; count: number }>(
        await db.execute(sql`select key, count from ${rateLimits} where key like 'http:%'`),
      );
    const before = await count();
    expect(before).toHaveLength(1); // one counter for the test's address, shared by both
    const [{ key, count: n }] = before as [{ key: string; count: number }];
    await t.app.inject('/open311/v2/services.json');
    expect(await count()).toEqual([{ key, count: n + 1 }]);
    await t.app.inject('/api/v1/public/fields');
    expect(await count()).toEqual([{ key, count: n + 2 }]);
    // Spent through the API: Open311 refuses too, in its own error format, with Retry-After.
    await db.update(rateLimits).set({ count: t.config.limits.apiPerMinute }).where(eq(rateLimits.key, key));
    const refused = await t.app.inject('/open311/v2/requests.json');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual([{ code: 429, description: expect.any(String) }]);
    expect(refused.headers['retry-after']).toBeTruthy();
    expect((await t.app.inject('/api/v1/public/fields')).statusCode).toBe(429);
    await db.delete(rateLimits).where(eq(rateLimits.key, key));
  });

  describe('API keys', () => {
    let scopedKey: string;
    let scopedId: string;

    it('are stored only as a hash, and listed by name, prefix and units, never the key', async () => {
      const issued = await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/api-keys',
        headers: bearer(communeAdmin),
        payload: { name: 'Ứng dụng phường Long Xuyên', unitCodes: ['AG.LONGXUYEN'] },
      });
      expect(issued.statusCode, issued.body).toBe(201);
      scopedKey = issued.json().key;
      scopedId = issued.json().id;
      expect(issued.json()).toMatchObject({ unitCodes: ['AG.LONGXUYEN'], prefix: scopedKey.slice(0, 7) });
      const rows = await t.ctx.database.db.select().from(apiKeys);
      expect(JSON.stringify(rows)).not.toContain(scopedKey);
      expect(JSON.stringify(rows)).not.toContain(unscopedKey);

      const mine = await t.app.inject({ url: '/api/v1/admin/api-keys', headers: bearer(communeAdmin) });
      expect(mine.statusCode).toBe(200);
      // The commune's administrator sees its scoped key, not the province-wide one.
      expect(mine.json().items.map((k: { name: string }) => k.name)).toEqual(['Ứng dụng phường Long Xuyên']);
      const all = await t.app.inject({ url: '/api/v1/admin/api-keys', headers: bearer(admin) });
      expect(all.json().items).toHaveLength(2);
      expect(all.body).not.toContain(scopedKey);
      expect(all.body).not.toContain(unscopedKey);
    });

    it('a unit administrator issues only keys scoped inside its units', async () => {
      for (const payload of [{ name: 'Không phạm vi' }, { name: 'Xã khác', unitCodes: ['AG.CHAUPHU'] }]) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/admin/api-keys',
          headers: bearer(communeAdmin),
          payload,
        });
        expect(res.statusCode).toBe(403);
      }
    });

    it('a scoped key posts only to its units', async () => {
      const base = { api_key: scopedKey, service_code: 'other', description: 'Phản ánh qua ứng dụng phường' };
      const elsewhere = await t.app.inject(form({ ...base, jurisdiction_id: 'AG.CHAUPHU' }));
      expect(elsewhere.statusCode).toBe(403);
      const own = await t.app.inject(form(base));
      expect(own.statusCode, own.body).toBe(201);
      const explicit = await t.app.inject(form({ ...base, jurisdiction_id: 'AG.LONGXUYEN' }));
      expect(explicit.statusCode, explicit.body).toBe(201);
    });

    it('are revoked by whoever manages them: refused from then on; another administrator’s key is 404', async () => {
      const [unscoped] = (await t.app.inject({ url: '/api/v1/admin/api-keys', headers: bearer(admin) }))
        .json()
        .items.filter((k: { unitCodes: string[] | null }) => k.unitCodes === null);
      const notHers = await t.app.inject({
        method: 'POST',
        url: `/api/v1/admin/api-keys/${unscoped.id}/revoke`,
        headers: bearer(communeAdmin),
      });
      expect(notHers.statusCode).toBe(404);
      const revoked = await t.app.inject({
        method: 'POST',
        url: `/api/v1/admin/api-keys/${scopedId}/revoke`,
        headers: bearer(communeAdmin),
      });
      expect(revoked.statusCode, revoked.body).toBe(200);
      expect(revoked.json().revokedAt).toEqual(expect.any(String));
      const after = await t.app.inject(
        form({ api_key: scopedKey, service_code: 'other', description: 'Sau khi thu hồi khoá' }),
      );
      expect(after.statusCode).toBe(403);
      expect(
        (
          await t.app.inject(
            form({ api_key: unscopedKey, service_code: 'other', description: 'Khoá còn hiệu lực' }),
          )
        ).statusCode,
      ).toBe(201);
    });
  });
});
