import { api, ApiError } from '../api/client';
import { counted, locale, t } from '../i18n';
import { clear, h, uniqueId } from '../ui/dom';
import { showPage } from '../ui/page';
import { byGroup, markedSnippet, searchKinds, searchPath, type SearchAnswer, type SearchKind, type SearchResult } from './snippet';

const kindNames = (): Record<SearchKind, string> => ({
  document: t('search.kind.document'), recommendation: t('search.kind.recommendation'), comment: t('search.kind.comment'), session: t('search.kind.session'),
});

const typeNames = (): Record<SearchKind, string> => ({
  document: t('search.type.document'), recommendation: t('search.type.recommendation'), comment: t('search.type.comment'), session: t('search.type.session'),
});

/** /search?q=&kind=: the form, then the results by group, each a link; the count is announced when they come. */
export async function renderSearch(query: URLSearchParams, go: (url: string) => void): Promise<void> {
  const q = (query.get('q') ?? '').trim();
  const kind = searchKinds.find((k) => k === query.get('kind')) ?? null;
  const fieldId = uniqueId('search-q');
  const hintId = uniqueId('search-hint');
  const input = h('input', { id: fieldId, type: 'search', name: 'q', value: q, minlength: 2, maxlength: 200, required: true, 'aria-describedby': hintId, autocomplete: 'off' });
  const kinds = h('select', { name: 'kind', id: uniqueId('search-kind') },
    h('option', { value: '' }, t('search.kind.all')),
    ...searchKinds.map((k) => h('option', { value: k, selected: k === kind }, kindNames()[k])));
  const form = h('form', { class: 'search-form', role: 'search', 'aria-label': t('search.label') },
    h('div', { class: 'field' }, h('label', { for: fieldId }, t('search.label')), input, h('p', { class: 'field-hint', id: hintId }, t('search.hint'))),
    h('div', { class: 'field' }, h('label', { for: kinds.id }, t('search.kind')), kinds),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, t('search.submit'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (input.value.trim().length < 2) {
      input.setAttribute('aria-invalid', 'true');
      status.textContent = t('search.tooShort');
      input.focus();
      return;
    }
    go(searchPath(input.value, kinds.value || null));
  });

  // Present (empty) before the answer comes, so that screen readers announce the count when it is filled in.
  const status = h('p', { class: 'search-status', role: 'status', 'aria-live': 'polite' });
  const results = h('div', { class: 'search-results' });
  showPage(t('search.title'), form, status, results);
  if (!q) return;
  if (q.length < 2) {
    status.textContent = t('search.tooShort');
    return;
  }

  let answer: SearchAnswer;
  try {
    answer = await api<SearchAnswer>('GET', `/api/search?${new URLSearchParams({ q, limit: '50', ...(kind ? { kind } : {}) }).toString()}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) {
      input.setAttribute('aria-invalid', 'true');
      status.textContent = error.title;
      return;
    }
    throw error;
  }

  const count = answer.results.length === 0
    ? t('search.empty', { query: q })
    : [counted('search.count', answer.total), answer.total > answer.results.length ? t('search.more', { shown: answer.results.length }) : '']
        .filter(Boolean).join(' ');
  status.textContent = count;
  clear(results,
    ...byGroup(answer.results).map(({ group, results: found }) => {
      const headingId = uniqueId('search-group');
      return h('section', { class: 'card search-group', 'aria-labelledby': headingId },
        h('h2', { id: headingId }, group.name),
        h('ol', { class: 'search-list' }, ...found.map(item)));
    }),
    answer.partial ? h('p', { class: 'notice' }, t('search.partial')) : null);
}

const date = (iso: string) => new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(new Date(iso));

function item(result: SearchResult): HTMLElement {
  return h('li', { class: 'search-item' },
    h('p', { class: 'search-item-head' },
      h('span', { class: `badge search-kind search-kind-${result.kind}` }, typeNames()[result.kind]),
      ' ',
      h('a', { href: result.link, class: 'search-link' }, result.title)),
    result.snippet ? h('p', { class: 'search-snippet' }, ...markedSnippet(result.snippet, result.highlights)) : null,
    h('p', { class: 'search-meta muted' }, result.kind === 'session'
      ? t('search.scheduled', { date: date(result.updatedAt) })
      : t('search.updated', { date: date(result.updatedAt) })));
}
