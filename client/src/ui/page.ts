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
