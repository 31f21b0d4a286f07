/** Domain code never reads the wall clock: callers pass one. Tests pass a fixed one. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
export const fixedClock =
  (iso: string): Clock =>
  () =>
    new Date(iso);
