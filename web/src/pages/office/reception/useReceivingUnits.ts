// The units where the signed-in user may receive dossiers at the counter.
import { useMemo } from 'react';
import { useMe } from '../../../api/auth';
import { useUnits } from '../../../api/public';

/** The units where the user may receive dossiers. */
export function useReceivingUnits(): { code: string; name: string }[] {
  const me = useMe().data;
  const isSystemAdmin = Boolean(me?.roles.some((r) => r.role === 'system_admin'));
  const units = useUnits();
  return useMemo(() => {
    const own = new Map<string, string>();
    for (const r of me?.roles ?? []) {
      if (r.role === 'receptionist' && r.unitCode) own.set(r.unitCode, r.unitName ?? r.unitCode);
    }
    if (own.size === 0 && isSystemAdmin) {
      for (const u of units.data ?? []) if (u.hasCounter) own.set(u.code, u.name);
    }
    return [...own].map(([code, name]) => ({ code, name }));
  }, [me, isSystemAdmin, units.data]);
}
