import { expect, test, type Page } from '@playwright/test';
import { seriousViolations, visit } from './accessibility';
import { call, join, person, signInAdmin } from './people';

/**
 * The network view (issue 21): a facilitator of two groups opens /network from the header, reads the grid of
 * countries × articles, follows a cell to its view (the adopted recommendations with their follow-up, the thread a
 * link away); on a phone, in Portuguese, the grid scrolls in its own region without the page overflowing. Axe on each.
 */

const shots = '/tmp/shots-network';

async function adopted(page: Page, groupId: string, title: string, articles: string[], countries: string[], updates: [string, string, string][]) {
  const { recommendation } = await call<{ recommendation: { id: string } }>(page, 'POST', `/api/groups/${groupId}/recommendations`, {
    title, thematicArea: 'Whistleblower protection', articles, addressees: ['Congress'], countries, visibility: 'observers', body: `${title}.`,
  });
  for (const to of ['under-discussion', 'proposed-for-adoption', 'adopted']) await call(page, 'POST', `/api/recommendations/${recommendation.id}/transitions`, { to });
  for (const [country, status, date] of updates) {
    await call(page, 'POST', `/api/recommendations/${recommendation.id}/follow-up`, { country, status, date, note: 'Reported.', evidence: [] });
  }
  return recommendation.id;
}

test('the network grid: a cell followed to its view; a phone in Portuguese scrolls the grid in its own region', async ({ browser }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  const admin = await person(browser, errors);
  await signInAdmin(admin.page);
  const groups = await Promise.all(['Whistleblower protection network', 'Asset recovery network'].map((name) => call<{ id: string }>(admin.page, 'POST', '/api/groups', {
    name, thematicArea: 'UNCAC', description: 'Network test group.', countries: ['MX', 'BR', 'PE'], languages: ['es', 'pt'],
  })));
  const fernanda = await person(browser, errors, { width: 1366, height: 768 });
  await join(fernanda.page, admin.page, groups[0].id, 'facilitator', { name: 'Fernanda', organisation: 'Red Ciudadana', country: 'MX' });
  const invitation = await call<{ url: string }>(admin.page, 'POST', `/api/groups/${groups[1].id}/invitations`, { role: 'facilitator', expiresInDays: 7, maxUses: 1 });
  await call(fernanda.page, 'POST', `/api/invitations/${invitation.url.split('/').at(-1)}/accept`);

  const protect = await adopted(fernanda.page, groups[0].id, 'Protect reporting persons in law', ['Art. 33'], ['MX', 'BR'], [['MX', 'implemented', '2026-06-01']]);
  await adopted(fernanda.page, groups[0].id, 'Confidential reporting channels', ['Art. 33.2', 'Art. 8.4'], ['MX', 'PE'], [['PE', 'partially-implemented', '2026-05-10']]);
  await adopted(fernanda.page, groups[1].id, 'Return of confiscated assets', ['Art. 57'], ['BR'], [['BR', 'in-progress', '2026-04-01']]);

  // From the header to the grid: a table with its caption, chapters as column groups, countries as row headers.
  const page = fernanda.page;
  const missing: string[] = [];
  page.on('response', (r) => { if (r.status() === 404) missing.push(new URL(r.url()).pathname); });
  await visit(page, '/');
  await page.getByRole('link', { name: 'Network', exact: true }).click();
  await expect(page).toHaveURL(/\/network$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Network' })).toBeVisible();
  const grid = page.getByRole('table', { name: /Adopted recommendations by country and article/ });
  await expect(grid).toBeVisible();
  await expect(grid.getByRole('columnheader', { name: /Chapter III — Criminalization and law enforcement/ })).toBeVisible();
  await expect(grid.getByRole('rowheader', { name: 'Mexico' })).toBeVisible();
  await expect(grid.getByRole('rowheader', { name: 'Brazil' })).toBeVisible();
  await expect(grid.locator('th[scope="col"]')).toHaveCount(5); // country, Art. 8, Art. 33, Art. 57, total
  await expect(page.getByRole('region', { name: /Adopted recommendations by country and article/ })).toHaveAttribute('tabindex', '0');
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${shots}/grid-desktop.png`, fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);

  // A cell, named in full, followed to its view: both Mexican recommendations on Art. 33 with their follow-up.
  const cell = grid.getByRole('link', { name: 'Mexico, Art. 33 — Protection of reporting persons: 2 adopted, worst: not started, best: implemented', exact: true });
  await expect(cell).toBeVisible();
  await cell.click();
  await expect(page).toHaveURL(/\/network\?scope=33&country=MX$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Art. 33 — Protection of reporting persons · Mexico' })).toBeVisible();
  await expect(page.getByText('2 adopted recommendations.')).toBeVisible();
  const item = page.locator('.network-recs > li').filter({ hasText: 'Protect reporting persons in law' });
  await expect(item).toContainText('Group: Whistleblower protection network');
  await expect(item).toContainText('Mexico:');
  await expect(item).toContainText('Implemented');
  await expect(item).not.toContainText('Brazil'); // only the asked country
  await expect(page.locator('.network-recs > li').filter({ hasText: 'Confidential reporting channels' })).toContainText('Not started');
  await expect(page.locator('.combobox[data-field="scope"] .chip')).toHaveText([/Art\. 33 — Protection of reporting persons/]);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${shots}/view-desktop.png`, fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
  await item.getByRole('link', { name: 'Protect reporting persons in law' }).click();
  await expect(page).toHaveURL(new RegExp(`/recommendations/${protect}$`));

  // The scope picked from the Convention: one scope at a time (a chapter replaces the article), the country kept.
  await visit(page, '/network?scope=33&country=MX');
  const picker = page.getByRole('combobox', { name: 'Articles', exact: true });
  await picker.fill('Chapter II');
  await page.getByRole('option', { name: /^Chapter II — Preventive measures/ }).click();
  await picker.press('Escape');
  await expect(page.locator('.combobox[data-field="scope"] .chip')).toHaveText([/Chapter II — Preventive measures/]);
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page).toHaveURL(/\/network\?scope=chapter%3AII&country=MX$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Chapter II — Preventive measures · Mexico' })).toBeVisible();
  await expect(page.locator('.network-recs > li')).toHaveText([/Confidential reporting channels/]);

  // A phone, in Portuguese: the grid scrolls sideways inside its labelled region; the page itself does not overflow.
  const phone = fernanda;
  await phone.page.setViewportSize({ width: 390, height: 844 });
  await visit(phone.page, '/network');
  await phone.page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('pt');
  await expect(phone.page.getByRole('heading', { level: 1, name: 'Rede' })).toBeVisible();
  const region = phone.page.getByRole('region', { name: /Recomendações adotadas por país e artigo/ });
  await expect(region).toBeVisible();
  await expect(region.getByRole('link', { name: 'México, Art. 33 — Proteção aos denunciantes: 2 adotadas, pior: não iniciada, melhor: implementada', exact: true })).toBeAttached();
  const widths = await phone.page.evaluate(() => {
    const wrap = document.querySelector('.grid-wrap') as HTMLElement;
    return { page: document.documentElement.scrollWidth, viewport: window.innerWidth, inner: wrap.scrollWidth, wrap: wrap.clientWidth };
  });
  expect(widths.page).toBeLessThanOrEqual(widths.viewport);
  expect(widths.inner).toBeGreaterThan(widths.wrap);
  await region.focus();
  await phone.page.keyboard.press('ArrowRight');
  await phone.page.waitForTimeout(300);
  await phone.page.screenshot({ path: `${shots}/grid-phone-pt.png`, fullPage: true });
  expect(await seriousViolations(phone.page)).toEqual([]);

  await visit(phone.page, '/network?scope=chapter:III&country=MX');
  await expect(phone.page.getByRole('heading', { level: 1, name: /Capítulo III — .* · México/ })).toBeVisible();
  expect(await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await phone.page.screenshot({ path: `${shots}/view-phone-pt.png`, fullPage: true });
  expect(await seriousViolations(phone.page)).toEqual([]);

  expect(missing).toEqual([]); // the library and the directory answer every scope the picker sends
  expect(errors).toEqual([]);
});
