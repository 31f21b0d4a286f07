/**
 * The authorization matrix (issue 14 §7): every operation of `/openapi.json` is in the table of
 * `authorization-table.ts`, and is called as four callers who must be refused — nobody, a citizen,
 * staff of another commune (holding the route's role there, so only the unit scope stands in the
 * way), and staff of the right unit with the wrong role — expecting 401/403/404, and never a byte of
 * commune A's data (every fixture of commune A carries the marker MATRANA).
 */
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../db/schema.ts';
import type { Role } from '../domain/access.ts';
import { bearer, createTestApp, receiveAs, type TestApp, TINY_PDF } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';
import { type Access, AUTHORIZATION_TABLE } from './authorization-table.ts';

const UNIT_A = 'AG.LONGXUYEN';
const MARKER = 'MATRANA';
const PHONE_A = '0987000111';
const ID_A = '089300777111';
/** Commune A's accounts, one role each: the wrong-role caller is the first whose role is not allowed. */
const ROLE_ACCOUNTS_A: [Role, string][] = [
  ['assistant', 'hotro.longxuyen'],
  ['officer', 'chuyenvien.longxuyen'],
  ['receptionist', 'tiepnhan.longxuyen'],
  ['leader', 'lanhdao.longxuyen'],
  ['unit_admin', 'quantri.longxuyen'],
];
/** Commune B's accounts (two made here): the first whose role is allowed by the route. */
const ROLE_ACCOUNTS_B: [Role, string][] = [
  ['receptionist', 'tiepnhan.chauphu'],
  ['leader', 'lanhdao.chauphu'],
  ['unit_admin', 'quantri.chauphu'],
];
const UUID_NONE = '0190aaaa-0000-7000-8000-000000000000';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minItems?: number;
  minimum?: number;
  minLength?: number;
  format?: string;
  pattern?: string;
  default?: unknown;
};
interface Operation {
  key: string;
  method: string;
  path: string;
  query: { name: string; required: boolean }[];
  body: JsonSchema | null;
  contentType: string | null;
}

const hasMarker = (res: LightMyRequestResponse) =>
  res.rawPayload.includes(MARKER) || res.rawPayload.includes(PHONE_A) || res.rawPayload.includes(ID_A);

describe.each(TEST_TARGETS)('authorization matrix on %s', (target) => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  /** Path parameters and field values naming commune A's records. */
  const fx: Record<string, string> = {};
  let operations: Operation[] = [];

  const as = (username: string | null, method: string, url: string, payload?: unknown, type?: string) =>
    t.app.inject({
      method: method as 'GET',
      url,
      headers: { ...(username ? bearer(tokens[username]!) : {}), ...(type ? { 'content-type': type } : {}) },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const ok = (res: LightMyRequestResponse, what: string) => {
    if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
    return res.json();
  };

  beforeAll(async () => {
    t = await createTestApp(target);
    for (const u of ['admin', '0912345678', ...ROLE_ACCOUNTS_A.map(([, n]) => n), 'tiepnhan.chauphu'])
      tokens[u] = await t.login(u);
    // Commune B's leader and administrator, so that scope, not role, is what refuses them.
    for (const [role, username] of ROLE_ACCOUNTS_B.slice(1)) {
      ok(
        await as('admin', 'POST', '/api/v1/admin/users', {
          username,
          password: 'motcua2026',
          fullName: `Cán bộ ${role} Châu Phú`,
          roles: [{ role, unitCode: 'AG.CHAUPHU' }],
        }),
        `create ${username}`,
      );
      tokens[username] = await t.login(username);
    }
    // Another citizen (the owner of commune A's application is 0912345678), with the same password.
    const db = t.ctx.database.db;
    const [owner] = await db.select().from(users).where(eq(users.username, '0912345678'));
    await db.insert(users).values({
      id: uuidv7(),
      username: '0911000222',
      phone: '0911000222',
      passwordHash: owner!.passwordHash,
      fullName: 'Công Dân Khác',
      kind: 'citizen',
      verifiedAt: new Date(),
    });
    tokens.citizen = await t.login('0911000222');

    // Commune A's records.
    const reception = tokens['tiepnhan.longxuyen']!;
    fx.dossierCode = await receiveAs(t, reception, '1.001193', {
      fullName: `Nguyễn ${MARKER}`,
      idNumber: ID_A,
      phone: PHONE_A,
    });
    const draft = ok(
      await as('0912345678', 'POST', '/api/v1/me/applications', { procedureCode: '1.001193' }),
      'draft',
    );
    fx.applicationId = draft.id;
    const form = new FormData();
    form.append('purpose', 'application');
    form.append('applicationId', draft.id);
    form.append('file', new Blob([new Uint8Array(TINY_PDF)], { type: 'application/pdf' }), `${MARKER}.pdf`);
    fx.fileId = ok(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/files',
        headers: bearer(tokens['0912345678']!),
        payload: form,
      }),
      'upload',
    ).id;
    fx.feedbackId = ok(
      await as(null, 'POST', '/api/v1/public/feedback', {
        unitCode: UNIT_A,
        category: 'delay',
        text: `Hồ sơ ${MARKER} quá hạn mà chưa có thông báo.`,
        name: `Người ${MARKER}`,
        phone: PHONE_A,
      }),
      'feedback',
    ).id;
    const shipment = ok(
      await as('tiepnhan.longxuyen', 'POST', '/api/v1/postal/shipments', {
        unitCode: UNIT_A,
        kind: 'pickup',
        applicant: { name: `Người ${MARKER}`, phone: PHONE_A, address: `12 Trần Hưng Đạo ${MARKER}` },
      }),
      'shipment',
    );
    fx.shipmentId = shipment.id;
    fx.trackingNumber = shipment.trackingNumber;
    fx.handoverId = ok(
      await as('tiepnhan.longxuyen', 'POST', '/api/v1/postal/handover-lists', {
        unitCode: UNIT_A,
        postmanName: `Bưu tá ${MARKER}`,
        shipmentIds: [shipment.id],
      }),
      'handover',
    ).id;
    const home = ok(
      await as('tiepnhan.longxuyen', 'POST', '/api/v1/home-services', {
        unitCode: UNIT_A,
        kind: 'pickup',
        requestedVia: 'counter',
        applicant: { name: `Người ${MARKER}`, phone: PHONE_A, address: `15 Trần Hưng Đạo ${MARKER}` },
        reason: 'elderly',
      }),
      'home service',
    );
    fx.homeServiceId = home.id;
    fx.homeServiceCode = home.code;
    fx.callId = ok(
      await as('tiepnhan.longxuyen', 'POST', '/api/v1/hotline/calls', {
        unitCode: UNIT_A,
        purpose: 'guidance',
        summary: `Hỏi thủ tục ${MARKER}`,
        callerName: `Người ${MARKER}`,
        callerPhone: PHONE_A,
        followUpDue: '2026-12-31',
      }),
      'hotline call',
    ).id;
    const counters = ok(await as(null, 'GET', `/api/v1/queue/counters?unit=${UNIT_A}`), 'counters');
    fx.counterId = (counters.items ?? counters)[0].id;
    const services = ok(await as(null, 'GET', `/api/v1/queue/services?unit=${UNIT_A}`), 'services');
    fx.ticketId = ok(
      await as(null, 'POST', '/api/v1/queue/tickets', {
        unitCode: UNIT_A,
        serviceCode: (services.items ?? services)[0].code,
      }),
      'ticket',
    ).id;
    const teams = ok(await as('lanhdao.longxuyen', 'GET', `/api/v1/digital-teams?unit=${UNIT_A}`), 'teams');
    fx.teamId = (teams.items ?? teams)[0].id;
    const staffList = ok(await as('admin', 'GET', '/api/v1/admin/users'), 'users');
    fx.userId = (staffList.items ?? staffList).find(
      (u: { username: string }) => u.username === 'tiepnhan.longxuyen',
    ).id;

    const doc = (await t.app.inject('/openapi.json')).json() as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: { name: string; in: string; required?: boolean }[];
            requestBody?: { content: Record<string, { schema: JsonSchema }> };
          }
        >
      >;
    };
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([m, op]) => {
        const [contentType, media] = Object.entries(op.requestBody?.content ?? {})[0] ?? [null, null];
        return {
          key: `${m.toUpperCase()} ${path}`,
          method: m.toUpperCase(),
          path,
          query: (op.parameters ?? [])
            .filter((p) => p.in === 'query')
            .map((p) => ({ name: p.name, required: Boolean(p.required) })),
          body: media?.schema ?? null,
          contentType,
        };
      }),
    );
  }, 300_000);
  afterAll(async () => t?.close());

  /** A value for a path parameter or a field, naming commune A's records. */
  function valueFor(name: string, path: string): string | undefined {
    const byName: Record<string, string | undefined> = {
      unit: UNIT_A,
      unitCode: UNIT_A,
      from: '2026-01-01',
      to: '2026-12-31',
      date: '2026-12-25',
      day: '2026-12-09',
      week: '2026-11-30',
      year: '2026',
      kind: 'no_appointment',
      username: 'chuyenvien.longxuyen',
      idNumber: path.includes('{idNumber}') ? ID_A : '089300777222',
      file: '01.pdf',
      ticketId: fx.ticketId,
      trackingNumber: fx.trackingNumber,
      applicationId: fx.applicationId,
      dossierCode: fx.dossierCode,
      procedureCode: '1.001193',
      feedbackId: fx.feedbackId,
      officerId: fx.userId,
      shipmentIds: fx.shipmentId,
      phone: '0911000999',
      category: 'received',
      recipient: PHONE_A,
    };
    if (name === 'code') {
      if (path.includes('/dossiers/') || path.includes('/track/')) return fx.dossierCode;
      if (path.includes('/home-services/')) return fx.homeServiceCode;
      if (path.includes('/units/')) return UNIT_A;
      if (path.includes('/open311/')) return 'delay';
      return '1.001193';
    }
    if (name === 'id') {
      const ids: [string, string | undefined][] = [
        ['/admin/users/', fx.userId],
        ['/me/applications/', fx.applicationId],
        ['/applications/', fx.applicationId],
        ['/files/', fx.fileId],
        ['/feedback/', fx.feedbackId],
        ['/postal/shipments/', fx.shipmentId],
        ['/handover-lists/', fx.handoverId],
        ['/home-services/', fx.homeServiceId],
        ['/hotline/calls/', fx.callId],
        ['/queue/counters/', fx.counterId],
        ['/queue/tickets/', fx.ticketId],
        ['/digital-teams/', fx.teamId],
        ['/open311/', fx.feedbackId],
      ];
      return ids.find(([p]) => path.includes(p))?.[1] ?? UUID_NONE;
    }
    return byName[name];
  }

  /** A plausible body from the operation's JSON schema, commune A's records named where it can. */
  function sample(schema: JsonSchema | undefined, name: string, path: string): unknown {
    if (!schema) return undefined;
    const known = valueFor(name, path);
    const alt = schema.anyOf ?? schema.oneOf;
    if (alt) return sample(alt.find((s) => s.type !== 'null') ?? alt[0], name, path);
    if (schema.const !== undefined) return schema.const;
    if (schema.enum) return schema.enum[0];
    const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
    switch (type) {
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const [k, s] of Object.entries(schema.properties ?? {}))
          if (schema.required?.includes(k) || valueFor(k, path) !== undefined) out[k] = sample(s, k, path);
        return out;
      }
      case 'array':
        return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () =>
          sample(schema.items, name, path),
        );
      case 'integer':
      case 'number':
        return name === 'expectedVersion' || name === 'revision' ? 1 : Math.max(1, schema.minimum ?? 1);
      case 'boolean':
        return true;
      case 'string': {
        if (known !== undefined) return known;
        if (schema.format === 'date-time') return '2026-12-30T09:00:00+07:00';
        if (schema.format === 'date' || schema.pattern?.includes('\\d{4}-')) return '2026-12-30';
        if (schema.format === 'email') return 'matran@example.vn';
        if (schema.format === 'uuid') return UUID_NONE;
        return `Giá trị ${name} thử`.padEnd(Math.max(schema.minLength ?? 0, 12), '.');
      }
      default:
        return schema.default ?? null;
    }
  }

  /** Bodies the schema cannot suggest (refinements), so that only authorization can refuse them. */
  const BODIES: Record<string, () => unknown> = {
    'POST /api/v1/admin/users': () => ({
      username: 'matran.moi',
      password: 'motcua2026',
      fullName: `Cán bộ ${MARKER}`,
      roles: [{ role: 'receptionist', unitCode: UNIT_A }],
    }),
    'PATCH /api/v1/admin/users/{id}': () => ({ fullName: 'Đổi tên thử' }),
    'POST /api/v1/admin/procedures': () => ({
      code: '9.999999',
      name: 'Thủ tục thử nghiệm',
      fieldCode: 'HT',
      levels: ['commune'],
      unitCodes: [UNIT_A],
      processingTime: { kind: 'sameDay' },
    }),
    'PUT /api/v1/admin/procedures/{code}': () => ({
      name: 'Đăng ký khai sinh (sửa thử)',
      fieldCode: 'HT',
      levels: ['commune'],
      processingTime: { kind: 'sameDay' },
      effectiveFrom: '2026-12-30',
      changeNote: 'Thử quyền',
    }),
    'PUT /api/v1/admin/calendar/settings': () => ({
      workingWeekdays: [1, 2, 3, 4, 5],
      sessions: [{ start: '07:30', end: '11:30' }],
      sameDayCutoff: '15:00',
      mode: 'workingHours',
    }),
    'POST /api/v1/reception/slips': () => ({
      kind: 'refusal',
      unitCode: UNIT_A,
      procedureCode: '1.001193',
      applicant: { fullName: 'Người Thử' },
      reason: 'Thử quyền lập phiếu',
    }),
    'PUT /api/v1/reports/index/inputs': () => ({
      unit: UNIT_A,
      from: '2026-01-01',
      to: '2026-12-31',
      indicator: 'CK1',
      numerator: 1,
      denominator: 1,
      note: 'Thử quyền',
    }),
    'PUT /api/v1/queue/units/{unitCode}/setup': () => ({
      services: [{ code: 'THU', name: 'Thử', prefix: 'T' }],
      counters: [{ number: 1, name: 'Quầy 1', serviceCodes: ['THU'] }],
    }),
    'POST /api/v1/postal/shipments': () => ({
      unitCode: UNIT_A,
      kind: 'pickup',
      applicant: { name: 'Người Thử', phone: '0911000999', address: '1 Đường Thử, Long Xuyên' },
    }),
    'POST /api/v1/units/{code}/service-days': () => ({ kind: 'no_appointment', days: ['2026-12-30'] }),
    'PUT /api/v1/me/profile': () => ({ applicant: { fullName: 'Công Dân Khác' } }),
    'POST /api/v1/admin/import/dossiers': () =>
      `${JSON.stringify({
        code: `${UNIT_A}-MATRAN`,
        procedureCode: '1.001193',
        unitCode: UNIT_A,
        channel: 'counter',
        receivedAt: '2026-01-05T09:00:00+07:00',
        dueAt: '2026-01-05T17:00:00+07:00',
      })}\n`,
  };

  function requestOf(op: Operation) {
    const path = op.path.replace(/\{(\w+)\}/g, (_, p: string) =>
      encodeURIComponent(valueFor(p, op.path) ?? UUID_NONE),
    );
    const query = new URLSearchParams();
    for (const q of op.query) {
      const v = valueFor(q.name, op.path);
      if (v !== undefined && (q.required || q.name === 'unit' || q.name === 'unitCode')) query.set(q.name, v);
    }
    const url = query.size ? `${path}?${query}` : path;
    const body =
      BODIES[op.key]?.() ??
      (op.contentType === 'application/json' ? sample(op.body ?? undefined, '', op.path) : undefined);
    return { url, body: body ?? (op.method === 'GET' || op.method === 'DELETE' ? undefined : {}) };
  }

  const REFUSED = [401, 403, 404];
  /** The caller's own records (its profile, its new draft): any answer, as long as nothing leaks. */
  const ANY_BUT_5XX = Array.from({ length: 300 }, (_, i) => 200 + i);

  it('classifies every operation of /openapi.json, and nothing else', () => {
    const keys = operations.map((o) => o.key);
    expect(keys.length).toBeGreaterThan(100);
    expect(
      keys.filter((k) => !(k in AUTHORIZATION_TABLE)),
      'operations missing from the table',
    ).toEqual([]);
    expect(
      Object.keys(AUTHORIZATION_TABLE).filter((k) => !keys.includes(k)),
      'table rows with no operation',
    ).toEqual([]);
  });

  it('refuses every caller without the role at the unit, and leaks nothing of commune A', async () => {
    const failures: string[] = [];
    const check = (
      op: Operation,
      who: string,
      res: LightMyRequestResponse,
      allowed: number[],
      listOk = false,
    ) => {
      const leaked = res.statusCode < 300 && hasMarker(res);
      // The importer answers 200 with each line refused: nothing written is what matters.
      const perLine = op.key === 'POST /api/v1/admin/import/dossiers' && res.statusCode === 200;
      const fine =
        !leaked &&
        (allowed.includes(res.statusCode) ||
          (listOk && op.method === 'GET' && res.statusCode === 200) ||
          (perLine && res.json().imported === 0));
      if (!fine)
        failures.push(
          `${op.key} as ${who}: ${res.statusCode}${leaked ? ' LEAK' : ''} ${res.body.slice(0, 200)}`,
        );
    };
    for (const op of operations) {
      const access: Access | undefined = AUTHORIZATION_TABLE[op.key];
      if (!access) continue;
      // The hall display's live stream never ends: it is public and has no personal data.
      if (op.key.endsWith('/events')) continue;
      const { url, body } = requestOf(op);
      const hasResource = /\{(id|code|trackingNumber|ticketId)\}/.test(op.path);
      const call = (who: string | null) =>
        op.contentType === 'multipart/form-data'
          ? (() => {
              const form = new FormData();
              form.append('purpose', 'application');
              form.append('applicationId', fx.applicationId!);
              form.append('file', new Blob([new Uint8Array(TINY_PDF)], { type: 'application/pdf' }), 'x.pdf');
              return t.app.inject({
                method: 'POST',
                url,
                headers: who ? bearer(tokens[who]!) : {},
                payload: form,
              });
            })()
          : as(who, op.method, url, body, typeof body === 'string' ? 'application/x-ndjson' : undefined);

      if (access.class === 'public') {
        const res = await call(null);
        if (res.statusCode >= 500)
          failures.push(`${op.key} (public) anonymous: ${res.statusCode} ${res.body.slice(0, 200)}`);
        continue;
      }
      check(
        op,
        'anonymous',
        await call(null),
        access.class === 'citizen-own' && access.hidden ? [401, 404] : [401],
      );
      if (access.class === 'citizen-own') {
        // Another citizen, and staff of another commune, reach none of commune A's citizen's records.
        for (const who of ['citizen', 'tiepnhan.chauphu'])
          check(op, who, await call(who), hasResource ? [403, 404] : ANY_BUT_5XX);
        continue;
      }
      check(op, 'citizen', await call('citizen'), [403]);
      const other = ROLE_ACCOUNTS_B.find(([r]) => access.roles.includes(r));
      if (other) check(op, other[1], await call(other[1]), REFUSED, !hasResource);
      else check(op, 'tiepnhan.chauphu', await call('tiepnhan.chauphu'), [403]);
      const wrong = ROLE_ACCOUNTS_A.find(([r]) => !access.roles.includes(r));
      if (wrong) check(op, wrong[1], await call(wrong[1]), [403]);
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
