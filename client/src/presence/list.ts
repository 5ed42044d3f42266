import type { Participant } from '../api/types';
import { counted, t } from '../i18n';
import { clear, h, uniqueId } from '../ui/dom';
import { roleBadge } from '../ui/page';
import { organisationName, presenceLabel } from './labels';

/** Who is here, for a page's toolbar: pills on a wide screen; on a phone one "3 people here" button that opens them (styles.css, Editor). */
export interface PresenceList {
  readonly element: HTMLElement;
  show(participants: readonly Participant[], me: string): void;
}

export function presenceList(): PresenceList {
  const list = h('ul', { class: 'presence', id: uniqueId('presence') });
  const dots = h('span', { class: 'presence-dots', 'aria-hidden': 'true' });
  const count = h('span', {});
  const toggle = h('button', { type: 'button', class: 'presence-toggle small', 'aria-expanded': 'false', 'aria-controls': list.id }, dots, count);
  const element = h('div', { class: 'presence-box' }, toggle, list);
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    element.classList.toggle('open', open);
  });

  return {
    element,
    show(participants, me) {
      const label = (p: Participant) => presenceLabel(p, participants);
      const people = [...participants].sort((a, b) => (a.sessionId === me ? -1 : b.sessionId === me ? 1 : label(a).localeCompare(label(b))));
      list.setAttribute('aria-label', t('live.present', { count: people.length }));
      count.textContent = counted('live.peopleHere', people.length);
      clear(dots, ...people.slice(0, 3).map((p) => dot(p.colour)));
      clear(list, ...people.map((p) => h('li', { class: 'presence-person' }, dot(p.colour),
        h('span', {}, label(p), p.sessionId === me ? ` ${t('group.you')}` : ''),
        p.displayName ? h('span', { class: 'muted' }, ` · ${organisationName(p.organisation)}`) : null,
        p.role === 'observer' ? roleBadge('observer') : null)));
    },
  };
}

function dot(colour: string): HTMLElement {
  const element = h('span', { class: 'presence-dot', 'aria-hidden': 'true' });
  element.style.backgroundColor = colour;
  return element;
}
