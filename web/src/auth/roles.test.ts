/** roles.ts reads what the server decided (GET /me's capabilities); it decides nothing itself. */
import { describe, expect, it } from 'vitest';
import type { Me } from '../api/auth';
import type { Unit } from '../api/public';
import {
  COMMUNITY_ROLES,
  coveredUnits,
  HOTLINE_ROLES,
  hasAnyRole,
  OFFICE_MENU,
  unitsWithRole,
} from './roles';

const grant = (
  role: Me['roles'][number]['role'],
  unitCode: string,
  capabilities: Me['capabilities'],
  includeDescendants = false,
) => ({
  role,
  unitCode,
  unitName: `Unit ${unitCode}`,
  includeDescendants,
  capabilities,
});

const me: Me = {
  id: 'u1',
  username: 'lanhdao',
  fullName: 'Võ Thanh Hải',
  kind: 'staff',
  totpEnabled: false,
  totpRequired: false,
  roles: [grant('leader', 'A', ['hotline', 'community', 'leader'], true), grant('auditor', 'B', ['reports'])],
  capabilities: ['leader', 'hotline', 'community', 'reports'],
};

const unit = (code: string, parentCode: string | null): Unit => ({
  code,
  name: `Name ${code}`,
  level: 'commune',
  parentCode,
  hasCounter: false,
  address: null,
  phone: null,
});

describe('roles.ts follows the server’s capabilities', () => {
  it('hasAnyRole: the account’s capabilities; null for anyone signed in', () => {
    expect(hasAnyRole(me, HOTLINE_ROLES)).toBe(true);
    expect(hasAnyRole(me, 'admin')).toBe(false);
    expect(hasAnyRole(me, null)).toBe(true);
    expect(hasAnyRole(null, 'reports')).toBe(false);
  });

  it('the office menu shows the entries whose capability the user has', () => {
    const shown = OFFICE_MENU.filter((item) => hasAnyRole(me, item.roles)).map((item) => item.to);
    expect(shown).toContain('/office/hotline');
    expect(shown).toContain('/office/reports');
    expect(shown).not.toContain('/office/admin/users');
    expect(shown).not.toContain('/office/reception');
  });

  it('unitsWithRole: the units of the grants that give the capability', () => {
    expect(unitsWithRole(me, HOTLINE_ROLES)).toEqual([{ code: 'A', name: 'Unit A' }]);
    expect(unitsWithRole(me, 'reports')).toEqual([{ code: 'B', name: 'Unit B' }]);
    expect(unitsWithRole(me, 'postal')).toEqual([]);
  });

  it('coveredUnits: with the units below a grant that includes them', () => {
    const all = [unit('A', null), unit('A1', 'A'), unit('A11', 'A1'), unit('B', null), unit('B1', 'B')];
    expect(coveredUnits(me, all, COMMUNITY_ROLES).map((u) => u.code)).toEqual(['A', 'A1', 'A11']);
    expect(coveredUnits(me, all, 'reports').map((u) => u.code)).toEqual(['B']);
  });
});
