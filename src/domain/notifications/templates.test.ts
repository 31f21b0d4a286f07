import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, renderTemplate, retryDelayMs, TEMPLATE_OF_EVENT, TEMPLATES } from './templates.ts';

const data = {
  code: 'AG.LONGXUYEN-260302-0001',
  procedureName: 'Đăng ký khai sinh',
  unitName: 'UBND phường Long Xuyên',
  trackingUrl: 'http://localhost:3000/track/AG.LONGXUYEN-260302-0001',
  dueAt: new Date('2026-03-02T10:00:00Z'),
  newDueAt: new Date('2026-03-05T10:00:00Z'),
  reason: 'Thiếu giấy tờ',
  items: ['Bản sao giấy chứng sinh'],
};

describe('applicant templates', () => {
  it.each(TEMPLATES.flatMap((t) => [[t, 'vi'] as const, [t, 'en'] as const]))(
    '%s (%s) names the dossier and links to tracking',
    (t, locale) => {
      const m = renderTemplate(t, locale, data);
      expect(m.subject).toContain(data.code);
      expect(m.body).toContain(data.trackingUrl);
    },
  );
  it('formats dates in Vietnam time and lists requested documents', () => {
    expect(renderTemplate('received', 'vi', data).body).toContain('17:00 02/03/2026');
    expect(renderTemplate('apology', 'vi', data).body).toContain('17:00 05/03/2026');
    expect(renderTemplate('supplement_requested', 'vi', data).body).toContain('- Bản sao giấy chứng sinh');
  });
  it('maps events to templates and backs off', () => {
    expect(TEMPLATE_OF_EVENT.request_supplement).toBe('supplement_requested');
    expect(TEMPLATE_OF_EVENT.forward).toBeUndefined();
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(MAX_ATTEMPTS).toBeGreaterThan(3);
  });
});
