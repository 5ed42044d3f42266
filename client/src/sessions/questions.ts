import type { QuestionView, SessionDetail } from '../api/types';
import { t } from '../i18n';
import { FormSlot } from '../recommendations/part';
import { clear, h, uniqueId } from '../ui/dom';
import { buildForm } from '../ui/forms';
import { section } from '../ui/page';
import { formatDate } from '../ui/places';
import { button, facilitates, who, type Meeting, type Part } from './part';

/** Open questions first (in the server's order: pinned, then by upvotes), then those answered or dismissed. */
export function arrange(questions: QuestionView[]): { open: QuestionView[]; done: QuestionView[] } {
  return { open: questions.filter((q) => q.status === 'open'), done: questions.filter((q) => q.status !== 'open') };
}

/** The moderated Q&A: anyone present asks and upvotes others' questions; facilitators pin, answer, dismiss and close it. */
export function questionsPart(meeting: Meeting): Part {
  const toggle = h('div', { class: 'form-actions questions-toggle' });
  const ask = new FormSlot();
  const list = h('div', { class: 'question-list' });
  // Notes being typed, kept across redraws (any change in the session redraws the list).
  const drafts = new Map<string, string>();
  return {
    element: section(t('session.questions'), toggle, ask.element, list),
    update(view) {
      const facilitator = facilitates(view);
      const ended = view.status === 'ended';
      clear(toggle, facilitator && !ended
        ? button('questions-open', view.questionsOpen ? t('session.closeQuestions') : t('session.openQuestions'),
            () => void meeting.act('SetQuestionsOpen', !view.questionsOpen))
        : null);
      toggle.hidden = !toggle.hasChildNodes();

      const canAsk = view.questionsOpen && !ended;
      ask.show(canAsk ? 'ask' : ended ? 'ended' : 'closed', () => {
        if (!canAsk) return ended ? null : h('p', { class: 'muted' }, t('session.questionsClosed'));
        const form: HTMLFormElement = buildForm(
          [{ name: 'text', label: t('session.yourQuestion'), type: 'textarea', rows: 2, required: true, maxLength: 1000,
             hint: view.myRole === 'observer' ? t('session.observerQuestionHint') : undefined }],
          t('session.ask'),
          async (values) => {
            await meeting.send('AskQuestion', String(values.text ?? '').trim());
            form.reset();
          });
        return form;
      });

      const { open, done } = arrange(view.questions);
      clear(list,
        view.questions.length === 0 ? h('p', { class: 'muted' }, t('session.noQuestions')) : null,
        open.length ? h('ol', { class: 'questions', 'aria-label': t('session.openQuestionsList', { count: open.length }) },
          ...open.map((q) => question(meeting, view, q, drafts))) : null,
        done.length ? h('h3', {}, t('session.doneQuestions')) : null,
        done.length ? h('ol', { class: 'questions done' }, ...done.map((q) => question(meeting, view, q, drafts))) : null);
    },
  };
}

function question(meeting: Meeting, view: SessionDetail, q: QuestionView, drafts: Map<string, string>): HTMLElement {
  const facilitator = facilitates(view) && view.status !== 'ended';
  const short = q.text.length > 40 ? `${q.text.slice(0, 40)}…` : q.text;
  return h('li', { class: `question question-${q.status}${q.pinned ? ' pinned' : ''}` },
    h('p', { class: 'question-meta' },
      ...who(q.author, q.authorRole, q.mine),
      h('time', { datetime: q.at, class: 'muted' }, formatDate(q.at)),
      q.pinned ? h('span', { class: 'badge badge-pinned' }, t('session.pinned')) : null,
      q.status !== 'open' ? h('span', { class: `badge badge-${q.status}` }, t(`session.question.${q.status}`)) : null),
    h('p', { class: 'question-text' }, q.text),
    q.answerNote ? h('p', { class: 'answer-note' }, t('session.answerNote', { note: q.answerNote })) : null,
    facilitator && q.status === 'answered' ? noteForm(meeting, q, drafts) : null,
    h('div', { class: 'question-actions' },
      h('span', { class: 'upvotes' }, t('session.upvotes', { count: q.upvotes })),
      !q.mine && q.status === 'open' && view.status !== 'ended'
        ? button(`upvote-${q.id}`, q.upvotedByMe ? t('session.upvoted') : t('session.upvote'), () => void meeting.act('UpvoteQuestion', q.id),
            { pressed: q.upvotedByMe, disabled: q.upvotedByMe, label: t('session.upvoteNamed', { text: short }) })
        : null,
      facilitator && q.status !== 'answered'
        ? button(`answered-${q.id}`, t('session.markAnswered'), () => void meeting.act('MarkQuestion', q.id, 'answered'),
            { label: t('session.markAnsweredNamed', { text: short }) }) : null,
      facilitator && q.status !== 'dismissed'
        ? button(`dismissed-${q.id}`, t('session.dismiss'), () => void meeting.act('MarkQuestion', q.id, 'dismissed'),
            { label: t('session.dismissNamed', { text: short }) }) : null,
      facilitator && q.status !== 'open'
        ? button(`reopen-${q.id}`, t('session.reopen'), () => void meeting.act('MarkQuestion', q.id, 'open'),
            { label: t('session.reopenNamed', { text: short }) }) : null,
      facilitator
        ? button(`pin-${q.id}`, q.pinned ? t('session.unpin') : t('session.pin'), () => void meeting.act('PinQuestion', q.id, !q.pinned),
            { pressed: q.pinned, label: t(q.pinned ? 'session.unpinNamed' : 'session.pinNamed', { text: short }) }) : null));
}

/** The facilitator's note of an answer: saved with the question, printed in the minutes; empty removes it. */
function noteForm(meeting: Meeting, q: QuestionView, drafts: Map<string, string>): HTMLElement {
  const id = uniqueId('note');
  const input = h('input', { id, type: 'text', maxlength: '500', 'data-key': `note-${q.id}`, value: drafts.get(q.id) ?? q.answerNote ?? '' });
  input.addEventListener('input', () => drafts.set(q.id, input.value));
  const form = h('form', { class: 'note-form', novalidate: true },
    h('label', { for: id }, t('session.answerNoteLabel')), h('div', { class: 'copy-row' }, input,
      h('button', { type: 'submit', class: 'secondary small', 'data-key': `save-note-${q.id}` }, t('session.saveNote'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    drafts.delete(q.id);
    void meeting.act('NoteAnswer', q.id, input.value.trim());
  });
  return form;
}
