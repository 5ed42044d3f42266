import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { call, person, signInAdmin } from './people';
import { visit } from './accessibility';
import { prepare } from './world';

/**
 * Every page a person uses, in English, Spanish and Portuguese, on a laptop (1366×768) and a phone
 * (390×844): axe-core finds no critical or serious violation (WCAG 2.1 A/AA rules, colour contrast
 * included), and nothing is wider than the screen. On the phone, the observer's one action in a live
 * session (a question) and the session's timer are on screen without scrolling.
 */

const shots = 'test-results/screenshots';
const languages = ['en', 'es', 'pt'] as const;
const viewports = { laptop: { width: 1366, height: 768 }, phone: { width: 390, height: 844 } } as const;
type Viewport = keyof typeof viewports;

interface Finding { page: string; rule: string; impact: string; targets: string[] }

async function speaking(browser: Browser, errors: string[], viewport: Viewport, language: string) {
  const who = await person(browser, errors, viewports[viewport]);
  await who.context.addInitScript((l) => localStorage.setItem('workspace.language', l), language);
  return who;
}

async function check(page: Page, label: string, findings: Finding[], overflow: string[]): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  for (const violation of result.violations) {
    if (violation.impact === 'critical' || violation.impact === 'serious') {
      findings.push({ page: label, rule: violation.id, impact: violation.impact, targets: violation.nodes.slice(0, 3).map((n) => n.target.join(' ')) });
    }
  }
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  if (widths.scroll > widths.client) overflow.push(`${label}: ${widths.scroll}px wide in ${widths.client}px`);
}

test('every page passes axe-core in three languages on a laptop and a phone, and nothing is wider than the screen', async ({ browser }) => {
  test.setTimeout(600_000);
  const errors: string[] = [];
  const { fixture, observer } = await prepare(browser, errors);
  const findings: Finding[] = [];
  const overflow: string[] = [];
  for (const viewport of Object.keys(viewports) as Viewport[]) {
    for (const language of languages) {
      const anonymous = await speaking(browser, errors, viewport, language);
      // A reset link shows its form whatever the token (it is checked when used): a made-up one is enough.
      for (const path of ['/sign-in', '/forgot-password', fixture.invitationUrl, '/reset-password/made-up-token']) {
        await visit(anonymous.page, path);
        await check(anonymous.page, `${language} ${viewport} anonymous ${path}`, findings, overflow);
      }
      await anonymous.context.close();

      const admin = await speaking(browser, errors, viewport, language);
      await signInAdmin(admin.page);
      // The group page's tabs hide all but one part: the parts with forms and tables are visited by their own address.
      for (const path of ['/', `/groups/${fixture.groupId}`, `/groups/${fixture.groupId}?tab=members`, `/groups/${fixture.groupId}?tab=invitations`,
        `/groups/${fixture.groupId}?tab=settings`, `/groups/${fixture.groupId}?tab=audit`, `/documents/${fixture.documentId}`, `/groups/${fixture.groupId}/recommendations`,
        `/groups/${fixture.groupId}/recommendations/follow-up`, `/recommendations/${fixture.recommendationId}`, fixture.sessionUrl,
        '/account', '/admin/operations', '/admin/organisations', `/organisations/${fixture.organisationId}`, '/search?q=reporting']) {
        await visit(admin.page, path);
        await check(admin.page, `${language} ${viewport} admin ${path}`, findings, overflow);
      }
      await admin.context.close();

      const olga = await speaking(browser, errors, viewport, language);
      await call(olga.page, 'POST', '/api/auth/sign-in', { email: observer.email, password: 'correct horse battery staple' });
      for (const path of ['/', `/groups/${fixture.groupId}`, `/groups/${fixture.groupId}?tab=members`, `/documents/${fixture.documentId}`, `/recommendations/${fixture.recommendationId}`, fixture.sessionUrl, '/search?q=reporting']) {
        await visit(olga.page, path);
        await check(olga.page, `${language} ${viewport} observer ${path}`, findings, overflow);
        if (viewport === 'phone' && language === 'pt') {
          await olga.page.screenshot({ path: `${shots}/phone-observer-${path.split('/')[1] || 'home'}${path.includes('?tab=') ? `-${path.split('?tab=')[1]}` : ''}.png`, fullPage: true });
        }
      }
      await olga.context.close();
    }
  }
  const summary = findings.map((f) => `${f.page}: ${f.impact} ${f.rule} at ${f.targets.join(' | ')}`);
  expect(summary, summary.join('\n')).toEqual([]);
  expect(overflow, overflow.join('\n')).toEqual([]);
  expect(errors).toEqual([]);
});

test('on a phone, an observer reaches the question box and sees the timer of a live session without scrolling', async ({ browser }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  const { fixture, observer } = await prepare(browser, errors);
  const olga = await person(browser, errors, viewports.phone);
  await call(olga.page, 'POST', '/api/auth/sign-in', { email: observer.email, password: 'correct horse battery staple' });
  await visit(olga.page, fixture.sessionUrl);
  const question = olga.page.getByLabel('Your question');
  const timer = olga.page.getByRole('timer');
  for (const [name, target] of [['question box', question], ['timer', timer]] as const) {
    const box = await target.boundingBox();
    expect(box, `${name} is laid out`).not.toBeNull();
    expect(box!.y + box!.height, `${name} ends within the first screen`).toBeLessThanOrEqual(viewports.phone.height);
  }
  await olga.page.screenshot({ path: `${shots}/phone-observer-session-first-screen.png` });

  // Scrolled down the agenda, the timer stays in sight.
  await olga.page.mouse.wheel(0, 1500);
  await olga.page.waitForTimeout(200);
  const box = await timer.boundingBox();
  expect(box!.y, 'the timer stays on screen when scrolled').toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(viewports.phone.height);

  // Read-only people see the rendered text, not the Markdown source as well.
  await visit(olga.page, `/documents/${fixture.documentId}`);
  await expect(olga.page.locator('.preview').first()).toBeVisible();
  await expect(olga.page.locator('.cm-editor')).toBeHidden();
  await olga.page.screenshot({ path: `${shots}/phone-observer-document-first-screen.png` });
  expect(errors).toEqual([]);
});
