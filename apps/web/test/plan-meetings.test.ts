import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/page-checks';
import { startStack, type Stack } from './support/stack';

const SHOTS = 'web-plan-meetings';
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

describe('planning meetings on the dashboard', () => {
  it('schedules a meeting, edits its title and time, and offers calendar links and attendance', async () => {
    const page = await (
      await stack.browser.newContext({ viewport: { width: 1280, height: 900 } })
    ).newPage();
    await page.goto(stack.url);
    await page.getByRole('tab', { name: 'Sign up' }).click();
    await page.getByLabel('Your name').fill('Pia Planner');
    await page.getByLabel('Email').fill(`pia-${Date.now()}@example.test`);
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Signed in as Pia Planner').waitFor();

    await page.getByRole('button', { name: 'Schedule a meeting' }).click();
    const schedule = page.getByRole('form', { name: 'Schedule a meeting' });
    await schedule.getByLabel('Title').fill('Budget draft');
    await schedule.getByLabel('Starts').fill('2031-03-04T09:30');
    await schedule.getByRole('button', { name: 'Schedule', exact: true }).click();
    const row = page.getByTestId('meeting-row');
    await expect.poll(() => row.textContent()).toContain('Budget draft');

    await page.getByLabel('Edit Budget draft').click();
    const edit = page.getByRole('form', { name: 'Edit Budget draft' });
    expect(await edit.getByLabel('Starts').inputValue()).toBe('2031-03-04T09:30');
    await edit.getByLabel('Title').fill('Budget final');
    await edit.getByLabel('Starts').fill('2031-03-05T14:00');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => row.textContent()).toContain('Budget final');
    const shown = new Date('2031-03-05T14:00').toLocaleString('en-US', {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    expect(await row.textContent()).toContain(shown);
    await screenshot(page, SHOTS, '01-edited');

    await page.getByLabel('Add to calendar: Budget final').click();
    const google = await row.getByRole('link', { name: 'Google Calendar' }).getAttribute('href');
    expect(new URL(google ?? '').searchParams.get('text')).toBe('Budget final');
    const [ics] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: 'Download .ics' }).click(),
    ]);
    expect(ics.suggestedFilename()).toMatch(/^[a-z]{3}-[a-z]{4}-[a-z]{3}\.ics$/);

    await page.getByLabel('Attendance of Budget final').click();
    await row.getByText('Nobody has joined yet.').waitFor();
    await screenshot(page, SHOTS, '02-calendar-attendance');
  }, 120_000);
});
