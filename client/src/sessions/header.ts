import type { SessionDetail, SessionStatus } from '../api/types';
import { t } from '../i18n';
import { clear, h } from '../ui/dom';
import { formatDate } from '../ui/places';
import { button, facilitates, itemTitle, type Meeting, type Part } from './part';
import type { SessionConnectionStatus } from './live';
import { countdown, remaining } from './timer';

export interface HeaderPart extends Part {
  /** Redraws the countdown from this screen's clock and its offset from the server's. */
  tick(now: number, offset: number): void;
  connection(status: SessionConnectionStatus): void;
}

export function statusBadge(status: SessionStatus): HTMLElement {
  return h('span', { class: `badge session-${status}` }, t(`session.status.${status}`));
}

/** Where the session is, the item under way with its countdown, the connection, Start/End for facilitators and, at the end, the minutes. */
export function headerPart(meeting: Meeting): HeaderPart {
  const facts = h('p', { class: 'session-meta' });
  const connection = h('span', { class: 'live-status', role: 'status', 'data-status': 'connecting' }, t('session.connection.connecting'));
  const now = h('p', { class: 'session-now' });
  const timer = h('p', { class: 'timer', role: 'timer' });
  const actions = h('div', { class: 'form-actions session-actions' });
  const ended = h('div', {});
  let last: SessionDetail | null = null;

  const part: HeaderPart = {
    element: h('section', { class: 'card session-header', 'aria-label': t('session.about') },
      h('div', { class: 'session-bar' }, facts, connection),
      h('div', { class: 'session-clock' }, now, timer),
      actions, ended),
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

      clear(ended, view.status !== 'ended' ? null : h('p', { class: 'notice success' },
        t('session.endedNote'), ' ',
        view.minutesDocumentId ? h('a', { href: `/documents/${view.minutesDocumentId}` }, t('session.minutes')) : t('session.minutesPending')));
      part.tick(Date.now(), meeting.offset);
    },
    tick(clock, offset) {
      const view = last;
      const running = view !== null && view.status === 'live' && view.itemEndsAt !== null;
      timer.hidden = !running;
      if (!running) return;
      const left = countdown(remaining(view.itemEndsAt!, clock, offset));
      timer.classList.toggle('over', left.over);
      timer.textContent = left.over ? t('session.overTime', { clock: left.clock }) : t('session.timeLeft', { clock: left.clock });
    },
    connection(status) {
      connection.dataset.status = status;
      connection.textContent = t(`session.connection.${status}`);
    },
  };
  return part;
}
