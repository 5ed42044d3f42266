import { expect, test, type Page } from '@playwright/test';
import { call, join, person, signInAdmin } from './people';

/**
 * The group page in tabs (members, invitations, documents, recommendations, sessions, settings, audit): moved
 * through with the keyboard as the WAI-ARIA tabs pattern says, kept in the address across a reload and a
 * visit elsewhere, only the tabs a reader's role allows, and on a phone the tab row scrolls inside itself.
 */

const shots = '/tmp/shots-group';

const tabsOf = (page: Page) => page.getByRole('tablist', { name: 'Parts of this group' }).getByRole('tab');

test('group page tabs: keyboard, address, roles and a phone', async ({ browser }) => {
  const errors: string[] = [];
  const admin = await person(browser, errors);
  await signInAdmin(admin.page);
  const group = await call<{ id: string }>(admin.page, 'POST', '/api/groups', {
    name: 'Tabs for whistle-blower protection', thematicArea: 'UNCAC Art. 33', description: 'Drafting the model law.', countries: ['CO'], languages: ['en'],
  });
  await call(admin.page, 'POST', `/api/groups/${group.id}/documents`, { title: 'Reporting channels', visibility: 'observers' });
  const fernanda = await person(browser, errors);
  const olga = await person(browser, errors, { width: 390, height: 844 });
  await join(fernanda.page, admin.page, group.id, 'facilitator', { name: 'Fernanda', organisation: 'Red Ciudadana', country: 'CO' });
  await join(olga.page, admin.page, group.id, 'observer', { name: 'Olga', organisation: 'Embassy of Norway', country: 'NO' });

  // A facilitator sees every part; documents first, as the one most used.
  const page = fernanda.page;
  await page.goto(`/groups/${group.id}`);
  await expect(tabsOf(page)).toHaveText(['Documents', 'Recommendations', 'Sessions', 'Members', 'Invitations', 'Settings', 'Audit log']);
  const documents = page.getByRole('tab', { name: 'Documents' });
  await expect(documents).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'Documents' })).toContainText('Reporting channels');
  await expect(page.getByRole('tabpanel')).toHaveCount(1); // the others are hidden
  // Only the selected tab is in the tab order.
  await expect(page.locator('[role=tab][tabindex="0"]')).toHaveCount(1);

  // Keyboard: Tab reaches the selected tab, arrows move and select (wrapping), Home and End go to the ends.
  await documents.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Recommendations' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Recommendations' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'Recommendations' })).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Audit log' })).toBeFocused();
  await page.keyboard.press('Home');
  await expect(documents).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Audit log' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Settings' })).toBeFocused();
  await expect(page.getByRole('tabpanel', { name: 'Settings' }).getByLabel('Name of the group')).toBeVisible();
  // Tab from the tab list goes into the panel, not along the other tabs.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('tab', { name: 'Members' })).not.toBeFocused();
  expect(await page.evaluate(() => document.activeElement?.closest('[role=tabpanel]')?.getAttribute('data-panel'))).toBe('settings');
  await page.screenshot({ path: `${shots}/tabs-1-settings-laptop.png`, fullPage: true });

  // The address keeps the tab: a reload, and going elsewhere and back, show it again.
  await page.getByRole('tab', { name: 'Members' }).click();
  await expect(page).toHaveURL(new RegExp(`/groups/${group.id}\\?tab=members$`));
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Members' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'Members' }).getByRole('table')).toContainText('Olga');
  await page.getByRole('tab', { name: 'Documents' }).click();
  await expect(page).toHaveURL(new RegExp(`/groups/${group.id}$`));
  await page.getByRole('tab', { name: 'Sessions' }).click();
  await page.getByRole('link', { name: 'My groups', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Tabs for whistle-blower protection');
  await page.goBack();
  await expect(page.getByRole('tab', { name: 'Sessions' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'Sessions' })).toBeVisible();
  // An action that redraws the page (a role change) stays on its tab.
  await page.goto(`/groups/${group.id}?tab=members`);
  await page.getByRole('combobox', { name: 'Role of Olga' }).selectOption('member');
  await expect(page.getByRole('tab', { name: 'Members' })).toHaveAttribute('aria-selected', 'true');
  await page.goto(`/groups/${group.id}?tab=members`);
  await page.getByRole('combobox', { name: 'Role of Olga' }).selectOption('observer');
  await expect(page.getByRole('combobox', { name: 'Role of Olga' })).toHaveValue('observer');

  // An observer on a phone: only what observers may see, and an address asking for more shows documents.
  await olga.page.goto(`/groups/${group.id}?tab=audit`);
  await expect(tabsOf(olga.page)).toHaveText(['Documents', 'Recommendations', 'Sessions', 'Members']);
  await expect(olga.page.getByRole('tab', { name: 'Documents' })).toHaveAttribute('aria-selected', 'true');
  await expect(olga.page.getByText('Audit log')).toHaveCount(0);
  const width = () => olga.page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
  let measured = await width();
  expect(measured.scroll, 'observer page fits a phone').toBeLessThanOrEqual(measured.inner);
  await olga.page.screenshot({ path: `${shots}/tabs-2-observer-phone.png`, fullPage: true });

  // A facilitator on a phone: seven tabs in a row that scrolls inside itself, never the page.
  const phone = await person(browser, errors, { width: 390, height: 844 });
  await phone.context.addCookies(await fernanda.context.cookies());
  await phone.page.goto(`/groups/${group.id}`);
  const list = phone.page.getByRole('tablist', { name: 'Parts of this group' });
  const row = await list.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
  expect(row.scroll, 'the tab row is wider than the phone').toBeGreaterThan(row.client);
  measured = await phone.page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
  expect(measured.scroll, 'the page is not').toBeLessThanOrEqual(measured.inner);
  await phone.page.getByRole('tab', { name: 'Documents' }).focus();
  await phone.page.keyboard.press('End');
  const audit = phone.page.getByRole('tab', { name: 'Audit log' });
  await expect(audit).toBeFocused();
  await expect(audit).toBeInViewport(); // the row scrolled to the chosen tab
  await phone.page.screenshot({ path: `${shots}/tabs-3-facilitator-phone-audit.png`, fullPage: true });
  // Opened at a tab far along the row, the row starts scrolled to it.
  await phone.page.goto(`/groups/${group.id}?tab=invitations`);
  await expect(phone.page.getByRole('tab', { name: 'Invitations' })).toBeInViewport({ ratio: 0.9 }); // (its bottom pixel sits over the row's line)
  await phone.page.screenshot({ path: `${shots}/tabs-4-facilitator-phone-invitations.png` });
  measured = await phone.page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
  expect(measured.scroll).toBeLessThanOrEqual(measured.inner);

  expect(errors).toEqual([]);
});

test('revoking an invitation link asks first, and only a yes revokes it', async ({ browser }) => {
  const errors: string[] = [];
  const admin = await person(browser, errors);
  await signInAdmin(admin.page);
  const group = await call<{ id: string }>(admin.page, 'POST', '/api/groups', {
    name: 'Invitations that ask', thematicArea: 'UNCAC Art. 13', description: 'Society participation.', countries: ['PE'], languages: ['en'],
  });
  await call(admin.page, 'POST', `/api/groups/${group.id}/invitations`, { role: 'member', expiresInDays: 7, maxUses: 5 });
  const page = admin.page;
  await page.goto(`/groups/${group.id}?tab=invitations`);
  const panel = page.getByRole('tabpanel', { name: 'Invitations' });
  const revoke = panel.getByRole('button', { name: 'Revoke' });
  const asked: string[] = [];

  page.once('dialog', (dialog) => { asked.push(dialog.message()); void dialog.dismiss(); });
  await revoke.click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toContain('cannot be undone');
  await expect(panel.locator('.status-active')).toHaveCount(1); // "no" changes nothing

  page.once('dialog', (dialog) => void dialog.accept());
  await revoke.click();
  await expect(panel.locator('.status-revoked')).toHaveCount(1);
  await expect(panel.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
  expect(errors).toEqual([]);
});
