import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { editorText } from './people';

const password = 'correct horse battery staple';
const shots = 'test-results/screenshots';

/** A context whose console errors and page errors fail the test. */
async function person(browser: Browser, errors: string[], viewport = { width: 1280, height: 860 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${m.text()} @ ${page.url()}`); });
  page.on('pageerror', (e) => errors.push(`${e.message} @ ${page.url()}`));
  return { context, page };
}

/** Calls the REST API as the page's signed-in person (cookies and CSRF token as the client sends them). */
async function call<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  if (!(await page.context().cookies()).some((c) => c.name === 'XSRF-TOKEN')) await page.request.get('/api/session');
  const token = (await page.context().cookies()).find((c) => c.name === 'XSRF-TOKEN')?.value ?? '';
  const response = await page.request.fetch(path, { method, data: body, headers: { 'X-XSRF-TOKEN': decodeURIComponent(token) } });
  expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBeTruthy();
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The administrator, set up on first run if this file runs alone. */
async function signInAdmin(page: Page): Promise<void> {
  const session = await (await page.request.get('/api/session')).json() as { setupRequired: boolean };
  if (session.setupRequired) {
    await call(page, 'POST', '/api/setup', { token: 'e2e-setup-token-0123', email: 'admin@roundtable.example', password, displayName: 'Ana Administradora', organisation: 'Roundtable Secretariat', country: 'CR' });
  } else {
    await call(page, 'POST', '/api/auth/sign-in', { email: 'admin@roundtable.example', password });
  }
}

async function join(page: Page, inviter: Page, groupId: string, role: string, who: { name: string; organisation: string }): Promise<void> {
  const invitation = await call<{ url: string }>(inviter, 'POST', `/api/groups/${groupId}/invitations`, { role, expiresInDays: 7, maxUses: 1 });
  const token = invitation.url.split('/').at(-1);
  await call(page, 'POST', `/api/invitations/${token}/register`, {
    email: `${who.name.toLowerCase()}.${Date.now()}@cso.example`, password, displayName: who.name, organisation: who.organisation, country: 'MX',
  });
}

test('two members type into one document at once; an observer follows live and cannot type', async ({ browser }) => {
  const errors: string[] = [];
  const admin = await person(browser, errors);
  await signInAdmin(admin.page);
  const group = await call<{ id: string }>(admin.page, 'POST', '/api/groups', {
    name: 'Asset declarations', thematicArea: 'UNCAC Art. 8.5', description: 'Drafting the roundtable recommendations.', countries: ['MX', 'GT'], languages: ['es'],
  });

  // The administrator starts a document from the group page, visible to observers.
  await admin.page.goto(`/groups/${group.id}`);
  await admin.page.getByLabel('Title').fill('Recommendations on asset declarations');
  await admin.page.getByLabel('Who can read it').selectOption('observers');
  await admin.page.getByRole('button', { name: 'Create document' }).click();
  await expect(admin.page.getByRole('heading', { level: 1 })).toHaveText('Recommendations on asset declarations');
  const documentUrl = admin.page.url();

  const beatriz = await person(browser, errors);
  const carlos = await person(browser, errors);
  const olga = await person(browser, errors, { width: 390, height: 844 });
  await join(beatriz.page, admin.page, group.id, 'member', { name: 'Beatriz', organisation: 'Transparencia Mexicana' });
  await join(carlos.page, admin.page, group.id, 'member', { name: 'Carlos', organisation: 'Acción Ciudadana' });
  await join(olga.page, admin.page, group.id, 'observer', { name: 'Olga', organisation: 'UNODC' });

  for (const { page } of [beatriz, carlos, olga]) {
    await page.goto(documentUrl);
    await expect(page.locator('.live-status')).toHaveText('All changes saved');
  }

  // Both members type at the same time, on separate lines.
  await beatriz.page.locator('.cm-content').click();
  await beatriz.page.keyboard.type('# Asset declarations\n');
  await expect.poll(() => editorText(carlos.page)).toContain('# Asset declarations');
  await carlos.page.locator('.cm-content').click();
  await carlos.page.keyboard.press('Control+End');
  await Promise.all([
    beatriz.page.keyboard.type('Publish declarations of all senior officials. ', { delay: 15 }),
    carlos.page.keyboard.type('Verify them against registries. ', { delay: 15 }),
  ]);

  for (const { page } of [beatriz, carlos]) await expect(page.locator('.live-status')).toHaveText('All changes saved');
  await expect.poll(async () => (await editorText(beatriz.page)) === (await editorText(carlos.page)), { timeout: 15_000 }).toBe(true);
  const text = await editorText(beatriz.page);
  expect(text).toContain('Publish declarations of all senior officials.');
  expect(text).toContain('Verify them against registries.');

  // Each sees the other's cursor, with a name; everyone sees who is here, observers marked.
  await expect(beatriz.page.locator('.remote-caret-label', { hasText: 'Carlos' })).toBeAttached();
  await expect(carlos.page.locator('.remote-caret-label', { hasText: 'Beatriz' })).toBeAttached();
  await expect(beatriz.page.locator('.presence-person', { hasText: 'Olga' })).toContainText('Observer');

  // The preview beside the editor is the server's rendering of the Markdown.
  await expect(beatriz.page.locator('.preview h1')).toHaveText('Asset declarations');

  // The observer saw it all live, and on her phone reads the rendered text only: no Markdown source to type into.
  await expect.poll(() => editorText(olga.page)).toBe(text);
  await expect(olga.page.getByText('You are following this document as an observer')).toBeVisible();
  await expect(olga.page.locator('.cm-editor')).toBeHidden();
  await beatriz.page.keyboard.type('Done.');
  await expect.poll(() => editorText(olga.page)).toContain('Done.');
  await expect(olga.page.locator('.preview').first()).toContainText('Done.');

  await beatriz.page.screenshot({ path: `${shots}/10-member-editing.png`, fullPage: true });
  await carlos.page.screenshot({ path: `${shots}/11-second-member-editing.png`, fullPage: true });
  await olga.page.screenshot({ path: `${shots}/12-observer-following-phone.png`, fullPage: true });

  // History and authorship, as members see them.
  await beatriz.page.getByRole('button', { name: 'Show authors' }).click();
  await expect(beatriz.page.locator('.legend')).toContainText('Carlos');
  await beatriz.page.getByRole('button', { name: 'History' }).click();
  await expect(beatriz.page.locator('.history-entry').first()).toBeVisible();
  // Each entry names one revision, or a range that really is one ("revisions 40–40" would not be).
  for (const entry of await beatriz.page.locator('.history-entry .history-counts').allTextContents()) {
    const range = /\(revisions (\d+)–(\d+)\)$/.exec(entry);
    expect(range ? Number(range[1]) < Number(range[2]) : /\(revision \d+\)$/.test(entry), entry).toBe(true);
  }
  await beatriz.page.screenshot({ path: `${shots}/13-history.png`, fullPage: true });

  expect(errors).toEqual([]);
});
