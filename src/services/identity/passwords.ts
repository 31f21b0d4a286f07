/** Password hashing (Argon2id), shared by login, registration, resets and user administration. */
import { hash as argonHash } from '@node-rs/argon2';

export function hashPassword(password: string): Promise<string> {
  return argonHash(password);
}
