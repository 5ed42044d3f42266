import { api, ApiError } from '../api/client';
import type { GroupSummary } from '../api/types';
import { loadConvention } from '../convention/catalogue';
import { articleField } from '../convention/picker';
import { language, t } from '../i18n';
import { h, uniqueId } from '../ui/dom';
import { buildForm, showError, type FormValues } from '../ui/forms';
import { showPage } from '../ui/page';
import { countryOptions, languageOptions } from '../ui/places';
import { libraryKinds, uploadFile, type LibraryEntry } from './api';

const accepted = '.pdf,.docx,.odt,.png,.jpg,.jpeg,.gif,.webp,application/pdf,image/png,image/jpeg,image/gif,image/webp';

/**
 * /library/new: share an entry with the network or one of my groups, then its files one by one with progress.
 * A refused file (too large, not what its name says) is said plainly; the entry stays and can take another.
 */
export async function renderLibraryShare(go: (url: string) => void): Promise<void> {
  const [convention, groups] = await Promise.all([loadConvention(), api<GroupSummary[]>('GET', '/api/groups')]);
  const mine = groups.filter((g) => g.myRole === 'member' || g.myRole === 'facilitator');
  const list = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []);

  const fileId = uniqueId('library-file');
  const fileInput = h('input', { id: fileId, type: 'file', name: 'file', multiple: true, accept: accepted, 'aria-describedby': `${fileId}-hint` });
  const progress = h('div', { class: 'library-progress', 'aria-live': 'polite' });
  const fileError = h('p', { class: 'form-error', role: 'alert' });
  fileError.hidden = true;
  const fileField = h('div', { class: 'field' },
    h('label', { for: fileId }, t('library.form.files')), fileInput,
    h('p', { class: 'field-hint', id: `${fileId}-hint` }, t('library.form.filesHint')), progress, fileError);

  let created: LibraryEntry | null = null;
  const form = buildForm([
    { name: 'title', label: t('library.form.title'), required: true, maxLength: 300 },
    { name: 'summary', label: t('library.form.summary'), type: 'textarea', required: true, rows: 8, hint: t('library.form.summaryHint') },
    { name: 'kind', label: t('library.kind'), type: 'select', required: true, options: libraryKinds.map((k) => ({ value: k, label: t(`library.kinds.${k}`) })) },
    { name: 'countries', label: t('library.countries'), type: 'select', multiple: true, options: countryOptions(), values: [] },
    articleField(convention, 'articles', t('library.articles'), []),
    { name: 'language', label: t('library.language'), type: 'select', required: true, options: languageOptions(), value: language() },
    {
      name: 'audience', label: t('library.audience'), type: 'select', required: true, hint: t('library.form.audienceHint'),
      options: [{ value: '', label: t('library.network') }, ...mine.map((g) => ({ value: g.id, label: t('library.groupOnly', { group: g.name }) }))],
    },
    { name: 'links', label: t('library.links'), type: 'textarea', rows: 3, hint: t('library.form.linksHint') },
  ], t('library.form.submit'), async (values: FormValues) => {
    if (!created) {
      created = await api<LibraryEntry>('POST', '/api/library', {
        title: values.title, summary: values.summary, kind: values.kind, countries: list(values.countries), articles: list(values.articles),
        language: values.language, groupId: values.audience || null,
        links: String(values.links ?? '').split(/\s+/).filter(Boolean),
      });
    }
    if (await uploadAll(created.id)) go(`/library/${created.id}`);
  });
  form.insertBefore(fileField, form.querySelector('.form-actions'));

  const uploadAll = async (entryId: string): Promise<boolean> => {
    fileError.hidden = true;
    for (const file of Array.from(fileInput.files ?? [])) {
      const bar = h('progress', { max: 1, value: 0, 'aria-label': t('library.form.uploading', { name: file.name }) });
      progress.append(h('p', {}, file.name, ' ', bar));
      try {
        await uploadFile(entryId, file, (fraction) => { bar.value = fraction; });
        bar.value = 1;
      } catch (error) {
        showError(error, fileError);
        fileError.textContent = `${file.name}: ${error instanceof ApiError && error.title ? error.title : fileError.textContent}`;
        fileError.append(' ', h('a', { href: `/library/${entryId}` }, t('library.form.openShared')));
        fileError.hidden = false;
        fileInput.value = '';
        return false;
      }
    }
    return true;
  };

  showPage(t('library.shareTitle'),
    h('p', { class: 'breadcrumbs' }, h('a', { href: '/library' }, t('library.title'))),
    h('p', {}, t('library.form.intro')),
    form);
}
