/** Units and their calendar settings through the admin API: a new commune, and a unit's own sessions. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';

describe.each(TEST_TARGETS)('API on %s', (target) => {
  let t: TestApp;
  let adminToken: string;
  beforeAll(async () => {
    t = await createTestApp(target);
    adminToken = await t.login('admin');
  });
  afterAll(async () => t?.close());

  describe('units and calendar settings', () => {
    it('a province admin adds a commune with a counter; a commune admin cannot add a sibling', async () => {
      const provinceAdmin = await t.login('quantri.tinh');
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/units',
        headers: bearer(provinceAdmin),
        payload: {
          code: 'AG.TANCHAU',
          name: 'UBND phường Tân Châu',
          level: 'commune',
          parentCode: 'AG',
          hasCounter: true,
        },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ code: 'AG.TANCHAU', parentCode: 'AG', hasCounter: true });
      const units = (await t.app.inject('/api/v1/public/units')).json().items as { code: string }[];
      expect(units.map((u) => u.code)).toContain('AG.TANCHAU');
      // The new commune inherits the province's holidays.
      const days = (await t.app.inject('/api/v1/calendar/days?year=2026&unit=AG.TANCHAU')).json().days;
      expect(days.length).toBeGreaterThan(5);
      const communeAdmin = await t.login('quantri.longxuyen');
      const denied = await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/units',
        headers: bearer(communeAdmin),
        payload: { code: 'AG.KHAC', name: 'Xã khác', level: 'commune', parentCode: 'AG' },
      });
      expect(denied.statusCode).toBe(403);
      const dup = await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/units',
        headers: bearer(provinceAdmin),
        payload: { code: 'AG.TANCHAU', name: 'Trùng', level: 'commune', parentCode: 'AG' },
      });
      expect(dup.statusCode).toBe(409);
    });

    it('a unit overrides its sessions (08:00–12:00, 13:30–17:30) and its due dates follow', async () => {
      const url = `/api/v1/calendar/due?from=${encodeURIComponent('2026-03-02T12:00:00+07:00')}&workingHours=4&unit=AG.MYHOAHUNG`;
      expect((await t.app.inject(url)).json().dueAt).toBe('2026-03-02T17:00:00+07:00');
      const put = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/admin/calendar/settings?unit=AG.MYHOAHUNG',
        headers: bearer(adminToken),
        payload: {
          workingWeekdays: [1, 2, 3, 4, 5],
          sessions: [
            { start: '08:00', end: '12:00' },
            { start: '13:30', end: '17:30' },
          ],
          sameDayCutoff: '15:00',
          mode: 'workingHours',
        },
      });
      expect(put.statusCode).toBe(200);
      // 12:00–13:30 is lunch now: 4 hours from 13:30 end at 17:30.
      expect((await t.app.inject(url)).json().dueAt).toBe('2026-03-02T17:30:00+07:00');
      // Other communes keep the province's defaults.
      expect((await t.app.inject(url.replace('AG.MYHOAHUNG', 'AG.CHAUPHU'))).json().dueAt).toBe(
        '2026-03-02T17:00:00+07:00',
      );
      const overlapping = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/admin/calendar/settings?unit=AG.MYHOAHUNG',
        headers: bearer(adminToken),
        payload: {
          workingWeekdays: [1, 2, 3, 4, 5],
          sessions: [
            { start: '08:00', end: '14:00' },
            { start: '13:30', end: '17:30' },
          ],
          sameDayCutoff: '15:00',
          mode: 'workingHours',
        },
      });
      expect(overlapping.statusCode).toBe(400);
    });
  });
});
