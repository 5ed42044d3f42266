import { expect, test } from '@playwright/test';
import { call, join, person, signInAdmin } from './people';

const shots = 'test-results/screenshots';

test('without a mail server: the administrator chooses a facilitator by name, who edits the profile and cannot send email invitations', async ({ browser }) => {
  const errors: string[] = [];
  const admin = await person(browser, errors);
  await signInAdmin(admin.page);
  const lobby = await call<{ id: string }>(admin.page, 'POST', '/api/groups', { name: 'Lobby', thematicArea: 'Welcome', description: '', countries: [], languages: [] });
  const rosa = await person(browser, errors, { width: 390, height: 844 });
  await join(rosa.page, admin.page, lobby.id, 'member', { name: 'Rosalind', organisation: 'Proética', country: 'PE' });

  // The administrator creates a group and picks its facilitator in the combobox, by keyboard.
  await admin.page.goto('/');
  await admin.page.getByLabel('Name of the group').fill('Open contracting');
  await admin.page.getByLabel('Thematic area').fill('UNCAC Art. 9');
  const picker = admin.page.getByRole('combobox', { name: 'Facilitator (optional)' });
  await picker.fill('rosal');
  const people = admin.page.getByRole('listbox', { name: 'Facilitator (optional)' });
  await expect(people.getByRole('option')).toHaveCount(1);
  await expect(people.getByRole('option', { name: /Rosalind · Proética/ })).toBeVisible();
  await picker.press('ArrowDown');
  await expect(picker).toHaveAttribute('aria-activedescendant', /-0$/);
  await picker.press('Enter');
  await expect(admin.page.getByText(/Chosen: Rosalind · Proética/)).toBeVisible();
  await expect(people).toBeHidden();
  await expect(picker).toHaveAttribute('aria-expanded', 'false');
  await admin.page.screenshot({ path: `${shots}/40-admin-chooses-facilitator.png`, fullPage: true });
  await admin.page.getByRole('button', { name: 'Create working group' }).click();
  await expect(admin.page.getByRole('heading', { level: 1 })).toHaveText('Open contracting');
  await admin.page.getByRole('tab', { name: 'Members' }).click();
  await expect(admin.page.getByRole('combobox', { name: 'Role of Rosalind' })).toHaveValue('facilitator');

  // Rosa's address is unconfirmed and the server cannot send email: she is told so when she asks again.
  await rosa.page.goto('/');
  const banner = rosa.page.locator('#unconfirmed-email');
  await expect(banner).toContainText('is not confirmed yet');
  await banner.getByRole('button', { name: 'Send the confirmation link again' }).click();
  await expect(banner.getByRole('alert')).toContainText('cannot send email');

  // She edits her profile: the name changes in the header and in the group's member list.
  await rosa.page.goto('/account');
  await rosa.page.getByRole('textbox', { name: 'Name', exact: true }).fill(' ');
  await rosa.page.getByRole('button', { name: 'Save profile' }).click();
  await expect(rosa.page.getByRole('alert').first()).toBeVisible();
  await rosa.page.getByRole('textbox', { name: 'Name', exact: true }).fill('Rosa Quispe Mamani');
  await rosa.page.getByLabel('Language for emails').selectOption('es');
  await rosa.page.getByRole('button', { name: 'Save profile' }).click();
  await expect(rosa.page.getByText('Your profile was saved.')).toBeVisible();
  await expect(rosa.page.locator('#header .who')).toContainText('Rosa Quispe Mamani');
  await rosa.page.screenshot({ path: `${shots}/41-profile-phone.png`, fullPage: true });

  // As facilitator she may invite by email, but without a mail server the server refuses clearly.
  await rosa.page.getByRole('link', { name: 'My groups' }).click();
  await rosa.page.getByRole('link', { name: 'Open contracting' }).click();
  await rosa.page.getByRole('tab', { name: 'Members' }).click();
  await expect(rosa.page.getByRole('row', { name: /Rosa Quispe Mamani/ })).toBeVisible();
  await rosa.page.getByRole('tab', { name: 'Invitations' }).click();
  await rosa.page.getByLabel('Email addresses').fill('ana@cso.example\nluis@cso.example');
  await rosa.page.getByRole('button', { name: 'Send invitations' }).click();
  await expect(rosa.page.getByRole('alert').filter({ hasText: 'cannot send email' })).toBeVisible();
  await rosa.page.screenshot({ path: `${shots}/42-email-invitations-no-server-phone.png`, fullPage: true });

  expect(errors.filter((e) => !/409|400/.test(e))).toEqual([]);
});
