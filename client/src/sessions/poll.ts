import type { PollChoice, SessionDetail, SessionPollView } from '../api/types';
import { t } from '../i18n';
import { FormSlot } from '../recommendations/part';
import { clear, h } from '../ui/dom';
import { buildForm } from '../ui/forms';
import { section } from '../ui/page';
import { button, facilitates, isLive, type Meeting, type Part } from './part';

export const choices: PollChoice[] = ['agree', 'abstain', 'disagree', 'block'];

/** Each choice's share of the votes, in whole per cent (0 when nobody voted). */
export function shares(tally: Record<PollChoice, number>): { choice: PollChoice; count: number; percent: number }[] {
  const total = choices.reduce((sum, c) => sum + tally[c], 0);
  return choices.map((choice) => ({ choice, count: tally[choice], percent: total === 0 ? 0 : Math.round((tally[choice] * 100) / total) }));
}

/** The poll on the current item: facilitators open and close it; members and facilitators vote (and may change their vote while it is open); observers see the results. */
export function pollPart(meeting: Meeting): Part {
  const current = h('div', {});
  const opener = new FormSlot();
  return {
    element: section(t('session.poll'), current, opener.element),
    update(view) {
      const poll = view.poll;
      clear(current, poll ? pollView(meeting, view, poll) : h('p', { class: 'muted' }, t('poll.none')));
      const canOpen = facilitates(view) && isLive(view) && view.currentItem !== null && !poll?.open;
      opener.show(canOpen ? `open-${view.currentItem}-${poll?.id ?? ''}` : '', () => canOpen
        ? h('div', {}, h('h3', {}, t('poll.open')), buildForm(
            [{ name: 'question', label: t('poll.question'), maxLength: 1000, hint: t('session.pollQuestionHint') }],
            t('poll.open'),
            (values) => meeting.send('OpenSessionPoll', values.question || null),
          ))
        : null);
    },
  };
}

function pollView(meeting: Meeting, view: SessionDetail, poll: SessionPollView): HTMLElement {
  const votes = view.myRole !== 'observer' && poll.open && isLive(view);
  const total = choices.reduce((sum, c) => sum + poll.tally[c], 0);
  return h('div', { class: 'poll-open' },
    h('p', {},
      h('span', { class: poll.open ? 'badge poll-live' : 'badge' }, poll.open ? t('poll.openBadge') : t('session.pollClosed')), ' ',
      h('strong', {}, poll.question || t('session.pollDefaultQuestion'))),
    h('ul', { class: 'tally-bars', 'aria-label': t('poll.tally', { total }) }, ...shares(poll.tally).map(({ choice, count, percent }) => {
      const fill = h('span', { class: 'tally-fill' });
      fill.style.width = `${percent}%`;
      return h('li', { class: `choice-${choice}` },
        h('span', { class: 'tally-label' }, t(`poll.choice.${choice}`)),
        h('span', { class: 'tally-bar', 'aria-hidden': 'true' }, fill),
        h('strong', { class: 'tally-count' }, String(count)));
    })),
    h('p', { class: 'muted tally-total' }, t('poll.tally', { total })),
    poll.myChoice ? h('p', {}, t('poll.yourVote', { choice: t(`poll.choice.${poll.myChoice}`) })) : null,
    votes
      ? h('div', { class: 'vote-buttons', role: 'group', 'aria-label': poll.myChoice ? t('poll.changeVote') : t('poll.vote') },
          ...choices.map((choice) => button(`vote-${choice}`, t(`poll.choice.${choice}`), () => void meeting.act('VoteInSession', choice),
            { kind: `secondary vote-${choice}`, pressed: poll.myChoice === choice })))
      : null,
    view.myRole === 'observer' ? h('p', { class: 'muted' }, t('session.observerPollNote')) : null,
    facilitates(view) && poll.open
      ? h('div', { class: 'form-actions' }, button('close-poll', t('poll.close'), () => void meeting.act('CloseSessionPoll')))
      : null);
}
