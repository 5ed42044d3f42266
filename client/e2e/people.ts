import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';

/** What every browser test needs: people in their own contexts, the REST API as they call it, the administrator, invitations. */

export const password = 'correct horse battery staple';

/**
 * A context whose console errors and page errors fail the test. Chromium logs every failed
 * request as a console error; `allowed` lets a step expect one (an observer asking for what
 * they may not see). `baseURL` sends the person through another address (a relay).
 */
export async function person(browser: Browser, errors: string[], viewport = { width: 1280, height: 860 }, baseURL?: string) {
  const context = await browser.newContext(baseURL ? { viewport, baseURL } : { viewport });
  const page = await context.newPage();
  const allowed: RegExp[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !allowed.some((a) => a.test(m.text()))) errors.push(`${m.text()} @ ${page.url()}`);
  });
  page.on('pageerror', (e) => errors.push(`${e.message} @ ${page.url()}`));
  return { context, page, allowed } as { context: BrowserContext; page: Page; allowed: RegExp[] };
}

/** Calls the REST API as the page's signed-in person (cookies and CSRF token as the client sends them). */
export async function call<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  if (!(await page.context().cookies()).some((c) => c.name === 'XSRF-TOKEN')) await page.request.get('/api/session');
  const token = (await page.context().cookies()).find((c) => c.name === 'XSRF-TOKEN')?.value ?? '';
  const response = await page.request.fetch(path, { method, data: body, headers: { 'X-XSRF-TOKEN': decodeURIComponent(token) } });
  expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBeTruthy();
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The administrator, set up on first run if this file runs alone. */
export async function signInAdmin(page: Page): Promise<void> {
  const session = await (await page.request.get('/api/session')).json() as { setupRequired: boolean };
  if (session.setupRequired) {
    await call(page, 'POST', '/api/setup', { token: 'e2e-setup-token-0123', email: 'admin@roundtable.example', password, displayName: 'Ana Administradora', organisation: 'Roundtable Secretariat', country: 'CR' });
  } else {
    await call(page, 'POST', '/api/auth/sign-in', { email: 'admin@roundtable.example', password });
  }
}

/**
 * Registers someone through an invitation the administrator (inviter) creates; the organisation they
 * type is verified and their tie confirmed by the administrator, so that they may record its stances.
 */
export async function join(page: Page, inviter: Page, groupId: string, role: string, who: { name: string; organisation: string; country: string }): Promise<void> {
  const invitation = await call<{ url: string }>(inviter, 'POST', `/api/groups/${groupId}/invitations`, { role, expiresInDays: 7, maxUses: 1 });
  const token = invitation.url.split('/').at(-1);
  const { user } = await call<{ user: { id: string; organisationId: string | null } }>(page, 'POST', `/api/invitations/${token}/register`, {
    email: `${who.name.toLowerCase()}.${Date.now()}@cso.example`, password, displayName: who.name, organisation: who.organisation, country: who.country,
  });
  if (user.organisationId) await vouch(inviter, user.organisationId, user.id);
}

/** The administrator verifies an organisation and confirms a person's tie to it. */
export async function vouch(admin: Page, organisationId: string, userId: string): Promise<void> {
  await call(admin, 'POST', `/api/admin/organisations/${organisationId}/verify`);
  await call(admin, 'POST', `/api/organisations/${organisationId}/people/${userId}/confirm`);
}

export const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

/** The editor's text, without the other people's cursor labels drawn inside it. */
export async function editorText(page: Page): Promise<string> {
  return page.locator('.cm-content').evaluate((content) => [...content.querySelectorAll('.cm-line')].map((line) => {
    const copy = line.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.remote-caret').forEach((caret) => caret.remove());
    return (copy.textContent ?? '').replace(/[\u200b\u2060\ufeff]/g, '');
  }).join('\n'));
}

/**
 * Makes exactly these the chosen options of a combobox with chips (countries, languages), as a person would:
 * Backspace takes off what a form chose beforehand, then each code is typed and chosen with Enter.
 */
export async function chooseSeveral(scope: Page | Locator, label: string, codes: string[]): Promise<void> {
  const input = scope.getByRole('combobox', { name: label, exact: true });
  await input.fill('');
  for (let chosen = await input.locator('xpath=..').locator('.chip').count(); chosen > 0; chosen--) await input.press('Backspace');
  for (const code of codes) {
    await input.fill(code);
    await input.press('Enter');
  }
}
