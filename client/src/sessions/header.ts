import type { SessionDetail, SessionStatus } from '../api/types';
import { counted, t } from '../i18n';
import { personName } from '../recommendations/format';
import { clear, h, uniqueId } from '../ui/dom';
import { formatDate } from '../ui/places';
import { button, facilitates, itemTitle, type Meeting, type Part } from './part';
import type { SessionConnectionStatus } from './live';
import { countdown, itemRemaining, remaining } from './timer';

export interface HeaderPart extends Part {
  /** Redraws the countdown from this screen's clock and its offset from the server's. */
  tick(now: number, offset: number): void;
  connection(status: SessionConnectionStatus): void;
}

export function statusBadge(status: SessionStatus): HTMLElement {
  return h('span', { class: `badge session-${status}` }, t(`session.status.${status}`));
}

/**
 * Where the session is, the item under way with its countdown (paused or running), the speaker's turn under the
 * speaking-time limit, the connection, Start/End and the item's time controls for facilitators and, at the end, the
 * minutes. On a phone this header stays at the top (styles.css), so the countdowns never scroll away.
 */
export function headerPart(meeting: Meeting): HeaderPart {
  const facts = h('p', { class: 'session-meta' });
  const connection = h('span', { class: 'live-status', role: 'status', 'data-status': 'connecting' }, t('session.connection.connecting'));
  const now = h('p', { class: 'session-now' });
  const timer = h('p', { class: 'timer', role: 'timer' });
  // The speaker's turn under the limit: everyone sees it; the speaker and the facilitator are who it is for.
  const turn = h('p', { class: 'turn-timer', role: 'timer', 'data-key': 'turn-timer' });
  const actions = h('div', { class: 'form-actions session-actions' });
  const clockControls = timeControls(meeting);
  const ended = h('div', {});
  let last: SessionDetail | null = null;

  const part: HeaderPart = {
    element: h('section', { class: 'card session-header', 'aria-label': t('session.about') },
      h('div', { class: 'session-bar' }, facts, connection),
      h('div', { class: 'session-clock' }, now, timer),
      turn, clockControls.element, actions, ended),
    update(view) {
      last = view;
      clear(facts, statusBadge(view.status), ' ', h('span', {}, t('session.scheduledFor', { date: formatDate(view.scheduledStart) })));
      const current = view.currentItem;
      now.hidden = current === null || view.status !== 'live';
      clear(now, current === null ? null : h('span', {}, t('session.itemOf', { number: current + 1, total: view.agenda.length }), ' ',
        h('strong', {}, itemTitle(view, current))));

      const facilitator = facilitates(view);
      clear(actions,
        facilitator && view.status === 'scheduled'
          ? button('start', t('session.start'), () => void meeting.act('StartSession'), { kind: 'primary' }) : null,
        facilitator && view.status === 'live'
          ? button('end', t('session.end'), () => { if (confirm(t('session.confirmEnd'))) void meeting.act('EndSession'); }, { kind: 'danger' }) : null);
      actions.hidden = actions.childElementCount === 0;
      clockControls.update(view);

      clear(ended, view.status !== 'ended' ? null : h('p', { class: 'notice success' },
        t('session.endedNote'), ' ',
        view.minutesDocumentId ? h('a', { href: `/documents/${view.minutesDocumentId}` }, t('session.minutes')) : t('session.minutesPending')));
      part.tick(Date.now(), meeting.offset);
    },
    tick(clock, offset) {
      const view = last;
      const speaking = view !== null && view.status === 'live' && view.floor !== null && view.floorEndsAt !== null;
      turn.hidden = !speaking;
      if (speaking) {
        const left = countdown(remaining(view.floorEndsAt!, clock, offset));
        const name = personName(view.floor!.person);
        turn.classList.toggle('over', left.over);
        turn.classList.toggle('mine', view.floor!.mine);
        turn.textContent = view.floor!.mine
          ? t(left.over ? 'session.turnUpMine' : 'session.turnMine', { clock: left.clock })
          : t(left.over ? 'session.turnUpOf' : 'session.turnOf', { clock: left.clock, name });
      }
      const running = view !== null && view.status === 'live' && view.itemEndsAt !== null;
      timer.hidden = !running;
      if (!running) return;
      const paused = view.itemPausedAt !== null;
      const left = countdown(itemRemaining(view, clock, offset)!);
      timer.classList.toggle('over', left.over);
      timer.classList.toggle('paused', paused);
      timer.textContent = paused
        ? t(left.over ? 'session.pausedOver' : 'session.paused', { clock: left.clock })
        : left.over ? t('session.overTime', { clock: left.clock }) : t('session.timeLeft', { clock: left.clock });
    },
    connection(status) {
      connection.dataset.status = status;
      connection.textContent = t(`session.connection.${status}`);
    },
  };
  return part;
}

/** The facilitator's controls of the current item's time: pause or resume, add 1 or 5 minutes, or any number (1–240). */
function timeControls(meeting: Meeting): Part {
  const minutesId = uniqueId('extend');
  const minutes = h('input', { id: minutesId, type: 'number', min: '1', max: '240', step: '1', inputmode: 'numeric', class: 'extend-minutes', 'data-key': 'extend-minutes' });
  const toggle = h('span', {});
  const form = h('form', { class: 'extend-form', novalidate: true },
    h('label', { for: minutesId, class: 'visually-hidden' }, t('session.extendCustom')), minutes,
    h('button', { type: 'submit', class: 'secondary small', 'data-key': 'extend' }, t('session.extend')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // The server checks the range (1–240) and says what is wrong; an empty field sends 0, refused the same way.
    void meeting.act('ExtendItem', Number.parseInt(minutes.value, 10) || 0);
  });
  const element = h('div', { class: 'form-actions time-controls', role: 'group', 'aria-label': t('session.timeControls') }, toggle,
    ...[1, 5].map((count) => button(`extend-${count}`, counted('session.extendBy', count), () => void meeting.act('ExtendItem', count))),
    form);
  return {
    element,
    update(view) {
      element.hidden = !facilitates(view) || view.status !== 'live' || view.currentItem === null;
      const paused = view.itemPausedAt !== null;
      clear(toggle, paused
        ? button('resume', t('session.resume'), () => void meeting.act('ResumeItem'), { kind: 'primary small' })
        : button('pause', t('session.pause'), () => void meeting.act('PauseItem')));
    },
  };
}
