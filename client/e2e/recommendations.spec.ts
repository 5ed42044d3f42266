import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { call, chooseSeveral, join, person, region, signInAdmin } from './people';

const shots = 'test-results/screenshots';

/** The editor's text, without the other people's cursor labels drawn inside it. */
async function editorText(page: Page): Promise<string> {
  return page.locator('.cm-content').evaluate((content) => [...content.querySelectorAll('.cm-line')].map((line) => {
    const copy = line.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.remote-caret').forEach((caret) => caret.remove());
    return (copy.textContent ?? '').replace(/[\u200b\u2060\ufeff]/g, '');
  }).join('\n'));
}

const statusOf = (page: Page) => page.locator('.thread-header .rec-meta .badge').first();

test('a recommendation is drafted, amended, adopted by consensus and followed up; observers only read what they may', async ({ browser }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  const admin = await person(browser, errors);
  await signInAdmin(admin.page);
  const group = await call<{ id: string }>(admin.page, 'POST', '/api/groups', {
    name: 'Corporate liability', thematicArea: 'Whistleblower protection', description: 'Regional roundtable working group.', countries: ['MX', 'GT'], languages: ['es'],
  });

  const fernanda = await person(browser, errors);
  const beatriz = await person(browser, errors);
  const carlos = await person(browser, errors);
  const olga = await person(browser, errors, { width: 390, height: 844 });
  await join(fernanda.page, admin.page, group.id, 'facilitator', { name: 'Fernanda', organisation: 'Red Ciudadana', country: 'GT' });
  await join(beatriz.page, admin.page, group.id, 'member', { name: 'Beatriz', organisation: 'Transparencia Mexicana', country: 'MX' });
  await join(carlos.page, admin.page, group.id, 'member', { name: 'Carlos', organisation: 'Acción Ciudadana', country: 'GT' });
  await join(olga.page, admin.page, group.id, 'observer', { name: 'Olga', organisation: 'UNODC', country: 'AT' });

  // Member A drafts a recommendation from the group's board, visible to observers.
  await beatriz.page.goto(`/groups/${group.id}?tab=recommendations`);
  await beatriz.page.getByRole('link', { name: 'Open the recommendation board' }).click();
  await expect(beatriz.page.getByRole('heading', { level: 1 })).toHaveText('Recommendations');
  const draft = region(beatriz.page, 'New recommendation');
  const title = 'Protect people who report corruption';
  await draft.getByLabel('Title').fill(title);
  await expect(draft.getByLabel('Thematic area')).toHaveValue('Whistleblower protection');
  // Articles are picked from the Convention (issue 21): typed, then Enter.
  for (const article of ['33', '8.4']) {
    await draft.getByRole('combobox', { name: 'UNCAC articles' }).fill(article);
    await draft.getByRole('combobox', { name: 'UNCAC articles' }).press('Enter');
  }
  await expect(draft.locator('.chip')).toContainText(['Art. 33 — Protection of reporting persons', 'Art. 8.4 — Codes of conduct for public officials']);
  await draft.getByLabel('Addressed to').fill('Congress\nMinistry of Public Administration');
  await chooseSeveral(draft, 'Countries', ['MX', 'GT']);
  await draft.getByLabel('Who can read it').selectOption('observers');
  await draft.getByLabel('Text of the recommendation').fill('Congress should adopt a whistleblower protection law within one year.');
  await draft.getByRole('button', { name: 'Create recommendation' }).click();
  await expect(beatriz.page.getByRole('heading', { level: 1 })).toHaveText(title);
  const threadUrl = beatriz.page.url();
  await expect(beatriz.page.locator('.live-status')).toHaveText('All changes saved');
  await expect(statusOf(beatriz.page)).toHaveText('Draft');
  await beatriz.page.locator('.cm-content').click();
  await beatriz.page.keyboard.press('Control+End');
  await beatriz.page.keyboard.type('\nThe law must protect anonymous reports.');
  await expect(beatriz.page.locator('.live-status')).toHaveText('All changes saved');
  await expect(beatriz.page.locator('.preview')).toContainText('anonymous reports');

  // Member B selects two words in the editor and proposes to replace them.
  await carlos.page.goto(threadUrl);
  await expect(carlos.page.locator('.live-status')).toHaveText('All changes saved');
  await expect.poll(() => editorText(carlos.page)).toContain('anonymous reports.');
  await carlos.page.locator('.cm-content').click();
  await carlos.page.keyboard.press('Control+Home');
  for (let i = 0; i < 9; i++) await carlos.page.keyboard.press('Control+ArrowRight'); // after "one"
  await carlos.page.keyboard.press('Control+ArrowLeft');
  await carlos.page.keyboard.press('Control+Shift+ArrowRight');
  await carlos.page.keyboard.press('Control+Shift+ArrowRight');
  await carlos.page.getByRole('button', { name: 'Propose an amendment to the selected text' }).click();
  await expect(carlos.page.locator('.selected-text')).toHaveText('one year');
  await carlos.page.getByLabel('Replace it with').fill('six months');
  carlos.allowed.push(/status of 400/); // the refusal below, on purpose
  await carlos.page.getByRole('button', { name: 'Propose amendment', exact: true }).click();
  await expect(carlos.page.getByLabel('Why this change?')).toBeFocused();
  await expect(carlos.page.locator('.proposal .field-error:visible')).toHaveText('This field is required.');
  carlos.allowed.pop();
  await carlos.page.getByLabel('Why this change?').fill('A year is too long for people at risk.');
  await carlos.page.getByRole('button', { name: 'Propose amendment', exact: true }).click();
  await expect(region(carlos.page, 'Amendments').locator('.diff ins')).toHaveText(/six months/);

  // The facilitator sees it as a difference and accepts it: the body changes for everyone.
  await fernanda.page.goto(threadUrl);
  await expect(fernanda.page.locator('.live-status')).toHaveText('All changes saved');
  const amendments = region(fernanda.page, 'Amendments');
  await expect(amendments.locator('.diff del')).toHaveText(/one year/);
  await expect(amendments.locator('.diff ins')).toHaveText(/six months/);
  await expect(amendments).toContainText('A year is too long for people at risk.');
  // In its sentence as it read when proposed, the change said in words as well as struck through and underlined.
  await expect(amendments.locator('.diff')).toHaveText(
    'In its sentence: Congress should adopt a whistleblower protection law within [Remove: one year] [Insert: six months].');
  await amendments.locator('.diff').screenshot({ path: '/tmp/shots-group/amendment-in-context.png' });
  await expect(fernanda.page.locator('.preview')).toContainText('anonymous reports');
  await fernanda.page.screenshot({ path: `${shots}/21-thread-amendment-diff.png`, fullPage: true });
  const asked: string[] = [];
  fernanda.page.once('dialog', (dialog) => { asked.push(dialog.message()); void dialog.accept(); });
  await amendments.getByRole('button', { name: 'Accept' }).click();
  await expect(amendments).toContainText('Accepted by Fernanda');
  for (const { page } of [beatriz, carlos, fernanda]) {
    await expect.poll(() => editorText(page)).toContain('within six months.');
  }
  expect(await editorText(beatriz.page)).not.toContain('one year');

  // Member A adds an addressee; the thread's facts change for everyone.
  await beatriz.page.getByText('Edit details').click();
  await beatriz.page.locator('.edit-details').getByLabel('Addressed to').fill('Congress\nMinistry of Public Administration\nOffice of the Attorney General');
  await beatriz.page.getByRole('button', { name: 'Save details' }).click();
  await expect(carlos.page.locator('.thread-header')).toContainText('Office of the Attorney General');

  // A threaded conversation: a comment, a reply, an edit, and a facilitator hiding the reply with a reason.
  await region(beatriz.page, 'Comments').getByLabel('Your comment').fill('We should cite **Art. 33** explicitly.');
  await beatriz.page.getByRole('button', { name: 'Add comment' }).click();
  const carlosComments = region(carlos.page, 'Comments');
  await expect(carlosComments.locator('.comment strong', { hasText: 'Art. 33' })).toBeVisible();
  await carlosComments.getByRole('button', { name: /^Reply: Beatriz/ }).click();
  await expect(carlosComments.getByText('Replying to Beatriz (Transparencia Mexicana).')).toBeVisible();
  await expect(carlosComments.getByLabel('Your reply')).toBeFocused();
  await carlos.page.keyboard.type('Agreed, and Art. 8.4 too. Call me on my private number.');
  await carlosComments.getByRole('button', { name: 'Send reply' }).click();
  await expect(carlosComments.locator('.comments .comments')).toContainText('Agreed, and Art. 8.4 too.');
  const beatrizComments = region(beatriz.page, 'Comments');
  await beatrizComments.getByRole('button', { name: /^Edit: Beatriz/ }).click();
  await beatrizComments.getByLabel('Your comment').fill('We should cite **Art. 33** and Art. 8.4 explicitly.');
  await beatrizComments.getByRole('button', { name: 'Save comment' }).click();
  await expect(beatrizComments.locator('.comment').first()).toContainText('and Art. 8.4 explicitly');
  await expect(beatrizComments.locator('.comment').first()).toContainText('edited');
  const fernandaComments = region(fernanda.page, 'Comments');
  await fernandaComments.getByRole('button', { name: /^Hide: Carlos/ }).click();
  const hide = fernanda.page.getByRole('dialog', { name: 'Hide this comment' });
  await hide.getByLabel('Reason (shown instead of the comment)').fill('Personal contact details.');
  await hide.getByRole('button', { name: 'Hide' }).click();
  await expect(hide).toHaveCount(0);
  await expect(fernandaComments).toContainText('Hidden from others by a facilitator: Personal contact details.');
  await expect(beatrizComments).toContainText('Hidden by a facilitator: Personal contact details.');
  await expect(beatrizComments).not.toContainText('private number');

  // Member A's organisation supports it.
  const stances = region(beatriz.page, 'Stances of organisations');
  await stances.getByRole('radio', { name: 'Support', exact: true }).check();
  await stances.getByLabel('Note (optional)').fill('We will present it to Congress.');
  await stances.getByRole('button', { name: 'Save stance' }).click();
  await expect(region(fernanda.page, 'Stances of organisations').locator('.stances')).toContainText('Transparencia Mexicana');
  await expect(region(fernanda.page, 'Stances of organisations').locator('.tally .stance-support')).toHaveText('Support 1');

  // Members open it for discussion and propose it (each sees the other's move live).
  await beatriz.page.getByRole('button', { name: 'Open for discussion' }).click();
  await expect(statusOf(beatriz.page)).toHaveText('Under discussion');
  await carlos.page.getByRole('button', { name: 'Propose for adoption' }).click();
  await expect(statusOf(carlos.page)).toHaveText('Proposed for adoption');
  await expect(statusOf(beatriz.page)).toHaveText('Proposed for adoption');

  // The facilitator opens a consensus poll; both members vote; the tally is live.
  const fernandaPolls = region(fernanda.page, 'Consensus polls');
  await expect(fernandaPolls.getByRole('button', { name: 'Open a poll' })).toBeVisible();
  await fernandaPolls.getByLabel('Question (optional)').fill('Adopt this recommendation as amended?');
  await fernandaPolls.getByRole('button', { name: 'Open a poll' }).click();
  for (const [{ page }, choice, reason] of [[beatriz, 'Agree', ''], [carlos, 'Agree', 'A good compromise.']] as const) {
    const polls = region(page, 'Consensus polls');
    await expect(polls).toContainText('Adopt this recommendation as amended?');
    await polls.getByRole('radio', { name: choice, exact: true }).check();
    if (reason) await polls.getByLabel('Reason (optional)').fill(reason);
    await polls.getByRole('button', { name: 'Vote' }).click();
    await expect(polls).toContainText(`Your vote: ${choice}.`);
  }
  await expect(fernandaPolls.locator('.poll-open .tally .choice-agree')).toHaveText('Agree 2');
  await expect(fernandaPolls).toContainText('A good compromise.');
  fernanda.page.once('dialog', (dialog) => { asked.push(dialog.message()); void dialog.accept(); });
  await fernandaPolls.getByRole('button', { name: 'Close the poll' }).click();
  await expect(fernandaPolls).toContainText('No poll is open.');
  expect(asked).toEqual(['Accept this amendment? The text changes for everyone at once.', 'Close this poll? No one can vote in it afterwards, and it cannot be reopened.']);
  fernanda.page.once('dialog', (dialog) => void dialog.accept());
  await fernanda.page.getByRole('button', { name: 'Adopt', exact: true }).click();
  await expect(statusOf(fernanda.page)).toHaveText('Adopted');
  await expect(fernanda.page.locator('.thread-header')).toContainText('2 agree');

  // The facilitator sets the date when the follow-up is to be reviewed.
  await fernanda.page.getByRole('button', { name: 'Set review date' }).click();
  const review = fernanda.page.getByRole('dialog', { name: 'Set review date' });
  await review.getByLabel('Review date').fill('2030-06-30');
  await review.getByRole('button', { name: 'Set review date' }).click();
  await expect(region(fernanda.page, 'Follow-up')).toContainText('Review date: Jun 30, 2030.');

  // Adopted: the body is frozen for everyone; a member records follow-up for both countries.
  await expect(statusOf(beatriz.page)).toHaveText('Adopted');
  await expect(beatriz.page.getByText('This recommendation was adopted: its text is frozen')).toBeVisible();
  const followUp = region(beatriz.page, 'Follow-up');
  for (const [country, status, note] of [
    ['MX', 'in-progress', 'The bill was introduced in Congress.'],
    ['GT', 'partially-implemented', 'A decree protects public servants who report.'],
  ] as const) {
    await followUp.getByLabel('Country').selectOption(country);
    await followUp.getByLabel('Status').selectOption(status);
    await followUp.getByLabel('What happened').fill(note);
    await followUp.getByRole('textbox', { name: 'Evidence links' }).fill(`https://example.org/${country.toLowerCase()}/bill`);
    await followUp.getByRole('button', { name: 'Record update' }).click();
    await expect(followUp.locator('.follow-up-country', { hasText: note })).toBeVisible();
  }
  await expect(followUp.locator('.follow-up-country', { hasText: 'Mexico' }).locator('h3')).toContainText('In progress');
  await expect(followUp.locator('.follow-up-country', { hasText: 'Guatemala' }).locator('h3')).toContainText('Partially implemented');
  await beatriz.page.screenshot({ path: `${shots}/26-thread-adopted-follow-up.png`, fullPage: true });

  // The facilitator downloads the follow-up report from the board.
  await fernanda.page.getByRole('link', { name: 'Recommendations', exact: true }).click();
  await expect(fernanda.page.getByRole('heading', { level: 1 })).toHaveText('Recommendations');
  const [download] = await Promise.all([
    fernanda.page.waitForEvent('download'),
    fernanda.page.getByRole('link', { name: 'Follow-up report: Markdown' }).click(),
  ]);
  const report = readFileSync(await download.path(), 'utf8');
  expect(report).toContain(title);
  expect(report).toContain('In progress');
  expect(report).toContain('Partially implemented');

  // A second recommendation, members only.
  await carlos.page.goto(`/groups/${group.id}/recommendations`);
  const second = region(carlos.page, 'New recommendation');
  const secret = 'Shield the identity of witnesses';
  await second.getByLabel('Title').fill(secret);
  await second.getByRole('combobox', { name: 'UNCAC articles' }).fill('Art. 32');
  await second.getByRole('combobox', { name: 'UNCAC articles' }).press('Enter');
  await second.getByLabel('Addressed to').fill('Attorney General');
  await expect(second.getByLabel('Who can read it')).toHaveValue('members');
  await second.getByRole('button', { name: 'Create recommendation' }).click();
  await expect(carlos.page.getByRole('heading', { level: 1 })).toHaveText(secret);
  const secretUrl = carlos.page.url();

  await expect(fernanda.page.getByRole('link', { name: secret })).toBeVisible(); // the board is live
  await fernanda.page.screenshot({ path: `${shots}/20-board.png`, fullPage: true });

  // Filters live in the address: only adopted ones, then all again.
  await fernanda.page.getByText('Filters', { exact: true }).click();
  await fernanda.page.getByLabel('Status').selectOption('adopted');
  await fernanda.page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(fernanda.page).toHaveURL(/[?&]status=adopted/);
  await expect(fernanda.page.getByRole('link', { name: title })).toBeVisible();
  await expect(fernanda.page.getByRole('link', { name: secret })).toHaveCount(0);
  await fernanda.page.getByRole('link', { name: 'Clear filters' }).click();
  await expect(fernanda.page.getByRole('link', { name: secret })).toBeVisible();

  // The follow-up grid: adopted recommendations × countries, with totals.
  await fernanda.page.getByRole('link', { name: 'Follow-up grid' }).click();
  await expect(fernanda.page.getByRole('heading', { level: 1 })).toHaveText('Follow-up grid');
  const row = fernanda.page.getByRole('row', { name: new RegExp(title) });
  await expect(row).toContainText('In progress');
  await expect(row).toContainText('Partially implemented');
  await expect(fernanda.page.getByRole('row', { name: /Shield the identity/ })).toHaveCount(0);
  await fernanda.page.screenshot({ path: `${shots}/22-follow-up-grid.png`, fullPage: true });

  // The observer (on a phone) sees the adopted recommendation, read-only, and never the members-only one.
  await olga.page.goto(`/groups/${group.id}/recommendations`);
  await expect(olga.page.getByRole('link', { name: title })).toBeVisible();
  await expect(olga.page.getByText(secret)).toHaveCount(0);
  await expect(region(olga.page, 'New recommendation')).toHaveCount(0);
  await olga.page.screenshot({ path: `${shots}/23-observer-board-phone.png`, fullPage: true });
  await olga.page.getByRole('link', { name: title }).click();
  await expect(olga.page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(olga.page.locator('.live-status')).toHaveText('All changes saved');
  await expect(olga.page.getByText('You are following this recommendation as an observer')).toBeVisible();
  await expect(olga.page.locator('.preview')).toContainText('within six months');
  await expect(olga.page.locator('main form')).toHaveCount(0);
  await expect(olga.page.getByRole('button', { name: /Propose an amendment|Accept|Reject|Reply|Vote|Adopt/ })).toHaveCount(0);
  await expect(region(olga.page, 'Follow-up')).toContainText('The bill was introduced in Congress.');
  await expect(region(olga.page, 'Amendments')).toContainText('Acción Ciudadana');
  await expect(region(olga.page, 'Amendments')).not.toContainText('Carlos');
  await expect(region(olga.page, 'Comments')).toContainText('Hidden by a facilitator: Personal contact details.');
  await expect(region(olga.page, 'Comments')).not.toContainText('private number');
  await expect(olga.page.locator('.cm-editor')).toBeHidden(); // on her phone: the rendered text only, nothing to type into
  await olga.page.screenshot({ path: `${shots}/24-observer-thread-phone.png`, fullPage: true });
  await olga.page.getByRole('link', { name: 'Recommendations', exact: true }).click();
  await olga.page.getByRole('link', { name: 'Follow-up grid' }).click();
  await expect(olga.page.getByRole('row', { name: new RegExp(title) })).toContainText('Partially implemented');
  await olga.page.screenshot({ path: `${shots}/25-observer-grid-phone.png`, fullPage: true });

  olga.allowed.push(/status of 404/);
  await olga.page.goto(secretUrl);
  await expect(olga.page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(olga.page.getByText(secret)).toHaveCount(0);

  // The thread speaks the reader's language.
  await olga.page.goto(threadUrl);
  await expect(olga.page.locator('.live-status')).toHaveText('All changes saved');
  await olga.page.getByLabel('Language').selectOption('es');
  await expect(region(olga.page, 'Seguimiento')).toContainText('Implementada parcialmente');
  await expect(statusOf(olga.page)).toHaveText('Adoptada');
  await expect(olga.page.locator('.live-status')).toHaveText('Todos los cambios guardados');
  await olga.page.screenshot({ path: `${shots}/27-observer-thread-es-phone.png`, fullPage: true });

  expect(await editorText(beatriz.page)).not.toContain('observer was here');
  expect(errors).toEqual([]);
});
