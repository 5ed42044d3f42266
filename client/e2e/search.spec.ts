import { expect, test } from '@playwright/test';
import { call, join, person, signInAdmin } from './people';

/**
 * Search across my groups from the header: a member types, presses Enter, sees the results by group and
 * opens one; an observer on a phone opens the field from its icon and finds nothing members-only.
 */

const shots = '/tmp/shots-search';
const marker = 'Zqxinternal';

test('search from the header: results by group, one opened; an observer on a phone finds nothing members-only', async ({ browser }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  const admin = await person(browser, errors);
  await signInAdmin(admin.page);
  const group = await call<{ id: string }>(admin.page, 'POST', '/api/groups', {
    name: 'Whistleblower protection network', thematicArea: 'UNCAC Art. 33', description: 'Search test group.', countries: ['BR', 'MX'], languages: ['es'],
  });
  const beatriz = await person(browser, errors);
  const olga = await person(browser, errors, { width: 390, height: 844 });
  await join(beatriz.page, admin.page, group.id, 'member', { name: 'Beatriz', organisation: 'Transparencia Mexicana', country: 'MX' });
  await join(olga.page, admin.page, group.id, 'observer', { name: 'Olga', organisation: 'UNODC', country: 'AT' });

  const open = await call<{ recommendation: { id: string } }>(beatriz.page, 'POST', `/api/groups/${group.id}/recommendations`, {
    title: 'Protect reporting persons from retaliation', thematicArea: 'Whistleblower protection', articles: ['Art. 33'], addressees: ['Congress'],
    countries: ['MX'], visibility: 'observers', body: 'La **protección** de denunciantes incluye canales seguros contra las represalias.',
  });
  const internal = await call<{ recommendation: { id: string } }>(beatriz.page, 'POST', `/api/groups/${group.id}/recommendations`, {
    title: 'Sanctions for retaliation', thematicArea: 'Whistleblower protection', articles: ['Art. 33'], addressees: ['Congress'],
    countries: ['MX'], visibility: 'members', body: `Draft for members: ${marker} protección reforzada.`,
  });
  await call(beatriz.page, 'POST', `/api/recommendations/${internal.recommendation.id}/comments`, { markdown: `Between us, on retaliation: ${marker}.` });

  // The member types in the header's field and presses Enter.
  await beatriz.page.goto('/');
  const field = beatriz.page.getByRole('searchbox', { name: 'Search my groups' });
  await field.fill('PROTECCION');
  await field.press('Enter');
  await expect(beatriz.page).toHaveURL(/\/search\?q=PROTECCION$/);
  await expect(beatriz.page.getByRole('heading', { level: 1, name: 'Search' })).toBeVisible();
  await expect(beatriz.page.getByRole('status')).toHaveText('2 results.');
  const results = beatriz.page.getByRole('region', { name: 'Whistleblower protection network' });
  // Both only in their text: the most recent first.
  await expect(results.getByRole('link')).toHaveText(['Sanctions for retaliation', 'Protect reporting persons from retaliation']);
  await expect(results.locator('mark').first()).toHaveText('protección');
  await beatriz.page.screenshot({ path: `${shots}/member-results-desktop.png`, fullPage: true });

  // The results page's own form narrows to a kind, by keyboard.
  await beatriz.page.getByLabel('Look in').selectOption('comment');
  await beatriz.page.locator('main input[name="q"]').fill('retaliation');
  await beatriz.page.locator('main input[name="q"]').press('Enter');
  await expect(beatriz.page).toHaveURL(/kind=comment/);
  await expect(beatriz.page.getByRole('status')).toHaveText('1 result.');
  await expect(beatriz.page.locator('.search-snippet')).toContainText(marker);

  // Opening a result opens the thread.
  await beatriz.page.goto('/search?q=reporting%20persons');
  await beatriz.page.getByRole('link', { name: 'Protect reporting persons from retaliation' }).click();
  await expect(beatriz.page).toHaveURL(new RegExp(`/recommendations/${open.recommendation.id}$`));
  await expect(beatriz.page.getByRole('heading', { level: 1 })).toHaveText('Protect reporting persons from retaliation');

  // The observer on a phone: only an icon in the header, which opens the field; Escape closes it.
  await olga.page.goto('/');
  const toggle = olga.page.getByRole('button', { name: 'Search', exact: true });
  const phoneField = olga.page.getByRole('searchbox', { name: 'Search my groups' });
  await expect(toggle).toBeVisible();
  await expect(phoneField).toBeHidden();
  await olga.page.screenshot({ path: `${shots}/observer-phone-header.png` });
  await toggle.click();
  await expect(phoneField).toBeFocused();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await olga.page.screenshot({ path: `${shots}/observer-phone-header-open.png` });
  await phoneField.press('Escape');
  await expect(phoneField).toBeHidden();
  await expect(toggle).toBeFocused();
  await toggle.press('Enter');
  await phoneField.fill('retaliation');
  await phoneField.press('Enter');
  await expect(olga.page.getByRole('status')).toHaveText('1 result.');
  await expect(olga.page.locator('main')).toContainText('Protect reporting persons from retaliation');
  await expect(olga.page.locator('main')).not.toContainText('Sanctions for retaliation');
  await expect(olga.page.locator('main')).not.toContainText(marker);
  const widths = await olga.page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll, 'no horizontal overflow at 390×844').toBeLessThanOrEqual(widths.client);
  await olga.page.screenshot({ path: `${shots}/observer-phone-results.png`, fullPage: true });

  await olga.page.goto(`/search?q=${marker}`);
  await expect(olga.page.getByRole('status')).toHaveText(`Nothing found for “${marker}”.`);
  await expect(olga.page.locator('.search-results')).toBeEmpty();
  await olga.page.screenshot({ path: `${shots}/observer-phone-nothing.png`, fullPage: true });
  expect(errors).toEqual([]);
});
