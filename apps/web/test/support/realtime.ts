import type { Session } from '@gomeet/protocol';
import type { Browser, Page } from 'playwright-core';
import { signedInContext } from './api';

// Cameras off keeps several participants light on a small machine; microphones stay on.
const QUIET_DEVICES = JSON.stringify({ videoEnabled: false, audioEnabled: true });

/** A page in a fresh context with the camera off; signed in as `session` when given. */
export async function quietPage(browser: Browser, session?: Session): Promise<Page> {
  const options = { viewport: { width: 1100, height: 720 } };
  const context = session
    ? await signedInContext(browser, session, options)
    : await browser.newContext(options);
  await context.addInitScript((devices) => {
    localStorage.setItem('gomeet.devices', devices);
  }, QUIET_DEVICES);
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  return page;
}

/** Opens the meeting and presses Join (as the signed-in account, or as a guest named `name`). */
export async function pressJoin(page: Page, base: string, code: string, name?: string) {
  await page.goto(new URL(`/m/${code}`, base).href);
  if (name) await page.getByLabel('Your name').fill(name);
  await page.getByTestId('join-button').click();
}

/** Joins and waits until the room's media and socket are both up. */
export async function enterRoom(page: Page, base: string, code: string, name?: string) {
  await pressJoin(page, base, code, name);
  await page.locator('[data-testid="room"][data-phase="connected"]').waitFor({ timeout: 20_000 });
}

/** The participants panel row for the person called `name`. */
export const personRow = (page: Page, name: string) =>
  page.getByTestId('participant-row').filter({ hasText: name });
