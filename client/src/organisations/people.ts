import { api } from '../api/client';
import { t } from '../i18n';
import { clear, h } from '../ui/dom';
import { showError } from '../ui/forms';
import { formatDate } from '../ui/places';
import type { OrganisationView } from './types';

/**
 * An organisation's people, with confirm and decline for those pending: the administrator's
 * (and, once it is verified, its contacts') control. Contacts are marked by the administrator only.
 */
export function peopleTable(view: OrganisationView, onChange: (view: OrganisationView) => void, administrator: boolean): HTMLElement {
  const alert = h('p', { class: 'form-error', role: 'alert' });
  alert.hidden = true;
  const act = async (method: string, path: string, body?: unknown): Promise<void> => {
    alert.hidden = true;
    try {
      onChange(await api<OrganisationView>(method, path, body));
    } catch (error) {
      showError(error, alert);
    }
  };
  const base = `/api/organisations/${view.id}/people`;
  const rows = view.people.map((p) => h('tr', { 'data-user': p.userId },
    h('td', { 'data-label': t('org.person') }, p.displayName),
    h('td', { 'data-label': t('org.tieColumn') }, h('span', { class: `badge tie-${p.tie}` }, t(`org.tie.${p.tie}`))),
    h('td', { 'data-label': t('org.contact') }, p.contact ? t('account.yes') : '—'),
    h('td', { 'data-label': t('org.since') }, formatDate(p.since)),
    h('td', { class: 'actions' },
      p.tie === 'pending'
        ? h('button', { type: 'button', class: 'primary', 'aria-label': t('org.confirmPerson', { name: p.displayName }), onclick: () => act('POST', `${base}/${p.userId}/confirm`) }, t('org.confirm'))
        : null,
      h('button', {
        type: 'button', class: 'secondary', 'aria-label': t('org.declinePerson', { name: p.displayName }),
        onclick: () => { if (confirm(t('org.confirmDecline', { name: p.displayName }))) void act('POST', `${base}/${p.userId}/decline`); },
      }, t('org.decline')),
      administrator
        ? h('button', {
          type: 'button', class: 'secondary', 'aria-label': t(p.contact ? 'org.unmarkContactPerson' : 'org.markContactPerson', { name: p.displayName }),
          onclick: () => act('PUT', `/api/admin/organisations/${view.id}/contacts/${p.userId}`, { contact: !p.contact }),
        }, t(p.contact ? 'org.unmarkContact' : 'org.markContact'))
        : null)));
  const table = view.people.length === 0
    ? h('p', { class: 'muted' }, t('org.noPeople'))
    : h('div', { class: 'table-wrap' }, h('table', { class: 'ops org-people' },
      h('thead', {}, h('tr', {}, ...[t('org.person'), t('org.tieColumn'), t('org.contact'), t('org.since'), ''].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, ...rows)));
  return h('div', {}, alert, table);
}

/** A contact's page for their own (verified) organisation: who is tied to it, and confirming them. */
export async function renderOrganisationPeople(id: string): Promise<void> {
  const { showPage } = await import('../ui/page');
  const body = h('div', {});
  const draw = (view: OrganisationView): void => clear(body, peopleTable(view, draw, false));
  const view = await api<OrganisationView>('GET', `/api/organisations/${id}`);
  draw(view);
  const { listingControl } = await import('../directory/listing');
  showPage(t('org.peopleTitle', { name: view.details.name }), h('p', {}, t('org.peopleIntro')), listingControl(view), body);
}
