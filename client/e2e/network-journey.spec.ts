import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { seriousViolations, visit } from './accessibility';
import { call, chooseSeveral, join, person, signInAdmin } from './people';

/**
 * Issue 21's journey, acceptance 6: a member finds partners for Art. 33 in Mexico, opens an organisation, shares a
 * parallel report (PDF) with the whole network and a note with her group only, and cites the report in an adopted
 * recommendation; an observer of another group, on a phone in Spanish, sees the report but neither the note, nor the
 * recommendation that cites it, nor anything of a group she is not in. Screenshots in /tmp/shots-journey.
 */

const shots = '/tmp/shots-journey';
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function noOverflow(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll, `page wider than the screen at ${page.url()}`).toBeLessThanOrEqual(widths.client);
}

test('partners for Art. 33 in Mexico, a parallel report shared and cited; an observer of another group sees only what is for the network', async ({ browser }) => {
  test.setTimeout(240_000);
  mkdirSync(shots, { recursive: true });
  const errors: string[] = [];
  const run = Date.now().toString(36);
  const admin = await person(browser, errors);
  await signInAdmin(admin.page);

  const partner = `Acción Ciudadana ${run}`;
  const { id: partnerId } = await call<{ id: string }>(admin.page, 'POST', '/api/admin/organisations', {
    name: partner, country: 'GT', kind: 'civil-society', articles: ['Art. 33'], languages: ['es'], thematicAreas: ['Whistleblower protection'],
    description: 'Accompanies reporting persons in Guatemala.',
  });
  await call(admin.page, 'POST', `/api/admin/organisations/${partnerId}/verify`);

  const groupName = `Reporting persons in Mexico ${run}`;
  const group = await call<{ id: string }>(admin.page, 'POST', '/api/groups', {
    name: groupName, thematicArea: 'UNCAC Art. 33', description: 'Journey test group.', countries: ['MX', 'GT'], languages: ['es'],
  });
  const otherGroup = await call<{ id: string }>(admin.page, 'POST', '/api/groups', {
    name: `Asset recovery ${run}`, thematicArea: 'UNCAC Art. 57', description: 'Another group.', countries: ['BR'], languages: ['pt'],
  });

  const beatriz = await person(browser, errors, { width: 1366, height: 768 });
  await join(beatriz.page, admin.page, group.id, 'member', { name: 'Beatriz', organisation: `Transparencia Mexicana ${run}`, country: 'MX' });
  const { user } = await call<{ user: { organisationId: string } }>(beatriz.page, 'GET', '/api/session');
  await call(admin.page, 'PUT', `/api/admin/organisations/${user.organisationId}`, {
    name: `Transparencia Mexicana ${run}`, country: 'MX', kind: 'civil-society', articles: ['Art. 33'], languages: ['es'],
  });
  const recommendationTitle = `Protect reporting persons from retaliation ${run}`;
  const { recommendation } = await call<{ recommendation: { id: string } }>(beatriz.page, 'POST', `/api/groups/${group.id}/recommendations`, {
    title: recommendationTitle, thematicArea: 'Whistleblower protection', articles: ['Art. 33'], addressees: ['Congress'],
    countries: ['MX'], visibility: 'members', body: 'States should protect **reporting persons**.',
  });
  for (const to of ['under-discussion', 'proposed-for-adoption', 'adopted']) {
    await call(admin.page, 'POST', `/api/recommendations/${recommendation.id}/transitions`, { to });
  }

  const olga = await person(browser, errors, { width: 390, height: 844 });
  await olga.page.addInitScript(() => localStorage.setItem('workspace.language', 'es'));
  await join(olga.page, admin.page, otherGroup.id, 'observer', { name: 'Olga', organisation: `Embajada ${run}`, country: 'BR' });

  // 1. Beatriz finds partners for Art. 33 in Mexico (prefilled from her organisation) and opens the Guatemalan one.
  const page = beatriz.page;
  await visit(page, '/directory');
  await page.getByRole('link', { name: 'Find partners' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find partners');
  await expect(page.locator('.directory-status')).toContainText('Art. 33 — Protection of reporting persons');
  await expect(page.locator('.directory-status')).toContainText('Mexico');
  const suggestion = page.locator('.directory-card', { hasText: partner });
  await expect(suggestion).toContainText('neighbouring country: Guatemala');
  await page.screenshot({ path: `${shots}/1-partners-desktop.png`, fullPage: true });
  await suggestion.getByRole('link', { name: partner }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(partner);
  await expect(page.locator('main')).toContainText('Accompanies reporting persons in Guatemala.');
  expect(await seriousViolations(page)).toEqual([]);

  // 2. She shares a parallel report (PDF) with the whole network, articles picked from the Convention.
  const report = `Parallel report on reporting persons ${run}`;
  await visit(page, '/library/new');
  await page.getByLabel(/^Title/).fill(report);
  await page.getByLabel(/^Summary/).fill('What the **country review** missed on reporting persons.');
  await page.getByLabel(/^Kind/).selectOption('parallel-report');
  await chooseSeveral(page, 'Countries', ['MX']);
  const articles = page.getByRole('combobox', { name: 'Articles of the Convention', exact: true });
  await articles.fill('33');
  await articles.press('Enter');
  await expect(page.locator('.chip', { hasText: 'Art. 33 — Protection of reporting persons' })).toBeVisible();
  await page.getByLabel('Files (optional)').setInputFiles({ name: 'informe-paralelo.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(page).toHaveURL(/\/library\/[0-9a-f-]{36}$/);
  const reportId = page.url().split('/').at(-1)!;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(report);
  await expect(page.locator('main')).toContainText('Art. 33 — Protection of reporting persons');
  await page.screenshot({ path: `${shots}/2-shared-desktop.png`, fullPage: true });

  // … and a note for her group only.
  const note = `Group notes on witnesses ${run}`;
  await visit(page, '/library/new');
  await page.getByLabel(/^Title/).fill(note);
  await page.getByLabel(/^Summary/).fill('Only for the group.');
  await page.getByLabel(/^Kind/).selectOption('lesson-learned');
  await page.getByLabel(/^Who can read it/).selectOption({ label: `Only for ${groupName}` });
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(note);
  const noteId = page.url().split('/').at(-1)!;

  // 3. She cites the report in the adopted recommendation; the report shows where it is cited.
  await page.goto(`/recommendations/${recommendation.id}`);
  const library = page.getByRole('region', { name: 'From the library' });
  await library.getByText('Cite from the library').click();
  await library.getByLabel('Find an entry').fill('parallel report');
  await library.getByRole('button', { name: 'Search', exact: true }).click();
  await library.getByRole('button', { name: `Cite “${report}”` }).click();
  await expect(library.getByRole('link', { name: report })).toBeVisible();
  // … and in its follow-up in Mexico.
  await library.getByLabel('Cite for').selectOption({ label: 'Its follow-up in Mexico' });
  await library.getByRole('button', { name: `Cite “${report}”` }).click();
  await expect(library.locator('.library-cited li', { hasText: 'follow-up: Mexico' })).toBeVisible();
  await page.screenshot({ path: `${shots}/3-cited-desktop.png`, fullPage: true });
  await library.getByRole('link', { name: report }).first().click();
  await expect(page.locator('.library-citations')).toContainText(recommendationTitle);
  expect(await seriousViolations(page)).toEqual([]);

  // 4. Olga, observer of another group, on a phone in Spanish: the report is there, the note is not.
  const phone = olga.page;
  await visit(phone, '/library');
  await expect(phone.locator('html')).toHaveAttribute('lang', 'es');
  await expect(phone.locator('main')).toContainText(report);
  await expect(phone.locator('main')).not.toContainText(note);
  await noOverflow(phone);
  expect(await seriousViolations(phone)).toEqual([]);
  await phone.screenshot({ path: `${shots}/4-library-phone-es.png`, fullPage: true });

  // The report opens; where it is cited is counted, never named (she cannot open that group).
  await phone.locator('.library-item h2 a', { hasText: report }).click();
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText(report);
  const [download] = await Promise.all([phone.waitForEvent('download'), phone.getByRole('link', { name: 'informe-paralelo.pdf' }).click()]);
  expect(download.suggestedFilename()).toBe('informe-paralelo.pdf');
  await expect(phone.locator('main')).toContainText('También citada en 2 lugares que usted no puede abrir.');
  await expect(phone.locator('main')).not.toContainText(recommendationTitle);
  await expect(phone.locator('.library-citations')).toHaveCount(0);
  await noOverflow(phone);
  expect(await seriousViolations(phone)).toEqual([]);
  await phone.screenshot({ path: `${shots}/5-report-phone-es.png`, fullPage: true });

  // The note's address says there is no such entry (its 404 is the one console error allowed).
  olga.allowed.push(/status of 404/);
  await visit(phone, `/library/${noteId}`);
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Entrada no encontrada');
  await expect(phone.locator('main')).not.toContainText(note);
  olga.allowed.pop();

  // Beatriz's organisation: its profile, but no group or recommendation of a group Olga is not in.
  await visit(phone, `/directory/${user.organisationId}`);
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText(`Transparencia Mexicana ${run}`);
  await expect(phone.locator('main')).not.toContainText(groupName);
  await expect(phone.locator('main')).not.toContainText(recommendationTitle);
  await expect(phone.locator('main')).toContainText(report); // shared in the library, with the whole network
  await expect(phone.locator('main')).not.toContainText(note);
  await noOverflow(phone);
  await phone.screenshot({ path: `${shots}/6-organisation-phone-es.png`, fullPage: true });

  // The network view of Art. 33 in Mexico: the report and the organisations, no recommendation of that group.
  await visit(phone, '/network?scope=33&country=MX');
  await expect(phone.locator('main')).toContainText(report);
  await expect(phone.locator('main')).not.toContainText(recommendationTitle);
  await expect(phone.locator('main')).not.toContainText(note);
  await noOverflow(phone);
  expect(await seriousViolations(phone)).toEqual([]);
  await phone.screenshot({ path: `${shots}/7-network-phone-es.png`, fullPage: true });

  // Everything Olga's browser was sent on these pages, searched for what is not hers to see.
  const answers = await Promise.all([
    `/api/library?q=${encodeURIComponent(run)}`, `/api/library/${reportId}`, `/api/directory/${user.organisationId}`,
    '/api/network/articles?scope=33&country=MX', '/api/network/grid',
  ].map(async (path) => (await phone.request.get(path)).text()));
  for (const answer of answers) {
    expect(answer).not.toContain(note);
    expect(answer).not.toContain(recommendationTitle);
    expect(answer).not.toContain(groupName);
    expect(answer).not.toContain(recommendation.id);
  }

  expect(errors).toEqual([]);
});
