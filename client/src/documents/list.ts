import { api } from '../api/client';
import type { DocumentItem } from '../api/types';
import { t } from '../i18n';
import { h } from '../ui/dom';
import { buildForm } from '../ui/forms';
import { section } from '../ui/page';

/** The group's documents, and (for facilitators) a form to start a new one. */
export function documentsSection(groupId: string, documents: DocumentItem[], canManage: boolean, go: (url: string) => void): HTMLElement {
  const list = documents.length === 0
    ? h('p', { class: 'muted' }, t('documents.empty'))
    : h('ul', { class: 'document-list' }, ...documents.map((d) => h('li', {},
        h('a', { href: `/documents/${d.id}`, class: 'document-link' }, d.title),
        h('span', { class: 'group-meta' },
          h('span', {}, t(`documents.visibility.${d.visibility}`)),
          d.locked ? h('span', { class: 'badge badge-locked' }, t('documents.locked')) : null))));
  const create = canManage
    ? buildForm(
        [
          { name: 'title', label: t('documents.title'), required: true, maxLength: 200 },
          { name: 'visibility', label: t('documents.visibility'), type: 'select', value: 'members', options: [
            { value: 'members', label: t('documents.visibility.members') },
            { value: 'observers', label: t('documents.visibility.observers') },
          ] },
        ],
        t('documents.create'),
        async (values) => {
          const created = await api<DocumentItem>('POST', `/api/groups/${groupId}/documents`, values);
          go(`/documents/${created.id}`);
        },
      )
    : null;
  return section(t('documents.heading'), list, create ? h('h3', {}, t('documents.new')) : null, create);
}
