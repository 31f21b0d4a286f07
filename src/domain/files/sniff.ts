/**
 * What an uploaded file really is, from its first bytes (never from its name or the browser's
 * Content-Type, both of which the sender controls), and a file name that is safe to store and echo.
 * Pure: no I/O.
 */

/** The only kinds of attachment accepted: scanned papers (PDF) and photos (JPEG, PNG). */
export const ACCEPTED_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AcceptedMediaType = (typeof ACCEPTED_MEDIA_TYPES)[number];

const SIGNATURES: { mediaType: AcceptedMediaType; magic: readonly number[] }[] = [
  // "%PDF-": ISO 32000 requires the header at offset 0 (readers tolerate junk before it; we do not).
  { mediaType: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  // SOI marker followed by the first marker's 0xFF (JFIF, Exif and raw JPEG all start so).
  { mediaType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  // The full 8-byte PNG signature: its CR LF / LF bytes catch files mangled by text-mode transfers.
  { mediaType: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The media type the bytes begin with, or null when they are none of the accepted kinds. */
export function sniffMediaType(bytes: Uint8Array): AcceptedMediaType | null {
  for (const { mediaType, magic } of SIGNATURES) {
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) return mediaType;
  }
  return null;
}

export const EXTENSIONS: Record<AcceptedMediaType, string> = {
  'application/pdf': '.pdf',
  'image/jpeg': '.jpg',
  'image/png': '.png',
};

/** Extensions a name may already carry for each type (anything else gets the canonical one appended). */
const KNOWN_EXTENSIONS: Record<AcceptedMediaType, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg', '.jfif', '.jpe'],
  'image/png': ['.png'],
};

export const MAX_FILE_NAME_LENGTH = 200;
const FALLBACK_NAME = 'tệp đính kèm';

/**
 * A display name safe to store and to send back in Content-Disposition: the last path segment only
 * (browsers on Windows send "C:\fakepath\…"), NFC (macOS sends decomposed Vietnamese), without
 * control or bidirectional-override characters (which can disguise "gpj.exe" as "exe.jpg"), without
 * characters Windows refuses in names, at most 200 characters with the extension kept.
 */
export function safeFileName(name: string): string {
  const lastSegment = name.split(/[/\\]/).pop() ?? '';
  let clean = lastSegment
    .normalize('NFC')
    // Controls (Cc) and invisible format characters (Cf: bidi overrides and isolates, zero-width, BOM).
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    // Leading dots would make a hidden file (or "..") on a user's disk.
    .replace(/^\.+/, '')
    .trim();
  if (!clean) return FALLBACK_NAME;
  const chars = [...clean]; // code points, so a Vietnamese letter is never cut in half
  if (chars.length > MAX_FILE_NAME_LENGTH) {
    const dot = clean.lastIndexOf('.');
    const ext = dot > 0 ? [...clean.slice(dot)] : [];
    const keepExt = ext.length > 0 && ext.length <= 10;
    const head = chars.slice(0, MAX_FILE_NAME_LENGTH - (keepExt ? ext.length : 0));
    clean = `${head.join('').trimEnd()}${keepExt ? ext.join('') : ''}`;
  }
  return clean;
}

/**
 * An ASCII rendering of a safe name for the legacy `filename="…"` parameter (old clients that
 * ignore `filename*`): diacritics dropped, đ → d, anything else outside printable ASCII → "_".
 */
export function asciiFileName(name: string): string {
  const ascii = safeFileName(name)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\;%]/g, '_');
  return ascii.trim() || 'tep-dinh-kem';
}

/** RFC 8187 percent-encoding for `filename*=UTF-8''…` (attr-char is stricter than encodeURIComponent). */
export function rfc8187Encode(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The Content-Disposition header value that makes a browser download the file under its name. */
export function attachmentDisposition(name: string): string {
  const safe = safeFileName(name);
  return `attachment; filename="${asciiFileName(safe)}"; filename*=UTF-8''${rfc8187Encode(safe)}`;
}

/**
 * The safe name under which a file of the detected type is kept: "scan" sent as a PNG becomes
 * "scan.png", so whoever downloads it later opens it with the right program.
 */
export function storedFileName(name: string, mediaType: AcceptedMediaType): string {
  const safe = safeFileName(name);
  const lower = safe.toLowerCase();
  if (KNOWN_EXTENSIONS[mediaType].some((ext) => lower.endsWith(ext))) return safe;
  return safeFileName(`${safe}${EXTENSIONS[mediaType]}`);
}
