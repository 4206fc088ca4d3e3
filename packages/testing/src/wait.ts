/**
 * Polls `check` every `intervalMs` until it answers true; a check that throws counts as "not
 * yet" (a server still starting). Throws, naming `what`, when `timeoutMs` pass first.
 */
export async function waitUntil(
  what: string,
  timeoutMs: number,
  check: () => Promise<boolean>,
  intervalMs = 250,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`${what} was not ready within ${timeoutMs} ms`);
}
