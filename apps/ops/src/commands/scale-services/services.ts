import { EXIT, ExitError } from '../../cli/exit.js';

/** GoMeet's workloads that scale-services and rolling-update act on (deploy contract names). */
export const NODE_SERVICES = [
  'auth-service',
  'meeting-service',
  'signaling-service',
  'chat-service',
  'frontend',
] as const;

/** Every known workload: our Node services plus the LiveKit SFU (one per media node). */
export const KNOWN_SERVICES = [...NODE_SERVICES, 'livekit-sfu'] as const;

/** A known workload name. */
export type ServiceName = (typeof KNOWN_SERVICES)[number];

/** The registry path of our own images; livekit-sfu runs LiveKit's. */
export function imageFor(service: ServiceName, tag: string): string {
  return service === 'livekit-sfu'
    ? `livekit/livekit-server:${tag}`
    : `registry.digitalocean.com/gomeet/${service}:${tag}`;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j] ?? 0;
      row[j] = Math.min(
        (row[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      previous = saved;
    }
  }
  return row[b.length] ?? 0;
}

/** The closest known names to `name`: same prefix word (api-service → auth-service) or few edits. */
export function suggestServices(name: string): ServiceName[] {
  const scored = KNOWN_SERVICES.map((s) => ({ s, d: distance(name, s) }));
  const best = Math.min(...scored.map((x) => x.d));
  return best <= Math.max(3, Math.floor(name.length / 3))
    ? scored.filter((x) => x.d === best).map((x) => x.s)
    : [];
}

/** Returns `name` as a known service, or throws ExitError(2) listing the known ones. */
export function requireService(name: string): ServiceName {
  if ((KNOWN_SERVICES as readonly string[]).includes(name)) return name as ServiceName;
  const near = suggestServices(name);
  const hint = near.length ? ` (did you mean ${near.join(' or ')}?)` : '';
  throw new ExitError(
    EXIT.USAGE,
    `unknown service "${name}"${hint}; known services: ${KNOWN_SERVICES.join(', ')}`,
  );
}
