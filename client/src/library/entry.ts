import { api, ApiError } from '../api/client';
import { loadConvention } from '../convention/catalogue';
import { articleLabels } from '../convention/display';
import { counted, locale, t } from '../i18n';
import { h } from '../ui/dom';
import { showError } from '../ui/forms';
import { showRendered } from '../ui/markdown';
import { section, showPage } from '../ui/page';
import { countryName, formatDate, languageName } from '../ui/places';
import { fileHref, fileSize, type LibraryCitation, type LibraryEntry } from './api';

/** /library/{id}: the entry, its files (downloaded, never opened in the page), links, and where it is cited. */
export async function renderLibraryEntry(id: string, go: (url: string) => void): Promise<void> {
  let entry: LibraryEntry;
  try {
    [entry] = await Promise.all([api<LibraryEntry>('GET', `/api/library/${id}`), loadConvention().catch(() => undefined)]);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 410)) {
      showPage(error.status === 410 ? t('library.withdrawnTitle') : t('library.notFoundTitle'),
        h('p', { class: 'notice', role: 'alert' }, error.title),
        h('p', {}, h('a', { href: '/library' }, t('library.back'))));
      return;
    }
    throw error;
  }

  const summary = h('div', { class: 'markdown-preview library-summary' });
  showRendered(summary, entry.summaryHtml);
  const alert = h('p', { role: 'alert', class: 'form-error' });
  alert.hidden = true;
  const withdraw = entry.canEdit
    ? h('button', {
      type: 'button', class: 'danger', onclick: async () => {
        if (!window.confirm(t('library.withdrawConfirm'))) return;
        try {
          await api('POST', `/api/library/${id}/withdraw`);
          go('/library');
        } catch (error) {
          showError(error, alert);
          alert.hidden = false;
        }
      },
    }, t('library.withdraw'))
    : null;

  const facts = h('dl', { class: 'library-facts' },
    h('dt', {}, t('library.kind')), h('dd', {}, t(`library.kinds.${entry.kind}`)),
    h('dt', {}, t('library.sharedBy')), h('dd', {}, h('a', { href: `/library?organisation=${entry.organisation.id}` }, entry.organisation.name)),
    h('dt', {}, t('library.audience')), h('dd', {}, entry.group ? t('library.groupOnly', { group: entry.group.name }) : t('library.network')),
    entry.countries.length ? h('dt', {}, t('library.countries')) : null, entry.countries.length ? h('dd', {}, entry.countries.map(countryName).join(', ')) : null,
    entry.articles.length ? h('dt', {}, t('library.articles')) : null, entry.articles.length ? h('dd', {}, articleLabels(entry.articles)) : null,
    h('dt', {}, t('library.language')), h('dd', {}, languageName(entry.language)),
    h('dt', {}, t('library.shared')), h('dd', {}, formatDate(entry.createdAt)),
    h('dt', {}, t('library.usesLabel')), h('dd', {}, counted('library.uses', entry.uses)));

  showPage(entry.title,
    h('p', { class: 'breadcrumbs' }, h('a', { href: '/library' }, t('library.title'))),
    alert,
    facts,
    section(t('library.summary'), summary),
    entry.files.length ? section(t('library.files'), h('ul', { class: 'library-files' }, ...entry.files.map((file) =>
      h('li', {}, h('a', { href: fileHref(entry.id, file), download: file.name }, file.name), ` (${fileSize(file.size, locale())})`)))) : null,
    entry.links.length ? section(t('library.links'), h('ul', {}, ...entry.links.map((link) =>
      h('li', {}, h('a', { href: link, rel: 'noopener noreferrer nofollow', target: '_blank' }, link))))) : null,
    section(t('library.citedIn'), citations(entry.citations, entry.hiddenCitations)),
    withdraw ? h('div', { class: 'form-actions' }, withdraw) : null);
}

function citations(list: LibraryCitation[], hidden: number): HTMLElement {
  if (list.length === 0 && hidden === 0) return h('p', {}, t('library.notCited'));
  return h('div', {},
    list.length ? h('ul', { class: 'library-citations' }, ...list.map((c) =>
      h('li', {}, h('a', { href: c.link }, c.title), ` — ${t(`library.citationKinds.${c.kind}`)}${c.country ? ` (${countryName(c.country)})` : ''} · ${c.group.name}`))) : null,
    hidden ? h('p', { class: 'field-hint' }, counted('library.hiddenCitations', hidden)) : null);
}
