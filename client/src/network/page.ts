import { api, ApiError } from '../api/client';
import { connectLive } from '../collab/live';
import { counted, language, locale, t } from '../i18n';
import { followUpBadge } from '../recommendations/format';
import { type Convention, loadConvention } from '../convention/catalogue';
import { articleField, namedChoice } from '../convention/picker';
import { comboboxOf } from '../ui/combobox';
import { clear, h, uniqueId } from '../ui/dom';
import { buildForm, type FieldSpec } from '../ui/forms';
import { onLeave, section, showPage } from '../ui/page';
import { countryName, countryOptions } from '../ui/places';
import {
  cellName, networkPath, scopeChoices, scopeLabel,
  type DirectoryAnswer, type GridCell, type GridColumn, type LibraryAnswer, type NetworkGrid, type NetworkRecommendation, type NetworkView,
} from './grid';
import { watchNetwork } from './news';

/**
 * /network?scope=&country=: the grid of countries × articles of what the reader may read across their groups, with
 * filters; with a scope (links from the Convention page: /network?scope=33), the view of it first: adopted
 * recommendations with their follow-up per country, library entries and organisations working on it.
 */
export async function renderNetwork(query: URLSearchParams, go: (url: string) => void): Promise<void> {
  const scope = (query.get('scope') ?? '').trim() || null;
  const country = (query.get('country') ?? '').trim().toUpperCase() || null;
  const lang = { lang: language() };

  let grid: NetworkGrid;
  let view: NetworkView | null = null;
  const convention = await loadConvention().catch(() => undefined);
  try {
    [grid, view] = await Promise.all([
      api<NetworkGrid>('GET', `/api/network/grid?${new URLSearchParams({ ...lang, ...(scope ? { scope } : {}), ...(country ? { countries: country } : {}) }).toString()}`),
      scope ? api<NetworkView>('GET', `/api/network/articles?${new URLSearchParams({ ...lang, scope, ...(country ? { country } : {}) }).toString()}`) : Promise.resolve(null),
    ]);
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) {
      showPage(t('network.title'), filters(null, null, go, convention), h('p', { class: 'form-error', role: 'alert' }, error.title || t('network.badFilter')));
      return;
    }
    throw error;
  }

  const parts: (HTMLElement | null)[] = [filters(scope, country, go, convention)];
  if (view) parts.push(...viewSections(view, scope!, country));
  parts.push(gridSection(grid, country));
  showPage(view ? `${scopeLabel(view.named)}${country ? ` · ${countryName(country)}` : ''}` : t('network.title'),
    h('p', { class: 'breadcrumbs' }, view ? h('a', { href: '/network' }, t('network.title')) : null),
    h('p', { class: 'lead' }, t('network.intro')),
    ...parts);
}

function filters(scope: string | null, country: string | null, go: (url: string) => void, convention: Convention | undefined): HTMLElement {
  const form = buildForm(
    [
      scopeField(convention, scope),
      { name: 'country', label: t('network.country'), type: 'select', value: country ?? '', options: [{ value: '', label: t('network.country.all') }, ...countryOptions()] },
    ],
    t('network.show'),
    async (values) => {
      const chosen = values.scope;
      const picked = Array.isArray(chosen) ? chosen[chosen.length - 1] : chosen;
      go(networkPath(String(picked ?? '').trim() || null, String(values.country ?? '').trim() || null));
    },
  );
  oneScope(form);
  form.classList.add('filters');
  form.setAttribute('role', 'search');
  form.setAttribute('aria-label', t('network.filters'));
  return form;
}

/** One scope picked from the Convention (an article, a chapter or a review cycle; none: every article); chapters and cycles when it could not be loaded. */
function scopeField(convention: Convention | undefined, scope: string | null): FieldSpec {
  if (!convention) {
    const choices = scopeChoices();
    return {
      name: 'scope', label: t('network.scope'), type: 'select', value: scope ?? '',
      options: [...choices, ...(scope && !choices.some((c) => c.value === scope) ? [{ value: scope, label: scope }] : [])].map((c) => ({ value: c.value, label: c.label })),
    };
  }
  const chosen = scope ? namedChoice(convention, language(), true)(scope)?.value : undefined;
  return { ...articleField(convention, 'scope', t('network.scope'), chosen ? [chosen] : [], true), hint: t('convention.picker.scopeHint') };
}

/** The network shows one scope: a second one picked replaces the first. */
function oneScope(form: HTMLFormElement): void {
  const element = form.querySelector('.combobox[data-field="scope"]');
  const box = element ? comboboxOf(element) : undefined;
  element?.addEventListener('change', () => {
    const chosen = box?.value() ?? [];
    if (chosen.length > 1) box?.set([chosen[chosen.length - 1]]);
  });
}

const day = (iso: string) => new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

function viewSections(view: NetworkView, scope: string, country: string | null): HTMLElement[] {
  const recommendations = section(t('network.recommendations'),
    h('p', { class: 'muted', role: 'status' }, view.total === 0 ? t('network.recommendations.none') : counted('network.recommendations.count', view.total)),
    view.recommendations.length ? h('ul', { class: 'rec-list network-recs' }, ...view.recommendations.map(recommendation)) : null,
    view.partial ? h('p', { class: 'notice' }, t('network.partial')) : null);

  // The library and the directory are other parts of the network: shown when they answer, kept live by network news.
  const article = new URLSearchParams({ article: scope, ...(country ? { country } : {}) }).toString();
  const library = h('div', { class: 'network-library' });
  const directory = h('div', { class: 'network-directory' });
  const readLibrary = async () => {
    const answer = await optional<LibraryAnswer>(`/api/library?${article}`);
    clear(library, answer ? section(t('network.library'), answer.items.length === 0 ? h('p', { class: 'muted' }, t('network.library.none'))
      : h('ul', { class: 'document-list' }, ...answer.items.map((entry) => h('li', {},
        h('a', { href: `/library/${entry.id}` }, entry.title),
        h('span', { class: 'muted' }, `${entry.organisation.name} · ${day(entry.createdAt.slice(0, 10))}`))))) : null);
  };
  const readDirectory = async () => {
    const answer = await optional<DirectoryAnswer>(`/api/directory?${article}`);
    clear(directory, answer ? section(t('network.organisations'), answer.items.length === 0 ? h('p', { class: 'muted' }, t('network.organisations.none'))
      : h('ul', { class: 'document-list' }, ...answer.items.map((o) => h('li', {},
        h('a', { href: `/directory/${o.id}` }, o.name, o.shortName ? ` (${o.shortName})` : ''),
        h('span', { class: 'muted' }, countryName(o.country)))))) : null);
  };
  void readLibrary();
  void readDirectory();
  const connection = connectLive();
  const watches = [watchNetwork(connection, 'library', () => void readLibrary()), watchNetwork(connection, 'directory', () => void readDirectory())];
  onLeave(() => {
    watches.forEach((w) => w.stop());
    void connection.stop();
  });
  void watches[0].start().then(() => watches[1].start());
  return [recommendations, library, directory];
}

/** Another part's answer, or null when it is not there (404) or fails: the view shows what it has. */
async function optional<T>(path: string): Promise<T | null> {
  try {
    return await api<T>('GET', path);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) throw error;
    return null;
  }
}

function recommendation(r: NetworkRecommendation): HTMLElement {
  return h('li', { class: 'rec-row' },
    h('a', { href: r.link, class: 'rec-title' }, r.title),
    h('span', { class: 'muted' }, t('network.inGroup', { group: r.group.name })),
    h('ul', { class: 'network-articles' }, ...r.articles.map((a) => h('li', { class: a.inScope ? 'in-scope' : 'muted' }, a.label))),
    h('ul', { class: 'network-follow-up', 'aria-label': t('network.followUp') }, ...r.followUp.map((f) => h('li', {},
      h('span', {}, `${countryName(f.country)}: `), followUpBadge(f.status),
      f.lastUpdate ? h('span', { class: 'muted' }, ` ${t('network.lastUpdate', { date: day(f.lastUpdate) })}`) : h('span', { class: 'muted' }, ` ${t('network.noUpdate')}`)))));
}

function gridSection(grid: NetworkGrid, country: string | null): HTMLElement {
  const title = t('network.grid');
  if (grid.rows.length === 0 || grid.chapters.length === 0) return section(title, h('p', { class: 'muted' }, t('network.grid.empty')));
  const columns = grid.chapters.flatMap((c) => c.articles);
  const captionId = uniqueId('network-grid');
  const table = h('table', { class: 'grid network-grid' },
    h('caption', { id: captionId }, t('network.grid.caption', { scope: scopeLabel(grid.named) }), country ? ` · ${countryName(country)}` : ''),
    h('colgroup', {}, h('col', {})),
    ...grid.chapters.map((c) => h('colgroup', { span: String(c.articles.length) })),
    h('colgroup', {}, h('col', {})),
    h('thead', {},
      h('tr', {},
        h('td', {}),
        ...grid.chapters.map((c) => h('th', { scope: 'colgroup', colspan: String(c.articles.length), class: 'network-chapter' }, t('network.scope.chapterTitled', { roman: c.roman, title: c.title }))),
        h('td', {})),
      h('tr', {},
        h('th', { scope: 'col' }, t('network.country')),
        ...columns.map((c) => h('th', { scope: 'col', class: 'network-article' }, h('a', { href: c.link }, c.label))),
        h('th', { scope: 'col', class: 'number' }, t('network.total')))),
    h('tbody', {}, ...grid.rows.map((row) => h('tr', {},
      h('th', { scope: 'row' }, countryName(row.country)),
      ...row.cells.map((cell, i) => h('td', { class: 'network-cell' }, cellContent(row.country, columns[i], cell))),
      h('td', { class: 'number' }, h('strong', {}, String(row.total)))))),
    h('tfoot', {}, h('tr', {},
      h('th', { scope: 'row' }, t('network.total')),
      ...columns.map((c) => h('td', { class: 'number' }, String(c.total))),
      h('td', { class: 'number' }, h('strong', {}, String(grid.total))))));
  return section(title,
    h('p', { class: 'field-hint' }, t('network.grid.hint')),
    h('p', { class: 'field-hint scroll-hint' }, t('network.grid.scroll')),
    h('div', { class: 'table-wrap grid-wrap network-grid-wrap', tabindex: '0', role: 'region', 'aria-labelledby': captionId }, table),
    grid.partial ? h('p', { class: 'notice' }, t('network.partial')) : null);
}

function cellContent(country: string, column: GridColumn, cell: GridCell): HTMLElement {
  if (cell.count === 0 || !cell.link || !cell.worst || !cell.best) {
    return h('span', { class: 'muted' }, h('span', { 'aria-hidden': 'true' }, '—'), h('span', { class: 'visually-hidden' }, cellName(country, column, cell)));
  }
  // The link's name says it all; its visible text is the count (part of the name), the statuses are shown beside it as text.
  return h('div', { class: 'network-cell-box' },
    h('a', { href: cell.link, class: 'network-cell-link', 'aria-label': cellName(country, column, cell) }, h('strong', { class: 'network-count' }, String(cell.count))),
    h('span', { class: 'network-range', 'aria-hidden': 'true' },
      ...(cell.best === cell.worst
        ? [followUpBadge(cell.worst)]
        : [h('span', { class: 'network-pair' }, h('span', { class: 'network-mark' }, '▼'), followUpBadge(cell.worst)),
          h('span', { class: 'network-pair' }, h('span', { class: 'network-mark' }, '▲'), followUpBadge(cell.best))])));
}
