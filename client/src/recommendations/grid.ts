import { api } from '../api/client';
import type { FollowUpStatus, GroupDetail, RecommendationItem } from '../api/types';
import { connectLive } from '../collab/live';
import { language, t } from '../i18n';
import { clear, h } from '../ui/dom';
import { onLeave, section, showPage } from '../ui/page';
import { countryName } from '../ui/places';
import { followUpBadge, followUpStatuses } from './format';
import { debounce, watchGroup } from './live';

export interface GridData {
  countries: string[];
  rows: RecommendationItem[];
  /** For each status, how many recommendations are at it in each country, and in all of them. */
  totals: Record<FollowUpStatus, { byCountry: Record<string, number>; all: number }>;
}

/** Adopted recommendations × the countries they address, with the totals per status. */
export function gridData(items: RecommendationItem[]): GridData {
  const collator = new Intl.Collator(language());
  const rows = items.filter((i) => i.status === 'adopted')
    .sort((a, b) => collator.compare(a.thematicArea, b.thematicArea) || collator.compare(a.title, b.title));
  const countries = [...new Set(rows.flatMap((r) => r.countries))].sort((a, b) => collator.compare(countryName(a), countryName(b)));
  const totals = Object.fromEntries(followUpStatuses.map((s) => [s, { byCountry: {} as Record<string, number>, all: 0 }])) as GridData['totals'];
  for (const row of rows) {
    for (const country of row.countries) {
      const status = row.followUp[country] ?? 'not-started';
      totals[status].byCountry[country] = (totals[status].byCountry[country] ?? 0) + 1;
      totals[status].all++;
    }
  }
  return { countries, rows, totals };
}

/** The follow-up grid of a group, kept live; the table scrolls sideways on a phone with the titles kept in view. */
export async function renderGrid(groupId: string): Promise<void> {
  const group = await api<GroupDetail>('GET', `/api/groups/${groupId}`);
  const path = `/api/groups/${groupId}/recommendations?status=adopted`;
  const host = h('div', {});
  const draw = (items: RecommendationItem[]) => clear(host, ...gridTables(gridData(items)));
  draw(await api<RecommendationItem[]>('GET', path));

  const connection = connectLive();
  const reread = debounce(async () => {
    try { draw(await api<RecommendationItem[]>('GET', path)); } catch { /* the next change tries again */ }
  });
  const watch = watchGroup(connection, groupId, { changed: reread, removed: reread, resync: reread });
  onLeave(() => {
    reread.cancel();
    watch.stop();
    void connection.stop();
  });

  showPage(t('grid.title'),
    h('p', { class: 'breadcrumbs' },
      h('a', { href: `/groups/${groupId}` }, group.name), ' › ',
      h('a', { href: `/groups/${groupId}/recommendations` }, t('rec.board'))),
    h('p', { class: 'lead' }, t('grid.intro')),
    host);
  void watch.start();
}

function gridTables(data: GridData): HTMLElement[] {
  if (data.rows.length === 0) return [section(t('grid.statusTitle'), h('p', { class: 'muted' }, t('grid.empty')))];
  const countryHeads = data.countries.map((c) => h('th', { scope: 'col' }, countryName(c)));
  const grid = h('div', { class: 'table-wrap grid-wrap', tabindex: '0', role: 'region', 'aria-label': t('grid.statusTitle') },
    h('table', { class: 'grid' },
      h('caption', { class: 'visually-hidden' }, t('grid.statusTitle')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('grid.recommendation')), ...countryHeads)),
      h('tbody', {}, ...data.rows.map((r) => h('tr', {},
        h('th', { scope: 'row' }, h('a', { href: `/recommendations/${r.id}` }, r.title), h('span', { class: 'muted grid-area' }, r.thematicArea)),
        ...data.countries.map((c) => h('td', {}, r.countries.includes(c)
          ? followUpBadge(r.followUp[c] ?? 'not-started')
          : h('span', { class: 'muted' }, h('span', { 'aria-hidden': 'true' }, '—'), h('span', { class: 'visually-hidden' }, t('grid.notAddressed'))))))))));
  const totals = h('div', { class: 'table-wrap grid-wrap', tabindex: '0', role: 'region', 'aria-label': t('grid.totals') },
    h('table', { class: 'grid totals' },
      h('caption', { class: 'visually-hidden' }, t('grid.totals')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('followUp.status')),
        ...data.countries.map((c) => h('th', { scope: 'col', class: 'number' }, countryName(c))),
        h('th', { scope: 'col', class: 'number' }, t('grid.all')))),
      h('tbody', {}, ...followUpStatuses.map((s) => h('tr', {},
        h('th', { scope: 'row' }, followUpBadge(s)),
        ...data.countries.map((c) => h('td', { class: 'number' }, String(data.totals[s].byCountry[c] ?? 0))),
        h('td', { class: 'number' }, h('strong', {}, String(data.totals[s].all))))))));
  const hint = () => h('p', { class: 'field-hint scroll-hint' }, t('grid.scrollHint'));
  return [section(t('grid.statusTitle'), hint(), grid), section(t('grid.totals'), hint(), totals)];
}
