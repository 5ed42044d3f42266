import { t } from '../i18n';
import { clear, h, uniqueId } from './dom';

const leaving: (() => void)[] = [];

/** Registers clean-up for the current page (closing live connections) before the next page renders. */
export function onLeave(cleanup: () => void): void {
  leaving.push(cleanup);
}

export function leavePage(): void {
  for (const cleanup of leaving.splice(0)) cleanup();
}

const unsavedChecks = new Set<() => boolean>();

/**
 * While `unsaved` says true, leaving asks first: the browser's own prompt when
 * the tab is closed or reloaded, ours when a link or the back button would leave the page.
 * Returns the function that removes the check.
 */
export function guardUnsaved(unsaved: () => boolean): () => void {
  unsavedChecks.add(unsaved);
  return () => unsavedChecks.delete(unsaved);
}

const hasUnsaved = () => [...unsavedChecks].some((unsaved) => unsaved());

window.addEventListener('beforeunload', (event) => {
  if (!hasUnsaved()) return;
  event.preventDefault();
  event.returnValue = ''; // older browsers show their prompt only with this set
});

/**
 * Whether the person may leave the page now: edits on their way usually land within moments,
 * so wait a little for them before asking.
 */
export async function mayLeave(): Promise<boolean> {
  await waitWhile(hasUnsaved, 1500);
  return !hasUnsaved() || window.confirm(t('live.unsavedLeave'));
}

/** Resolves once `condition` is false, looking every 50 ms, or after `limit` milliseconds. */
export async function waitWhile(condition: () => boolean, limit: number): Promise<void> {
  for (const started = Date.now(); condition() && Date.now() - started < limit; ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Replaces the main area, sets the title and moves focus to the heading for screen readers. */
export function showPage(title: string, ...content: (Node | null)[]): HTMLElement {
  const main = document.getElementById('main')!;
  const heading = h('h1', { tabindex: '-1' }, title);
  clear(main, heading, ...content);
  document.title = `${title} · ${t('app.name')}`;
  heading.focus({ preventScroll: true });
  window.scrollTo(0, 0);
  return main;
}

/** A card with a heading; the heading names the region for screen readers. */
export function section(title: string, ...content: (Node | null | false)[]): HTMLElement {
  const id = uniqueId('section');
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...content);
}

export function loading(): void {
  clear(document.getElementById('main')!, h('p', { class: 'muted', role: 'status' }, t('page.loading')));
}

export function roleBadge(role: string): HTMLElement {
  return h('span', { class: `badge badge-${role}` }, t(`role.${role}`));
}
