import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Loads a page and waits until it has settled (its heading shown, no "Loading…" in any language, live connections settled). */
export async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.locator('main h1').first()).toBeVisible();
  await expect(page.locator('main')).not.toContainText(/Loading…|Cargando…|Carregando…/);
  await page.waitForTimeout(300); // live connections settle (presence, status)
}

/** Critical and serious axe-core findings (WCAG 2.1 A/AA, colour contrast included) on the page as it is: "rule: targets". */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}
