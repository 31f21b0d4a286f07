/** The HTTP API's system routes: health, problem answers and the OpenAPI document, payment routes included. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';

describe.each(TEST_TARGETS)('API on %s', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(target);
  });
  afterAll(async () => t?.close());

  describe('system', () => {
    it('GET /healthz names the database', async () => {
      const res = await t.app.inject('/healthz');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        status: 'ok',
        mode: 'demo',
        database: target,
        version: expect.any(String),
      });
      expect(res.headers['x-request-id']).toBeTruthy();
    });

    it('unknown API route → 404 problem', async () => {
      const res = await t.app.inject('/api/v1/no-such-thing');
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        status: 404,
        code: 'not_found',
        type: expect.any(String),
        title: expect.any(String),
      });
    });

    it('malformed JSON → 400 problem, no stack trace', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"username":',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'malformed_json' });
      expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    });

    it('body over the limit → 413 problem', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ username: 'x', password: 'y'.repeat(2 * 1024 * 1024) }),
      });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'payload_too_large' });
    });

    it('serves an OpenAPI 3 document listing the routes', async () => {
      const res = await t.app.inject('/openapi.json');
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      expect(doc.openapi).toMatch(/^3\./);
      for (const p of [
        '/healthz',
        '/api/v1/auth/login',
        '/api/v1/me',
        '/api/v1/public/procedures',
        '/api/v1/public/procedures/{code}',
        '/api/v1/calendar/due',
        '/api/v1/calendar/days',
        '/api/v1/admin/users',
        '/api/v1/admin/calendar/days/{date}',
      ]) {
        expect(doc.paths, p).toHaveProperty([p]);
      }
    });

    it('documents every payment route in the OpenAPI description', async () => {
      const spec = (await t.app.inject('/openapi.json')).json();
      for (const path of [
        '/api/v1/payments',
        '/api/v1/payments/{id}',
        '/api/v1/payments/vnpay/ipn',
        '/api/v1/payments/vnpay/return',
        '/api/v1/payments/{id}/receipt.pdf',
        '/api/v1/payments/{id}/refund',
        '/api/v1/payments/reconciliation',
        '/api/v1/dossiers/{code}/payments',
      ])
        expect(
          Object.values(spec.paths[path] ?? {}).some((op) =>
            (op as { tags?: string[] }).tags?.includes('payments'),
          ),
          path,
        ).toBe(true);
    });
  });
});
