/** A unit as the office screens list it for choosing. */
export interface UnitChoice {
  code: string;
  name: string;
}

/** The unit picked, while it is still among `units`; else the first (or none: ''). */
export function chosenUnit(units: readonly UnitChoice[], choice: string): string {
  return units.some((u) => u.code === choice) ? choice : (units[0]?.code ?? '');
}
