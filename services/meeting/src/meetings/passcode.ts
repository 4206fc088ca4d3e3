import { hash, verify } from '@node-rs/argon2';

/** Hashes a meeting passcode with argon2id (the library default); only the hash is stored. */
export function hashPasscode(passcode: string): Promise<string> {
  return hash(passcode);
}

/** True when `passcode` matches the stored hash. */
export async function verifyPasscode(storedHash: string, passcode: string): Promise<boolean> {
  try {
    return await verify(storedHash, passcode);
  } catch {
    return false;
  }
}
