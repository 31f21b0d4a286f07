import { describe, expect, it } from 'vitest';
import { grantCovers, hasRole, type RoleGrant } from './access.ts';

const grants: RoleGrant[] = [
  { role: 'receptionist', unitId: 'commune-a', includeDescendants: false },
  { role: 'unit_admin', unitId: 'province', includeDescendants: true },
  { role: 'system_admin', unitId: 'province', includeDescendants: false },
];

describe('grantCovers', () => {
  it.each([
    ['own unit', ['receptionist'], ['commune-a', 'province'], true],
    ['sibling unit', ['receptionist'], ['commune-b', 'province'], false],
    ['descendant without grant', ['receptionist'], ['agency-under-a', 'commune-a', 'province'], false],
    ['descendant with grant', ['unit_admin'], ['commune-b', 'province'], true],
    ['the granted root itself', ['unit_admin'], ['province'], true],
    ['other jurisdiction', ['unit_admin'], ['other-province'], false],
    ['role not held', ['leader'], ['commune-a', 'province'], false],
    ['empty ancestry', ['receptionist'], [], false],
    ['system admin anywhere', ['system_admin'], ['elsewhere'], true],
  ] as const)('%s', (_name, roles, ancestry, expected) => {
    expect(grantCovers(grants, roles, ancestry)).toBe(expected);
  });

  it('hasRole', () => {
    expect(hasRole(grants, ['unit_admin', 'system_admin'])).toBe(true);
    expect(hasRole(grants, ['auditor'])).toBe(false);
  });
});
