import { expect, test, type Page } from '@playwright/test';
import { call, join, person, region, signInAdmin } from './people';
import { seriousViolations } from './accessibility';

const shots = 'test-results/screenshots';

/** Critical and serious axe-core findings (WCAG 2.1 A/AA) on the page as it is, and whether it is wider than the screen. */
async function problems(page: Page): Promise<string[]> {
  const found = await seriousViolations(page);
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  return widths.scroll > widths.client ? [...found, `${widths.scroll}px wide in ${widths.client}px`] : found;
}

test('the facilitator pauses and extends the item and limits speaking time; a member on a phone sees their turn count down without scrolling', async ({ browser }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  const admin = await person(browser, errors);
  await signInAdmin(admin.page);
  const group = await call<{ id: string }>(admin.page, 'POST', '/api/groups', {
    name: 'Asset recovery', thematicArea: 'Asset recovery', description: 'Timed roundtable.', countries: ['BR'], languages: ['en'],
  });
  const fernanda = await person(browser, errors);
  const bruno = await person(browser, errors, { width: 390, height: 844 });
  await join(fernanda.page, admin.page, group.id, 'facilitator', { name: 'Fernanda', organisation: 'Red Ciudadana', country: 'CO' });
  await join(bruno.page, admin.page, group.id, 'member', { name: 'Bruno', organisation: 'Transparência Brasil', country: 'BR' });
  const session = await call<{ id: string }>(fernanda.page, 'POST', `/api/groups/${group.id}/sessions`, {
    title: 'Timed roundtable', scheduledStart: new Date().toISOString(), agenda: [{ title: 'Welcome', minutes: 15 }],
  });
  for (const { page } of [fernanda, bruno]) {
    await page.goto(`/sessions/${session.id}`);
    await expect(page.locator('.session-bar .live-status')).toHaveText('Connected');
  }
  await fernanda.page.getByRole('button', { name: 'Start the session' }).click();
  const timer = bruno.page.locator('.session-clock [role="timer"]');
  await expect(timer).toHaveText(/^(15:00|14:\d\d) left$/);
  await expect(bruno.page.getByRole('button', { name: 'Pause' })).toHaveCount(0); // a member has no time controls

  // Pause: the countdown says so and stands still on every screen.
  await fernanda.page.getByRole('button', { name: 'Pause' }).click();
  await expect(timer).toHaveText(/^Paused · (15:00|14:\d\d) left$/);
  await expect(bruno.page.locator('main > [aria-live="polite"]')).toHaveText("The item's time is paused.");
  const frozen = await timer.textContent();
  await bruno.page.waitForTimeout(2_500);
  await expect(timer).toHaveText(frozen!);

  // Extend by 5 minutes while paused, then resume: it runs again from 5 minutes more.
  await fernanda.page.getByRole('button', { name: '+5 minutes' }).click();
  await expect(timer).toHaveText(/^Paused · (20:00|19:\d\d) left$/);
  await fernanda.page.getByLabel('Minutes to add').fill('0');
  await fernanda.page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(fernanda.page.locator('.sticky-alert [role="alert"]')).toContainText('out of range');
  await fernanda.page.getByRole('button', { name: 'Resume' }).click();
  await expect(timer).toHaveText(/^(20:00|19:\d\d) left$/);

  // A one-minute limit per turn; Bruno asks to speak and is given the floor.
  await region(fernanda.page, 'Speakers').getByLabel('Speaking time per turn').selectOption({ label: '1 minute' });
  await region(bruno.page, 'Speakers').getByRole('button', { name: 'Raise my hand' }).click();
  await region(fernanda.page, 'Speakers').getByRole('button', { name: 'Give the floor to the next person' }).click();
  const turn = bruno.page.locator('.turn-timer');
  await expect(turn).toHaveText(/^Your turn: (1:00|0:\d\d) left$/);
  await expect(fernanda.page.locator('.turn-timer')).toHaveText(/^Bruno \(Transparência Brasil\)'s turn: (1:00|0:\d\d) left$/);

  // On the phone it stays in view wherever the page is scrolled (the header is sticky).
  await expect(turn).toBeInViewport();
  await region(bruno.page, 'Questions').scrollIntoViewIfNeeded();
  await expect(turn).toBeInViewport();
  await expect(timer).toBeInViewport();
  await bruno.page.screenshot({ path: `${shots}/session-speaker-turn-phone.png` });
  // The new controls and countdowns: nothing critical or serious for axe-core, nothing wider than the phone.
  expect(await problems(bruno.page)).toEqual([]);
  expect(await problems(fernanda.page)).toEqual([]);

  // Time is up: said, never enforced (Bruno keeps the floor).
  await expect(turn).toHaveText(/^Your time is up \(0:\d\d over\)$/, { timeout: 75_000 });
  await expect(fernanda.page.locator('.turn-timer')).toHaveText(/^Bruno \(Transparência Brasil\): time is up/);
  await expect(region(bruno.page, 'Speakers').getByRole('button', { name: 'I have finished' })).toBeVisible();
  await bruno.page.screenshot({ path: `${shots}/session-speaker-time-up-phone.png` });

  // Bruno asks; the facilitator marks it answered and notes the answer; Bruno reads it (the minutes print it too).
  await region(bruno.page, 'Questions').getByLabel('Your question').fill('When do we meet again?');
  await region(bruno.page, 'Questions').getByRole('button', { name: 'Ask' }).click();
  const qa = region(fernanda.page, 'Questions');
  await qa.getByRole('button', { name: 'Mark as answered: When do we meet again?' }).click();
  await qa.getByLabel('Note of the answer (for the minutes)').fill('In March, in Brasília.');
  await qa.getByRole('button', { name: 'Save note' }).click();
  await expect(region(bruno.page, 'Questions').locator('.answer-note')).toHaveText('Answer: In March, in Brasília.');

  const answered = await call<{ itemPausedAt: string | null; itemExtraMinutes: number; speakingLimitSeconds: number | null }>(bruno.page, 'GET', `/api/sessions/${session.id}`);
  expect([answered.itemPausedAt, answered.itemExtraMinutes, answered.speakingLimitSeconds]).toEqual([null, 5, 60]);
  expect(errors).toEqual([]);
});
