import { api, ApiError } from '../api/client';
import { articleLabel, loadConvention, normaliseReference } from '../convention/catalogue';
import { createArticlePicker } from '../convention/picker';
import { counted, t } from '../i18n';
import { organisationKinds } from '../organisations/types';
import { combobox } from '../ui/combobox';
import { clear, h, uniqueId } from '../ui/dom';
import { countryName, countryOptions, languageName, languageOptions } from '../ui/places';
import { showPage } from '../ui/page';
import { followNetwork } from '../network/news';
import { reasonText } from './reasons';
import type { DirectoryAnswer, DirectoryItem, DirectoryProfile, PartnersAnswer } from './types';

const pageSize = 50;

/** A scope from the address as the picker's options name it ("33" → "Art. 33"; "chapter:III" as it is). */
const asChoice = (scope: string): string => (scope.includes(':') ? scope : normaliseReference(scope) ?? scope);

/** A combobox that keeps one choice (the last one made): a filter names one country or language. */
function single(id: string, name: string, label: string, options: { value: string; label: string }[], value: string | null) {
  const box = combobox({ id, name, label, options, values: value ? [value] : [] });
  box.element.addEventListener('change', () => {
    const values = box.value();
    if (values.length > 1) box.set([values[values.length - 1]]);
  });
  return box;
}

function field(label: string, control: HTMLElement, id: string, hint?: string): HTMLElement {
  const hintId = hint ? `${id}-hint` : undefined;
  return h('div', { class: 'field' }, h('label', { for: id }, label), hint ? h('p', { class: 'field-hint', id: hintId }, hint) : null, control);
}

/** One organisation in a list: its name (a link to its page), where, what kind, what it works on. */
function card(item: DirectoryItem, extra?: HTMLElement | null): HTMLElement {
  const headingId = uniqueId('directory-org');
  return h('li', { class: 'card directory-card', 'aria-labelledby': headingId },
    h('h2', { id: headingId, class: 'directory-name' }, h('a', { href: `/directory/${item.id}` }, item.name), item.shortName ? h('span', { class: 'muted' }, ` (${item.shortName})`) : null),
    h('p', { class: 'directory-meta' },
      h('span', { class: 'badge' }, t(`org.kind.${item.kind}`)), ' ', countryName(item.country),
      item.languages.length ? ` · ${item.languages.map((l) => languageName(l)).join(', ')}` : ''),
    item.articles.length ? h('p', { class: 'directory-articles' }, item.articles.map((a) => articleLabel(a)).join('; ')) : null,
    item.thematicAreas.length ? h('p', { class: 'muted' }, item.thematicAreas.join(' · ')) : null,
    extra ?? null);
}

/** /directory?q&country&kind&area&article&language&offset: the filters, then the listed organisations by name. */
export async function renderDirectory(query: URLSearchParams, go: (url: string) => void): Promise<void> {
  await loadConvention().catch(() => undefined);
  const q = h('input', { id: uniqueId('directory-q'), type: 'search', name: 'q', value: query.get('q') ?? '', maxlength: 200, autocomplete: 'off' });
  const country = single(uniqueId('directory-country'), 'country', t('directory.country'), countryOptions(), query.get('country'));
  const languageBox = single(uniqueId('directory-language'), 'language', t('directory.language'), languageOptions(), query.get('language'));
  const kind = h('select', { id: uniqueId('directory-kind'), name: 'kind' },
    h('option', { value: '' }, t('directory.anyKind')),
    ...organisationKinds.map((k) => h('option', { value: k, selected: k === query.get('kind') }, t(`org.kind.${k}`))));
  const area = h('input', { id: uniqueId('directory-area'), type: 'text', name: 'area', value: query.get('area') ?? '', maxlength: 100 });
  let article = asChoice(query.get('article') ?? '');
  const picker = createArticlePicker({ label: t('directory.article'), selected: article ? [article] : [], scopes: true, onChange: (values) => { article = values.at(-1) ?? ''; } });
  const form = h('form', { class: 'card directory-filters', role: 'search', 'aria-label': t('directory.filters') },
    field(t('directory.text'), q, q.id),
    h('div', { class: 'field' }, h('label', { for: country.input.id }, t('directory.country')), country.element),
    field(t('directory.kind'), kind, kind.id),
    field(t('directory.area'), area, area.id),
    picker,
    h('div', { class: 'field' }, h('label', { for: languageBox.input.id }, t('directory.language')), languageBox.element),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, t('directory.search'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    const add = (name: string, value: string | undefined) => { if (value?.trim()) params.set(name, value.trim()); };
    add('q', q.value); add('country', country.value()[0]); add('kind', kind.value); add('area', area.value); add('article', article); add('language', languageBox.value()[0]);
    go(`/directory${params.size ? `?${params.toString()}` : ''}`);
  });

  const status = h('p', { class: 'directory-status', role: 'status', 'aria-live': 'polite' });
  const list = h('ol', { class: 'directory-list' });
  const pages = h('nav', { class: 'directory-pages', 'aria-label': t('directory.pages') });
  showPage(t('directory.title'),
    h('p', {}, t('directory.intro'), ' ', h('a', { href: '/directory/partners', id: 'find-partners' }, t('directory.findPartners'))),
    form, status, list, pages);

  const offset = Math.max(0, Number(query.get('offset') ?? 0) || 0);
  const load = async () => {
    const params = new URLSearchParams(query);
    params.set('limit', String(pageSize));
    params.set('offset', String(offset));
    let answer: DirectoryAnswer;
    try {
      answer = await api<DirectoryAnswer>('GET', `/api/directory?${params.toString()}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        status.textContent = error.title;
        return;
      }
      throw error;
    }
    status.textContent = answer.total === 0 ? t('directory.none') : counted('directory.count', answer.total);
    clear(list, ...answer.items.map((item) => card(item)));
    const at = (to: number) => { const p = new URLSearchParams(query); p.set('offset', String(to)); return `/directory?${p.toString()}`; };
    clear(pages,
      offset > 0 ? h('a', { href: at(Math.max(0, offset - pageSize)) }, t('directory.previous')) : null,
      offset + pageSize < answer.total ? h('a', { href: at(offset + pageSize) }, t('directory.next')) : null);
  };
  await load();
  followNetwork('directory', load); // an organisation listed, changed or unlisted elsewhere: read again
}

/** /directory/:id: the profile (no people), the groups it takes part in among mine, what it endorsed that I may read, what it shared. */
export async function renderOrganisation(id: string): Promise<void> {
  await loadConvention().catch(() => undefined);
  const profile = await api<DirectoryProfile>('GET', `/api/directory/${encodeURIComponent(id)}`);
  const o = profile.organisation;
  const facts = h('dl', { class: 'facts' },
    h('dt', {}, t('directory.kind')), h('dd', {}, t(`org.kind.${o.kind}`)),
    h('dt', {}, t('directory.country')), h('dd', {}, countryName(o.country)),
    o.languages.length ? h('dt', {}, t('directory.languages')) : null, o.languages.length ? h('dd', {}, o.languages.map((l) => languageName(l)).join(', ')) : null,
    o.thematicAreas.length ? h('dt', {}, t('directory.areas')) : null, o.thematicAreas.length ? h('dd', {}, o.thematicAreas.join(' · ')) : null,
    o.articles.length ? h('dt', {}, t('directory.articles')) : null,
    o.articles.length ? h('dd', {}, h('ul', { class: 'plain-list' }, ...o.articles.map((a) => h('li', {}, articleLabel(a))))) : null,
    o.website ? h('dt', {}, t('directory.website')) : null,
    o.website ? h('dd', {}, h('a', { href: o.website, rel: 'noopener noreferrer nofollow', target: '_blank' }, o.website)) : null);
  const section = (title: string, ...content: (Node | null)[]) => {
    const headingId = uniqueId('directory-section');
    return h('section', { class: 'card', 'aria-labelledby': headingId }, h('h2', { id: headingId }, title), ...content);
  };
  const library = section(t('directory.library'), h('p', { class: 'muted' }, t('directory.loading')));
  showPage(o.name,
    profile.listed ? null : h('p', { class: 'notice' }, t('directory.notListed')),
    section(t('directory.profile'), profile.description ? h('p', { class: 'directory-description' }, profile.description) : null, facts),
    section(t('directory.groups'), profile.groups.length
      ? h('ul', {}, ...profile.groups.map((g) => h('li', {}, h('a', { href: `/groups/${g.id}` }, g.name))))
      : h('p', { class: 'muted' }, t('directory.noGroups'))),
    section(t('directory.endorsed'), profile.endorsed.length
      ? h('ul', {}, ...profile.endorsed.map((e) => h('li', {},
        h('a', { href: `/recommendations/${e.id}` }, e.title), ' ',
        h('span', { class: `badge stance-${e.stance}` }, t(`directory.stance.${e.stance}`)),
        h('span', { class: 'muted' }, ` · ${e.group.name}`))))
      : h('p', { class: 'muted' }, t('directory.noEndorsed'))),
    library,
    h('p', {}, h('a', { href: '/directory' }, t('directory.back'))));
  await sharedInLibrary(id, library);
}

/** GET /api/library?organisation= (built elsewhere): its entries as links; the section goes when the library answers 404 or fails. */
async function sharedInLibrary(id: string, section: HTMLElement): Promise<void> {
  try {
    const answer = await api<{ items?: { id: string; title: string }[] }>('GET', `/api/library?organisation=${encodeURIComponent(id)}`);
    const items = answer.items ?? [];
    const heading = section.querySelector('h2');
    clear(section, heading, items.length
      ? h('ul', {}, ...items.map((item) => h('li', {}, h('a', { href: `/library/${item.id}` }, item.title))))
      : h('p', { class: 'muted' }, t('directory.noLibrary')));
  } catch {
    section.remove();
  }
}

/** /directory/partners?article&country: prefilled from my organisation; each suggestion with its reasons. */
export async function renderPartners(query: URLSearchParams, go: (url: string) => void): Promise<void> {
  await loadConvention().catch(() => undefined);
  const params = new URLSearchParams();
  for (const name of ['article', 'country']) if (query.get(name)) params.set(name, query.get(name)!);
  let answer: PartnersAnswer | null = null;
  let problem: string | null = null;
  try {
    answer = await api<PartnersAnswer>('GET', `/api/directory/partners${params.size ? `?${params.toString()}` : ''}`);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 400) throw error;
    problem = query.size ? error.title : t('directory.partnersNeed');
  }

  const chosenArticle = query.get('article') ?? (answer && answer.articles.length === 1 ? answer.articles[0] : '');
  let article = asChoice(chosenArticle);
  const picker = createArticlePicker({ label: t('directory.article'), selected: article ? [article] : [], scopes: true, onChange: (values) => { article = values.at(-1) ?? ''; } });
  const country = single(uniqueId('partners-country'), 'country', t('directory.country'), countryOptions(), query.get('country') ?? answer?.country ?? null);
  const form = h('form', { class: 'card directory-filters', 'aria-label': t('directory.partnersForm') },
    picker,
    h('div', { class: 'field' }, h('label', { for: country.input.id }, t('directory.country')), country.element),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, t('directory.findPartners'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (article) next.set('article', article);
    if (country.value()[0]) next.set('country', country.value()[0]);
    go(`/directory/partners?${next.toString()}`);
  });

  const status = h('p', { class: 'directory-status', role: 'status', 'aria-live': 'polite' });
  const list = h('ol', { class: 'directory-list' });
  showPage(t('directory.partnersTitle'), h('p', {}, t('directory.partnersIntro')), form, status, list, h('p', {}, h('a', { href: '/directory' }, t('directory.back'))));
  if (!answer) {
    status.textContent = problem ?? '';
    return;
  }

  status.textContent = [
    t('directory.partnersFor', { articles: answer.articles.length > 3 ? t('directory.articlesCount', { count: answer.articles.length }) : answer.articles.map((a) => articleLabel(a)).join('; '), country: countryName(answer.country) }),
    answer.items.length ? counted('directory.count', answer.items.length) : t('directory.none'),
  ].join(' ');
  clear(list, ...answer.items.map((s) => card(s.organisation,
    h('div', { class: 'partner-reasons' }, h('p', { class: 'muted' }, t('directory.why')),
      h('ul', {}, ...s.reasons.map((r) => h('li', { class: `reason reason-${r.code}` }, reasonText(r))))))));
}
