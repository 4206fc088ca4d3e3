const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/**
 * Parses a Kubernetes quantity ("250m", "1.5", "128Mi", "2G", "123456n") into a plain number:
 * cores for CPU, bytes for memory. Returns NaN for anything else.
 */
export function parseQuantity(text: string | undefined): number {
  if (!text) return Number.NaN;
  const m = /^([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)([a-zA-Z]*)$/.exec(text.trim());
  if (!m?.[1]) return Number.NaN;
  const factor = BINARY[m[2] ?? ''] ?? DECIMAL[m[2] ?? ''];
  return factor === undefined ? Number.NaN : Number(m[1]) * factor;
}
