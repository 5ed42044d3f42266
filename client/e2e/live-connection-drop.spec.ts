import { expect, test, type Dialog } from '@playwright/test';
import { call, editorText, join, person, signInAdmin } from './people';
import { connectionErrors, Relay } from './relay';

const shots = 'test-results/screenshots';

const occurrences = (text: string, phrase: string) => text.split(phrase).length - 1;

test('a member keeps typing while the connection is down; on its return nothing is lost or doubled', async ({ browser }, testInfo) => {
  const errors: string[] = [];
  const server = testInfo.project.use.baseURL!;
  const relay = await Relay.start(server);
  try {
    const admin = await person(browser, errors);
    await signInAdmin(admin.page);
    const group = await call<{ id: string }>(admin.page, 'POST', '/api/groups', {
      name: 'Beneficial ownership', thematicArea: 'UNCAC Art. 12', description: 'Registers of beneficial owners.', countries: ['MX'], languages: ['es'],
    });
    const document = await call<{ id: string }>(admin.page, 'POST', `/api/groups/${group.id}/documents`, { title: 'Registers', visibility: 'members' });

    // Beatriz reaches the server through the relay (her flaky network); Carlos directly.
    const beatriz = await person(browser, errors, undefined, relay.url);
    beatriz.allowed.push(...connectionErrors);
    const page = beatriz.page;
    const carlos = await person(browser, errors);
    await join(page, admin.page, group.id, 'member', { name: 'Beatriz', organisation: 'Transparencia Mexicana', country: 'MX' });
    await join(carlos.page, admin.page, group.id, 'member', { name: 'Carlos', organisation: 'Acción Ciudadana', country: 'GT' });

    for (const p of [page, carlos.page]) {
      await p.goto(`/documents/${document.id}`);
      await expect(p.locator('.live-status')).toHaveText('All changes saved');
    }

    await page.locator('.cm-content').click();
    await page.keyboard.type('Registers must be public. ');
    await expect.poll(() => editorText(carlos.page)).toContain('Registers must be public. ');

    // The network goes; she keeps typing, and the page says her changes are kept.
    relay.drop();
    await page.keyboard.type('Typed in the tunnel, ', { delay: 20 });
    await expect(page.locator('.live-status')).toHaveText(/Offline/);
    await page.keyboard.type('word by word. ', { delay: 20 });
    await page.screenshot({ path: `${shots}/14-offline-typing.png`, fullPage: true });

    // Meanwhile Carlos writes at the start of the document.
    await carlos.page.locator('.cm-content').click();
    await carlos.page.keyboard.press('Control+Home');
    await carlos.page.keyboard.type('Draft: ');
    await expect(carlos.page.locator('.live-status')).toHaveText('All changes saved');
    expect(await editorText(carlos.page)).not.toContain('tunnel');

    // Leaving now would lose her edits: a link asks first (she stays), and so does closing the tab.
    const dialogs: string[] = [];
    const stay = async (dialog: Dialog) => { dialogs.push(`${dialog.type()}: ${dialog.message()}`); await dialog.dismiss(); };
    page.once('dialog', stay);
    await page.getByRole('link', { name: 'Beneficial ownership' }).click();
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toMatch(/^confirm: Some of your changes have not been saved yet/);
    await expect(page).toHaveURL(new RegExp(`/documents/${document.id}$`));
    page.once('dialog', stay);
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => dialogs.length).toBe(2);
    expect(dialogs[1]).toMatch(/^beforeunload/);
    expect(page.isClosed()).toBe(false);

    // The network returns: her edits arrive once, merged with his, on both screens.
    relay.restore();
    await expect(page.locator('.live-status')).toHaveText('All changes saved', { timeout: 30_000 });
    await expect.poll(async () => (await editorText(page)) === (await editorText(carlos.page)), { timeout: 15_000 }).toBe(true);
    const text = await editorText(carlos.page);
    expect(text.startsWith('Draft: ')).toBe(true);
    for (const phrase of ['Registers must be public. ', 'Typed in the tunnel, ', 'word by word. ', 'Draft: ']) {
      expect(occurrences(text, phrase), `${phrase} in ${JSON.stringify(text)}`).toBe(1);
    }
    await expect(page.locator('.preview').first()).toContainText('Draft: Registers must be public. Typed in the tunnel, word by word.');

    // Saved: the link leaves at once, without asking.
    await page.getByRole('link', { name: 'Beneficial ownership' }).click();
    await expect(page).toHaveURL(new RegExp(`/groups/${group.id}$`));
    expect(dialogs).toHaveLength(2);

    // A fresh reader gets the same text from the server.
    await carlos.page.reload();
    await expect(carlos.page.locator('.live-status')).toHaveText('All changes saved');
    await expect.poll(() => editorText(carlos.page)).toBe(text);

    await beatriz.context.close();
    expect(errors).toEqual([]);
  } finally {
    await relay.close();
  }
});

test('a network that goes quiet shows as offline within seconds, the preview says it is as of the last save, and nothing typed meanwhile is lost', async ({ browser }, testInfo) => {
  const errors: string[] = [];
  const relay = await Relay.start(testInfo.project.use.baseURL!);
  try {
    const admin = await person(browser, errors);
    await signInAdmin(admin.page);
    const group = await call<{ id: string }>(admin.page, 'POST', '/api/groups', {
      name: 'Asset declarations', thematicArea: 'UNCAC Art. 8', description: 'Declarations of public officials.', countries: ['BR'], languages: ['pt'],
    });
    const document = await call<{ id: string }>(admin.page, 'POST', `/api/groups/${group.id}/documents`, { title: 'Declarations', visibility: 'members' });
    const joana = await person(browser, errors, undefined, relay.url);
    joana.allowed.push(...connectionErrors);
    const page = joana.page;
    await join(page, admin.page, group.id, 'member', { name: 'Joana', organisation: 'Transparência Brasil', country: 'BR' });
    await page.goto(`/documents/${document.id}`);
    await expect(page.locator('.live-status')).toHaveText('All changes saved');
    await page.locator('.cm-content').click();
    await page.keyboard.type('Declarations are published. ');
    await expect(page.locator('.live-status')).toHaveText('All changes saved');
    await expect(page.locator('.preview').first()).toContainText('Declarations are published.');
    await expect(page.locator('.preview-stale')).toBeHidden();

    // Out of coverage: nothing is closed, nothing arrives. The page's keep-alive notices within seconds
    // (SignalR alone waits 30 s), and the preview says what it shows.
    relay.silence();
    const quietAt = Date.now();
    await page.keyboard.type('Typed out of coverage. ', { delay: 20 });
    await expect(page.locator('.live-status')).toHaveText(/Offline/, { timeout: 8_000 });
    testInfo.annotations.push({ type: 'offline shown after', description: `${Date.now() - quietAt} ms` });
    await expect(page.locator('.preview-stale')).toBeVisible();
    await expect(page.locator('.preview').first()).not.toContainText('out of coverage');
    await page.screenshot({ path: `${shots}/15-offline-quiet-network.png`, fullPage: true });

    relay.restore();
    await expect(page.locator('.live-status')).toHaveText('All changes saved', { timeout: 30_000 });
    await expect(page.locator('.preview-stale')).toBeHidden();
    await expect(page.locator('.preview').first()).toContainText('Declarations are published. Typed out of coverage.');
    await admin.page.goto(`/documents/${document.id}`);
    await expect.poll(() => editorText(admin.page)).toBe('Declarations are published. Typed out of coverage. ');
    await joana.context.close();
    expect(errors).toEqual([]);
  } finally {
    await relay.close();
  }
});
