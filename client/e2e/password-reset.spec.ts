import { expect, test } from '@playwright/test';
import { call, password, person, signInAdmin } from './people';

const shots = 'test-results/screenshots';

test('without a mail server, a forgotten password is reset through a link the administrator hands over', async ({ browser }) => {
  const errors: string[] = [];
  const admin = await person(browser, errors);
  await signInAdmin(admin.page);
  const group = await call<{ id: string }>(admin.page, 'POST', '/api/groups', { name: 'Asset recovery', thematicArea: 'UNCAC Art. 51', description: '', countries: ['PE'], languages: ['es'] });
  const invitation = await call<{ url: string }>(admin.page, 'POST', `/api/groups/${group.id}/invitations`, { role: 'member', expiresInDays: 7, maxUses: 1 });
  const email = `rosa.${Date.now()}@cso.example`;

  const rosa = await person(browser, errors, { width: 390, height: 844 });
  rosa.allowed.push(/status of 400/);
  await call(rosa.page, 'POST', `/api/invitations/${invitation.url.split('/').at(-1)}/register`, { email, password, displayName: 'Rosa Quispe', organisation: 'Proética', country: 'PE' });
  await call(rosa.page, 'POST', '/api/auth/sign-out');

  // Rosa forgot her password: the page says that this server sends no email.
  await rosa.page.goto('/sign-in');
  await rosa.page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(rosa.page.getByRole('heading', { level: 1 })).toHaveText('Forgot your password');
  await rosa.page.getByRole('textbox', { name: 'Email' }).fill(email);
  await rosa.page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(rosa.page.getByRole('status').filter({ hasText: 'This server cannot send email' })).toBeVisible();
  await rosa.page.screenshot({ path: `${shots}/reset-01-forgot-no-mail-phone.png`, fullPage: true });

  // The administrator issues a one-time link on the operations page.
  await admin.page.goto('/admin/operations');
  await expect(admin.page.getByText('No mail server is configured')).toBeVisible();
  await admin.page.getByRole('textbox', { name: 'Email' }).fill(email);
  await admin.page.getByRole('button', { name: 'Issue a reset link' }).click();
  const link = admin.page.getByRole('textbox', { name: 'Reset link to hand over' });
  await expect(link).toHaveValue(/\/reset-password\/[\w-]{40,}$/);
  const url = await link.inputValue();
  await admin.page.screenshot({ path: `${shots}/reset-02-operations-outbox.png`, fullPage: true });

  // Rosa opens it, chooses a weak password (refused), then a good one, and signs in with it.
  await rosa.page.goto(url);
  await expect(rosa.page.getByRole('heading', { level: 1 })).toHaveText('Choose a new password');
  await rosa.page.locator('input[name="newPassword"]').fill('short');
  await rosa.page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(rosa.page.locator('.form-error')).toBeVisible();
  await rosa.page.screenshot({ path: `${shots}/reset-03-reset-page-phone.png`, fullPage: true });
  await rosa.page.locator('input[name="newPassword"]').fill('a new and long enough password');
  await rosa.page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(rosa.page.getByText('Your password was changed')).toBeVisible();
  await rosa.page.getByRole('textbox', { name: 'Email' }).fill(email);
  await rosa.page.locator('input[name="password"]').fill('a new and long enough password');
  await rosa.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(rosa.page.getByRole('heading', { level: 1 })).not.toHaveText('Sign in');
  await expect(rosa.page.getByRole('link', { name: /Rosa Quispe/ })).toBeVisible();

  // The link worked once.
  rosa.allowed.push(/status of 410/);
  await rosa.page.goto(url);
  await rosa.page.locator('input[name="newPassword"]').fill('yet another long password');
  await rosa.page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(rosa.page.locator('.form-error')).toContainText('not valid');

  expect(errors).toEqual([]);
});
