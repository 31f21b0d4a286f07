/** Password hashing (Argon2id), shared by login, registration, reset and staff accounts. */
import { hash as argonHash } from '@node-rs/argon2';

export function hashPassword(password: string): Promise<string> {
  return argonHash(password);
}
