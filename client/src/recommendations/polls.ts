import type { PollChoice, PollTally, PollView, RecommendationDetail } from '../api/types';
import { t } from '../i18n';
import { clear, h } from '../ui/dom';
import { buildForm } from '../ui/forms';
import { section } from '../ui/page';
import { formatDate } from '../ui/places';
import { personName } from './format';
import { FormSlot, participates, type Part, type Thread } from './part';

const choices: PollChoice[] = ['agree', 'abstain', 'disagree', 'block'];

/** Consensus polls: facilitators open and close them; members and facilitators vote (and may change their vote until it closes). */
export function pollsPart(thread: Thread): Part {
  const current = h('div', {});
  const vote = new FormSlot();
  const opener = new FormSlot();
  const past = h('div', {});
  return {
    element: section(t('poll.title'), current, vote.element, opener.element, past),
    update(detail) {
      const open = detail.polls.find((p) => p.open) ?? null;
      const facilitator = detail.myRole === 'facilitator';
      const status = detail.recommendation.status;
      clear(current, open ? pollView(thread, detail, open) : h('p', { class: 'muted' }, t('poll.none')));

      vote.show(open && participates(detail) ? `${open.id}-${open.myChoice ?? ''}` : '', () => open && participates(detail)
        ? h('div', {}, h('h3', {}, open.myChoice ? t('poll.changeVote') : t('poll.vote')), buildForm(
            [
              { name: 'choice', label: t('poll.choice'), type: 'radio', required: true, value: open.myChoice ?? undefined,
                options: choices.map((c) => ({ value: c, label: t(`poll.choice.${c}`) })) },
              { name: 'reason', label: t('poll.reason'), type: 'textarea', rows: 2, maxLength: 1000 },
            ],
            open.myChoice ? t('poll.changeVote') : t('poll.vote'),
            (values) => thread.send('PUT', `/polls/${open.id}/vote`, { choice: values.choice || null, reason: values.reason || null }),
          ))
        : null);

      const canOpen = facilitator && !open && status !== 'adopted' && status !== 'withdrawn';
      opener.show(canOpen ? `open-${detail.polls.length}` : '', () => canOpen
        ? h('div', {}, h('h3', {}, t('poll.open')), buildForm(
            [{ name: 'question', label: t('poll.question'), maxLength: 1000, hint: t('poll.questionHint') }],
            t('poll.open'),
            (values) => thread.send('POST', '/polls', { question: values.question || null }),
          ))
        : null);

      const closed = detail.polls.filter((p) => !p.open).reverse();
      clear(past, closed.length === 0 ? null : h('div', {},
        h('h3', {}, t('poll.past')),
        h('ol', { class: 'polls' }, ...closed.map((p) => h('li', {},
          h('p', {}, h('strong', {}, p.question || t('poll.defaultQuestion'))),
          h('p', { class: 'muted' }, t('poll.closedAt', { date: formatDate(p.closedAt ?? p.openedAt) })),
          tally(p.tally))))));
    },
  };
}

function pollView(thread: Thread, detail: RecommendationDetail, poll: PollView): HTMLElement {
  return h('div', { class: 'poll-open' },
    h('p', {}, h('span', { class: 'badge poll-live' }, t('poll.openBadge')), ' ', h('strong', {}, poll.question || t('poll.defaultQuestion'))),
    tally(poll.tally),
    poll.myChoice ? h('p', {}, t('poll.yourVote', { choice: t(`poll.choice.${poll.myChoice}`) })) : null,
    poll.votes.length === 0 ? null : h('ul', { class: 'votes' }, ...poll.votes.map((v) => h('li', {},
      personName(v.by), ': ', h('span', { class: `badge choice-${v.choice}` }, t(`poll.choice.${v.choice}`)),
      v.reason ? ` — ${v.reason}` : ''))),
    detail.myRole === 'facilitator'
      ? h('div', { class: 'form-actions' }, h('button', {
          type: 'button', class: 'secondary', 'data-key': `close-${poll.id}`,
          // A closed poll cannot be reopened: asked first.
          onclick: () => { if (confirm(t('poll.confirmClose'))) void thread.act('POST', `/polls/${poll.id}/close`); },
        }, t('poll.close')))
      : null);
}

/** The result as one count per choice. */
function tally(counts: PollTally): HTMLElement {
  return h('ul', { class: 'tally', 'aria-label': t('poll.tally', { total: counts.total }) },
    ...choices.map((c) => h('li', { class: `choice-${c}` }, t(`poll.choice.${c}`), ' ', h('strong', {}, String(counts[c])))));
}
