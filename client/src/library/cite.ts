import { api } from '../api/client';
import type { RecommendationDetail } from '../api/types';
import { t } from '../i18n';
import { clear, h, uniqueId } from '../ui/dom';
import { showError } from '../ui/forms';
import { countryName } from '../ui/places';
import { libraryQuery, type LibraryAnswer, type LibraryCited } from './api';

/** What cites: an adopted recommendation (or its follow-up in one of its countries), or a group document. */
interface CitingPlace {
  /** Where the cited entries are read. */
  readPath: string;
  /** Said when nothing is cited yet. */
  none: string;
  /** The citation to post for the choice made (the recommendation itself, or its follow-up in a country). */
  citation(choice: string): { kind: string; groupId: string; targetId: string; country?: string };
}

/** The card: the entries cited, and for those who may cite, "Cite from the library" (search, then one button per entry). */
function citationsCard(place: CitingPlace): { element: HTMLElement; allow(choices: { value: string; label: string }[] | null): void; read(): Promise<void> } {
  const list = h('ul', { class: 'library-cited' });
  const alert = h('p', { class: 'form-error', role: 'alert' });
  alert.hidden = true;
  const picker = h('div', { class: 'library-cite' });
  const heading = uniqueId('library-cited');
  const element = h('section', { class: 'card', 'aria-labelledby': heading }, h('h2', { id: heading }, t('library.cite.title')), list, alert, picker);

  const read = async () => {
    const cited = await api<LibraryCited[]>('GET', place.readPath);
    clear(list, ...(cited.length ? cited.map((c) => h('li', {},
      h('a', { href: `/library/${c.entryId}` }, c.title), ` — ${t(`library.kinds.${c.entryKind}`)} · ${c.organisation.shortName || c.organisation.name}`,
      c.country ? ` (${t('library.citationKinds.followUp')}: ${countryName(c.country)})` : ''))
      : [h('li', { class: 'field-hint' }, place.none)]));
  };

  const searchId = uniqueId('library-cite-q');
  const forId = uniqueId('library-cite-for');
  const input = h('input', { id: searchId, type: 'search', autocomplete: 'off', maxlength: 200 });
  const target = h('select', { id: forId }) as HTMLSelectElement;
  const targetField = h('div', { class: 'field' }, h('label', { for: forId }, t('library.cite.for')), target);
  const found = h('ul', { class: 'library-cite-results', 'aria-live': 'polite' });
  const search = async () => {
    const answer = await api<LibraryAnswer>('GET', `/api/library?${libraryQuery({ q: input.value, limit: '10' })}`);
    clear(found, ...answer.items.map((item) => h('li', {}, item.title, ' ',
      h('button', {
        type: 'button', class: 'link-button', 'aria-label': t('library.cite.citeNamed', { title: item.title }), onclick: async () => {
          alert.hidden = true;
          try {
            await api('POST', `/api/library/${item.id}/citations`, place.citation(target.value));
            await read();
          } catch (error) {
            showError(error, alert);
            alert.hidden = false;
          }
        },
      }, t('library.cite.cite')))));
  };
  const form = h('form', { class: 'library-cite-form', role: 'search' },
    targetField, h('label', { for: searchId }, t('library.cite.search')), input,
    h('button', { type: 'submit' }, t('library.search')));
  form.addEventListener('submit', (event) => { event.preventDefault(); void search(); });
  const control = h('details', {}, h('summary', {}, t('library.cite.open')), form, found);

  return {
    element,
    read,
    allow(choices) {
      if (!choices) {
        clear(picker);
        return;
      }
      const kept = target.value;
      clear(target, ...choices.map((c) => h('option', { value: c.value }, c.label)));
      if (choices.some((c) => c.value === kept)) target.value = kept;
      targetField.hidden = choices.length < 2; // a document cites as itself: nothing to choose
      if (!picker.firstChild) picker.append(control);
    },
  };
}

/**
 * The library in a recommendation thread: the entries it (and its follow-up) cites, and for members and facilitators
 * of an adopted recommendation, "Cite from the library" for the recommendation or its follow-up in one of its countries.
 */
export function libraryCitations(recommendationId: string): { element: HTMLElement; update(detail: RecommendationDetail): void } {
  let current: RecommendationDetail | null = null;
  const card = citationsCard({
    readPath: `/api/recommendations/${recommendationId}/library`,
    none: t('library.cite.none'),
    citation: (choice) => choice
      ? { kind: 'followUp', groupId: current!.recommendation.groupId, targetId: recommendationId, country: choice }
      : { kind: 'recommendation', groupId: current!.recommendation.groupId, targetId: recommendationId },
  });
  void card.read().catch(() => undefined);
  return {
    element: card.element,
    update(detail) {
      const canCite = detail.recommendation.status === 'adopted' && detail.myRole !== 'observer';
      const first = current === null;
      current = detail;
      card.allow(canCite ? [
        { value: '', label: t('library.cite.forRecommendation') },
        ...detail.recommendation.countries.map((c) => ({ value: c, label: t('library.cite.forFollowUp', { country: countryName(c) }) })),
      ] : null);
      if (!first) void card.read().catch(() => undefined);
    },
  };
}

/** The library on a group document's page: what it cites, and "Cite from the library" for those who may edit it. */
export function documentCitations(documentId: string, groupId: string, canCite: boolean): HTMLElement {
  const card = citationsCard({
    readPath: `/api/documents/${documentId}/library`,
    none: t('library.cite.noneDocument'),
    citation: () => ({ kind: 'document', groupId, targetId: documentId }),
  });
  card.allow(canCite ? [{ value: '', label: t('library.citationKinds.document') }] : null);
  void card.read().catch(() => undefined);
  return card.element;
}
