import { expect } from 'vitest';

/**
 * A browser without a screen: follows redirects by hand and keeps cookies (by name; every
 * server in these tests is on 127.0.0.1), so a test can stop at any step of a sign-in.
 */
export class CookieClient {
  readonly cookies = new Map<string, string>();

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const headers: Record<string, string> = {};
    if (this.cookies.size)
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      redirect: 'manual',
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', ...value] = pair.trim().split('=');
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value.join('=') === '';
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, value.join('='));
    }
    const location = res.headers.get('location');
    return { res, location: location ? new URL(location, url).toString() : undefined };
  }

  /** Follows redirects from `url` until one leads to a URL `stop` accepts; returns it. */
  async followUntil(url: string, stop: (url: string) => boolean): Promise<string> {
    let next = url;
    for (let hops = 0; hops < 10; hops++) {
      if (stop(next)) return next;
      const { res, location } = await this.request(next);
      if (!location) {
        const body = await res.text();
        throw new Error(
          `stopped at ${next} (${res.status}) without reaching the stop: ${body.slice(0, 300)}`,
        );
      }
      next = location;
    }
    throw new Error(`too many redirects from ${url}`);
  }
}

/** Where a sign-in ended: the web app's /sso fragment, as a map. */
export function ssoFragment(url: string): Record<string, string> {
  const parsed = new URL(url);
  expect(parsed.pathname).toBe('/sso');
  return Object.fromEntries(new URLSearchParams(parsed.hash.slice(1)));
}

/**
 * Signs in at the test provider from GoMeet's start URL, up to (not into) GoMeet's callback:
 * returns the callback URL with code and state, or the /sso URL when GoMeet refused at once.
 */
export async function signInAtProvider(
  browser: CookieClient,
  input: { goMeetUrl: string; providerId: string; login: string },
): Promise<string> {
  const start = `${input.goMeetUrl}/api/auth/oidc/${input.providerId}/start`;
  const isBack = (u: string) => u.startsWith(input.goMeetUrl) && u !== start;
  const page = await browser.followUntil(start, (u) => isBack(u) || /\/interaction\//.test(u));
  if (isBack(page)) return page;
  const { res } = await browser.request(page);
  const html = await res.text();
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  expect(action, html.slice(0, 500)).toBeTruthy();
  const { location } = await browser.request(new URL(action!, page).toString(), {
    form: { prompt: 'login', login: input.login, password: 'any password works here' },
  });
  expect(location).toBeTruthy();
  return browser.followUntil(location!, isBack);
}
