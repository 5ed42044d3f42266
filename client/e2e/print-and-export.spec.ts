import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { call, person, signInAdmin } from './people';

/** Issue 20: the document page's Export list (keyboard only) and the print view. */
test('a document is exported from the keyboard and prints as its text only', async ({ browser }) => {
  const errors: string[] = [];
  const admin = await person(browser, errors);
  await signInAdmin(admin.page);
  const group = await call<{ id: string }>(admin.page, 'POST', '/api/groups', {
    name: 'Export check', thematicArea: 'UNCAC Art. 9', description: 'Exports.', countries: ['MX'], languages: ['es'],
  });
  const created = await call<{ id: string }>(admin.page, 'POST', `/api/groups/${group.id}/documents`, { title: 'Plan "B" / 2027', visibility: 'members' });
  await admin.page.goto(`/documents/${created.id}`);
  await expect(admin.page.locator('.live-status')).toHaveText('All changes saved');
  await admin.page.locator('.cm-content').click();
  await admin.page.keyboard.type('# Findings\n\nPublic registries.\n');
  await expect(admin.page.locator('.live-status')).toHaveText('All changes saved');
  await expect(admin.page.locator('.preview h1')).toHaveText('Findings');

  // Keyboard: open, move, close with Escape (focus returns), open again and choose Word.
  const toggle = admin.page.getByRole('button', { name: 'Export' });
  await toggle.focus();
  await admin.page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(admin.page.getByRole('button', { name: 'Markdown text (.md)' })).toBeFocused();
  await admin.page.keyboard.press('ArrowDown');
  await expect(admin.page.getByRole('button', { name: 'Web page (.html)' })).toBeFocused();
  await admin.page.keyboard.press('Escape');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(toggle).toBeFocused();
  await admin.page.keyboard.press('Enter');
  await admin.page.keyboard.press('ArrowDown');
  await admin.page.keyboard.press('ArrowDown');
  await expect(admin.page.getByRole('button', { name: 'Word document (.docx)' })).toBeFocused();
  const [download] = await Promise.all([admin.page.waitForEvent('download'), admin.page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toBe('Plan B 2027.docx');
  const bytes = readFileSync((await download.path())!);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  await expect(admin.page.getByRole('status').filter({ hasText: 'Downloaded Plan B 2027.docx' })).toBeAttached();

  const [markdown] = await Promise.all([admin.page.waitForEvent('download'), (async () => {
    await toggle.click();
    await admin.page.getByRole('button', { name: 'Markdown text (.md)' }).click();
  })()]);
  expect(readFileSync((await markdown.path())!, 'utf8')).toContain('# Findings');

  // Print: the title and the rendered text; no header, toolbar, editor or settings.
  await admin.page.emulateMedia({ media: 'print' });
  await expect(admin.page.getByRole('heading', { level: 1, name: 'Plan "B" / 2027' })).toBeVisible();
  await expect(admin.page.locator('.preview h1')).toBeVisible();
  await expect(admin.page.locator('.preview')).toContainText('Public registries.');
  await expect(admin.page.locator('.app-header')).toBeHidden();
  await expect(admin.page.locator('.cm-editor')).toBeHidden();
  await expect(toggle).toBeHidden();
  await expect(admin.page.locator('.breadcrumbs')).toBeHidden();
  await admin.page.screenshot({ path: 'test-results/screenshots/export-print.png', fullPage: true });
  await admin.page.emulateMedia({ media: 'screen' });
  await expect(admin.page.locator('.cm-editor')).toBeVisible();

  expect(errors).toEqual([]);
  await admin.context.close();
});
