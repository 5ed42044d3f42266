import { expect, test, type Locator, type Page } from '@playwright/test';
import { call, editorText, join, person, signInAdmin } from './people';

/**
 * The live editor reads well (issue 20): other people's names show for a moment after they move and
 * on hover, below their caret and side by side, never over the line above; a text nobody may type into
 * (observer, locked, adopted) has no caret and says why; a new text invites writing and offers a
 * Markdown help; on a phone, who is here is one button that opens the list.
 */

const shots = process.env.EDITOR_SHOTS ?? 'test-results/screenshots';
const saved = (page: Page) => expect(page.locator('.live-status')).toHaveText('All changes saved');

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  expect(found).not.toBeNull();
  return found!;
}

test('names on demand, read-only that looks it, help for a new text, presence on a phone', async ({ browser }) => {
  const errors: string[] = [];
  const admin = await person(browser, errors);
  await signInAdmin(admin.page);
  const group = await call<{ id: string }>(admin.page, 'POST', '/api/groups', {
    name: 'Open contracting', thematicArea: 'UNCAC Art. 9', description: 'Public procurement in the open.', countries: ['BR', 'CO'], languages: ['pt', 'es'],
  });
  const document = await call<{ id: string }>(admin.page, 'POST', `/api/groups/${group.id}/documents`, { title: 'Open data standards', visibility: 'observers' });
  const beatriz = await person(browser, errors);
  const carlos = await person(browser, errors);
  const olga = await person(browser, errors, { width: 390, height: 844 });
  await join(beatriz.page, admin.page, group.id, 'member', { name: 'Beatriz', organisation: 'Transparência Brasil', country: 'BR' });
  await join(carlos.page, admin.page, group.id, 'member', { name: 'Carlos', organisation: 'Acción Ciudadana', country: 'CO' });
  await join(olga.page, admin.page, group.id, 'observer', { name: 'Olga', organisation: 'UNODC', country: 'AT' });
  const url = `/documents/${document.id}`;

  // A new text: a placeholder inside the editor, and the formatting help, opened from the keyboard.
  await beatriz.page.goto(url);
  await saved(beatriz.page);
  await expect(beatriz.page.locator('.cm-placeholder')).toContainText('Start writing here');
  const help = beatriz.page.locator('.format-help');
  await expect(help.locator('dl')).toBeHidden();
  await help.locator('summary').focus();
  await beatriz.page.keyboard.press('Enter');
  await expect(help.locator('dl')).toBeVisible();
  for (const item of ['Heading', 'Bold', 'Italic', 'List', 'Link', 'Table', 'Footnote']) await expect(help.locator('dt', { hasText: item }).first()).toBeVisible();
  await expect(help).toContainText('[^1]');
  await beatriz.page.screenshot({ path: `${shots}/editor-01-new-text-help.png` });
  await beatriz.page.keyboard.press('Enter');
  await expect(help.locator('dl')).toBeHidden();

  // Beatriz writes; Ana sees her name below the caret for a moment, then only the caret; hovering shows it again.
  for (const { page } of [admin, olga]) {
    await page.goto(url);
    await saved(page);
  }
  await beatriz.page.locator('.cm-content').click();
  await beatriz.page.keyboard.type('# Open data\n\nPublish every contract as open data.\nWith its amendments.');
  await expect(beatriz.page.locator('.cm-placeholder')).toHaveCount(0);
  await expect.poll(() => editorText(admin.page)).toContain('With its amendments.');
  const label = admin.page.locator('.remote-caret-label', { hasText: 'Beatriz' });
  const caret = admin.page.locator('.remote-caret', { has: label });
  await expect(label).toBeVisible();
  await admin.page.screenshot({ path: `${shots}/editor-02-name-after-move.png` });
  const [line, mark] = [await box(admin.page.locator('.cm-line', { has: caret })), await box(caret)];
  expect((await box(label)).y, 'the name hangs below the caret, over nothing above').toBeGreaterThanOrEqual(Math.max(line.y, mark.y + mark.height - 1));
  await expect(label).toBeHidden({ timeout: 5_000 });
  await expect(caret).toBeVisible();
  await admin.page.screenshot({ path: `${shots}/editor-03-name-hidden.png` });
  await caret.hover();
  await expect(label).toBeVisible();
  await admin.page.mouse.move(5, 5);
  await expect(label).toBeHidden();

  // Carlos comes and puts his cursor where Beatriz's is: one caret, two names side by side, both legible.
  await carlos.page.goto(url);
  await saved(carlos.page);
  await carlos.page.locator('.cm-content').click();
  await carlos.page.keyboard.press('Control+End');
  const both = admin.page.locator('.remote-caret', { hasText: 'Carlos' });
  await expect(both.locator('.remote-caret-label')).toHaveCount(2);
  // Just moved, his name shows at the caret itself: Beatriz's hidden one takes no room beside it.
  const carlosLabel = both.locator('.remote-caret-label', { hasText: 'Carlos' });
  await expect(carlosLabel).toBeVisible();
  expect(Math.abs((await box(carlosLabel)).x - (await box(both)).x), 'his name starts at the caret').toBeLessThan(6);
  await both.hover();
  const [first, second] = [await box(both.locator('.remote-caret-label').nth(0)), await box(both.locator('.remote-caret-label').nth(1))];
  expect(first.x + first.width <= second.x || second.x + second.width <= first.x, 'two names at one place do not overlap').toBe(true);
  await admin.page.screenshot({ path: `${shots}/editor-04-two-names-on-hover.png` });

  // Who wrote what: opaque tints behind the text (their contrast and distinctness are checked in colours.test.ts).
  await carlos.page.keyboard.type(' Carlos adds a sentence.');
  await expect.poll(() => editorText(admin.page)).toContain('Carlos adds a sentence.');
  await saved(carlos.page);
  await admin.page.getByRole('button', { name: 'Show authors' }).click();
  await expect(admin.page.locator('.legend')).toContainText('Carlos');
  await expect(admin.page.locator('.cm-content [class*="tint-"]').first()).toBeVisible();
  await admin.page.screenshot({ path: `${shots}/editor-04b-authors.png` });
  await admin.page.getByRole('button', { name: 'Show authors' }).click();

  // On a phone, who is here is one button; the list opens on demand.
  const toggle = olga.page.locator('.presence-toggle');
  await expect(toggle).toHaveText('4 people here');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(olga.page.locator('.presence-person').first()).toBeHidden();
  await olga.page.screenshot({ path: `${shots}/editor-05-phone-presence-closed.png` });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(olga.page.locator('.presence-person', { hasText: 'Transparência Brasil' })).toBeVisible(); // observers see organisations, not names, by default
  await olga.page.screenshot({ path: `${shots}/editor-06-phone-presence-open.png` });
  await expect(beatriz.page.locator('.presence-toggle')).toBeHidden(); // on a laptop, the pills as before
  await expect(beatriz.page.locator('.presence-person', { hasText: 'Olga' })).toBeVisible();

  // The observer: no caret, no editable look, the reason in view; typing changes nothing.
  await olga.page.setViewportSize({ width: 1280, height: 860 });
  const before = await editorText(olga.page);
  await expect(olga.page.locator('.cm-content')).toHaveAttribute('contenteditable', 'false');
  await expect(olga.page.getByText('You are following this document as an observer')).toBeVisible();
  await expect(olga.page.locator('.read-only-panel')).toHaveText('Read only');
  await expect(olga.page.locator('.format-help')).toBeHidden();
  await olga.page.locator('.cm-content').click();
  await olga.page.keyboard.type('not mine');
  expect(await editorText(olga.page)).toBe(before);
  await olga.page.screenshot({ path: `${shots}/editor-07-observer-read-only.png` });

  // Locked by a facilitator: the member's editor turns read-only at once, with the reason; unlocked, it is hers again.
  await call(admin.page, 'PATCH', `/api/documents/${document.id}`, { locked: true });
  await expect(beatriz.page.getByText('A facilitator has locked this document')).toBeVisible();
  await expect(beatriz.page.locator('.cm-content')).toHaveAttribute('contenteditable', 'false');
  await expect(beatriz.page.locator('.read-only-panel')).toBeVisible();
  await beatriz.page.screenshot({ path: `${shots}/editor-08-locked.png` });
  await call(admin.page, 'PATCH', `/api/documents/${document.id}`, { locked: false });
  await expect(beatriz.page.locator('.cm-content')).toHaveAttribute('contenteditable', 'true');
  await expect(beatriz.page.locator('.read-only-panel')).toHaveCount(0);
  await expect(beatriz.page.getByText('A facilitator has locked this document')).toBeHidden();
  await expect(beatriz.page.locator('.format-help')).toBeVisible();

  // An adopted recommendation: its text is frozen, and the editor looks and says so.
  const { recommendation } = await call<{ recommendation: { id: string } }>(admin.page, 'POST', `/api/groups/${group.id}/recommendations`, {
    title: 'Publish contracts', thematicArea: 'Procurement', articles: ['Art. 9'], addressees: ['Procurement agencies'], countries: ['BR'],
    visibility: 'observers', body: 'Publish every **contract** and its amendments.',
  });
  for (const to of ['under-discussion', 'proposed-for-adoption', 'adopted']) await call(admin.page, 'POST', `/api/recommendations/${recommendation.id}/transitions`, { to });
  await beatriz.page.goto(`/recommendations/${recommendation.id}`);
  await saved(beatriz.page);
  await expect(beatriz.page.getByText('This recommendation was adopted: its text is frozen')).toBeVisible();
  await expect(beatriz.page.locator('.cm-content')).toHaveAttribute('contenteditable', 'false');
  await expect(beatriz.page.locator('.read-only-panel')).toBeVisible();
  await beatriz.page.screenshot({ path: `${shots}/editor-09-adopted-frozen.png` });

  expect(errors).toEqual([]);
});
