import { expect, test, type Page } from '@playwright/test';
import { call, join, person, region, signInAdmin } from './people';
import { connectionErrors, Relay } from './relay';

const current = (page: Page) => page.locator('.agenda-item[aria-current="step"]');

test('a member whose connection drops during a session catches up with the agenda and the poll, and keeps what she wrote meanwhile', async ({ browser }, testInfo) => {
  const errors: string[] = [];
  const relay = await Relay.start(testInfo.project.use.baseURL!);
  try {
    const admin = await person(browser, errors);
    await signInAdmin(admin.page);
    const group = await call<{ id: string }>(admin.page, 'POST', '/api/groups', {
      name: 'Public procurement', thematicArea: 'UNCAC Art. 9', description: 'Open contracting.', countries: ['PE'], languages: ['es'],
    });

    // Fernanda facilitates from a steady connection; Beatriz follows through the relay.
    const fernanda = await person(browser, errors);
    const beatriz = await person(browser, errors, undefined, relay.url);
    beatriz.allowed.push(...connectionErrors);
    await join(fernanda.page, admin.page, group.id, 'facilitator', { name: 'Fernanda', organisation: 'Red Ciudadana', country: 'CO' });
    await join(beatriz.page, admin.page, group.id, 'member', { name: 'Beatriz', organisation: 'Transparencia Mexicana', country: 'MX' });
    const documents = await Promise.all(['Tender rules', 'Contract registers'].map((title) =>
      call<{ id: string }>(fernanda.page, 'POST', `/api/groups/${group.id}/documents`, { title, visibility: 'members' })));
    const session = await call<{ id: string }>(fernanda.page, 'POST', `/api/groups/${group.id}/sessions`, {
      title: 'Procurement roundtable', scheduledStart: new Date().toISOString(),
      agenda: documents.map((d, i) => ({ title: i === 0 ? 'Tender rules' : 'Contract registers', target: 'document', targetId: d.id, minutes: 15 })),
    });

    for (const { page } of [fernanda, beatriz]) {
      await page.goto(`/sessions/${session.id}`);
      await expect(page.locator('.session-bar .live-status')).toHaveText('Connected');
    }
    await fernanda.page.getByRole('button', { name: 'Start the session' }).click();
    await expect(current(beatriz.page)).toContainText('Tender rules');
    const itemEditor = beatriz.page.locator('.session-item');
    await expect(itemEditor.locator('.live-status')).toHaveText('All changes saved');
    await itemEditor.locator('.cm-content').click();
    await beatriz.page.keyboard.type('Online line. ');
    await expect(itemEditor.locator('.live-status')).toHaveText('All changes saved');

    // Her network goes; the page says so, and she goes on writing into the item's document.
    // Meanwhile the session moves on and a poll opens.
    relay.drop();
    await expect(beatriz.page.locator('.session-bar .live-status')).toHaveText(/Reconnecting|Offline/);
    await beatriz.page.keyboard.type('Written offline. ');
    await expect(itemEditor.locator('.live-status')).toHaveText(/Offline/);
    await region(fernanda.page, 'Agenda').getByRole('button', { name: 'Move everyone here: Contract registers' }).click();
    await expect(current(fernanda.page)).toContainText('Contract registers');
    const fernandaPoll = region(fernanda.page, 'Poll');
    await fernandaPoll.getByLabel('Question (optional)').fill('Publish every contract within 30 days?');
    await fernandaPoll.getByRole('button', { name: 'Open a poll' }).click();
    await expect(current(beatriz.page)).toContainText('Tender rules'); // nothing reaches her yet

    // It returns: she is on the current item, sees the open poll and can vote; Fernanda sees her vote.
    relay.restore();
    await expect(beatriz.page.locator('.session-bar .live-status')).toHaveText('Connected', { timeout: 30_000 });
    await expect(current(beatriz.page)).toContainText('Contract registers');
    const poll = region(beatriz.page, 'Poll');
    await expect(poll).toContainText('Publish every contract within 30 days?');
    await poll.getByRole('button', { name: 'Agree', exact: true }).click();
    await expect(poll).toContainText('Your vote: Agree.');
    await expect(fernandaPoll.locator('.tally-total')).toHaveText('Votes: 1');
    await expect(fernanda.page.getByText('Present now: 2')).toBeVisible();

    // What she wrote offline into the item the session has left still reached the document, once.
    await expect.poll(async () => (await call<{ html: string }>(fernanda.page, 'GET', `/api/documents/${documents[0].id}/preview`)).html, { timeout: 30_000 })
      .toContain('Online line. Written offline.');

    expect(errors).toEqual([]);
  } finally {
    await relay.close();
  }
});
