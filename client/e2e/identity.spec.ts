import { expect, test } from '@playwright/test';
import { call, password, person, signInAdmin } from './people';
import { base32, currentStep, totp } from './totp';

const shots = 'test-results/screenshots';
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };

// Issue 18, acceptance 7: a person registers choosing an organisation from the directory; the administrator
// verifies the organisation and confirms the person; the person edits the profile and enrols a second factor.
test('a newcomer picks an organisation from the directory, is confirmed by the administrator, edits the profile and enrols a second factor', async ({ browser }) => {
  const errors: string[] = [];
  const admin = await person(browser, errors, desktop);
  await signInAdmin(admin.page);
  const stamp = Date.now();
  const organisation = `Transparencia Ciudadana ${stamp}`;
  await call(admin.page, 'POST', '/api/admin/organisations', { name: organisation, shortName: `TC${stamp % 10000}`, country: 'PE', kind: 'civil-society' });
  const group = await call<{ id: string }>(admin.page, 'POST', '/api/groups', {
    name: `Open contracting ${stamp}`, thematicArea: 'UNCAC Art. 9', description: 'Public procurement.', countries: ['PE'], languages: ['es'],
  });
  const invitation = await call<{ url: string }>(admin.page, 'POST', `/api/groups/${group.id}/invitations`, { role: 'member', expiresInDays: 7, maxUses: 1 });

  // On a phone, Lucía searches the directory without capitals or accents and chooses it with the keyboard.
  const lucia = await person(browser, errors, phone);
  const email = `lucia.${stamp}@cso.example`;
  await lucia.page.goto(`/invite/${invitation.url.split('/').at(-1)}`);
  await lucia.page.getByLabel('Email').fill(email);
  await lucia.page.getByLabel('New password').fill(password);
  await lucia.page.getByRole('textbox', { name: 'Name', exact: true }).fill('Lucía');
  await lucia.page.getByRole('combobox', { name: 'Country', exact: true }).selectOption('PE');
  const picker = lucia.page.getByRole('combobox', { name: 'Organisation' });
  await picker.fill(`transparencia ciudadana ${stamp}`);
  const offered = lucia.page.getByRole('option', { name: new RegExp(organisation) });
  await expect(offered).toBeVisible();
  await expect(offered).toContainText('pending review');
  await lucia.page.screenshot({ path: `${shots}/identity-01-directory-phone.png`, fullPage: true });
  await offered.click();
  await expect(lucia.page.locator('#organisation-chosen')).toContainText(organisation);
  await lucia.page.getByRole('button', { name: 'Create account and join' }).click();
  await expect(lucia.page.getByRole('heading', { level: 1 })).toHaveText(`Open contracting ${stamp}`);
  await lucia.page.goto('/account');
  await expect(lucia.page.locator('#my-organisation-tie')).not.toHaveText('Confirmed');

  // The administrator verifies the organisation, then confirms her on the Organisations page.
  await admin.page.goto('/');
  await admin.page.getByRole('link', { name: 'Organisations' }).click();
  await expect(admin.page.getByRole('heading', { level: 1 })).toHaveText('Organisations');
  await admin.page.getByRole('button', { name: `Verify ${organisation}` }).click();
  await expect(admin.page.getByRole('row', { name: new RegExp(organisation) })).toContainText('verified');
  await admin.page.getByRole('button', { name: `People of ${organisation}` }).click();
  await admin.page.getByRole('button', { name: 'Confirm Lucía' }).click();
  await expect(admin.page.locator('.org-people tr', { hasText: 'Lucía' })).toContainText('Confirmed');
  await admin.page.screenshot({ path: `${shots}/identity-02-admin-verifies-desktop.png`, fullPage: true });

  // Her account page says so; she edits her profile.
  await lucia.page.reload();
  await expect(lucia.page.locator('#my-organisation-tie')).toHaveText('Confirmed');
  await lucia.page.getByRole('textbox', { name: 'Name', exact: true }).fill('Lucía Ramírez');
  await lucia.page.getByLabel('Language for emails').selectOption('es');
  await lucia.page.getByRole('button', { name: 'Save profile' }).click();
  await expect(lucia.page.getByText('Your profile was saved.')).toBeVisible();
  await expect(lucia.page.locator('#header .who')).toContainText('Lucía Ramírez');
  const profile = await call<{ displayName: string; language: string }>(lucia.page, 'GET', '/api/me/profile');
  expect(profile).toMatchObject({ displayName: 'Lucía Ramírez', language: 'es' });

  // And enrols a second factor with a code the test computes from the key shown.
  const twoStep = lucia.page.getByRole('region', { name: 'Two-step verification' });
  await twoStep.getByRole('button', { name: 'Set up two-step verification' }).click();
  const key = base32((await twoStep.locator('#two-step-key').textContent())!);
  await lucia.page.screenshot({ path: `${shots}/identity-03-account-phone.png`, fullPage: true });
  const enrolledStep = currentStep();
  await twoStep.getByLabel('Code from your authenticator app').fill(totp(key, enrolledStep));
  await lucia.page.keyboard.press('Enter');
  await expect(twoStep.locator('#recovery-codes li')).toHaveCount(10);
  await twoStep.getByRole('button', { name: 'I have saved them' }).click();
  await expect(twoStep).toContainText('Recovery codes left: 10.');
  await lucia.page.setViewportSize(desktop);
  await lucia.page.screenshot({ path: `${shots}/identity-04-account-desktop.png`, fullPage: true });

  // Her next sign-in asks for a code; the password alone signs nobody in.
  await lucia.page.getByRole('banner').getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(lucia.page).toHaveURL(/\/sign-in/);
  await lucia.page.getByLabel('Email').fill(email);
  await lucia.page.getByLabel('Password').fill(password);
  await lucia.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(lucia.page.getByRole('heading', { level: 1, name: 'Two-step verification' })).toBeVisible();
  expect((await lucia.page.context().cookies()).some((c) => c.name === 'ws_auth')).toBe(false);
  await lucia.page.getByLabel('Code from your authenticator app').fill(totp(key, Math.max(currentStep(), enrolledStep + 1)));
  await lucia.page.keyboard.press('Enter');
  await expect(lucia.page.getByRole('heading', { level: 1, name: 'Working groups' })).toBeVisible();

  expect(errors).toEqual([]);
});
