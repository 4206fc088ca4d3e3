/**
 * A URL safe to print in a message or log: scheme, host and path only — user, password,
 * query (which may carry a token or password) and fragment are dropped.
 */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}
