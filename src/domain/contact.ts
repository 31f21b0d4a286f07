/**
 * How a person's phone number, ID number and e-mail address are written, for the server and the web
 * app alike (the web imports this file at run time, so it imports nothing).
 *
 * A Vietnamese phone number is written nationally with a leading 0 (mobiles 0912 345 678, ten
 * digits; landlines 024 3825 3536, eleven) or internationally with +84 instead of the 0. People type
 * spaces, dots and dashes between the digits; those are dropped before anything else.
 */

/** A phone number once its separators are dropped: 0 or +84, then nine or ten digits. */
export const PHONE_RE = /^(0|\+84)\d{9,10}$/;

/** A citizen identity card number (CCCD, twelve digits) or the older identity card (CMND, nine). */
export const ID_NUMBER_RE = /^(\d{9}|\d{12})$/;

/** Loose on purpose: something, an @, something with a dot. The mail server has the last word. */
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The number as typed, without surrounding white space and without spaces, dots or dashes. */
export function compactPhone(value: string): string {
  return value.trim().replace(/[\s.-]/g, '');
}

/**
 * The national form used to store and compare numbers: compacted, with +84 written as 0
 * ("+84 912.345.678" → "0912345678"). Anything else is returned compacted, not judged: check it
 * with {@link isPhone}.
 */
export function normalisePhone(value: string): string {
  const compact = compactPhone(value);
  return compact.startsWith('+84') ? `0${compact.slice(3)}` : compact;
}

/** Whether the typed text is a phone number the forms accept (separators allowed). */
export function isPhone(value: string): boolean {
  return PHONE_RE.test(compactPhone(value));
}
