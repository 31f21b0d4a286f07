/**
 * A recipient as staff who are not the system administrator may see it in the outbox: enough to
 * tell two messages apart, not enough to contact or identify the person.
 * "0987654321" → "098****321"; "thu.nguyen@example.vn" → "t*********@example.vn".
 */
export function maskRecipient(recipient: string): string {
  const at = recipient.lastIndexOf('@');
  if (at > 0) {
    const local = recipient.slice(0, at);
    return `${local[0]}${'*'.repeat(Math.max(1, local.length - 1))}${recipient.slice(at)}`;
  }
  const chars = [...recipient];
  if (chars.length <= 6) return '*'.repeat(chars.length);
  return `${chars.slice(0, 3).join('')}${'*'.repeat(chars.length - 6)}${chars.slice(-3).join('')}`;
}
