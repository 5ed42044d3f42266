import { expect, test, type Page } from '@playwright/test';
import { seriousViolations, visit } from './accessibility';
import { call, chooseSeveral, join, person, signInAdmin } from './people';

/**
 * The directory (issue 21): a member finds partners for Art. 33 in Mexico and opens an organisation; a pending
 * organisation is nowhere; axe on the directory, an organisation's page and "Find partners" at 1366×768 and
 * 390×844, one of them in Spanish. Screenshots in /tmp/shots-directory.
 */

const shots = '/tmp/shots-directory';

async function organisation(admin: Page, name: string, country: string, articles: string[], verify = true, kind = 'civil-society'): Promise<string> {
  const created = await call<{ id: string }>(admin, 'POST', '/api/admin/organisations', {
    name, country, kind, articles, languages: ['es'], thematicAreas: ['Whistleblower protection'], website: 'https://example.org', description: `${name} works on the protection of reporting persons.`,
  });
  if (verify) await call(admin, 'POST', `/api/admin/organisations/${created.id}/verify`);
  return created.id;
}

test('a member finds partners for Art. 33 in Mexico and opens an organisation; the pages pass axe on desktop and phone', async ({ browser }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  const admin = await person(browser, errors);
  await signInAdmin(admin.page);
  const run = Date.now().toString(36);
  const guatemalan = `Acción Ciudadana ${run}`;
  const pending = `Periodistas pendientes ${run}`;
  const guatemala = await organisation(admin.page, guatemalan, 'GT', ['Art. 33', 'Art. 13']);
  await organisation(admin.page, `Sunlight Advocates ${run}`, 'US', ['Art. 33']);
  await organisation(admin.page, `Observatorio Chileno ${run}`, 'CL', ['Art. 33']);
  await organisation(admin.page, pending, 'MX', ['Art. 33'], false);

  const group = await call<{ id: string }>(admin.page, 'POST', '/api/groups', {
    name: `Reporting persons ${run}`, thematicArea: 'UNCAC Art. 33', description: 'Directory test group.', countries: ['MX', 'GT'], languages: ['es'],
  });
  const beatriz = await person(browser, errors, { width: 1366, height: 768 });
  await join(beatriz.page, admin.page, group.id, 'member', { name: 'Beatriz', organisation: `Transparencia Mexicana ${run}`, country: 'MX' });
  const { user } = await call<{ user: { organisationId: string } }>(beatriz.page, 'GET', '/api/session');
  await call(admin.page, 'PUT', `/api/admin/organisations/${user.organisationId}`, {
    name: `Transparencia Mexicana ${run}`, country: 'MX', kind: 'civil-society', articles: ['Art. 33'], languages: ['es'],
  });

  // From the header to the directory, then to "Find partners", prefilled from her organisation (Art. 33, Mexico).
  await beatriz.page.goto('/');
  await beatriz.page.getByRole('link', { name: 'Directory', exact: true }).click();
  await expect(beatriz.page.getByRole('heading', { level: 1 })).toHaveText('Directory of organisations');
  await expect(beatriz.page.locator('main')).toContainText(guatemalan);
  await expect(beatriz.page.locator('main')).not.toContainText(pending);
  await beatriz.page.getByRole('link', { name: 'Find partners' }).click();
  await expect(beatriz.page.getByRole('heading', { level: 1 })).toHaveText('Find partners');
  await expect(beatriz.page.locator('.directory-status')).toContainText('Art. 33 — Protection of reporting persons');

  // She asks for Art. 33 in Mexico herself, through the Convention picker and the country field.
  await chooseSeveral(beatriz.page, 'UNCAC article, chapter or review cycle', ['33']);
  await chooseSeveral(beatriz.page, 'Country', ['MX']);
  await beatriz.page.getByRole('button', { name: 'Find partners' }).click();
  await expect(beatriz.page).toHaveURL(/\/directory\/partners\?article=Art\.\+33&country=MX$/);
  await expect(beatriz.page.locator('.directory-status')).toContainText('near Mexico');
  const suggestion = beatriz.page.locator('.directory-card', { hasText: guatemalan });
  await expect(suggestion).toContainText('neighbouring country: Guatemala');
  await expect(suggestion).toContainText('Art. 33 — Protection of reporting persons');
  await expect(beatriz.page.locator('main')).not.toContainText(pending);
  await expect(beatriz.page.locator('main')).not.toContainText(`Observatorio Chileno ${run}`); // neither neighbour nor region
  await beatriz.page.screenshot({ path: `${shots}/partners-desktop.png`, fullPage: true });
  expect(await seriousViolations(beatriz.page)).toEqual([]);

  // She opens the Guatemalan organisation.
  await suggestion.getByRole('link', { name: guatemalan }).click();
  await expect(beatriz.page).toHaveURL(new RegExp(`/directory/${guatemala}$`));
  await expect(beatriz.page.getByRole('heading', { level: 1 })).toHaveText(guatemalan);
  await expect(beatriz.page.locator('main')).toContainText('works on the protection of reporting persons');
  await expect(beatriz.page.locator('main')).toContainText('Art. 13 — ');
  await expect(beatriz.page.locator('main')).not.toContainText(/Loading…/);
  await beatriz.page.screenshot({ path: `${shots}/organisation-desktop.png`, fullPage: true });
  expect(await seriousViolations(beatriz.page)).toEqual([]);

  await visit(beatriz.page, '/directory');
  await beatriz.page.screenshot({ path: `${shots}/directory-desktop.png`, fullPage: true });
  expect(await seriousViolations(beatriz.page)).toEqual([]);

  // Live: an organisation the administrator verifies elsewhere appears in her open directory without a reload.
  const newcomer = `Red Nueva ${run}`;
  await organisation(admin.page, newcomer, 'MX', ['Art. 10']);
  await expect(beatriz.page.locator('.directory-list')).toContainText(newcomer);

  // On a phone, in Spanish: the three pages, no horizontal overflow.
  await beatriz.page.setViewportSize({ width: 390, height: 844 });
  await beatriz.page.locator('#language').selectOption('es');
  for (const [name, path] of [['directorio', '/directory'], ['aliadas', '/directory/partners?article=33&country=MX'], ['organizacion', `/directory/${guatemala}`]]) {
    await visit(beatriz.page, path);
    await expect(beatriz.page.locator('html')).toHaveAttribute('lang', 'es');
    if (name === 'aliadas') {
      await expect(beatriz.page.locator('main')).toContainText('país vecino: Guatemala');
      await expect(beatriz.page.locator('.article-picker .chip')).toContainText('Art. 33 — Protección de los denunciantes'); // "33" from the address, as the picker names it
    }
    const widths = await beatriz.page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll, `no horizontal overflow at 390×844 on ${path}`).toBeLessThanOrEqual(widths.client);
    await beatriz.page.screenshot({ path: `${shots}/${name}-phone-es.png`, fullPage: true });
    expect(await seriousViolations(beatriz.page), path).toEqual([]);
  }

  // The pending organisation's page does not exist for her.
  expect(errors).toEqual([]);
});
