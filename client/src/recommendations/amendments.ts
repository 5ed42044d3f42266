import type { AmendmentView, RecommendationDetail } from '../api/types';
import type { LiveEditor } from '../documents/liveEditor';
import { t } from '../i18n';
import { clear, h } from '../ui/dom';
import { formDialog } from '../ui/dialog';
import { buildForm } from '../ui/forms';
import { section } from '../ui/page';
import { formatDate } from '../ui/places';
import { surrounding } from './context';
import { personName } from './format';
import { FormSlot, participates, type Part, type Thread } from './part';

/** The range of the body a proposal replaces, as the server's text was at `revision`. */
export interface Selected { revision: number; from: number; to: number; original: string }

/**
 * The editor's selection as a range of the server's text: only once every local edit is
 * acknowledged is the editor's text exactly the text at the live document's revision.
 */
export async function selectedRange(editor: LiveEditor, wait = 5000): Promise<Selected | null> {
  for (const started = Date.now(); !editor.live.synchronized && Date.now() - started < wait;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!editor.live.synchronized) return null;
  const { from, to } = editor.view.state.selection.main;
  return { revision: editor.live.revision, from, to, original: editor.view.state.sliceDoc(from, to) };
}

/** Below the editor: "Propose an amendment" takes the selected text and asks for its replacement and the reason. */
export function proposerPart(thread: Thread, say: (message: string) => void): Part {
  const slot = new FormSlot();
  const hint = h('p', { class: 'field-hint', role: 'status' });
  let proposals = 0;
  const start = h('button', {
    type: 'button', class: 'secondary',
    onclick: async () => {
      hint.textContent = '';
      const selected = await selectedRange(thread.editor);
      if (!selected) { say(t('amend.notSaved')); return; }
      if (selected.from === selected.to) { hint.textContent = t('amend.selectFirst'); return; }
      slot.show(`proposal-${++proposals}`, () => proposalForm(thread, selected, () => { slot.empty(); start.focus(); }));
      slot.element.querySelector<HTMLTextAreaElement>('textarea')?.focus();
    },
  }, t('amend.propose'));
  const element = h('div', { class: 'proposer' }, h('div', { class: 'form-actions' }, start), hint, slot.element);
  return {
    element,
    update(detail) {
      const can = participates(detail) && detail.recommendation.status !== 'withdrawn';
      element.hidden = !can;
      if (!can) slot.empty();
    },
  };
}

function proposalForm(thread: Thread, selected: Selected, done: () => void): HTMLElement {
  const form = buildForm(
    [
      { name: 'replacement', label: t('amend.replacement'), type: 'textarea', rows: 3, value: selected.original, maxLength: 10_000 },
      { name: 'reason', label: t('amend.reason'), type: 'textarea', rows: 2, required: true, maxLength: 1000 },
    ],
    t('amend.submit'),
    async (values) => {
      await thread.send('POST', '/amendments', {
        revision: selected.revision, from: selected.from, to: selected.to, replacement: values.replacement, reason: values.reason,
      });
      done();
    },
  );
  form.querySelector('.form-actions')?.append(h('button', { type: 'button', class: 'secondary', onclick: done }, t('dialog.cancel')));
  return h('div', { class: 'proposal' },
    h('h3', {}, t('amend.newTitle')),
    h('p', {}, t('amend.selected'), ' ', h('q', { class: 'selected-text' }, selected.original)),
    form);
}

/** The amendments as differences (removed text struck through, new text underlined), open ones first; facilitators decide. */
export function amendmentsPart(thread: Thread): Part {
  const list = h('div', {});
  return {
    element: section(t('amend.title'), list),
    update(detail) {
      const ordered = [...detail.amendments].sort((a, b) =>
        Number(b.status === 'open') - Number(a.status === 'open') || Date.parse(b.at) - Date.parse(a.at));
      clear(list, ordered.length === 0
        ? h('p', { class: 'muted' }, t('amend.empty'))
        : h('ol', { class: 'amendments' }, ...ordered.map((a) => h('li', {}, amendment(thread, detail, a)))));
    },
  };
}

/**
 * The change inside its sentence, as the text read when it was proposed: "Reports are answered within ~~30 days~~
 * 15 days of receipt." Removed and inserted text are also said in words; amendments stored before the
 * server kept their surroundings show the change alone.
 */
function difference(a: AmendmentView): HTMLElement {
  const change = [
    a.original ? h('del', {}, h('span', { class: 'visually-hidden' }, `[${t('amend.removed')} `), a.original, h('span', { class: 'visually-hidden' }, ']')) : null,
    a.original && a.replacement ? ' ' : null,
    a.replacement ? h('ins', {}, h('span', { class: 'visually-hidden' }, `[${t('amend.added')} `), a.replacement, h('span', { class: 'visually-hidden' }, ']')) : null,
  ];
  const before = a.contextBefore ?? '';
  const around = a.contextBefore == null && a.contextAfter == null
    ? null
    : surrounding(before + a.original + (a.contextAfter ?? ''), before.length, before.length + a.original.length, a.original);
  if (!around || (!around.before && !around.after)) return h('p', { class: 'diff' }, ...change);
  return h('p', { class: 'diff in-context' },
    h('span', { class: 'visually-hidden' }, `${t('amend.inContext')} `),
    around.cutStart ? '…' : null, around.before, ...change, around.after, around.cutEnd ? '…' : null);
}

function amendment(thread: Thread, detail: RecommendationDetail, a: AmendmentView): HTMLElement {
  const decide = detail.myRole === 'facilitator' && a.status === 'open' && detail.recommendation.status !== 'withdrawn';
  return h('article', { class: `amendment amendment-${a.status}`, 'aria-label': t('amend.by', { who: personName(a.proposedBy) }) },
    h('p', { class: 'rec-meta' },
      h('span', { class: `badge amend-${a.status}` }, t(`amend.status.${a.status}`)),
      a.outdated ? h('span', { class: 'badge badge-due' }, t('amend.outdated')) : null,
      h('span', {}, personName(a.proposedBy)),
      h('time', { datetime: a.at, class: 'muted' }, formatDate(a.at))),
    difference(a),
    h('p', {}, h('strong', {}, `${t('amend.why')} `), a.reason),
    a.outdated && a.status === 'open' ? h('p', { class: 'field-hint' }, t('amend.outdatedHint')) : null,
    a.status !== 'open' && a.decidedBy
      ? h('p', { class: 'muted' }, t(`amend.decided.${a.status}`, { who: personName(a.decidedBy), date: a.decidedAt ? formatDate(a.decidedAt) : '' }),
          a.decisionReason ? ` — ${a.decisionReason}` : '')
      : null,
    decide
      ? h('div', { class: 'form-actions' },
          a.outdated ? null : h('button', {
            type: 'button', class: 'primary small', 'data-key': `accept-${a.id}`,
            // Accepting changes the text for everyone: asked first (a rejection asks for its reason anyway).
            onclick: () => { if (confirm(t('amend.confirmAccept'))) void thread.act('POST', `/amendments/${a.id}/accept`); },
          }, t('amend.accept')),
          h('button', {
            type: 'button', class: 'danger small', 'data-key': `reject-${a.id}`,
            onclick: () => formDialog(t('amend.rejectTitle'), [{ name: 'reason', label: t('amend.rejectReason'), type: 'textarea', required: true, maxLength: 1000 }],
              t('amend.reject'), (values) => thread.send('POST', `/amendments/${a.id}/reject`, { reason: values.reason })),
          }, t('amend.reject')))
      : null);
}
