/** Feedback (phản ánh, kiến nghị) and its Open311 GeoReport v2 face. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';

const clock = () => new Date('2026-03-02T02:00:00Z');

/** Fields every GeoReport v2 service request carries (wiki.open311.org/GeoReport_v2). */
const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];

describe.each(TEST_TARGETS)('feedback and Open311 on %s', (target) => {
  let t: TestApp;
  let feedbackId: string;
  let apiKey: string;

  beforeAll(async () => {
    t = await createTestApp(target, clock);
  });
  afterAll(async () => t?.close());

  it('a citizen sends feedback with a deadline for the answer', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/feedback',
      payload: { unitCode: 'AG.LONGXUYEN', category: 'attitude', text: 'ngắn', name: 'Dân' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['phone', 'text']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/feedback',
      payload: {
        unitCode: 'AG.LONGXUYEN',
        category: 'delay',
        text: 'Hồ sơ của tôi quá hạn 3 ngày mà chưa có thông báo.',
        name: 'Lê Văn Phản',
        phone: '0912333444',
        publish: true,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    feedbackId = res.json().id;
    // 10 working days from Mon 2 March 2026 09:00 → Mon 16 March 09:00.
    expect(res.json().dueAt).toBe('2026-03-16T02:00:00.000Z');
  });

  it('staff of the unit answer it; it then appears on the public list without contact data', async () => {
    const other = await t.login('tiepnhan.chauphu');
    const denied = await t.app.inject({
      method: 'POST',
      url: `/api/v1/feedback/${feedbackId}/answer`,
      headers: bearer(other),
      payload: { answer: 'Trả lời từ xã khác' },
    });
    expect(denied.statusCode).toBe(403);
    expect(
      (await t.app.inject({ url: '/api/v1/feedback', headers: bearer(other) })).json().items,
    ).toHaveLength(0);
    const leader = await t.login('lanhdao.longxuyen');
    const list = (
      await t.app.inject({ url: '/api/v1/feedback?status=open', headers: bearer(leader) })
    ).json();
    expect(list.items.map((f: { id: string }) => f.id)).toContain(feedbackId);
    const answered = await t.app.inject({
      method: 'POST',
      url: `/api/v1/feedback/${feedbackId}/answer`,
      headers: bearer(leader),
      payload: { answer: 'Đơn vị xin lỗi, hồ sơ đã được giải quyết và trả kết quả ngày 05/03.' },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().status).toBe('answered');
    const published = (await t.app.inject('/api/v1/public/feedback')).json();
    expect(published.items[0]).toMatchObject({ id: feedbackId, answer: expect.stringContaining('xin lỗi') });
    expect(JSON.stringify(published)).not.toContain('0912333444');
  });

  it('Open311 discovery and services follow GeoReport v2', async () => {
    const discovery = (await t.app.inject('/open311/v2/discovery.json')).json();
    expect(discovery.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      formats: ['application/json'],
    });
    const services = (await t.app.inject('/open311/v2/services.json')).json();
    expect(services.length).toBeGreaterThan(3);
    for (const s of services) {
      expect(Object.keys(s).sort()).toEqual([
        'description',
        'group',
        'keywords',
        'metadata',
        'service_code',
        'service_name',
        'type',
      ]);
      expect(['realtime', 'batch', 'blackbox']).toContain(s.type);
    }
    const def = await t.app.inject('/open311/v2/services/delay.json');
    expect(def.statusCode).toBe(200);
    expect(def.json()).toEqual({ service_code: 'delay', attributes: [] });
    const unknown = await t.app.inject('/open311/v2/services/nope.json');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual([{ code: 404, description: expect.any(String) }]);
  });

  it('Open311 POST needs an api_key issued by an admin, and accepts form-encoded bodies', async () => {
    const noKey = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'service_code=other&description=Th%E1%BB%AD',
    });
    expect(noKey.statusCode).toBe(403);
    expect(noKey.json()[0]).toMatchObject({ code: 403 });
    const admin = await t.login('admin');
    const issued = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/api-keys',
      headers: bearer(admin),
      payload: { name: 'Ứng dụng thử' },
    });
    expect(issued.statusCode).toBe(201);
    apiKey = issued.json().key;
    const created = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        api_key: apiKey,
        service_code: 'online',
        description: 'Cổng dịch vụ công không tải được tệp đính kèm',
        first_name: 'Hoa',
        last_name: 'Nguyễn',
        email: 'hoa@example.vn',
        lat: '10.38',
        long: '105.43',
        'attribute[publish]': 'true',
      }).toString(),
    });
    expect(created.statusCode, created.body).toBe(201);
    const [{ service_request_id }] = created.json();
    const one = (await t.app.inject(`/open311/v2/requests/${service_request_id}.json`)).json();
    expect(one).toHaveLength(1);
    expect(Object.keys(one[0]).sort()).toEqual([...REQUEST_FIELDS].sort());
    // Published with consent, but never where it is (issue 14 §3).
    expect(one[0]).toMatchObject({
      status: 'open',
      service_code: 'online',
      lat: null,
      long: null,
      address: null,
    });
    const closed = (await t.app.inject('/open311/v2/requests.json?status=closed')).json();
    expect(closed.map((r: { service_request_id: string }) => r.service_request_id)).toContain(feedbackId);
    expect(closed.every((r: { status: string }) => r.status === 'closed')).toBe(true);
    const badStatus = await t.app.inject('/open311/v2/requests.json?status=maybe');
    expect(badStatus.statusCode).toBe(400);
    expect((await t.app.inject('/open311/v2/requests/nope.json')).statusCode).toBe(404);
  });
});
