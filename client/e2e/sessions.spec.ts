import { expect, test, type Page } from '@playwright/test';
import { call, join, person, region, signInAdmin } from './people';

const shots = 'test-results/screenshots';

const current = (page: Page) => page.locator('.agenda-item[aria-current="step"]');

test('a facilitated session: everyone follows the agenda, speaks in turn, votes, asks; the minutes record it', async ({ browser }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  const admin = await person(browser, errors);
  await signInAdmin(admin.page);
  const group = await call<{ id: string }>(admin.page, 'POST', '/api/groups', {
    name: 'Judicial cooperation', thematicArea: 'International judicial cooperation', description: 'Regional roundtable working group.', countries: ['CO', 'PE'], languages: ['es'],
  });

  const fernanda = await person(browser, errors);
  const beatriz = await person(browser, errors);
  const carlos = await person(browser, errors);
  const olga = await person(browser, errors, { width: 390, height: 844 });
  await join(fernanda.page, admin.page, group.id, 'facilitator', { name: 'Fernanda', organisation: 'Red Ciudadana', country: 'CO' });
  await join(beatriz.page, admin.page, group.id, 'member', { name: 'Beatriz', organisation: 'Transparencia Mexicana', country: 'MX' });
  await join(carlos.page, admin.page, group.id, 'member', { name: 'Carlos', organisation: 'Acción Ciudadana', country: 'PE' });
  await join(olga.page, admin.page, group.id, 'observer', { name: 'Olga', organisation: 'UNODC', country: 'AT' });

  // The material: a document observers may read, and a recommendation thread.
  const paper = 'Background paper on mutual legal assistance';
  await call(fernanda.page, 'POST', `/api/groups/${group.id}/documents`, { title: paper, visibility: 'observers' });
  const recommendation = 'Answer requests for assistance within 90 days';
  await call(beatriz.page, 'POST', `/api/groups/${group.id}/recommendations`, {
    title: recommendation, thematicArea: 'International judicial cooperation', articles: ['Art. 46'], addressees: ['Attorney General'],
    countries: ['CO', 'PE'], visibility: 'observers', body: 'Central authorities should answer requests for mutual legal assistance within 90 days.',
  });

  // The facilitator plans the session from the group page: two items, with minutes each.
  const title = 'Roundtable day 1: mutual legal assistance';
  await fernanda.page.goto(`/groups/${group.id}?tab=sessions`);
  const sessions = region(fernanda.page, 'Sessions');
  await expect(sessions).toContainText('No sessions planned yet.');
  await sessions.getByText('Plan a session').click();
  await sessions.getByLabel('Name of the session').fill(title);
  const first = sessions.getByRole('group', { name: 'Item 1' });
  await first.getByLabel('What to discuss').selectOption({ label: paper });
  await first.getByLabel('Duration (minutes)').fill('10');
  await sessions.getByRole('button', { name: 'Add an agenda item' }).click();
  const second = sessions.getByRole('group', { name: 'Item 2' });
  await expect(second.getByLabel('What to discuss')).toBeFocused();
  await second.getByLabel('What to discuss').selectOption({ label: recommendation });
  await second.getByLabel('Name on the agenda (optional)').fill('Deadlines for assistance');
  await second.getByLabel('Duration (minutes)').fill('20');
  // Not everything on an agenda is material: the last item is a name and a time.
  await sessions.getByRole('button', { name: 'Add an agenda item' }).click();
  const third = sessions.getByRole('group', { name: 'Item 3' });
  await third.getByLabel('What to discuss').selectOption({ label: 'Nothing to open: a name and a time (welcome, any other business)' });
  await third.getByLabel('Duration (minutes)').fill('5');
  await sessions.getByRole('button', { name: 'Plan session' }).click();
  await expect(sessions.getByRole('alert')).toHaveText('Choose what each agenda item is about; an item with nothing to open needs a name.');
  await third.getByLabel('Name on the agenda (optional)').fill('Any other business');
  await sessions.screenshot({ path: `${shots}/29-session-plan.png` });
  await sessions.getByRole('button', { name: 'Plan session' }).click();
  await expect(fernanda.page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(fernanda.page).toHaveURL(/\/sessions\/[0-9a-f-]+$/);
  const sessionUrl = new URL(fernanda.page.url()).pathname;

  // Everyone opens it; the members find it on the group page.
  await beatriz.page.goto(`/groups/${group.id}?tab=sessions`);
  await region(beatriz.page, 'Sessions').getByRole('link', { name: title }).click();
  for (const { page } of [carlos, olga]) await page.goto(sessionUrl);
  const everyone = [fernanda, beatriz, carlos, olga];
  for (const { page } of everyone) {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.locator('.session-meta')).toContainText('Scheduled');
    await expect(page.locator('.session-bar .live-status')).toHaveText('Connected');
  }
  await expect(region(olga.page, 'Agenda')).toContainText(paper);
  await expect(region(olga.page, 'Agenda')).toContainText('Any other business'); // about nothing members-only: observers see it
  await expect(beatriz.page.getByRole('button', { name: 'Start the session' })).toHaveCount(0);

  // The facilitator starts: item 1 is current everywhere, with a countdown.
  await fernanda.page.getByRole('button', { name: 'Start the session' }).click();
  for (const { page } of everyone) {
    await expect(page.locator('.session-meta')).toContainText('Live');
    await expect(current(page)).toContainText(paper);
    await expect(page.getByRole('timer')).toHaveText(/^(10:00|9:\d\d) left$/);
  }
  await expect(olga.page.locator('.session-item')).toContainText('You are following this document as an observer');

  // A member browses ahead and comes back.
  await beatriz.page.getByRole('button', { name: 'Show: Deadlines for assistance' }).click();
  await expect(beatriz.page.locator('.item-heading h2')).toHaveText('You are looking at: 2. Deadlines for assistance');
  await beatriz.page.getByRole('button', { name: 'Back to the current item' }).click();
  await expect(beatriz.page.locator('.item-heading h2')).toHaveText(`Now: 1. ${paper}`);

  // The facilitator moves everyone to item 2.
  await fernanda.page.getByRole('button', { name: 'Move everyone here: Deadlines for assistance' }).click();
  for (const { page } of everyone) {
    await expect(current(page)).toContainText('Deadlines for assistance');
    await expect(page.locator('.item-heading h2')).toHaveText('Now: 2. Deadlines for assistance');
    await expect(page.getByRole('timer')).toHaveText(/^(20:00|19:\d\d) left$/);
  }
  await expect(carlos.page.locator('.session-item')).toContainText(`Open the whole thread: ${recommendation}`);
  await expect(olga.page.locator('main > [aria-live="polite"]')).toHaveText('Now on item 2: Deadlines for assistance.');

  // Member A raises a hand; the facilitator gives the floor; everyone sees who speaks.
  // (with the keyboard: the button that replaces the pressed one takes the focus)
  await region(beatriz.page, 'Speakers').getByRole('button', { name: 'Raise my hand' }).focus();
  await beatriz.page.keyboard.press('Enter');
  await expect(region(beatriz.page, 'Speakers').getByRole('button', { name: 'Lower my hand' })).toBeFocused();
  const chair = region(fernanda.page, 'Speakers');
  await expect(chair.locator('.queue')).toContainText('Beatriz');
  await chair.getByRole('button', { name: 'Give the floor to Beatriz (Transparencia Mexicana)' }).click();
  for (const { page } of [fernanda, beatriz, carlos]) {
    await expect(region(page, 'Speakers').locator('.floor-holder')).toContainText('Beatriz (Transparencia Mexicana)');
  }
  await expect(carlos.page.locator('main > [aria-live="polite"]')).toHaveText('Beatriz (Transparencia Mexicana) has the floor.');
  // The group hides names from observers: the observer sees the organisation and the role, never the name.
  await expect(region(olga.page, 'Speakers').locator('.floor-holder')).toContainText('Transparencia Mexicana');
  await expect(region(olga.page, 'Speakers').locator('.floor-holder .badge-member')).toBeVisible();
  await expect(region(olga.page, 'Speakers').locator('.floor-holder')).not.toContainText('Beatriz');
  await expect(region(beatriz.page, 'Speakers').getByRole('button', { name: 'I have finished' })).toBeVisible();
  await expect(region(olga.page, 'Speakers')).toContainText('Observers cannot ask to speak at the moment');

  // A poll on the item: both members vote, everyone sees the tally live.
  const fernandaPoll = region(fernanda.page, 'Poll');
  await fernandaPoll.getByLabel('Question (optional)').fill('Adopt the 90-day deadline?');
  await fernandaPoll.getByRole('button', { name: 'Open a poll' }).click();
  for (const [{ page }, choice] of [[beatriz, 'Agree'], [carlos, 'Abstain']] as const) {
    const poll = region(page, 'Poll');
    await expect(poll).toContainText('Adopt the 90-day deadline?');
    await poll.getByRole('button', { name: choice, exact: true }).click();
    await expect(poll).toContainText(`Your vote: ${choice}.`);
    await expect(poll.getByRole('button', { name: choice, exact: true })).toHaveAttribute('aria-pressed', 'true');
  }
  for (const { page } of everyone) {
    const poll = region(page, 'Poll');
    await expect(poll.locator('.tally-total')).toHaveText('Votes: 2');
    await expect(poll.locator('.tally-bars .choice-agree .tally-count')).toHaveText('1');
    await expect(poll.locator('.tally-bars .choice-abstain .tally-count')).toHaveText('1');
  }
  await expect(region(olga.page, 'Poll').getByRole('button', { name: 'Agree', exact: true })).toHaveCount(0);
  await fernandaPoll.getByRole('button', { name: 'Close the poll' }).click();
  for (const { page } of everyone) await expect(region(page, 'Poll')).toContainText('Poll closed');

  // The observer asks a question; the facilitator sees it with the observer's organisation and answers it.
  const question = 'Will the deadline also apply to requests from outside the region?';
  const olgaQuestions = region(olga.page, 'Questions');
  await olgaQuestions.getByLabel('Your question').fill(question);
  await olgaQuestions.getByRole('button', { name: 'Ask' }).click();
  await expect(olgaQuestions.getByLabel('Your question')).toHaveValue('');
  const asked = region(fernanda.page, 'Questions').locator('.question', { hasText: question });
  await expect(asked).toContainText('UNODC');
  await expect(asked.locator('.badge-observer')).toHaveText('Observer');
  await expect(region(carlos.page, 'Questions').locator('.question', { hasText: question })).toBeVisible();
  await region(carlos.page, 'Questions').getByRole('button', { name: /^Support the question: Will the deadline/ }).click();
  await expect(asked).toContainText('Supported by 1');
  await olga.page.screenshot({ path: `${shots}/31-session-observer-phone.png`, fullPage: true });
  await beatriz.page.screenshot({ path: `${shots}/32-session-member.png`, fullPage: true });
  await fernanda.page.screenshot({ path: `${shots}/30-session-facilitator.png`, fullPage: true });
  await asked.getByRole('button', { name: /^Mark as answered: Will the deadline/ }).click();
  await expect(olgaQuestions.locator('.question', { hasText: question }).locator('.badge-answered')).toHaveText('Answered');

  // Who is here: observers marked.
  await expect(fernanda.page.locator('.people')).toContainText('Olga');
  await expect(fernanda.page.locator('.people li', { hasText: 'UNODC' }).locator('.badge-observer')).toBeVisible();
  await expect(olga.page.locator('.people')).toContainText('Red Ciudadana');
  for (const part of [olga.page.locator('.people'), olga.page.locator('.attendance'), region(olga.page, 'Speakers'), region(olga.page, 'Questions')]) {
    for (const name of ['Fernanda', 'Beatriz', 'Carlos']) await expect(part).not.toContainText(name);
  }

  // The facilitator removes a member from the session: their screen says so and stops.
  fernanda.page.once('dialog', (dialog) => void dialog.accept());
  await fernanda.page.getByRole('button', { name: 'Remove from session: Carlos (Acción Ciudadana)' }).click();
  await expect(carlos.page.getByRole('heading', { level: 1 })).toHaveText('Session not available');
  await expect(carlos.page.getByRole('alert')).toHaveText('A facilitator removed you from this session.');
  await expect(fernanda.page.locator('.people')).not.toContainText('Carlos');
  carlos.allowed.push(/status of 403/); // coming back is refused, on purpose
  await carlos.page.goto(sessionUrl);
  await expect(carlos.page.getByRole('alert')).toHaveText('A facilitator removed you from this session.');
  await expect(carlos.page.getByRole('heading', { level: 1 })).toHaveText('Session not available');

  // The facilitator ends the session; the minutes are a document with the title and the answered question.
  fernanda.page.once('dialog', (dialog) => void dialog.accept());
  await fernanda.page.getByRole('button', { name: 'End the session' }).click();
  for (const { page } of [fernanda, beatriz, olga]) {
    await expect(page.locator('.session-meta')).toContainText('Ended');
    await expect(page.getByRole('link', { name: 'Read the minutes' })).toBeVisible();
  }
  await olga.page.getByLabel('Language').selectOption('es');
  await expect(olga.page.locator('.session-meta')).toContainText('Terminada');
  await expect(olga.page.getByRole('link', { name: 'Leer el acta' })).toBeVisible();
  await olga.page.screenshot({ path: `${shots}/34-session-ended-observer-es-phone.png`, fullPage: true });
  await fernanda.page.getByRole('link', { name: 'Read the minutes' }).click();
  await expect(fernanda.page).toHaveURL(/\/documents\//);
  await expect(fernanda.page.locator('.live-status')).toHaveText('All changes saved');
  await expect(fernanda.page.locator('.preview')).toContainText(title);
  await expect(fernanda.page.locator('.preview')).toContainText(question);
  await expect(fernanda.page.locator('.preview')).toContainText('Any other business');
  await fernanda.page.screenshot({ path: `${shots}/33-minutes.png`, fullPage: true });

  expect(errors).toEqual([]);
});
