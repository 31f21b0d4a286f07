/**
 * The capabilities `GET /me` answers: decided on the server from the roles its operations require,
 * per grant and for the account, and changed at once when an administrator changes the grants.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPABILITIES } from '../contracts/identity.ts';
import { DEMO_CITIZEN } from '../db/seed/demo-units.ts';
import { ROLES } from '../domain/access.ts';
import { bearer, createTestApp, type TestApp } from '../test/app.ts';
import { CAPABILITY_ROLES, capabilitiesOfRole, withCapabilities } from './capabilities.ts';

/** What the office screens offered each role before the server decided it (web/src/auth/roles.ts). */
const EXPECTED: Record<(typeof CAPABILITIES)[number], string[]> = {
  admin: ['system_admin', 'unit_admin'],
  catalogRead: ['system_admin', 'unit_admin', 'auditor'],
  reception: ['receptionist', 'system_admin'],
  dossiers: ['receptionist', 'officer', 'leader', 'unit_admin', 'system_admin', 'auditor'],
  leader: ['leader', 'system_admin'],
  postal: ['receptionist', 'unit_admin', 'system_admin'],
  homeService: ['receptionist', 'unit_admin', 'system_admin'],
  assist: ['assistant'],
  queueSetup: ['unit_admin', 'system_admin'],
  hotline: ['receptionist', 'leader', 'unit_admin', 'system_admin'],
  community: ['leader', 'unit_admin', 'system_admin'],
  evaluation: ['receptionist', 'officer', 'leader'],
  queue: ['receptionist', 'officer', 'leader', 'unit_admin', 'system_admin'],
  reports: ['leader', 'unit_admin', 'system_admin', 'auditor'],
  payments: ['receptionist', 'leader', 'unit_admin', 'system_admin', 'auditor'],
};

describe('capabilities from roles', () => {
  it('each capability admits the roles its operations admit', () => {
    for (const name of CAPABILITIES)
      expect([...CAPABILITY_ROLES[name]].sort()).toEqual(EXPECTED[name].sort());
  });

  it('a role confers exactly the capabilities that list it; a citizen none', () => {
    for (const role of ROLES)
      expect(capabilitiesOfRole(role)).toEqual(CAPABILITIES.filter((c) => EXPECTED[c].includes(role)));
    expect(capabilitiesOfRole('citizen')).toEqual([]);
  });

  it('the account holds the union of its grants’ capabilities, in the contract’s order', () => {
    const grants = [
      { role: 'assistant' as const, unitCode: 'A' },
      { role: 'auditor' as const, unitCode: 'B' },
    ];
    const { roles, capabilities } = withCapabilities(grants);
    expect(roles).toEqual([
      { role: 'assistant', unitCode: 'A', capabilities: ['assist'] },
      { role: 'auditor', unitCode: 'B', capabilities: ['catalogRead', 'dossiers', 'reports', 'payments'] },
    ]);
    expect(capabilities).toEqual(['catalogRead', 'dossiers', 'assist', 'reports', 'payments']);
  });
});

describe('GET /me carries the capabilities of the grants', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(async () => t?.close());

  const me = async (token: string) => {
    const res = await t.app.inject({ url: '/api/v1/me', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    return res.json() as {
      capabilities: string[];
      roles: { role: string; unitCode: string; capabilities: string[] }[];
    };
  };

  it('a receptionist, per grant and as a whole', async () => {
    const body = await me(await t.login('tiepnhan.longxuyen'));
    expect(body.capabilities).toEqual(capabilitiesOfRole('receptionist'));
    expect(body.capabilities).toContain('reception');
    expect(body.capabilities).not.toContain('admin');
    expect(body.roles).toEqual([
      expect.objectContaining({
        role: 'receptionist',
        unitCode: 'AG.LONGXUYEN',
        capabilities: capabilitiesOfRole('receptionist'),
      }),
    ]);
  });

  it('a citizen has none', async () => {
    const body = await me(await t.login(DEMO_CITIZEN.phone));
    expect(body.capabilities).toEqual([]);
    expect(body.roles.every((r) => r.capabilities.length === 0)).toBe(true);
  });

  it('follow a change of grants at once', async () => {
    const admin = await t.login('admin');
    const users = (await t.app.inject({ url: '/api/v1/admin/users', headers: bearer(admin) })).json()
      .items as { id: string; username: string }[];
    const officer = users.find((u) => u.username === 'chuyenvien.longxuyen');
    expect(officer).toBeDefined();
    const token = await t.login('chuyenvien.longxuyen');
    const before = await me(token);
    expect(before.capabilities).not.toContain('hotline');
    expect(before.capabilities).toContain('evaluation');

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${officer?.id}`,
      headers: bearer(admin),
      payload: {
        roles: [
          { role: 'officer', unitCode: 'AG.LONGXUYEN' },
          { role: 'leader', unitCode: 'AG.CHAUPHU' },
        ],
      },
    });
    expect(patched.statusCode).toBe(200);
    const after = await me(token);
    expect(after.capabilities).toEqual(
      withCapabilities([{ role: 'officer' }, { role: 'leader' }]).capabilities,
    );
    expect(after.capabilities).toContain('hotline');
    const leaderGrant = after.roles.find((r) => r.role === 'leader');
    expect(leaderGrant).toMatchObject({ unitCode: 'AG.CHAUPHU', capabilities: capabilitiesOfRole('leader') });
  });
});
