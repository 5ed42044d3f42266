import type { SessionDetail } from '../api/types';
import { counted, t } from '../i18n';
import { personName } from '../recommendations/format';
import { clear, h, uniqueId } from '../ui/dom';
import { saveOnChange } from '../ui/forms';
import { section } from '../ui/page';
import { button, facilitates, isLive, who, type Meeting, type Part } from './part';

/** The limits offered per turn, in minutes. */
const speakingLimits = [1, 2, 3, 5, 10];

/** Whether the reader may put a hand up: members and facilitators, observers only when a facilitator allows it. */
export const mayQueue = (view: SessionDetail): boolean => view.myRole !== 'observer' || view.observersMayQueue;

/** Who has the floor and who waits for it (points of order first, as the server orders them); hands up and down; the facilitator's calls. */
export function queuePart(meeting: Meeting): Part {
  const floor = h('div', { class: 'floor' });
  const list = h('div', {});
  const mine = h('div', { class: 'form-actions' });
  const chair = h('div', { class: 'chair' });
  const pickId = uniqueId('pick');
  const pick = h('select', { id: pickId, 'data-key': 'pick' });
  const observers = h('input', { type: 'checkbox', 'data-key': 'observers-may-queue' });
  // The speaking-time limit per turn (seconds on the wire): shown as a countdown in the header, never enforced.
  const limitId = uniqueId('limit');
  const limit = h('select', { id: limitId, 'data-key': 'speaking-limit' },
    h('option', { value: '' }, t('session.speakingLimitNone')),
    ...speakingLimits.map((minutes) => h('option', { value: String(minutes * 60) }, counted('session.speakingLimitMinutes', minutes))));
  saveOnChange(limit, () => meeting.act('SetSpeakingLimit', limit.value === '' ? null : Number(limit.value))); // a refusal puts it back
  saveOnChange(observers, () => meeting.act('AllowObserversInQueue', observers.checked));

  return {
    element: section(t('session.speakers'), floor, list, mine, chair),
    update(view) {
      const facilitator = facilitates(view);
      const live = isLive(view);
      const speaking = view.floor;
      clear(floor, speaking
        ? h('p', { class: 'floor-holder' }, h('span', { class: 'floor-label' }, t('session.floor')), ' ', ...who(speaking.person, speaking.role, speaking.mine),
            speaking.pointOfOrder ? h('span', { class: 'badge badge-order' }, t('session.pointOfOrder')) : null)
        : h('p', { class: 'muted' }, t('session.noFloor')),
        speaking && live && (facilitator || speaking.mine)
          ? button('clear-floor', speaking.mine ? t('session.doneSpeaking') : t('session.clearFloor'), () => void meeting.act('ClearFloor'))
          : null);

      clear(list, view.queue.length === 0
        ? h('p', { class: 'muted' }, t('session.queueEmpty'))
        : h('ol', { class: 'queue', 'aria-label': t('session.queue', { count: view.queue.length }) }, ...view.queue.map((hand) => h('li', {},
            h('span', { class: 'queue-who' }, ...who(hand.person, hand.role, hand.mine),
              hand.pointOfOrder ? h('span', { class: 'badge badge-order' }, t('session.pointOfOrder')) : null),
            facilitator && live && hand.person.id
              ? button(`give-${hand.person.id}`, t('session.giveFloor'), () => void meeting.act('GiveFloor', hand.person.id),
                  { label: t('session.giveFloorTo', { name: personName(hand.person) }) })
              : null))));

      const raised = view.queue.some((hand) => hand.mine);
      clear(mine, ...(!live ? [] : raised
        ? [button('lower', t('session.lowerHand'), () => void meeting.act('LowerHand'), { kind: 'secondary' })]
        : mayQueue(view)
          ? [button('raise', t('session.raiseHand'), () => void meeting.act('RaiseHand', false), { kind: 'primary' }),
             button('order', t('session.raisePointOfOrder'), () => void meeting.act('RaiseHand', true), { kind: 'secondary' })]
          : [h('p', { class: 'muted' }, t('session.observersMayNotQueue'))]));
      mine.hidden = !live;

      chair.hidden = !facilitator || !live;
      if (facilitator && live) {
        const chosen = pick.value;
        clear(pick, ...view.present.filter((p) => p.person.id).map((p) => h('option', { value: p.person.id!, selected: p.person.id === chosen },
          personName(p.person), p.role === 'observer' ? ` (${t('role.observer')})` : '')));
        observers.checked = view.observersMayQueue;
        if (!chair.hasChildNodes()) {
          chair.append(
            h('div', { class: 'form-actions' },
              button('next', t('session.giveNext'), () => void meeting.act('GiveFloor', null), { kind: 'primary' })),
            h('div', { class: 'pick-row' },
              h('label', { for: pickId }, t('session.pickSpeaker')),
              h('div', { class: 'copy-row' }, pick,
                button('give-picked', t('session.giveFloor'), () => { if (pick.value) void meeting.act('GiveFloor', pick.value); }, { kind: 'secondary' }))),
            h('div', { class: 'pick-row' }, h('label', { for: limitId }, t('session.speakingLimit')), limit),
            h('label', { class: 'checkbox' }, observers, t('session.allowObservers')));
        }
        // A limit set elsewhere (another facilitator, a custom value) shows as it is.
        const current = view.speakingLimitSeconds === null ? '' : String(view.speakingLimitSeconds);
        if (![...limit.options].some((o) => o.value === current)) {
          limit.append(h('option', { value: current }, counted('session.speakingLimitMinutes', Math.round((view.speakingLimitSeconds ?? 0) / 6) / 10)));
        }
        limit.value = current;
        const next = chair.querySelector<HTMLButtonElement>('[data-key="next"]');
        if (next) next.disabled = view.queue.length === 0;
      }
    },
  };
}
