import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { join, person, signInAdmin } from './people';
import { seriousViolations } from './accessibility';

/**
 * Forms as people use them: countries chosen in a searchable combobox with the keyboard alone, what
 * was typed kept through a switch of the interface language, and a refused change of role that leaves
 * the select showing the role the person really has.
 */

const shots = '/tmp/shots-forms';
const laptop = { width: 1366, height: 768 };
const phone = { width: 390, height: 844 };

/** axe-core's critical and serious findings (WCAG 2.1 A/AA) on the page as it is now. */
const chips = (page: Page, label: string) =>
  page.locator('.field').filter({ has: page.getByRole('combobox', { name: label, exact: true }) }).locator('.chip');
const active = (page: Page, label: string) => page.getByRole('combobox', { name: label, exact: true }).evaluate((input) =>
  document.getElementById(input.getAttribute('aria-activedescendant') ?? '')?.textContent ?? null);

test('a group made with the keyboard alone keeps its countries, typed text survives a language switch, and a refused role change shows the true role', async ({ browser }) => {
  mkdirSync(shots, { recursive: true });
  const errors: string[] = [];
  const admin = await person(browser, errors, laptop);
  await signInAdmin(admin.page);
  const page = admin.page;
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'New working group' })).toBeVisible();
  await page.getByLabel('Name of the group').fill('Open contracting');
  await page.getByLabel('Thematic area').fill('UNCAC Art.'); // half typed

  // Countries with the keyboard: a code, a name with the arrows, a third, then Backspace takes the last one off.
  const countries = page.getByRole('combobox', { name: 'Countries', exact: true });
  await expect(countries).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator('.field-hint', { hasText: 'Type to search' }).first()).toBeVisible();
  await countries.focus();
  await page.keyboard.type('MX');
  await expect(countries).toHaveAttribute('aria-expanded', 'true');
  expect(await active(page, 'Countries')).toBe('Mexico');
  await page.keyboard.press('Enter');
  await page.keyboard.type('gua');
  expect(await active(page, 'Countries')).toBe('Guadeloupe');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  expect(await active(page, 'Countries')).toBe('Guatemala');
  const guatemala = page.locator('[role=option]', { hasText: 'Guatemala' });
  await expect(guatemala).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('Enter');
  await expect(guatemala).toHaveAttribute('aria-selected', 'true');
  await expect(countries).toHaveAttribute('aria-expanded', 'false'); // closed, covering nothing below
  await page.keyboard.type('brá'); // accents do not matter
  await page.keyboard.press('Enter');
  await expect(chips(page, 'Countries')).toHaveText(['Mexico×', 'Guatemala×', 'Brazil×']);
  await page.keyboard.press('ArrowDown'); // open again, to see it
  await page.screenshot({ path: `${shots}/create-group-laptop.png`, fullPage: true });
  expect(await seriousViolations(page), 'the open combobox with chips').toEqual([]);
  await page.keyboard.press('Backspace');
  await expect(chips(page, 'Countries')).toHaveText(['Mexico×', 'Guatemala×']);
  await expect(page.getByRole('button', { name: 'Remove Mexico' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(countries).toHaveAttribute('aria-expanded', 'false');
  await page.getByRole('combobox', { name: 'Languages', exact: true }).focus();
  await page.keyboard.type('span');
  await page.keyboard.press('Enter');
  await expect(chips(page, 'Languages')).toHaveText(['Spanish×']);

  // The interface in Spanish: the same form, in Spanish, with what was typed and chosen still there.
  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('es');
  await expect(page.getByRole('heading', { name: 'Nuevo grupo de trabajo' })).toBeVisible();
  await expect(page.getByLabel('Nombre del grupo')).toHaveValue('Open contracting');
  await expect(page.getByLabel('Área temática')).toHaveValue('UNCAC Art.');
  await expect(page.getByRole('button', { name: 'Quitar México' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Quitar Guatemala' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Idioma', exact: true })).toBeFocused();
  await page.screenshot({ path: `${shots}/create-group-after-switch-es.png`, fullPage: true });
  await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
  await expect(page.getByLabel('Name of the group')).toHaveValue('Open contracting');

  await page.getByLabel('Thematic area').fill('UNCAC Art. 9');
  await page.getByRole('button', { name: 'Create working group' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Open contracting');
  const groupId = page.url().split('/').at(-1)!;
  const facts = page.locator('dl.facts');
  for (const seen of ['after creating', 'after a reload']) {
    await expect(facts.locator('dd').first(), seen).toContainText('Mexico');
    await expect(facts.locator('dd').first(), seen).toContainText('Guatemala');
    await expect(facts.locator('dd').first(), seen).not.toContainText('Brazil');
    await expect(facts.locator('dd').nth(1), seen).toHaveText('Spanish');
    await page.getByRole('tab', { name: 'Settings' }).click(); // the edit form (a reload keeps the tab)
    await expect(chips(page, 'Countries'), seen).toHaveText(['Mexico×', 'Guatemala×']);
    if (seen === 'after creating') await page.reload();
  }
  await page.screenshot({ path: `${shots}/group-page-laptop.png`, fullPage: true });

  // The group's only facilitator tries to become a member: refused, and the select shows Facilitator again.
  const fernanda = await person(browser, errors, laptop);
  await join(fernanda.page, page, groupId, 'facilitator', { name: 'Fernanda', organisation: 'Red Ciudadana', country: 'CO' });
  fernanda.allowed.push(/status of 409/); // the refusal below, on purpose
  await fernanda.page.goto(`/groups/${groupId}?tab=members`);
  const role = fernanda.page.getByRole('combobox', { name: 'Role of Fernanda' });
  await expect(role).toHaveValue('facilitator');
  await role.selectOption('member');
  await expect(fernanda.page.getByRole('alert').filter({ hasText: 'A group needs at least one facilitator' })).toBeVisible();
  await expect(role).toHaveValue('facilitator');
  await expect(role.locator('option:checked')).toHaveText('Facilitator');
  await fernanda.page.screenshot({ path: `${shots}/refused-role-laptop.png`, fullPage: true });
  await fernanda.page.reload();
  await expect(fernanda.page.getByRole('combobox', { name: 'Role of Fernanda' })).toHaveValue('facilitator');

  // The same picker on a phone, open.
  const small = await person(browser, errors, phone);
  await signInAdmin(small.page);
  await small.page.goto(`/groups/${groupId}?tab=settings`);
  const edit = small.page.getByRole('combobox', { name: 'Countries', exact: true });
  await edit.scrollIntoViewIfNeeded();
  await edit.focus();
  await small.page.keyboard.type('co');
  await expect(small.page.getByRole('listbox', { name: 'Countries' })).toBeVisible();
  const overflow = await small.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await small.page.screenshot({ path: `${shots}/group-edit-phone.png` });
  expect(await seriousViolations(small.page), 'the open combobox on a phone').toEqual([]);
  await small.page.goto('/');
  await small.page.screenshot({ path: `${shots}/create-group-phone.png`, fullPage: true });

  expect(errors).toEqual([]);
  await Promise.all([admin.context.close(), fernanda.context.close(), small.context.close()]);
});
