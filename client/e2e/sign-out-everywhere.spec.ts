import { expect, test } from '@playwright/test';
import { call, person, signInAdmin } from './people';

const shots = 'test-results/screenshots';

test('sign out everywhere from the account page ends the other browser too', async ({ browser }) => {
  const errors: string[] = [];
  const laptop = await person(browser, errors);
  const phone = await person(browser, errors);
  phone.allowed.push(/401 \(Unauthorized\)/); // its requests after the sign-out are refused, as they should be
  await signInAdmin(laptop.page);
  await signInAdmin(phone.page);
  // The other browser has a live document open (a hub connection), and must be sent to sign-in by itself.
  const group = await call<{ id: string }>(laptop.page, 'POST', '/api/groups', {
    name: 'Asset recovery', thematicArea: 'UNCAC Art. 51', description: 'Returning stolen assets.', countries: ['BR'], languages: ['pt'],
  });
  const document = await call<{ id: string }>(laptop.page, 'POST', `/api/groups/${group.id}/documents`, { title: 'Notes', visibility: 'members' });
  await phone.page.goto(`/documents/${document.id}`);
  await expect(phone.page.locator('.live-status')).toHaveText('All changes saved');

  await laptop.page.goto('/account');
  const signIns = laptop.page.getByRole('region', { name: 'Signed-in browsers' });
  await expect(signIns).toContainText('this one included');
  await laptop.page.screenshot({ path: `${shots}/sign-out-everywhere-account.png`, fullPage: true });
  await signIns.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(laptop.page).toHaveURL(/\/sign-in/);

  // Its live connection is closed by the server and refused on reconnection: the page goes to sign-in unaided.
  await expect(phone.page).toHaveURL(/\/sign-in/, { timeout: 10_000 });
  const refused = await phone.page.request.get('/api/groups');
  expect(refused.status()).toBe(401);
  await phone.page.screenshot({ path: `${shots}/sign-out-everywhere-other-browser.png`, fullPage: true });

  // Signing in again works.
  await call(laptop.page, 'POST', '/api/auth/sign-in', { email: 'admin@roundtable.example', password: 'correct horse battery staple' });
  expect(errors).toEqual([]);
});
