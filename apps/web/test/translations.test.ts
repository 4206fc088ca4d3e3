/**
 * Translations, in the browser:
 * - the pseudo-locale (?lng=pseudo: every translated string in accented look-alike letters) on
 *   every screen, where any visible text or accessible name still in plain ASCII letters was not
 *   translated — except what the test itself typed in (names, title, code, emails, chat) and
 *   dates, which Intl writes in English for the pseudo-locale;
 * - German from ?lng=de and from the browser's language, Spanish from the picker without a
 *   reload and after one, and a date in the chosen language's format.
 */
import type { Meeting, Session } from '@gomeet/protocol';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, registerUser, signedInContext } from './support/api';
import { screenshot } from './support/page-checks';
import { quietPage } from './support/realtime';
import { startStack, type Stack } from './support/stack';

const SHOTS = 'web-translations';
const PSEUDO = 'lng=pseudo';

let stack: Stack;
let admin: Session;
let guestAccount: Session;
let meeting: Meeting;

const ADMIN_NAME = 'Ada Admin';
const GUEST_NAME = 'Gus Guest';
const OTHER_NAME = 'Olga Other';
const TITLE = 'Pseudo Standup';
const CHAT = 'Hello from the pseudo test';

beforeAll(async () => {
  stack = await startStack();
  // A fresh install: its first account is the admin.
  admin = await registerUser(stack.url, ADMIN_NAME);
  guestAccount = await registerUser(stack.url, OTHER_NAME);
  meeting = await createMeeting(stack.url, admin, { title: TITLE, settings: { lobby: false } });
}, 240_000);
afterAll(async () => {
  await stack?.close();
});

const at = (path: string, query = PSEUDO) =>
  new URL(`${path}${path.includes('?') ? '&' : '?'}${query}`, stack.url).href;

interface Found {
  text: string;
  where: string;
}

/**
 * Every visible text node (visually hidden ones included) and every aria-label, title,
 * placeholder and alt, with where it sits: the nearest data-testid or landmark-ish element.
 * <kbd> keys are names, not words: left out.
 */
function collectTexts(page: Page): Promise<Found[]> {
  return page.evaluate(() => {
    const out: { text: string; where: string }[] = [];
    const describe = (el: Element | null): string => {
      const parts: string[] = [];
      for (let e = el; e && e !== document.body && parts.length < 3; e = e.parentElement) {
        const id = e.getAttribute('data-testid');
        const cls = typeof e.className === 'string' ? e.className.split(' ')[0] : '';
        parts.unshift(id ? `[${id}]` : `${e.tagName.toLowerCase()}${cls ? `.${cls}` : ''}`);
        if (id) break;
      }
      return parts.join(' > ');
    };
    const visible = (el: Element) =>
      el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true });
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim() ?? '';
      if (!parent || !text || parent.closest('kbd, script, style, option')) continue;
      if (!visible(parent)) continue;
      out.push({ text, where: describe(parent) });
    }
    for (const select of document.querySelectorAll('select')) {
      if (!visible(select)) continue;
      for (const option of select.options) {
        out.push({ text: option.text.trim(), where: `${describe(select)} > option` });
      }
    }
    const attrs = ['aria-label', 'title', 'placeholder', 'alt', 'aria-roledescription'];
    for (const el of document.body.querySelectorAll('*')) {
      if (!visible(el) && !el.closest('dialog[open]')) continue;
      for (const attr of attrs) {
        const value = el.getAttribute(attr)?.trim();
        if (value) out.push({ text: value, where: `${describe(el)} @${attr}` });
      }
    }
    return out;
  });
}

/** Words Intl writes in English for the pseudo-locale (months, weekdays, AM/PM, "and"). */
function intlWords(): RegExp {
  const words = new Set(['AM', 'PM', 'and', 'or', 'UTC', 'GMT']);
  for (let m = 0; m < 12; m++) {
    const d = new Date(Date.UTC(2026, m, 15));
    for (const month of ['short', 'long'] as const) {
      words.add(new Intl.DateTimeFormat('en', { month }).format(d));
    }
  }
  for (let day = 0; day < 7; day++) {
    const d = new Date(Date.UTC(2026, 2, 1 + day));
    for (const weekday of ['short', 'long'] as const) {
      words.add(new Intl.DateTimeFormat('en', { weekday }).format(d));
    }
  }
  return new RegExp(`\\b(${[...words].join('|')})\\b`, 'g');
}

/** What anyone may see untransformed: data the test made, the product's name, language names. */
function allowList(): string[] {
  return [
    ADMIN_NAME,
    GUEST_NAME,
    OTHER_NAME,
    TITLE,
    CHAT,
    meeting.code,
    meeting.code.replace(/-/g, ''),
    admin.user.email,
    guestAccount.user.email,
    'GoMeet',
    'English',
    'Deutsch',
    'Español',
    'abc-defg-hij', // the meeting code placeholder: a code, not a word
    stack.url,
    new URL(stack.url).host,
  ].sort((a, b) => b.length - a.length);
}

/** True when the text still has plain letters once allowed data and Intl's words are gone. */
function untranslated(text: string, allowed: string[], intl: RegExp): boolean {
  let rest = text;
  for (const a of allowed) rest = rest.split(a).join(' ');
  rest = rest.replace(/https?:\/\/\S+/g, ' ').replace(intl, ' ');
  return /[A-Za-z]/.test(rest);
}

describe('translations', () => {
  it('the pseudo-locale reaches every string on every screen', async () => {
    const { browser } = stack;
    const allowed = allowList();
    const intl = intlWords();
    // Avatars show a name's initials ("A", "GG").
    const initials = new Set(
      [ADMIN_NAME, GUEST_NAME, OTHER_NAME].flatMap((name) => {
        const words = name.split(' ').map((w) => w[0] ?? '');
        return [words[0] ?? '', words.join('')];
      }),
    );
    const findings = new Map<string, Set<string>>();
    const seen = { screens: 0, texts: 0 };
    const check = async (page: Page, screen: string) => {
      await page.waitForTimeout(300); // let late text (fetched lists) settle
      const texts = await collectTexts(page);
      // The browser's own names for cameras, microphones and speakers are not the app's words.
      const devices = await page.evaluate(async () =>
        (await navigator.mediaDevices.enumerateDevices()).map((d) => d.label).filter(Boolean),
      );
      seen.screens += 1;
      seen.texts += texts.length;
      for (const { text, where } of texts) {
        if (devices.includes(text) || initials.has(text)) continue;
        if (!untranslated(text, allowed, intl)) continue;
        const list = findings.get(screen) ?? new Set<string>();
        list.add(`${JSON.stringify(text)}  (${where})`);
        findings.set(screen, list);
      }
      await screenshot(page, SHOTS, screen.replace(/[^a-z0-9]+/gi, '-'));
    };

    // Signed out: landing (sign in, sign up, their validation), reset password, not found.
    const anon = await (await browser.newContext()).newPage();
    await anon.goto(at('/'));
    await anon.locator('form input[name="email"]').first().waitFor();
    expect(await anon.evaluate(() => document.documentElement.lang)).toBe('en');
    await check(anon, 'landing sign-in');
    await anon.locator('.tabs [role="tab"]').nth(1).click();
    await anon.locator('input[name="displayName"]').waitFor();
    await anon.locator('form:has(input[name="displayName"]) button[type="submit"]').click();
    await check(anon, 'landing sign-up with errors');
    await anon.locator('.tabs [role="tab"]').nth(0).click();
    await anon.locator('form:has(input[name="password"]) button[type="submit"]').click();
    await check(anon, 'landing sign-in with errors');
    await anon.locator('form.join-code button[type="submit"]').click();
    await check(anon, 'landing join-by-code error');
    await anon.goto(at('/reset-password'));
    await anon.locator('input[name="email"]').waitFor();
    await check(anon, 'forgot password');
    await anon.goto(at('/reset-password?token=not-a-real-token'));
    await anon.locator('input[name="newPassword"]').waitFor();
    await check(anon, 'reset password');
    await anon.goto(at('/verify-email'));
    await check(anon, 'verify email without token');
    await anon.goto(at('/no-such-page'));
    await check(anon, 'not found');

    // Signed in (the first account: an admin): dashboard with its panels, profile, admin.
    const page = await quietPage(browser, admin);
    await page.goto(at('/'));
    await page.locator(`[data-testid="meeting-row"][data-code="${meeting.code}"]`).waitFor();
    await check(page, 'dashboard');
    const scheduleButton = page.locator('.dashboard > .actions button[aria-expanded]');
    await scheduleButton.click();
    await page.locator('form input[name="title"]').first().waitFor();
    await check(page, 'dashboard schedule form');
    await scheduleButton.click();
    await page.$$eval('[data-testid="meeting-row"] details', (all) =>
      all.forEach((d) => ((d as HTMLDetailsElement).open = true)),
    );
    await check(page, 'dashboard meeting panels open');

    await page.goto(at('/profile'));
    await page.getByTestId('sessions').locator('li').first().waitFor();
    await check(page, 'profile');

    await page.goto(at('/admin'));
    await page.locator('[role="tab"]').first().waitFor();
    const tabs = await page.locator('[role="tab"]').count();
    for (let i = 0; i < tabs; i++) {
      await page.locator('[role="tab"]').nth(i).click();
      await page.waitForTimeout(500);
      await check(page, `admin tab ${i + 1}`);
    }

    // A guest's pre-join, then the host's, the room and its panels.
    const guest = await quietPage(browser);
    await guest.goto(at(`/m/${meeting.code}`));
    await guest.getByTestId('join-button').waitFor();
    await check(guest, 'pre-join as guest');

    await page.goto(at(`/m/${meeting.code}`));
    await page.getByTestId('join-button').waitFor();
    await check(page, 'pre-join as host');
    await page.getByTestId('join-button').click();
    await page.locator('[data-testid="room"][data-phase="connected"]').waitFor({ timeout: 20_000 });
    await guest.locator('input[name="displayName"]').fill(GUEST_NAME);
    await guest.getByTestId('join-button').click();
    await guest
      .locator('[data-testid="room"][data-phase="connected"]')
      .waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1000);
    await check(page, 'room');
    await page.getByTestId('people-toggle').click();
    await page.getByTestId('participants-panel').waitFor();
    await check(page, 'room participants');
    await page.getByTestId('chat-toggle').click();
    await page.getByTestId('chat-input').fill(CHAT);
    await page.getByTestId('chat-send').click();
    await page.getByTestId('chat-message').first().waitFor();
    await check(page, 'room chat');
    await page.getByTestId('polls-toggle').click();
    await page.getByTestId('polls-panel').waitFor();
    await check(page, 'room polls');
    await page.getByTestId('breakouts-toggle').click();
    await page.getByTestId('breakouts-panel').waitFor();
    await check(page, 'room breakouts');
    await page.getByTestId('breakouts-toggle').click();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('?');
    await page.getByTestId('shortcut-help').waitFor();
    await check(page, 'shortcuts help');
    await page.keyboard.press('Escape');
    await check(guest, 'room as guest');
    await guest.getByTestId('leave-button').click();
    await guest.getByTestId('exit-screen').waitFor();
    await check(guest, 'exit screen');

    const report = [...findings]
      .map(([screen, texts]) => `${screen}:\n${[...texts].map((t) => `  ${t}`).join('\n')}`)
      .join('\n');
    console.log(
      `pseudo-locale: ${seen.screens} screens, ${seen.texts} texts; untranslated:\n${report || '  none'}`,
    );
    expect(report).toBe('');
  }, 300_000);

  it('shows German from ?lng=de and from the browser language', async () => {
    const page = await (await stack.browser.newContext()).newPage();
    await page.goto(at('/', 'lng=de'));
    await page.getByText('Videomeetings, die Sie selbst betreiben.').waitFor();
    expect(await page.getByRole('tab', { name: 'Anmelden' }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');

    const browserDe = await (await stack.browser.newContext({ locale: 'de-DE' })).newPage();
    await browserDe.goto(stack.url);
    await browserDe.getByText('Videomeetings, die Sie selbst betreiben.').waitFor();
    expect(await browserDe.evaluate(() => document.documentElement.lang)).toBe('de');
  });

  it('the picker switches to Spanish at once, and a reload keeps it', async () => {
    const page = await (await stack.browser.newContext({ locale: 'en-US' })).newPage();
    await page.goto(stack.url);
    await page.getByRole('tab', { name: 'Sign in' }).waitFor();
    const picker = page.getByRole('combobox', { name: 'Language' });
    expect(await picker.locator('option').allTextContents()).toEqual([
      'English',
      'Deutsch',
      'Español',
    ]);
    // A mark on the window: it survives only if the page is not reloaded.
    await page.evaluate(() => Object.assign(window, { stillHere: true }));
    await picker.selectOption('es');
    await page.getByRole('tab', { name: 'Iniciar sesión' }).waitFor();
    expect(await page.evaluate(() => 'stillHere' in window)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    expect(await page.getByRole('combobox', { name: 'Idioma' }).inputValue()).toBe('es');

    await page.reload();
    await page.getByRole('tab', { name: 'Iniciar sesión' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('gomeet.language'))).toBe('es');
  });

  it('writes dates in the chosen language', async () => {
    const context = await signedInContext(stack.browser, admin, { locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(at('/profile', 'lng=de'));
    const session = page.getByTestId('sessions').locator('li').first();
    await session.waitFor();
    // German medium date and 24-hour time: "Zuletzt aktiv: 12.03.2026, 14:05".
    expect(await session.textContent()).toMatch(/Zuletzt aktiv: \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
    await page.goto(at('/profile', 'lng=en'));
    await page.getByTestId('sessions').locator('li').first().waitFor();
    expect(await page.getByTestId('sessions').locator('li').first().textContent()).toMatch(
      /Last active [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s?[AP]M/,
    );
  });
});
