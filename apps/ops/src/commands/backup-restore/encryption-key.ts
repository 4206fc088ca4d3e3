import { EXIT, ExitError } from '../../cli/exit.js';

/**
 * Reads BACKUP_ENCRYPTION_KEY: 32 random bytes, base64 (as `setup-secrets` generates).
 * Missing or the wrong length is a usage error (exit 2); the value is never echoed.
 */
export function readEncryptionKey(env: NodeJS.ProcessEnv): Buffer {
  const raw = env.BACKUP_ENCRYPTION_KEY?.trim();
  if (!raw) {
    throw new ExitError(
      EXIT.USAGE,
      'BACKUP_ENCRYPTION_KEY is not set: export the 32-byte base64 key (kubectl get secret backup-encryption-key -n gomeet -o jsonpath={.data.BACKUP_ENCRYPTION_KEY} | base64 -d)',
    );
  }
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(raw) ? Buffer.from(raw, 'base64') : Buffer.alloc(0);
  if (key.length !== 32) {
    throw new ExitError(
      EXIT.USAGE,
      `BACKUP_ENCRYPTION_KEY must be 32 bytes in base64 (it decodes to ${key.length} bytes): generate one with openssl rand -base64 32`,
    );
  }
  return key;
}
