import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The path of an executable named `name` on `env.PATH`, else in Debian's
 * /usr/lib/postgresql/<version>/bin (where pg_dump, initdb and postgres live off PATH);
 * undefined when neither has it.
 */
export function findBinary(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [
    ...(env.PATH ?? '')
      .split(':')
      .filter(Boolean)
      .map((d) => path.join(d, name)),
    ...['17', '16', '15', '14'].map((v) => `/usr/lib/postgresql/${v}/bin/${name}`),
  ];
  return candidates.find((c) => existsSync(c));
}
