/** Provinces and communes for the address pickers of the e-forms. */
import { units } from '../../db/schema.ts';
import type { ServiceContext } from '../platform/index.ts';

function placeName(unitName: string): string {
  const place = unitName.replace(/^(UBND|Ủy ban nhân dân)\s+/iu, '');
  return place.charAt(0).toLocaleUpperCase('vi') + place.slice(1);
}

/** Provinces, and the communes served here (by jurisdiction root code), for address pickers. */
export async function divisions(ctx: ServiceContext) {
  const rows = await ctx.database.db
    .select({
      code: units.code,
      name: units.name,
      level: units.level,
      jurisdictionId: units.jurisdictionId,
      id: units.id,
    })
    .from(units);
  const roots = rows.filter((u) => u.id === u.jurisdictionId);
  const communes: Record<string, { code: string; name: string }[]> = {};
  for (const root of roots) {
    communes[root.code] = rows
      .filter((u) => u.jurisdictionId === root.id && u.level === 'commune')
      // Units are named after their people's committee ("UBND phường Long Xuyên"); an address names the place.
      .map((u) => ({ code: u.code, name: placeName(u.name) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }
  return communes;
}
