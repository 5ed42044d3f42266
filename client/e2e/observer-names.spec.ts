import { expect, test } from '@playwright/test';
import { call, editorText, join, person, signInAdmin } from './people';

const shots = 'test-results/screenshots';

test('an observer watching two members type sees organisations and roles, never names, unless the group allows names', async ({ browser }) => {
  const errors: string[] = [];
  const admin = await person(browser, errors);
  await signInAdmin(admin.page);
  const group = await call<{ id: string }>(admin.page, 'POST', '/api/groups', {
    name: 'Beneficial ownership', thematicArea: 'UNCAC Art. 12', description: 'Chatham House rule.', countries: ['MX', 'GT'], languages: ['es'],
  });
  const document = await call<{ id: string }>(admin.page, 'POST', `/api/groups/${group.id}/documents`, { title: 'Registers of beneficial owners', visibility: 'observers' });

  const beatriz = await person(browser, errors);
  const carlos = await person(browser, errors);
  const diego = await person(browser, errors);
  const olga = await person(browser, errors);
  await join(beatriz.page, admin.page, group.id, 'member', { name: 'Beatriz', organisation: 'Transparencia Mexicana', country: 'MX' });
  await join(carlos.page, admin.page, group.id, 'member', { name: 'Carlos', organisation: 'Acción Ciudadana', country: 'GT' });
  await join(diego.page, admin.page, group.id, 'member', { name: 'Diego', organisation: 'Transparencia Mexicana', country: 'MX' });
  await join(olga.page, admin.page, group.id, 'observer', { name: 'Olga', organisation: '', country: 'AT' });
  const names = ['Beatriz', 'Carlos', 'Diego', 'Ana Administradora'];

  // Everything the observer's page receives over its live connection.
  const frames: string[] = [];
  olga.page.on('websocket', (socket) => socket.on('framereceived', (frame) => frames.push(String(frame.payload))));

  for (const { page } of [olga, beatriz, carlos, diego]) {
    await page.goto(`/documents/${document.id}`);
    await expect(page.locator('.live-status')).toHaveText('All changes saved');
  }

  await beatriz.page.locator('.cm-content').click();
  await beatriz.page.keyboard.type('# Beneficial ownership\n');
  await expect.poll(() => editorText(carlos.page)).toContain('# Beneficial ownership');
  await carlos.page.locator('.cm-content').click();
  await carlos.page.keyboard.press('Control+End');
  await Promise.all([
    beatriz.page.keyboard.type('Registers must be public. ', { delay: 15 }),
    carlos.page.keyboard.type('And verified. ', { delay: 15 }),
  ]);
  await diego.page.locator('.cm-content').click();
  await diego.page.keyboard.press('Control+Home');
  for (const { page } of [beatriz, carlos]) await expect(page.locator('.live-status')).toHaveText('All changes saved');
  await expect.poll(async () => (await editorText(olga.page)) === (await editorText(beatriz.page))).toBe(true);

  // Cursors and the list of who is here: organisation and role; two people of one organisation told apart by a short tag.
  await expect(olga.page.locator('.remote-caret-label', { hasText: /^Acción Ciudadana · member$/ })).toBeAttached();
  await expect(olga.page.locator('.remote-caret-label', { hasText: /^Transparencia Mexicana · member \([0-9a-f]{4}\)$/ })).toHaveCount(2);
  await expect(olga.page.locator('.presence-person')).toHaveCount(4);
  await expect(olga.page.locator('.presence-person').first()).toContainText('Independent · observer (you)');
  await expect(olga.page.locator('.presence-person', { hasText: 'Acción Ciudadana · member' })).toBeVisible();
  await expect(olga.page.locator('.preview h1')).toHaveText('Beneficial ownership');
  const seen = await olga.page.locator('body').innerText();
  for (const name of names) expect(seen).not.toContain(name);
  await olga.page.screenshot({ path: `${shots}/40-observer-names-hidden.png`, fullPage: true });
  await olga.page.setViewportSize({ width: 390, height: 844 });
  await expect(olga.page.locator('.cm-editor')).toBeHidden(); // on a phone an observer reads the rendered text only
  await expect(olga.page.locator('.presence-person').first()).toContainText('Independent · observer (you)');
  await olga.page.screenshot({ path: `${shots}/41-observer-names-hidden-phone.png`, fullPage: true });
  await olga.page.setViewportSize({ width: 1280, height: 860 });

  // Members still see names.
  await expect(beatriz.page.locator('.remote-caret-label', { hasText: 'Carlos' })).toBeAttached();
  await expect(beatriz.page.locator('.presence-person', { hasText: 'Diego' })).toContainText('Transparencia Mexicana');

  // Nothing the observer's socket carried names anyone.
  const received = frames.join('\n');
  expect(received).toContain('Acción Ciudadana');
  for (const name of names) expect(received).not.toContain(name);

  // With the group's setting on, the observer's view names people at once.
  await call(admin.page, 'PATCH', `/api/groups/${group.id}/settings`, { observersSeeNames: true });
  await expect(olga.page.locator('.remote-caret-label', { hasText: 'Carlos' })).toBeAttached();
  await expect(olga.page.locator('.presence-person', { hasText: 'Beatriz' })).toContainText('Transparencia Mexicana');
  await olga.page.screenshot({ path: `${shots}/42-observer-names-shown-phone.png`, fullPage: true });

  expect(errors).toEqual([]);
});
