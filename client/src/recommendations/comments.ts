import type { CommentView, RecommendationDetail } from '../api/types';
import { t } from '../i18n';
import { clear, h } from '../ui/dom';
import { formDialog } from '../ui/dialog';
import { buildForm } from '../ui/forms';
import { section } from '../ui/page';
import { formatDate } from '../ui/places';
import { personName } from './format';
import { FormSlot, participates, type Part, type Thread } from './part';
import { showRendered } from '../ui/markdown';

type Mode = { kind: 'new' } | { kind: 'reply'; to: CommentView } | { kind: 'edit'; comment: CommentView };

/** The conversation: comments with their replies, rendered from Markdown; one form below for a new comment, a reply or an edit. */
export function commentsPart(thread: Thread): Part {
  const list = h('div', {});
  const slot = new FormSlot();
  let written = 0;
  let mode: Mode = { kind: 'new' };

  const render = () => {
    const key = mode.kind === 'new' ? `new-${written}` : mode.kind === 'reply' ? `reply-${mode.to.id}` : `edit-${mode.comment.id}`;
    slot.show(key, () => commentForm(thread, mode, () => { written++; mode = { kind: 'new' }; render(); }));
  };
  const open = (next: Mode) => {
    mode = next;
    render();
    slot.element.querySelector<HTMLTextAreaElement>('textarea')?.focus();
  };
  const element = section(t('comments.title'), list, slot.element);

  return {
    element,
    update(detail) {
      const children = new Map<string | null, CommentView[]>();
      for (const c of detail.comments) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c]);
      const known = new Set(detail.comments.map((c) => c.id));
      const roots = detail.comments.filter((c) => c.parentId === null || !known.has(c.parentId));
      const tree = (comments: CommentView[]): HTMLElement => h('ol', { class: 'comments' }, ...comments.map((c) => h('li', {},
        comment(thread, detail, c, open),
        children.has(c.id) ? tree(children.get(c.id)!) : null)));
      clear(list, roots.length === 0 ? h('p', { class: 'muted' }, t('comments.empty')) : tree(roots));
      if (!participates(detail) || detail.recommendation.status === 'withdrawn') {
        slot.empty();
        return;
      }
      const target = mode.kind === 'reply' ? mode.to.id : mode.kind === 'edit' ? mode.comment.id : null;
      if (target && !detail.comments.some((c) => c.id === target && !c.deleted)) mode = { kind: 'new' };
      render();
    },
  };
}

function comment(thread: Thread, detail: RecommendationDetail, c: CommentView, open: (mode: Mode) => void): HTMLElement {
  const facilitator = detail.myRole === 'facilitator';
  const writable = participates(detail) && detail.recommendation.status !== 'withdrawn';
  const body = h('div', { class: 'comment-body markdown-body' });
  if (c.deleted) body.append(h('p', { class: 'muted' }, t('comments.deleted')));
  else if (c.hidden && !c.html) body.append(h('p', { class: 'muted' }, t('comments.hidden', { reason: c.hiddenReason ?? '' })));
  else {
    if (c.hidden) body.append(h('p', { class: 'notice' }, t('comments.hiddenForOthers', { reason: c.hiddenReason ?? '' })));
    const rendered = h('div', {});
    showRendered(rendered, c.html ?? '');
    body.append(rendered);
  }
  const who = personName(c.author);
  const button = (label: string, key: string, onclick: () => void, extra = '') =>
    h('button', { type: 'button', class: `link-button ${extra}`.trim(), 'data-key': `${key}-${c.id}`, 'aria-label': `${label}: ${who}`, onclick }, label);
  return h('article', { class: 'comment', 'aria-label': t('comments.by', { who }) },
    h('p', { class: 'comment-meta' },
      h('strong', {}, who), ' ',
      h('time', { datetime: c.at, class: 'muted' }, formatDate(c.at)),
      c.editedAt && !c.deleted ? h('span', { class: 'muted' }, ` · ${t('comments.edited')}`) : null),
    body,
    c.deleted ? null : h('p', { class: 'comment-actions' },
      writable ? button(t('comments.reply'), 'reply', () => open({ kind: 'reply', to: c })) : null,
      writable && c.mine && c.markdown !== null ? button(t('comments.edit'), 'edit', () => open({ kind: 'edit', comment: c })) : null,
      c.mine ? button(t('comments.delete'), 'delete', () => {
        if (confirm(t('comments.confirmDelete'))) void thread.act('DELETE', `/comments/${c.id}`);
      }, 'danger-link') : null,
      facilitator && !c.hidden ? button(t('comments.hide'), 'hide', () => formDialog(t('comments.hideTitle'),
        [{ name: 'reason', label: t('comments.hideReason'), type: 'textarea', required: true, maxLength: 1000 }],
        t('comments.hide'), (values) => thread.send('POST', `/comments/${c.id}/hide`, { reason: values.reason }))) : null));
}

function commentForm(thread: Thread, mode: Mode, done: () => void): HTMLElement {
  const editing = mode.kind === 'edit';
  const form = buildForm(
    [{ name: 'markdown', label: editing ? t('comments.editLabel') : mode.kind === 'reply' ? t('comments.replyLabel') : t('comments.newLabel'),
      type: 'textarea', rows: 4, required: true, maxLength: 10_000, value: editing ? mode.comment.markdown ?? '' : '', hint: t('comments.markdownHint') }],
    editing ? t('comments.save') : mode.kind === 'reply' ? t('comments.sendReply') : t('comments.send'),
    async (values) => {
      if (editing) await thread.send('PUT', `/comments/${mode.comment.id}`, { markdown: values.markdown });
      else await thread.send('POST', '/comments', { parentId: mode.kind === 'reply' ? mode.to.id : null, markdown: values.markdown });
      done();
    },
  );
  if (mode.kind !== 'new') {
    form.querySelector('.form-actions')?.append(h('button', { type: 'button', class: 'secondary', onclick: done }, t('dialog.cancel')));
  }
  const context = mode.kind === 'reply'
    ? h('p', { class: 'notice' }, t('comments.replyingTo', { who: personName(mode.to.author) }))
    : mode.kind === 'edit' ? h('p', { class: 'notice' }, t('comments.editing')) : null;
  return h('div', { class: 'comment-form' }, context, form);
}
