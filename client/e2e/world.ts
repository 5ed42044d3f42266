import { expect, type Browser } from '@playwright/test';
import { call, join, person, signInAdmin } from './people';

/** A group with a facilitator, an observer-visible document and recommendation, a live session with questions open, an open invitation. */
export interface Fixture { groupId: string; documentId: string; recommendationId: string; sessionUrl: string; invitationUrl: string; organisationId: string }

/** Sets up the fixture through the API and a facilitator's browser; returns it and the observer's address (password: people.password). */
export async function prepare(browser: Browser, errors: string[]): Promise<{ fixture: Fixture; observer: { email: string } }> {
  const admin = await person(browser, errors);
  await signInAdmin(admin.page);
  const group = await call<{ id: string }>(admin.page, 'POST', '/api/groups', {
    name: 'Whistleblower protection', thematicArea: 'UNCAC Art. 33', description: 'Protection of reporting persons across the region.', countries: ['BR', 'MX', 'CO'], languages: ['es', 'pt'],
  });
  const facilitator = await person(browser, errors);
  await join(facilitator.page, admin.page, group.id, 'facilitator', { name: 'Fernanda', organisation: 'Red Ciudadana', country: 'CO' });
  const { user } = await call<{ user: { organisationId: string } }>(facilitator.page, 'GET', '/api/session');
  const document = await call<{ id: string }>(facilitator.page, 'POST', `/api/groups/${group.id}/documents`, { title: 'Reporting channels', visibility: 'observers' });
  const { recommendation } = await call<{ recommendation: { id: string } }>(facilitator.page, 'POST', `/api/groups/${group.id}/recommendations`, {
    title: 'Protect reporting persons from retaliation', thematicArea: 'Whistleblower protection', articles: ['Art. 33'], addressees: ['Congress'],
    countries: ['BR', 'MX'], visibility: 'observers', body: 'States should protect **reporting persons** from retaliation.',
  });
  const session = await call<{ id: string }>(facilitator.page, 'POST', `/api/groups/${group.id}/sessions`, {
    title: 'Roundtable day 2', scheduledStart: new Date().toISOString(),
    agenda: [{ title: 'Reporting channels', target: 'document', targetId: document.id, minutes: 30 }, { title: 'Retaliation', target: 'recommendation', targetId: recommendation.id, minutes: 20 }],
  });
  const sessionUrl = `/sessions/${session.id}`;
  await facilitator.page.goto(sessionUrl);
  await expect(facilitator.page.locator('.session-bar .live-status')).toHaveText('Connected');
  await facilitator.page.getByRole('button', { name: 'Start the session' }).click();
  await expect(facilitator.page.locator('.session-meta')).toContainText('Live');
  const openQuestions = facilitator.page.getByRole('button', { name: 'Open questions' });
  if (await openQuestions.isVisible()) await openQuestions.click();
  await expect(facilitator.page.getByRole('button', { name: 'Close questions' })).toBeVisible();

  const observer = await person(browser, errors);
  const email = `olga.${Date.now()}@unodc.example`;
  const invitation = await call<{ url: string }>(admin.page, 'POST', `/api/groups/${group.id}/invitations`, { role: 'observer', expiresInDays: 7, maxUses: 1 });
  await call(observer.page, 'POST', `/api/invitations/${invitation.url.split('/').at(-1)}/register`, {
    email, password: 'correct horse battery staple', displayName: 'Olga', organisation: 'UNODC', country: 'AT',
  });
  const open = await call<{ url: string }>(admin.page, 'POST', `/api/groups/${group.id}/invitations`, { role: 'member', expiresInDays: 7, maxUses: 5 });
  await observer.context.close();
  await facilitator.context.close();
  await admin.context.close();
  return { fixture: { groupId: group.id, documentId: document.id, recommendationId: recommendation.id, sessionUrl, invitationUrl: `/invite/${open.url.split('/').at(-1)}`, organisationId: user.organisationId }, observer: { email } };
}
