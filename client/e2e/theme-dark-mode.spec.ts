import { expect, test, type Page } from '@playwright/test';
import { call, person, signInAdmin } from './people';
import { seriousViolations, visit } from './accessibility';
import { prepare } from './world';

/**
 * Dark mode follows the system (prefers-color-scheme): the pages people use most, as an administrator
 * and as an observer, on a laptop and a phone, pass axe-core's contrast rules with no critical or serious
 * violation, and the page really is dark (the canvas is not the light scheme's).
 */

const shots = 'test-results/screenshots';

test('every main page is dark when the system is, and keeps WCAG AA contrast', async ({ browser }) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  const { fixture, observer } = await prepare(browser, errors);
  const findings: string[] = [];
  for (const viewport of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
    const admin = await person(browser, errors, viewport);
    await admin.page.emulateMedia({ colorScheme: 'dark' });
    await signInAdmin(admin.page);
    const olga = await person(browser, errors, viewport);
    await olga.page.emulateMedia({ colorScheme: 'dark' });
    await call(olga.page, 'POST', '/api/auth/sign-in', { email: observer.email, password: 'correct horse battery staple' });
    const pages: [Page, string, string][] = [
      ...['/', `/groups/${fixture.groupId}`, `/documents/${fixture.documentId}`, `/groups/${fixture.groupId}/recommendations`,
        `/groups/${fixture.groupId}/recommendations/follow-up`, `/recommendations/${fixture.recommendationId}`, fixture.sessionUrl,
        '/account', '/admin/operations', '/admin/organisations'].map((path): [Page, string, string] => [admin.page, 'admin', path]),
      ...[`/documents/${fixture.documentId}`, fixture.sessionUrl].map((path): [Page, string, string] => [olga.page, 'observer', path]),
    ];
    for (const [index, [page, who, path]] of pages.entries()) {
      await visit(page, path);
      const canvas = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      expect(`${path}: ${canvas}`).toBe(`${path}: rgb(17, 21, 27)`); // --canvas of the dark scheme
      findings.push(...(await seriousViolations(page)).map((found) => `${viewport.width} ${who} ${path}: ${found}`));
      if (viewport.width === 1366 || path === fixture.sessionUrl) {
        await page.screenshot({ path: `${shots}/dark-${viewport.width}-${String(index).padStart(2, '0')}-${who}-${path.split('/')[1] || 'home'}.png` });
      }
    }
    await admin.context.close();
    await olga.context.close();
  }
  expect(findings, findings.join('\n')).toEqual([]);
  expect(errors).toEqual([]);
});
