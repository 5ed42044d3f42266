import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { seriousViolations, visit } from './accessibility';
import { call, chooseSeveral, join, person, signInAdmin } from './people';

/**
 * The library of practice in a real browser: a member shares a parallel report (PDF) with the network, finds it by
 * its filters, downloads it (an attachment, never opened in the page) and cites it from an adopted recommendation;
 * axe-core on the library's pages, and a phone where nothing is wider than the screen (one in Spanish).
 */

const shots = '/tmp/shots-library';
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function noOverflow(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll, 'page wider than the screen').toBeLessThanOrEqual(widths.client);
}

test('share a PDF parallel report, find it by filters, download it, cite it in a recommendation', async ({ browser }) => {
  test.setTimeout(150_000);
  mkdirSync(shots, { recursive: true });
  const errors: string[] = [];
  const admin = await person(browser, errors);
  await signInAdmin(admin.page);
  const group = await call<{ id: string }>(admin.page, 'POST', '/api/groups', {
    name: 'Whistleblower protection in Mexico', thematicArea: 'UNCAC Art. 33', description: 'Library test group.', countries: ['MX'], languages: ['es'],
  });
  const beatriz = await person(browser, errors);
  await join(beatriz.page, admin.page, group.id, 'member', { name: 'Beatriz', organisation: 'Transparencia Mexicana', country: 'MX' });
  const { recommendation } = await call<{ recommendation: { id: string } }>(beatriz.page, 'POST', `/api/groups/${group.id}/recommendations`, {
    title: 'Protect reporting persons from retaliation', thematicArea: 'Whistleblower protection', articles: ['Art. 33'], addressees: ['Congress'],
    countries: ['MX'], visibility: 'members', body: 'States should protect **reporting persons**.',
  });
  for (const to of ['under-discussion', 'proposed-for-adoption', 'adopted']) {
    await call(admin.page, 'POST', `/api/recommendations/${recommendation.id}/transitions`, { to });
  }

  // Share: the form, a file with its progress, then the entry's page.
  const page = beatriz.page;
  await visit(page, '/library/new');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel(/^Title/).fill('Parallel report: whistleblower protection in Mexico');
  await page.getByLabel(/^Summary/).fill('What the **review** missed on *reporting persons*.');
  await page.getByLabel(/^Kind/).selectOption('parallel-report');
  await chooseSeveral(page, 'Countries', ['MX']);
  await page.getByLabel('Files (optional)').setInputFiles({ name: 'informe-paralelo.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(page).toHaveURL(/\/library\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Parallel report: whistleblower protection in Mexico');
  await expect(page.locator('.library-summary strong')).toHaveText('review');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: `${shots}/entry-desktop.png`, fullPage: true });

  // Download: an attachment with its name, the bytes as sent.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'informe-paralelo.pdf' }).click()]);
  expect(download.suggestedFilename()).toBe('informe-paralelo.pdf');

  // Find it by its filters.
  await visit(page, '/library');
  await page.getByLabel('Kind', { exact: true }).selectOption('parallel-report');
  await page.getByLabel('Country', { exact: true }).selectOption('MX');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(/kind=parallel-report/);
  await expect(page.locator('.library-status')).toHaveText('1 entry.');
  await expect(page.locator('.library-item h2 a')).toHaveText(['Parallel report: whistleblower protection in Mexico']);
  await expect(page.locator('.library-item')).toContainText('used once');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: `${shots}/search-desktop.png`, fullPage: true });

  // Cite it from the adopted recommendation's thread.
  await page.goto(`/recommendations/${recommendation.id}`);
  const library = page.getByRole('region', { name: 'From the library' });
  await expect(library).toContainText('cites no library entry yet');
  await library.getByText('Cite from the library').click();
  await library.getByLabel('Find an entry').fill('whistleblower');
  await library.getByRole('button', { name: 'Search', exact: true }).click();
  await library.getByRole('button', { name: 'Cite “Parallel report: whistleblower protection in Mexico”' }).click();
  await expect(library.getByRole('link', { name: 'Parallel report: whistleblower protection in Mexico' })).toBeVisible();
  await page.screenshot({ path: `${shots}/thread-cited.png`, fullPage: true });

  // The entry shows where it is cited.
  await library.getByRole('link', { name: 'Parallel report: whistleblower protection in Mexico' }).click();
  await expect(page.locator('.library-citations')).toContainText('Protect reporting persons from retaliation');

  // On a phone, in Spanish: the library and the entry fit the screen and pass axe.
  const phone = await person(browser, errors, { width: 390, height: 844 });
  await phone.page.addInitScript(() => localStorage.setItem('workspace.language', 'es'));
  await call(phone.page, 'POST', '/api/auth/sign-in', { email: 'admin@roundtable.example', password: 'correct horse battery staple' });
  await visit(phone.page, '/library');
  await expect(phone.page.getByRole('heading', { level: 1 })).toHaveText('Biblioteca de prácticas');
  await noOverflow(phone.page);
  expect(await seriousViolations(phone.page)).toEqual([]);
  await phone.page.screenshot({ path: `${shots}/search-phone-es.png`, fullPage: true });
  await phone.page.locator('.library-item h2 a').first().click();
  await expect(phone.page.getByRole('heading', { level: 1 })).toBeVisible();
  await noOverflow(phone.page);
  expect(await seriousViolations(phone.page)).toEqual([]);
  await phone.page.screenshot({ path: `${shots}/entry-phone-es.png`, fullPage: true });

  expect(errors).toEqual([]);
});
