import { api } from '../api/client';
import { t } from '../i18n';
import { h, uniqueId } from '../ui/dom';
import { saveOnChange } from '../ui/forms';
import type { OrganisationView } from '../organisations/types';
import type { Listing } from './types';

const listings: Listing[] = ['default', 'listed', 'unlisted'];

/** Whether the organisation is in the directory: the administrator's and its contacts' choice, saved as it changes. */
export function listingControl(view: OrganisationView, onSaved?: (view: OrganisationView) => void): HTMLElement {
  const id = uniqueId('listing');
  const alert = h('p', { class: 'form-error', role: 'alert' });
  alert.hidden = true;
  const select = h('select', { id, name: 'listing', 'aria-describedby': `${id}-hint` },
    ...listings.map((l) => h('option', { value: l, selected: (view.listing ?? 'default') === l }, t(`directory.listing.${l}`))));
  saveOnChange(select, async () => {
    alert.hidden = true;
    onSaved?.(await api<OrganisationView>('PUT', `/api/organisations/${view.id}/listing`, { listing: select.value }));
  }, alert);
  return h('div', { class: 'field directory-listing' },
    h('label', { for: id }, t('directory.listing')),
    h('p', { class: 'field-hint', id: `${id}-hint` }, t(view.status === 'pending' ? 'directory.listingPending' : 'directory.listingHint')),
    select, alert);
}
