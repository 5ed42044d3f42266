import { expect, test } from '@playwright/test';
import { seriousViolations, visit } from './accessibility';
import { call, join, person, signInAdmin } from './people';

/**
 * The Convention everywhere (issue 21): a member picks Art. 33 for a recommendation with the keyboard alone and
 * sees it titled after a reload; the board's article filter takes a review cycle; /convention in Spanish shows the
 * Spanish titles, and has no serious accessibility finding on a laptop or a phone.
 */

const shots = 'test-results/screenshots';

test('articles picked by keyboard and shown with titles; a cycle filters the board; /convention in Spanish, accessible', async ({ browser }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  const admin = await person(browser, errors);
  await signInAdmin(admin.page);
  const group = await call<{ id: string }>(admin.page, 'POST', '/api/groups', {
    name: 'Convention desk', thematicArea: 'UNCAC', description: 'Articles picked from the Convention.', countries: ['MX', 'PE'], languages: ['es'],
  });
  const member = await person(browser, errors);
  await join(member.page, admin.page, group.id, 'member', { name: 'Beatriz', organisation: 'Transparencia Mexicana', country: 'MX' });
  const create = (title: string, articles: string[]) => call<{ recommendation: { id: string } }>(member.page, 'POST', `/api/groups/${group.id}/recommendations`, {
    title, thematicArea: 'Integrity', articles, addressees: ['Congress'], countries: ['MX'], visibility: 'members', body: 'Text.',
  });
  const reporting = await create('Protect reporting persons', []);
  await create('Codes of conduct for judges', ['Art. 8.4']);
  await create('Asset recovery desk', ['Art. 57']);

  // Keyboard only: open the facts form, type the number, Enter picks it, Enter again saves.
  const page = member.page;
  await visit(page, `/recommendations/${reporting.recommendation.id}`);
  await page.getByText('Edit details', { exact: true }).focus();
  await page.keyboard.press('Enter');
  const articles = page.getByRole('combobox', { name: 'UNCAC articles' });
  await articles.focus();
  await page.keyboard.type('33');
  await expect(page.getByRole('option', { name: 'Art. 33 — Protection of reporting persons' })).toBeVisible();
  await page.keyboard.press('Enter');
  const chips = articles.locator('xpath=..').locator('.chip');
  await expect(chips).toHaveCount(1);
  await expect(chips.first()).toContainText('Art. 33 — Protection of reporting persons');
  // A paragraph too, typed as people write it.
  await page.keyboard.type('art 33.2');
  await page.keyboard.press('Enter');
  await expect(chips).toHaveCount(2);
  await expect(chips.nth(1)).toContainText('Art. 33.2 — Protection of reporting persons');
  await page.keyboard.press('Backspace');
  await expect(chips).toHaveCount(1);
  await page.keyboard.press('Enter');
  const facts = page.locator('dl.facts');
  await expect(facts).toContainText('Art. 33 — Protection of reporting persons');
  await page.reload();
  await expect(page.locator('dl.facts')).toContainText('Art. 33 — Protection of reporting persons');
  expect((await call<{ recommendation: { articles: string[] } }>(page, 'GET', `/api/recommendations/${reporting.recommendation.id}`)).recommendation.articles).toEqual(['Art. 33']);

  // The board: rows show the short reference, the titles for screen readers; "cycle 2" keeps chapters II and V.
  await visit(page, `/groups/${group.id}/recommendations`);
  const rows = page.locator('.rec-row .rec-link');
  await expect(rows).toHaveCount(3);
  await expect(page.locator('.rec-row', { hasText: 'Codes of conduct' }).locator('.articles .visually-hidden')).toHaveText('Art. 8.4 — Codes of conduct for public officials');
  await page.getByText('Filters', { exact: true }).click();
  const filter = page.getByRole('combobox', { name: 'Article', exact: true });
  await filter.fill('cycle 2');
  await expect(page.getByRole('option', { name: 'Cycle 2: chapters II and V' })).toBeVisible();
  await filter.press('Enter');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/article=cycle%3A2/);
  // The board's own order (latest change first) is not what is tested here: only which rows remain.
  await expect.poll(async () => (await rows.allInnerTexts()).sort()).toEqual(['Asset recovery desk', 'Codes of conduct for judges']);
  await expect(page.getByRole('combobox', { name: 'Article', exact: true }).locator('xpath=..').locator('.chip')).toContainText('Cycle 2: chapters II and V');

  // /convention in Spanish, on a laptop and on a phone.
  for (const [name, viewport] of [['laptop', { width: 1366, height: 768 }], ['phone', { width: 390, height: 844 }]] as const) {
    await page.setViewportSize(viewport);
    await visit(page, '/convention');
    if (name === 'laptop') {
      await expect(page.getByRole('link', { name: 'The Convention', exact: true })).toHaveAttribute('href', '/convention');
      await page.getByLabel('Language').selectOption('es');
      await expect(page.locator('main h1')).toHaveText('Convención de las Naciones Unidas contra la Corrupción');
    }
    await expect(page.getByRole('link', { name: 'Art. 33 — Protección de los denunciantes' })).toHaveAttribute('href', '/network?scope=33');
    await expect(page.getByRole('heading', { level: 2, name: 'Capítulo III — Penalización y aplicación de la ley' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Capítulo III — Penalización y aplicación de la ley' })).toHaveAttribute('href', '/network?scope=chapter%3AIII');
    await expect(page.locator('.convention-chapter')).toHaveCount(8);
    expect(await seriousViolations(page), `axe on /convention (${name})`).toEqual([]);
    await page.screenshot({ path: `${shots}/convention-es-${name}.png`, fullPage: name === 'laptop' });
  }

  // The cycle filter: cycle 2 is chapters II and V, 19 articles.
  await page.getByLabel('Ciclo de examen').selectOption('2');
  await expect(page).toHaveURL(/\/convention\?cycle=2$/);
  await expect(page.locator('.convention-chapter h2')).toHaveText(['Capítulo II — Medidas preventivas', 'Capítulo V — Recuperación de activos']);
  await expect(page.locator('.convention-articles li')).toHaveCount(19);
  await page.screenshot({ path: `${shots}/convention-es-phone-cycle2.png` });

  expect(errors).toEqual([]);
  await member.context.close();
  await admin.context.close();
});
