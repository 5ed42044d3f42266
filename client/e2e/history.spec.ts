import { expect, test } from '@playwright/test';
import { call, editorText, join, person, region, signInAdmin } from './people';

const shots = 'test-results/screenshots';

test('history reads as editing sessions, shows the difference with the current text and restores after a confirmation', async ({ browser }) => {
  const errors: string[] = [];
  const admin = await person(browser, errors);
  await signInAdmin(admin.page);
  const group = await call<{ id: string }>(admin.page, 'POST', '/api/groups', {
    name: 'History of asset declarations', thematicArea: 'UNCAC Art. 8.5', description: 'Drafting.', countries: ['MX'], languages: ['en'],
  });
  const document = await call<{ id: string }>(admin.page, 'POST', `/api/groups/${group.id}/documents`, { title: 'Declarations', visibility: 'members' });
  const beatriz = await person(browser, errors);
  const carlos = await person(browser, errors);
  await join(beatriz.page, admin.page, group.id, 'member', { name: 'Beatriz', organisation: 'Transparencia Mexicana', country: 'MX' });
  await join(carlos.page, admin.page, group.id, 'member', { name: 'Carlos', organisation: 'Acción Ciudadana', country: 'GT' });

  for (const { page } of [beatriz, carlos]) {
    await page.goto(`/documents/${document.id}`);
    await expect(page.locator('.live-status')).toHaveText('All changes saved');
  }

  // Two people type, one after the other: one editing session naming both.
  await beatriz.page.locator('.cm-content').click();
  await beatriz.page.keyboard.type('Publish the declarations of senior officials.', { delay: 10 });
  await expect.poll(() => editorText(carlos.page)).toBe('Publish the declarations of senior officials.');
  await carlos.page.locator('.cm-content').click();
  await carlos.page.keyboard.press('Control+End');
  await carlos.page.keyboard.type(' Verify them against registries.', { delay: 10 });
  const typed = 'Publish the declarations of senior officials. Verify them against registries.';
  await expect.poll(() => editorText(beatriz.page)).toBe(typed);
  await expect(beatriz.page.locator('.live-status')).toHaveText('All changes saved');

  await beatriz.page.getByRole('button', { name: 'History' }).click();
  const history = region(beatriz.page, 'History');
  const entries = history.locator('.history-entry');
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('Beatriz and Carlos');
  await expect(entries.first()).toContainText(`${typed.length} characters added`);
  await expect(entries.first()).toContainText('0 characters removed');
  // No list markers to clip ("8. 9. 0. 1."): the entries carry their own revision numbers.
  expect(await history.locator('ol.history-list').evaluate((list) => getComputedStyle(list).listStyleType)).toBe('none');
  const typingEntry = await entries.first().getAttribute('data-revision');

  // Someone else restores the first revision: the open list follows without a reload.
  await call(carlos.page, 'POST', `/api/documents/${document.id}/revisions/1/restore`);
  await expect(entries).toHaveCount(2);
  await expect(entries.first()).toContainText('Restored revision 1 · Carlos');
  // Times in the reader's locale (the browser's en-GB: day before month).
  await expect(entries.nth(1).locator('time')).toContainText(/^\d{1,2} [A-Z][a-z]{2} \d{4}/);
  await expect.poll(() => editorText(beatriz.page)).not.toContain('officials');

  // The difference between the typing session and the current text, said in words as well as shown.
  const typing = entries.nth(1);
  await typing.getByRole('button', { name: 'Compare with the current text' }).click();
  const compare = region(beatriz.page, `Changes from revision ${typingEntry} to the current text`);
  await expect(compare).toBeVisible();
  await expect(compare.locator('del')).toContainText('[removed: ');
  await expect(compare.locator('del')).toContainText('officials');
  await expect(compare.locator('del').first()).toHaveCSS('text-decoration-line', 'line-through');
  await beatriz.page.screenshot({ path: `${shots}/history-1-difference.png`, fullPage: true });

  // Restore asks first; Escape keeps everything as it is.
  await typing.getByRole('button', { name: 'Restore this version' }).click();
  const dialog = beatriz.page.getByRole('dialog', { name: 'Restore this version?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await beatriz.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(typing.getByRole('button', { name: 'Restore this version' })).toBeFocused();
  await expect(entries).toHaveCount(2);

  await typing.getByRole('button', { name: 'Restore this version' }).click();
  await beatriz.page.screenshot({ path: `${shots}/history-2-confirm.png`, fullPage: true });
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(beatriz.page.getByRole('status').filter({ hasText: `Revision ${typingEntry} was restored as a new change.` })).toBeVisible();
  await expect(entries).toHaveCount(3);
  await expect(entries.first()).toContainText(`Restored revision ${typingEntry}`);
  await expect(entries.first()).toContainText('Beatriz');
  // The newest entry is the current text: nothing to restore there.
  await expect(entries.first().getByRole('button', { name: 'Restore this version' })).toHaveCount(0);
  await expect.poll(() => editorText(beatriz.page)).toBe(typed);
  await expect.poll(() => editorText(carlos.page)).toBe(typed);
  await beatriz.page.screenshot({ path: `${shots}/history-3-restored.png`, fullPage: true });

  expect(errors).toEqual([]);
});

test('an editing session opens into its revisions, each comparable and restorable after a confirmation', async ({ browser }) => {
  const errors: string[] = [];
  const admin = await person(browser, errors);
  await signInAdmin(admin.page);
  const group = await call<{ id: string }>(admin.page, 'POST', '/api/groups', {
    name: 'Revisions of procurement rules', thematicArea: 'UNCAC Art. 9', description: 'Drafting.', countries: ['CO'], languages: ['en'],
  });
  const document = await call<{ id: string }>(admin.page, 'POST', `/api/groups/${group.id}/documents`, { title: 'Open contracting', visibility: 'members' });
  const beatriz = await person(browser, errors);
  await join(beatriz.page, admin.page, group.id, 'member', { name: 'Beatriz', organisation: 'Transparencia Colombia', country: 'CO' });
  const page = beatriz.page;
  await page.goto(`/documents/${document.id}`);
  await expect(page.locator('.live-status')).toHaveText('All changes saved');

  // Typed slowly: one revision per few keystrokes, all in one session.
  const typed = 'Publish every public contract, its amendments and its payments, in open formats.';
  await page.locator('.cm-content').click();
  await page.keyboard.type(typed, { delay: 45 });
  await expect(page.locator('.live-status')).toHaveText('All changes saved');

  await page.getByRole('button', { name: 'History' }).click();
  const history = region(page, 'History');
  const session = history.locator('.history-entry');
  await expect(session).toHaveCount(1);
  const last = Number(await session.getAttribute('data-revision'));
  expect(last).toBeGreaterThan(1);
  const open = session.getByRole('button', { name: `Show its ${last} revisions` });
  await expect(open).toHaveAttribute('aria-expanded', 'false');
  await open.click();
  await expect(open).toHaveAttribute('aria-expanded', 'true');
  const revisions = session.locator('.revision-entry');
  await expect(revisions.first()).toHaveAttribute('data-revision', String(last));
  // Fifty at a time, newest first; the rest on demand.
  if (last > 50) {
    await expect(revisions).toHaveCount(50);
    await session.getByRole('button', { name: 'Show earlier revisions' }).click();
  }
  await expect(revisions).toHaveCount(last);
  await expect(session.getByRole('button', { name: 'Show earlier revisions' })).toBeHidden();
  const numbers = await revisions.evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-revision'))));
  expect(numbers).toEqual(Array.from({ length: last }, (_, i) => last - i));
  await expect(revisions.last()).toContainText('Beatriz');
  await expect(revisions.last()).toContainText('(revision 1)');
  // The current revision has nothing to restore.
  await expect(revisions.first().getByRole('button', { name: `Restore revision ${last}` })).toHaveCount(0);
  await page.screenshot({ path: '/tmp/shots-group/history-revisions-open.png', fullPage: true });

  // One revision against the current text.
  await session.getByRole('button', { name: 'Compare revision 1 with the current text' }).click();
  const compare = region(page, 'Changes from revision 1 to the current text');
  await expect(compare.locator('ins')).toContainText('[added: ');
  const first = await call<{ text: string }>(page, 'GET', `/api/documents/${document.id}/revisions/1`);

  // Restoring one revision asks first, with the same question as a session.
  const restore = session.getByRole('button', { name: 'Restore revision 1', exact: true });
  await restore.click();
  const dialog = page.getByRole('dialog', { name: 'Restore this version?' });
  await expect(dialog).toContainText('revision 1');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(restore).toBeFocused();
  await expect.poll(() => editorText(page)).toBe(typed);
  await restore.click();
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Revision 1 was restored as a new change.' })).toBeVisible();
  await expect.poll(() => editorText(page)).toBe(first.text);
  await expect(history.locator('.history-entry')).toHaveCount(2);
  await expect(history.locator('.history-entry').first()).toContainText('Restored revision 1');
  await page.screenshot({ path: '/tmp/shots-group/history-revision-restored.png', fullPage: true });

  // Closed again, the session shows only its summary.
  const reopened = history.locator('.history-entry').nth(1).getByRole('button', { name: `Show its ${last} revisions` });
  await reopened.click();
  await expect(reopened).toHaveAttribute('aria-expanded', 'true');
  await reopened.click();
  await expect(reopened).toHaveAttribute('aria-expanded', 'false');
  await expect(history.locator('.history-entry').nth(1).locator('.revision-list')).toBeHidden();

  expect(errors).toEqual([]);
});
