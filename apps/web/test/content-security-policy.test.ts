import type { Session } from '@gomeet/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, registerUser } from './support/api';
import { screenshot } from './support/page-checks';
import { startStack, type Stack } from './support/stack';

const SHOTS = 'web-content-security-policy';
let stack: Stack;
let host: Session;

beforeAll(async () => {
  stack = await startStack();
  host = await registerUser(stack.url, 'Policy Pia');
});
afterAll(async () => {
  await stack?.close();
});

interface Seen {
  violations: { directive: string; blocked: string }[];
  injectedRan: boolean;
}

describe('the Content-Security-Policy', () => {
  it('lets a guest reach the room, and blocks and reports an injected inline script', async () => {
    const m = await createMeeting(stack.url, host, { title: 'CSP', settings: { lobby: false } });
    const page = await (await stack.browser.newContext()).newPage();
    const consoleErrors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    // Injected by the browser itself (DevTools protocol), so the policy does not apply to it.
    await page.addInitScript(() => {
      const w = window as unknown as { seen: Seen };
      w.seen = { violations: [], injectedRan: false };
      document.addEventListener('securitypolicyviolation', (e) => {
        w.seen.violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI });
      });
    });

    const response = await page.goto(new URL(`/m/${m.code}`, stack.url).href);
    const csp = (await response?.headerValue('content-security-policy')) ?? '';
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+/);

    await page.getByLabel('Your name').fill('Gus Guest');
    await page.getByTestId('join-button').click();
    await page.getByTestId('room').waitFor({ timeout: 20_000 });
    const seen = () => page.evaluate(() => (window as unknown as { seen: Seen }).seen);
    // The app itself (scripts, styles, LiveKit's socket, media) breaks none of the policy.
    expect((await seen()).violations).toEqual([]);

    // An attacker's inline script, as an XSS would inject it, neither runs nor goes unseen.
    await page
      .addScriptTag({
        content: '(window).seen.injectedRan = true; localStorage.getItem("gomeet.session");',
      })
      .catch(() => undefined);
    await expect.poll(async () => (await seen()).violations.length).toBeGreaterThan(0);
    const after = await seen();
    expect(after.injectedRan).toBe(false);
    expect(after.violations[0]?.directive).toBe('script-src-elem');
    expect(after.violations[0]?.blocked).toBe('inline');
    expect(consoleErrors.join('\n')).toContain('Content Security Policy');
    await screenshot(page, SHOTS, '01-room-under-csp');
  }, 60_000);
});
