import { t } from '../i18n';
import { personName } from '../recommendations/format';
import { clear, h } from '../ui/dom';
import { roleBadge, section } from '../ui/page';
import { formatDate } from '../ui/places';
import { button, facilitates, who, type Meeting, type Part } from './part';

/** Who is here now (observers marked), who came, and for facilitators a way to remove someone from the session. */
export function peoplePart(meeting: Meeting): Part {
  const heading = h('span', {});
  const present = h('ul', { class: 'people' });
  const attendance = h('details', { class: 'attendance' });
  const element = section(t('session.present'), present, attendance);
  element.querySelector('h2')!.replaceChildren(heading);
  return {
    element,
    update(view) {
      heading.textContent = t('session.presentCount', { count: view.present.length });
      const facilitator = facilitates(view) && view.status !== 'ended';
      clear(present, ...view.present.map((p) => h('li', {},
        h('span', { class: 'person' }, ...who(p.person, p.role, p.mine), p.role === 'facilitator' && p.person.name ? roleBadge('facilitator') : null),
        facilitator && p.person.id && !p.mine
          ? button(`remove-${p.person.id}`, t('session.remove'), () => {
              if (confirm(t('session.confirmRemove', { name: personName(p.person) }))) void meeting.act('RemoveFromSession', p.person.id);
            }, { kind: 'danger small', label: t('session.removeNamed', { name: personName(p.person) }) })
          : null)));
      const open = attendance.open;
      clear(attendance,
        h('summary', {}, t('session.attendance', { count: view.attendance.length })),
        h('ul', { class: 'plain attendance-list' }, ...view.attendance.map((a) => h('li', {},
          personName(a.person), a.mine ? ` ${t('group.you')}` : '', ' ', roleBadge(a.role), ' ',
          h('span', { class: 'muted' }, t(a.present ? 'session.joinedHere' : 'session.joinedLeft', { date: formatDate(a.joinedAt) }))))));
      attendance.open = open;
    },
  };
}
