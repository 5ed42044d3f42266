import { api } from '../api/client';
import type { Stance } from '../api/types';
import type { MyOrganisation } from '../organisations/types';
import { t } from '../i18n';
import { session } from '../session';
import { clear, h } from '../ui/dom';
import { buildForm } from '../ui/forms';
import { section } from '../ui/page';
import { formatDate } from '../ui/places';
import { personName } from './format';
import { FormSlot, participates, type Part, type Thread } from './part';

const stances: Stance[] = ['support', 'support-with-reservations', 'oppose'];

/** Endorsements: one stance per organisation (the latest counts), the tally, and the reader's organisation's form. */
export function stancesPart(thread: Thread): Part {
  const tally = h('div', {});
  const list = h('div', {});
  const slot = new FormSlot();
  // Whether this person may speak for their organisation (the server decides; this only says why not, instead of offering buttons).
  let standing: MyOrganisation | null = null;
  let last: Parameters<Part['update']>[0] | null = null;
  const part: Part = {
    element: section(t('stance.title'), tally, list, slot.element),
    update(detail) {
      last = detail;
      const counts = detail.stanceTally;
      clear(tally, h('ul', { class: 'tally', 'aria-label': t('stance.tally') },
        h('li', { class: 'stance-support' }, t('stance.support'), ' ', h('strong', {}, String(counts.support))),
        h('li', { class: 'stance-support-with-reservations' }, t('stance.support-with-reservations'), ' ', h('strong', {}, String(counts.supportWithReservations))),
        h('li', { class: 'stance-oppose' }, t('stance.oppose'), ' ', h('strong', {}, String(counts.oppose)))));
      clear(list, detail.stances.length === 0
        ? h('p', { class: 'muted' }, t('stance.empty'))
        : h('ul', { class: 'stances' }, ...detail.stances.map((s) => h('li', {},
            h('strong', {}, s.organisation), ' ', h('span', { class: `badge stance-${s.stance}` }, t(`stance.${s.stance}`)),
            s.note ? h('span', { class: 'stance-note' }, ` — ${s.note}`) : null,
            h('span', { class: 'muted' }, ` · ${personName(s.by)}, ${formatDate(s.at)}`)))));

      const organisation = standing?.organisation?.name ?? session().user?.organisation?.trim() ?? '';
      const writable = participates(detail) && detail.recommendation.status !== 'withdrawn';
      const mine = detail.stances.find((s) => s.organisationId != null && s.organisationId === standing?.organisation?.id);
      slot.show(`${writable}-${standing?.reason ?? (standing ? 'may' : 'unknown')}-${organisation}-${mine?.at ?? ''}`, () => {
        if (!writable || !standing) return null;
        if (!standing.mayTakeStances) return h('p', { class: 'field-hint', id: 'stance-why-not' }, t(`org.reason.${standing.reason}`));
        return h('div', {},
          h('h3', {}, t('stance.formTitle', { organisation })),
          buildForm(
            [
              { name: 'stance', label: t('stance.choice'), type: 'radio', required: true, value: mine?.stance,
                options: stances.map((s) => ({ value: s, label: t(`stance.${s}`) })) },
              { name: 'note', label: t('stance.note'), type: 'textarea', rows: 2, maxLength: 1000, value: mine?.note ?? '' },
            ],
            t('stance.save'),
            (values) => thread.send('PUT', '/stance', { stance: values.stance || null, note: values.note || null }),
          ));
      });
    },
  };
  void api<MyOrganisation>('GET', '/api/me/organisation').then((mine) => {
    standing = mine;
    if (last) part.update(last);
  }, () => undefined);
  return part;
}
