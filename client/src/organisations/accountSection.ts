import { api, ApiError } from '../api/client';
import { t } from '../i18n';
import { refreshSession } from '../session';
import { clear, h } from '../ui/dom';
import { showError } from '../ui/forms';
import { section } from '../ui/page';
import { countryName } from '../ui/places';
import { organisationPicker } from './picker';
import type { MyOrganisation } from './types';

/** The account page's "Organisation": the person's organisation, their tie, why they may not take stances, and a change control. */
export function organisationSection(): HTMLElement {
  const facts = h('div', { id: 'my-organisation' }, h('p', { class: 'muted' }, t('form.working')));
  const done = h('p', { class: 'notice success', role: 'status' });
  done.hidden = true;
  const alert = h('p', { class: 'form-error', role: 'alert' });
  alert.hidden = true;
  const picker = organisationPicker('/api/organisations', 'my-organisation');
  const save = h('button', {
    type: 'button', class: 'primary', id: 'change-organisation',
    onclick: async () => {
      alert.hidden = true;
      done.hidden = true;
      picker.showErrors({});
      try {
        draw(await api<MyOrganisation>('PUT', '/api/me/organisation', picker.choice()));
        await refreshSession();
        done.textContent = t('org.changed');
        done.hidden = false;
      } catch (error) {
        if (error instanceof ApiError) picker.showErrors(error.fieldErrors);
        showError(error, alert);
      }
    },
  }, t('org.change'));

  const draw = (mine: MyOrganisation): void => {
    const o = mine.organisation;
    clear(facts,
      h('dl', { class: 'facts' },
        h('dt', {}, t('field.organisation')),
        h('dd', {}, o ? `${o.name} · ${countryName(o.country)} · ${t(`org.status.${o.status}`)}` : t('org.independent')),
        o ? h('dt', {}, t('org.tie')) : null,
        o ? h('dd', { id: 'my-organisation-tie' }, t(`org.tie.${mine.tie ?? 'pending'}`)) : null),
      mine.mayTakeStances ? null : h('p', { class: 'field-hint', id: 'my-organisation-reason' }, t(`org.reason.${mine.reason}`)),
      mine.contact && o ? h('p', {}, h('a', { href: `/organisations/${o.id}`, id: 'confirm-people-link' }, t('org.confirmPeopleLink'))) : null);
  };
  void api<MyOrganisation>('GET', '/api/me/organisation').then(draw, (error) => showError(error, alert));

  return section(t('org.section'), facts, h('details', { class: 'org-change' },
    h('summary', {}, t('org.change')), h('p', { class: 'field-hint' }, t('org.changeHint')), picker.element, alert, done,
    h('div', { class: 'form-actions' }, save)));
}
