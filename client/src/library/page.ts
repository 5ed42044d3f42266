import { api, ApiError } from '../api/client';
import { loadConvention } from '../convention/catalogue';
import { createArticlePicker } from '../convention/picker';
import { articlesShort } from '../convention/display';
import { counted, t } from '../i18n';
import { followNetwork } from '../network/news';
import { clear, h, uniqueId } from '../ui/dom';
import { showPage } from '../ui/page';
import { countryName, countryOptions, formatDate, languageName, languageOptions } from '../ui/places';
import { libraryKinds, libraryQuery, type LibraryAnswer, type LibraryItem } from './api';

const pageSize = 20;

/** /library?q&kind&country&article&language&organisation&sort: the filters, then the entries the reader may read; live on new entries. */
export async function renderLibrary(query: URLSearchParams, go: (url: string) => void): Promise<void> {
  await loadConvention().catch(() => undefined);
  const value = (key: string) => query.get(key) ?? '';
  let article = value('article');
  const select = (name: string, label: string, options: { value: string; label: string }[], current: string) => {
    const id = uniqueId(`library-${name}`);
    const element = h('select', { id, name }, h('option', { value: '' }, t('library.any')),
      ...options.map((o) => h('option', { value: o.value, selected: o.value === current }, o.label)));
    return { element, field: h('div', { class: 'field' }, h('label', { for: id }, label), element) };
  };
  const textId = uniqueId('library-q');
  const text = h('input', { id: textId, type: 'search', name: 'q', value: value('q'), maxlength: 200, autocomplete: 'off' });
  const kind = select('kind', t('library.kind'), libraryKinds.map((k) => ({ value: k, label: t(`library.kinds.${k}`) })), value('kind'));
  const country = select('country', t('library.country'), countryOptions(), value('country').toUpperCase());
  const language = select('language', t('library.language'), languageOptions(), value('language'));
  const sort = select('sort', t('library.sort'), [{ value: 'newest', label: t('library.sort.newest') }, { value: 'used', label: t('library.sort.used') }], value('sort') || 'newest');
  sort.element.querySelector('option[value=""]')?.remove();
  const picker = createArticlePicker({ label: t('library.article'), selected: article ? [article] : [], scopes: true, onChange: (refs) => { article = refs.at(-1) ?? ''; } });
  const organisation = value('organisation');

  const form = h('form', { class: 'library-filters', role: 'search', 'aria-label': t('library.filters') },
    h('div', { class: 'field' }, h('label', { for: textId }, t('library.text')), text),
    kind.field, country.field, picker, language.field, sort.field,
    organisation ? h('p', { class: 'field-hint' }, t('library.organisationFilter'), ' ', h('a', { href: `/library?${libraryQuery({ ...Object.fromEntries(query), organisation: null })}` }, t('library.clearOrganisation'))) : null,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, t('library.search'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go(`/library?${libraryQuery({ q: text.value, kind: kind.element.value, country: country.element.value, article, language: language.element.value, organisation, sort: sort.element.value === 'newest' ? '' : sort.element.value })}`);
  });

  const status = h('p', { class: 'library-status', role: 'status', 'aria-live': 'polite' });
  const results = h('ol', { class: 'library-list' });
  const more = h('div', { class: 'library-more' });
  showPage(t('library.title'),
    h('p', { class: 'page-actions' }, h('a', { href: '/library/new', class: 'button primary', id: 'library-share' }, t('library.share'))),
    form, status, results, more);

  let shown = pageSize;
  const read = async () => {
    const filters = { q: value('q'), kind: value('kind'), country: value('country'), article: value('article'), language: value('language'), organisation, sort: value('sort'), limit: String(shown) };
    let answer: LibraryAnswer;
    try {
      answer = await api<LibraryAnswer>('GET', `/api/library?${libraryQuery(filters)}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        status.textContent = error.title;
        return;
      }
      throw error;
    }
    status.textContent = answer.total === 0 ? t('library.empty') : counted('library.count', answer.total);
    clear(results, ...answer.items.map(item));
    clear(more, answer.total > answer.items.length
      ? h('button', { type: 'button', onclick: () => { shown += pageSize; void read(); } }, t('library.more'))
      : null);
  };
  await read();
  followNetwork('library', read);
}

function item(entry: LibraryItem): HTMLElement {
  return h('li', { class: 'card library-item' },
    h('h2', {}, h('a', { href: `/library/${entry.id}` }, entry.title)),
    h('p', { class: 'library-meta' },
      h('span', { class: 'badge' }, t(`library.kinds.${entry.kind}`)), ' ',
      entry.organisation.shortName || entry.organisation.name,
      entry.group ? ` · ${t('library.groupOnly', { group: entry.group.name })}` : ''),
    entry.summaryExcerpt ? h('p', {}, entry.summaryExcerpt) : null,
    h('p', { class: 'library-meta' },
      [entry.countries.map(countryName).join(', '), languageName(entry.language), formatDate(entry.createdAt), counted('library.uses', entry.uses),
        entry.files.length ? counted('library.fileCount', entry.files.length) : ''].filter(Boolean).join(' · ')),
    entry.articles.length ? h('p', { class: 'library-meta' }, articlesShort(entry.articles)) : null);
}
