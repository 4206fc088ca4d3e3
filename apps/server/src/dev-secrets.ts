import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Secrets the all-in-one server generates once for local use and keeps under the data dir. */
export interface DevSecrets {
  livekitApiKey: string;
  livekitApiSecret: string;
  turnSecret: string;
}

/**
 * Loads `<dataDir>/dev-secrets.json`, creating it (mode 0600) on first start, so LiveKit keys
 * and TURN credentials survive restarts without anyone having to configure them.
 */
export async function loadDevSecrets(dataDir: string): Promise<DevSecrets> {
  const file = path.resolve(dataDir, 'dev-secrets.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as DevSecrets;
  } catch {
    const secrets: DevSecrets = {
      livekitApiKey: `dev${randomBytes(6).toString('hex')}`,
      livekitApiSecret: randomBytes(32).toString('base64url'),
      turnSecret: randomBytes(32).toString('base64url'),
    };
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    return secrets;
  }
}
