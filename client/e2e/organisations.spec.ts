import { expect, test } from '@playwright/test';
import { call, password, person, region, signInAdmin } from './people';

const shots = 'test-results/screenshots';

test('a newcomer typing an existing organisation differently is offered it, waits for confirmation, then speaks for it', async ({ browser }) => {
  const errors: string[] = [];
  const admin = await person(browser, errors);
  await signInAdmin(admin.page);
  const group = await call<{ id: string }>(admin.page, 'POST', '/api/groups', {
    name: 'Asset recovery', thematicArea: 'UNCAC Art. 51', description: 'Returning stolen assets.', countries: ['MX', 'PE'], languages: ['es'],
  });
  const created = await call<{ recommendation: { id: string } }>(admin.page, 'POST', `/api/groups/${group.id}/recommendations`, {
    title: 'Publish asset recovery statistics', thematicArea: 'Asset recovery', articles: ['Art. 51'], addressees: ['Attorney General'],
    countries: ['MX'], visibility: 'members', body: 'Each State publishes yearly statistics.',
  });
  const invitation = await call<{ url: string }>(admin.page, 'POST', `/api/groups/${group.id}/invitations`, { role: 'member', expiresInDays: 7, maxUses: 1 });

  // On a phone, the newcomer types the administrator's organisation in other capitals: the directory offers it.
  const maria = await person(browser, errors, { width: 390, height: 844 });
  await maria.page.goto(`/invite/${invitation.url.split('/').at(-1)}`);
  await maria.page.getByLabel('Email').fill(`maria.${Date.now()}@cso.example`);
  await maria.page.getByLabel('New password').fill(password);
  await maria.page.getByRole('textbox', { name: 'Name', exact: true }).fill('María');
  await maria.page.getByRole('combobox', { name: 'Country', exact: true }).selectOption('MX');
  const picker = maria.page.getByRole('combobox', { name: 'Organisation' });
  await picker.fill('ROUNDTABLE SECRETARIAT');
  const offered = maria.page.getByRole('option', { name: /Roundtable Secretariat/ });
  await expect(offered).toHaveAttribute('aria-selected', 'true');
  await expect(maria.page.getByRole('status').filter({ hasText: 'already in the directory' })).toHaveCount(1);
  await maria.page.screenshot({ path: `${shots}/org-01-picker-phone.png`, fullPage: true });
  await picker.press('Enter');
  await expect(maria.page.locator('#organisation-chosen')).toContainText('Roundtable Secretariat');
  await maria.page.getByRole('button', { name: 'Create account and join' }).click();
  await expect(maria.page.getByRole('heading', { level: 1 })).toHaveText('Asset recovery');

  // Pending: the stance control says why, instead of offering buttons.
  await maria.page.goto(`/recommendations/${created.recommendation.id}`);
  await expect(region(maria.page, 'Stances of organisations').locator('#stance-why-not')).toContainText('not been confirmed yet');
  await expect(maria.page.getByRole('button', { name: 'Save stance' })).toHaveCount(0);

  // The administrator confirms her on the Organisations page.
  await admin.page.goto('/');
  await admin.page.getByRole('link', { name: 'Organisations' }).click();
  await expect(admin.page.getByRole('heading', { level: 1 })).toHaveText('Organisations');
  await admin.page.getByRole('button', { name: 'People of Roundtable Secretariat' }).click();
  await admin.page.getByRole('button', { name: 'Confirm María' }).click();
  await expect(admin.page.locator('.org-people tr', { hasText: 'María' })).toContainText('Confirmed');
  await admin.page.screenshot({ path: `${shots}/org-02-admin-review.png`, fullPage: true });

  // Confirmed, she records her organisation's stance; her account page says so.
  await maria.page.reload();
  const stances = region(maria.page, 'Stances of organisations');
  await stances.getByRole('radio', { name: 'Support', exact: true }).check();
  await stances.getByRole('button', { name: 'Save stance' }).click();
  await expect(stances.locator('.tally .stance-support')).toHaveText('Support 1');
  await maria.page.goto('/account');
  await expect(maria.page.locator('#my-organisation-tie')).toHaveText('Confirmed');
  await maria.page.screenshot({ path: `${shots}/org-03-account-phone.png`, fullPage: true });

  expect(errors).toEqual([]);
});
