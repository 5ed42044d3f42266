import { api, ApiError } from '../api/client';
import type { GroupDetail, RecommendationDetail, RecommendationItem } from '../api/types';
import { connectLive } from '../collab/live';
import { language, t } from '../i18n';
import { clear, h } from '../ui/dom';
import { type Convention, loadConvention } from '../convention/catalogue';
import { articlesShort } from '../convention/display';
import { articleField, namedChoice } from '../convention/picker';
import { comboboxOf } from '../ui/combobox';
import { buildForm, showError, type FieldSpec } from '../ui/forms';
import { onLeave, section, showPage } from '../ui/page';
import { countryName } from '../ui/places';
import { countryChoices, countryList, factsBody, factsFields, followUpBadge, recommendationStatuses, statusBadge } from './format';
import { debounce, watchGroup, withChange, withRemoval, type Removals } from './live';

const filterNames = ['status', 'area', 'article', 'country', 'addressee', 'q'] as const;

/** The group's recommendation board: filters in the address, the list kept live, a form to draft a new one, the reports. */
export async function renderBoard(groupId: string, query: URLSearchParams, go: (url: string) => void): Promise<void> {
  const filters = new URLSearchParams();
  for (const name of filterNames) {
    const value = query.get(name)?.trim();
    if (value) filters.set(name, value);
  }
  const filtered = filters.size > 0;
  const path = `/api/groups/${groupId}/recommendations`;
  // The Convention first: rows show titled articles, the filter and the new-recommendation form pick from it.
  const [group, convention] = await Promise.all([api<GroupDetail>('GET', `/api/groups/${groupId}`), loadConvention().catch(() => undefined)]);
  const alert = h('p', { class: 'form-error', role: 'alert' });
  alert.hidden = true;
  let [items, all] = await Promise.all([
    api<RecommendationItem[]>('GET', filtered ? `${path}?${filters}` : path).catch((error: unknown) => {
      if (!(error instanceof ApiError) || error.status !== 400) throw error;
      alert.textContent = [error.title, ...Object.values(error.fieldErrors).flat()].join(' ');
      alert.hidden = false;
      return [];
    }),
    filtered ? api<RecommendationItem[]>('GET', path) : Promise.resolve(null),
  ]);
  all ??= items;

  const participant = group.canManage || group.myRole === 'member';
  const list = h('div', { class: 'rec-board', 'aria-live': 'polite' });
  const show = () => clear(list, items.length === 0
    ? h('p', { class: 'muted' }, filtered ? t('rec.noMatch') : t('rec.empty'))
    : h('ul', { class: 'rec-list' }, ...items.map((item) => boardRow(item, participant))));
  show();

  // Live: unfiltered, a changed row is replaced and moves to the top, a removed one goes (unless the
  // event is older than the row or its removal, having been overtaken on its way); filtered, the list
  // is read again.
  const connection = connectLive();
  const reread = debounce(async () => {
    try {
      items = await api<RecommendationItem[]>('GET', filtered ? `${path}?${filters}` : path);
      show();
    } catch { /* the next change tries again */ }
  });
  const removals: Removals = new Map();
  const watch = watchGroup(connection, groupId, {
    changed: (event) => {
      if (filtered) { reread(); return; }
      items = withChange(items, event, removals);
      show();
    },
    removed: (event) => {
      items = withRemoval(items, event, removals);
      show();
    },
    resync: reread,
  });
  onLeave(() => {
    reread.cancel();
    watch.stop();
    void connection.stop();
  });

  const filterForm = buildForm(
    [
      { name: 'status', label: t('rec.filter.status'), type: 'select', value: filters.get('status') ?? '', options: [
        { value: '', label: t('rec.filter.any') }, ...recommendationStatuses.map((s) => ({ value: s, label: t(`rec.status.${s}`) }))] },
      { name: 'area', label: t('field.thematicArea'), type: 'select', value: filters.get('area') ?? '', options: [
        { value: '', label: t('rec.filter.any') }, ...[...new Set(all.map((i) => i.thematicArea))].sort().map((a) => ({ value: a, label: a }))] },
      articleFilter(convention, filters.get('article') ?? ''),
      { name: 'country', label: t('field.country'), type: 'select', value: filters.get('country') ?? '', options: [
        { value: '', label: t('rec.filter.any') }, ...countryChoices(group.countries, all.flatMap((i) => i.countries))] },
      { name: 'addressee', label: t('rec.filter.addressee'), value: filters.get('addressee') ?? '' },
      { name: 'q', label: t('rec.filter.search'), value: filters.get('q') ?? '' },
    ],
    t('rec.filter.apply'),
    async (values) => {
      const next = new URLSearchParams();
      for (const name of filterNames) if (String(values[name] ?? '').trim()) next.set(name, String(values[name]).trim());
      go(`/groups/${groupId}/recommendations${next.size ? `?${next}` : ''}`);
    },
  );
  oneScope(filterForm);
  filterForm.classList.add('filters');
  filterForm.setAttribute('role', 'search');
  filterForm.setAttribute('aria-label', t('rec.filter.title'));
  if (filtered) filterForm.querySelector('.form-actions')?.append(h('a', { href: `/groups/${groupId}/recommendations`, class: 'button secondary' }, t('rec.filter.clear')));
  // Folded away until used, so the list comes first (on a phone above all); open while filters apply.
  const filterBox = h('details', { class: 'card filter-box', open: filtered },
    h('summary', {}, h('span', { class: 'summary-title' }, t('rec.filter.title')),
      filtered ? h('span', { class: 'muted' }, ` · ${t('rec.filter.active', { count: filters.size })}`) : null),
    filterForm);

  const create = participant
    ? section(t('rec.new'), buildForm(
        [
          ...factsFields({ thematicArea: group.thematicArea, countries: group.countries }, countryChoices(group.countries), true),
          { name: 'body', label: t('rec.field.body'), type: 'textarea', rows: 8, maxLength: 100_000, hint: t('rec.field.bodyHint') },
        ],
        t('rec.create'),
        async (values) => {
          const created = await api<RecommendationDetail>('POST', path, { ...factsBody(values), body: String(values.body ?? '') });
          go(`/recommendations/${created.recommendation.id}`);
        },
      ))
    : null;

  showPage(t('rec.board'),
    h('p', { class: 'breadcrumbs' }, h('a', { href: `/groups/${groupId}` }, group.name)),
    h('nav', { class: 'page-links', 'aria-label': t('rec.moreViews') },
      h('a', { href: `/groups/${groupId}/recommendations/follow-up` }, t('grid.title'))),
    filterBox,
    h('section', { class: 'card', 'aria-label': t('rec.list') }, alert, list),
    create,
    reportsSection(groupId),
    group.canManage ? settingsSection(group) : null);

  void watch.start();
}

/** The article filter: one scope (an article, a chapter or a review cycle) picked from the Convention; typed when it could not be loaded. */
function articleFilter(convention: Convention | undefined, current: string): FieldSpec {
  if (!convention) return { name: 'article', label: t('rec.filter.article'), value: current, hint: t('rec.filter.articleHint') };
  const chosen = current ? namedChoice(convention, language(), true)(current)?.value : undefined;
  return { ...articleField(convention, 'article', t('rec.filter.article'), chosen ? [chosen] : [], true), hint: t('convention.picker.scopeHint') };
}

/** The board filters by one scope: a second one picked replaces the first. */
function oneScope(form: HTMLFormElement): void {
  const element = form.querySelector('.combobox[data-field="article"]');
  const box = element ? comboboxOf(element) : undefined;
  element?.addEventListener('change', () => {
    const chosen = box?.value() ?? [];
    if (chosen.length > 1) box?.set([chosen[chosen.length - 1]]);
  });
}

function boardRow(item: RecommendationItem, participant: boolean): HTMLElement {
  const adopted = item.status === 'adopted';
  return h('li', { class: 'rec-row', 'data-id': item.id },
    h('a', { href: `/recommendations/${item.id}`, class: 'rec-link' }, item.title),
    h('span', { class: 'rec-meta' },
      statusBadge(item.status),
      item.visibility === 'members' ? h('span', { class: 'badge badge-locked' }, t('documents.visibility.members')) : null,
      participant && item.followUpDue ? h('span', { class: 'badge badge-due' }, t('rec.followUpDue')) : null,
      h('span', {}, item.thematicArea),
      item.articles.length ? articlesShort(item.articles) : null),
    adopted && item.countries.length
      ? h('span', { class: 'rec-meta' }, ...item.countries.map((c) => h('span', { class: 'country-status' },
          `${countryName(c)}: `, followUpBadge(item.followUp[c] ?? 'not-started'))))
      : h('span', { class: 'rec-meta muted' }, countryList(item.countries)));
}

function reportsSection(groupId: string): HTMLElement {
  const links = (report: string, name: string) => h('p', {}, h('strong', {}, name), ' ',
    ...(['markdown', 'html', 'docx'] as const).map((format) => h('a', {
      // In the language the reader reads the page in (the server's default is the group's first language).
      href: `/api/groups/${groupId}/reports/${report}?format=${format}&lang=${language()}`, download: true, class: 'button secondary',
      'aria-label': `${name} ${t(`rec.report.${format}`)}`,
    }, t(`rec.report.${format}`))),
    h('a', {
      href: `/api/groups/${groupId}/reports/${report}?format=html&print=true&lang=${language()}`, target: '_blank', rel: 'noopener', class: 'button secondary',
      'aria-label': `${name} ${t('rec.report.print')}`,
    }, t('rec.report.print')));
  return section(t('rec.reports'),
    h('p', { class: 'muted' }, t('rec.reportsIntro')),
    h('div', { class: 'report-links' }, links('outcome', t('rec.report.outcome')), links('follow-up', t('rec.report.followUp'))));
}

/** Facilitators decide whether observers see authors' names or only their organisations. */
function settingsSection(group: GroupDetail): HTMLElement {
  const box = h('input', { type: 'checkbox', id: 'observers-see-authors', checked: group.observersSeeNames });
  const done = h('p', { class: 'muted', role: 'status' });
  const alert = h('p', { class: 'form-error', role: 'alert' });
  alert.hidden = true;
  box.addEventListener('change', async () => {
    alert.hidden = true;
    done.textContent = '';
    box.disabled = true;
    try {
      const saved = await api<GroupDetail>('PATCH', `/api/groups/${group.id}/settings`, { observersSeeNames: box.checked });
      box.checked = saved.observersSeeNames;
      done.textContent = t('rec.settingsSaved');
    } catch (error) {
      box.checked = !box.checked;
      showError(error, alert);
    } finally {
      box.disabled = false;
    }
  });
  return section(t('rec.settings'), alert,
    h('div', { class: 'checkbox' }, box, h('label', { for: box.id }, t('rec.observersSeeNames'))),
    h('p', { class: 'field-hint' }, t('rec.observersSeeNamesHint')),
    done);
}
