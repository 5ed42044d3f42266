import { api } from '../api/client';
import type { RecommendationDetail } from '../api/types';
import { t } from '../i18n';
import { clear, h, uniqueId } from '../ui/dom';
import { showError } from '../ui/forms';
import { libraryQuery, type LibraryAnswer, type LibraryCited } from './api';

/**
 * The library in a recommendation thread: the entries it (and its follow-up) cites, and for members and facilitators
 * of an adopted recommendation, "Cite from the library": search, then cite an entry with one button.
 */
export function libraryCitations(recommendationId: string): { element: HTMLElement; update(detail: RecommendationDetail): void } {
  const list = h('ul', { class: 'library-cited' });
  const alert = h('p', { class: 'form-error', role: 'alert' });
  alert.hidden = true;
  const picker = h('div', { class: 'library-cite' });
  const heading = uniqueId('library-cited');
  const element = h('section', { class: 'card', 'aria-labelledby': heading }, h('h2', { id: heading }, t('library.cite.title')), list, alert, picker);
  let current: RecommendationDetail | null = null;

  const read = async () => {
    const cited = await api<LibraryCited[]>('GET', `/api/recommendations/${recommendationId}/library`);
    clear(list, ...(cited.length ? cited.map((c) => h('li', {},
      h('a', { href: `/library/${c.entryId}` }, c.title), ` — ${t(`library.kinds.${c.entryKind}`)} · ${c.organisation.shortName || c.organisation.name}`,
      c.country ? ` (${t('library.citationKinds.followUp')}: ${c.country})` : ''))
      : [h('li', { class: 'field-hint' }, t('library.cite.none'))]));
  };

  const searchId = uniqueId('library-cite-q');
  const input = h('input', { id: searchId, type: 'search', autocomplete: 'off', maxlength: 200 });
  const found = h('ul', { class: 'library-cite-results', 'aria-live': 'polite' });
  const search = async () => {
    const answer = await api<LibraryAnswer>('GET', `/api/library?${libraryQuery({ q: input.value, limit: '10' })}`);
    clear(found, ...answer.items.map((item) => h('li', {}, item.title, ' ',
      h('button', {
        type: 'button', class: 'link-button', 'aria-label': t('library.cite.citeNamed', { title: item.title }), onclick: async () => {
          alert.hidden = true;
          try {
            await api('POST', `/api/library/${item.id}/citations`, { kind: 'recommendation', groupId: current!.recommendation.groupId, targetId: recommendationId });
            await read();
          } catch (error) {
            showError(error, alert);
            alert.hidden = false;
          }
        },
      }, t('library.cite.cite')))));
  };
  const form = h('form', { class: 'library-cite-form', role: 'search' },
    h('label', { for: searchId }, t('library.cite.search')), input,
    h('button', { type: 'submit' }, t('library.search')));
  form.addEventListener('submit', (event) => { event.preventDefault(); void search(); });
  const control = h('details', {}, h('summary', {}, t('library.cite.open')), form, found);

  void read().catch(() => undefined);
  return {
    element,
    update(detail) {
      const canCite = detail.recommendation.status === 'adopted' && detail.myRole !== 'observer';
      const first = current === null;
      current = detail;
      if (canCite && !picker.firstChild) picker.append(control);
      if (!canCite) clear(picker);
      if (!first) void read().catch(() => undefined);
    },
  };
}
