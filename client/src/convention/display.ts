import { h } from '../ui/dom';
import { articleLabel } from './catalogue';

/** Articles in full ("Art. 33 — Protection of reporting persons; Art. 8.4 — …"), for a page with room. */
export const articleLabels = (references: readonly string[]): string => references.map((r) => articleLabel(r)).join('; ');

/**
 * Articles where room is short (a board row on a phone): "Art. 33, Art. 8.4" shown, the titled labels in a
 * tooltip and read by screen readers in full.
 */
export function articlesShort(references: readonly string[]): HTMLElement {
  const full = articleLabels(references);
  return h('span', { class: 'articles' },
    h('span', { 'aria-hidden': 'true', title: full }, references.join(', ')),
    h('span', { class: 'visually-hidden' }, full));
}
