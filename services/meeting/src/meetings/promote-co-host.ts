import type { Ctx } from '../deps.js';
import { changeRole } from '../host/change-role.js';

/** Makes a signed-in user a co-host (host only). Their next join carries the co-host role. */
export async function promoteCoHost({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string; userId: string };
}): Promise<void> {
  await changeRole({ ctx, input: { code: input.code, identity: input.userId, role: 'co-host' } });
}
