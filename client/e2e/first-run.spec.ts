import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { chooseSeveral } from './people';

const password = 'correct horse battery staple';
const shots = 'test-results/screenshots';

/**
 * A browser context whose console errors and page errors fail the test. Chromium logs every
 * failed request as a console error; the 400s this test provokes on purpose (invalid forms)
 * are the only ones allowed.
 */
async function person(browser: Browser, errors: string[], viewport = { width: 1280, height: 800 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().includes('status of 400 (Bad Request)')) errors.push(`${m.text()} @ ${page.url()}`);
  });
  page.on('pageerror', (e) => errors.push(`${e.message} @ ${page.url()}`));
  return { context, page };
}

async function register(page: Page, link: string, who: { email: string; name: string; organisation: string; country: string }) {
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Invitation to Whistleblower protection');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('New password').fill(password);
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(who.name);
  await page.getByRole('combobox', { name: 'Organisation' }).fill(who.organisation);
  await page.getByRole('combobox', { name: 'Country', exact: true }).selectOption(who.country);
  await page.getByRole('button', { name: 'Create account and join' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Whistleblower protection');
}

async function createInvitation(page: Page, role: string): Promise<string> {
  await page.getByRole('tab', { name: 'Invitations' }).click();
  await page.getByLabel('Role', { exact: true }).selectOption(role);
  await page.getByLabel('Number of uses').fill('1');
  await page.getByRole('button', { name: 'Create invitation link' }).click();
  const link = page.locator('#invitation-link');
  await expect(link).toHaveValue(/\/invite\/[\w-]{40,}$/);
  return link.inputValue();
}

test('first-run setup, a group, and people joining it by invitation', async ({ browser }) => {
  const errors: string[] = [];
  const admin = await person(browser, errors);

  // First run: everything leads to setup; the one-time token comes from the link.
  await admin.page.goto('/setup?token=e2e-setup-token-0123');
  await expect(admin.page.getByRole('heading', { level: 1 })).toHaveText('Set up Workspace');
  await admin.page.screenshot({ path: `${shots}/01-setup.png`, fullPage: true });
  await admin.page.getByLabel('Email').fill('admin@roundtable.example');
  await admin.page.getByLabel('New password').fill(password);
  await admin.page.getByRole('textbox', { name: 'Name', exact: true }).fill('Ana Administradora');
  await admin.page.getByLabel('Organisation').fill('Roundtable Secretariat');
  await admin.page.getByLabel('Country').selectOption('CR');
  await admin.page.getByRole('button', { name: 'Create administrator' }).click();
  await expect(admin.page.getByRole('heading', { level: 1 })).toHaveText('Working groups');

  // The administrator creates a group; a form error is shown first, readably.
  await admin.page.getByRole('button', { name: 'Create working group' }).click();
  await expect(admin.page.getByRole('alert')).toContainText('Some fields need attention.');
  await expect(admin.page.getByText('This field is required.').first()).toBeVisible();
  await admin.page.getByLabel('Name of the group').fill('Whistleblower protection');
  await admin.page.getByLabel('Thematic area').fill('UNCAC Art. 33');
  await admin.page.getByLabel('Description').fill('Safe reporting channels across the region.');
  await chooseSeveral(admin.page, 'Countries', ['MX', 'BR', 'PE']);
  await chooseSeveral(admin.page, 'Languages', ['es', 'pt']);
  await admin.page.getByRole('button', { name: 'Create working group' }).click();
  await expect(admin.page.getByRole('heading', { level: 1 })).toHaveText('Whistleblower protection');

  // Facilitators (and the administrator) can edit the group's details later.
  await admin.page.getByRole('tab', { name: 'Settings' }).click();
  const details = admin.page.getByRole('region', { name: 'Group details' });
  await details.getByLabel('Description').fill('Safe, anonymous reporting channels across the region.');
  await details.getByRole('button', { name: 'Save details' }).click();
  await expect(admin.page.locator('.description')).toHaveText('Safe, anonymous reporting channels across the region.');

  const memberLink = await createInvitation(admin.page, 'member');
  await admin.page.screenshot({ path: `${shots}/02-admin-group-invitation.png`, fullPage: true });

  // A member opens the link in another browser, creates an account and sees the group.
  const member = await person(browser, errors);
  await register(member.page, memberLink, { email: 'mateo@cso.example', name: 'Mateo Rojas', organisation: 'Transparencia Perú', country: 'PE' });
  await member.page.getByRole('tab', { name: 'Members' }).click();
  const memberRow = member.page.getByRole('row', { name: /Mateo Rojas/ });
  await expect(memberRow).toContainText('Transparencia Perú');
  await expect(memberRow).toContainText('Member');
  await expect(member.page.getByRole('heading', { name: 'Invitation links' })).toHaveCount(0);
  await member.page.screenshot({ path: `${shots}/03-member-group.png`, fullPage: true });

  // The same link cannot be used twice.
  const late = await person(browser, errors);
  await late.page.goto(memberLink);
  await expect(late.page.getByText('already been used as many times as allowed')).toBeVisible();

  // An observer joins; they see the group but no management controls.
  await admin.page.reload();
  await admin.page.getByRole('tab', { name: 'Members' }).click();
  await expect(admin.page.getByRole('row', { name: /Mateo Rojas/ })).toBeVisible();
  const observerLink = await createInvitation(admin.page, 'observer');
  const observer = await person(browser, errors, { width: 390, height: 844 });
  await register(observer.page, observerLink, { email: 'greta@embassy.example', name: 'Greta Lind', organisation: 'Embassy of Sweden', country: 'SE' });
  await observer.page.getByRole('tab', { name: 'Members' }).click();
  await expect(observer.page.getByRole('row', { name: /Greta Lind/ })).toContainText('Observer');
  await expect(observer.page.getByRole('button', { name: /Remove/ })).toHaveCount(0);
  await expect(observer.page.getByRole('heading', { name: 'Audit log' })).toHaveCount(0);
  await observer.page.screenshot({ path: `${shots}/04-observer-group-phone.png`, fullPage: true });

  // The administrator sees both and the audit log says what happened.
  await admin.page.reload();
  await admin.page.getByRole('tab', { name: 'Members' }).click();
  await expect(admin.page.getByRole('row', { name: /Greta Lind/ })).toBeVisible();
  await admin.page.getByRole('tab', { name: 'Audit log' }).click();
  await expect(admin.page.getByText('Greta Lind joined as Observer.')).toBeVisible();

  // The administrator appoints the member as the group's facilitator.
  // (chosen by name: his address is unconfirmed, as there is no mail server here)
  await admin.page.getByRole('tab', { name: 'Settings' }).click();
  await admin.page.getByRole('combobox', { name: 'Person' }).fill('mateo');
  await admin.page.getByRole('option', { name: /Mateo Rojas/ }).click();
  await admin.page.getByRole('button', { name: 'Appoint facilitator' }).click();
  await admin.page.getByRole('tab', { name: 'Members' }).click();
  await expect(admin.page.getByRole('combobox', { name: 'Role of Mateo Rojas' })).toHaveValue('facilitator');
  await admin.page.getByRole('tab', { name: 'Audit log' }).click();
  await expect(admin.page.getByText('Ana Administradora appointed Mateo Rojas as Facilitator.')).toBeVisible();
  await admin.page.screenshot({ path: `${shots}/05-admin-after.png`, fullPage: true });

  // The interface speaks Spanish on request, including the server's own error titles.
  await member.page.getByLabel('Language').selectOption('es');
  await expect(member.page.getByRole('heading', { name: 'Miembros' })).toBeVisible();
  await member.page.getByRole('link', { name: /Mateo Rojas/ }).click();
  await member.page.getByLabel('Contraseña actual').fill('not my password at all');
  await member.page.getByLabel('Nueva contraseña').fill('another long password');
  await member.page.getByRole('button', { name: 'Cambiar contraseña' }).click();
  await expect(member.page.getByText('La contraseña actual no es correcta.').first()).toBeVisible();
  await member.page.screenshot({ path: `${shots}/06-member-account-es.png`, fullPage: true });

  expect(errors).toEqual([]);
});

test('keyboard only: sign in and reach a group', async ({ browser }) => {
  const errors: string[] = [];
  const { page } = await person(browser, errors);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  await page.getByLabel('Email').focus();
  await page.keyboard.type('mateo@cso.example');
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Working groups');
  await page.getByRole('link', { name: 'Whistleblower protection' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Whistleblower protection');
  expect(errors).toEqual([]);
});
