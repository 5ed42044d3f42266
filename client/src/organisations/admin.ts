import { api } from '../api/client';
import { loadConvention } from '../convention/catalogue';
import { articleField } from '../convention/picker';
import { t } from '../i18n';
import { clear, h } from '../ui/dom';
import { formDialog } from '../ui/dialog';
import { showError, type FormValues } from '../ui/forms';
import { section, showPage } from '../ui/page';
import { countryName, countryOptions } from '../ui/places';
import { listingControl } from '../directory/listing';
import { peopleTable } from './people';
import { organisationKinds, type OrganisationListItem, type OrganisationView } from './types';

const base = '/api/admin/organisations';

/** The administrator's Organisations page: the review list (pending first), verify, edit, merge, remove, contacts and people. */
export async function renderOrganisationsAdmin(): Promise<void> {
  const alert = h('p', { class: 'form-error', role: 'alert' });
  alert.hidden = true;
  const listing = h('div', { id: 'organisations-review' });
  const detail = h('div', { id: 'organisation-detail' });
  let items: OrganisationListItem[] = [];

  const act = async (run: () => Promise<unknown>): Promise<void> => {
    alert.hidden = true;
    try {
      await run();
      await reload();
    } catch (error) {
      showError(error, alert);
    }
  };
  const open = async (id: string): Promise<void> => {
    const draw = (view: OrganisationView): void => {
      clear(detail, section(t('org.peopleTitle', { name: view.details.name }), listingControl(view), peopleTable(view, (next) => { draw(next); void reload(); }, true)));
    };
    draw(await api<OrganisationView>('GET', `${base}/${id}`));
    detail.querySelector('h2')?.setAttribute('tabindex', '-1');
    (detail.querySelector('h2') as HTMLElement | null)?.focus();
  };
  const edit = async (id: string): Promise<void> => {
    const [view, convention] = await Promise.all([api<OrganisationView>('GET', `${base}/${id}`), loadConvention().catch(() => undefined)]);
    const d = view.details;
    formDialog(t('org.editTitle', { name: d.name }), [
      { name: 'name', label: t('org.name'), required: true, maxLength: 150, value: d.name },
      { name: 'shortName', label: t('org.shortName'), maxLength: 40, value: d.shortName ?? '' },
      { name: 'country', label: t('org.country'), type: 'select', required: true, value: d.country, options: countryOptions() },
      { name: 'kind', label: t('org.kind'), type: 'select', required: true, value: d.kind, options: organisationKinds.map((k) => ({ value: k, label: t(`org.kind.${k}`) })) },
      { name: 'website', label: t('org.website'), type: 'url', value: d.website ?? '' },
      { name: 'description', label: t('org.description'), type: 'textarea', maxLength: 4000, value: d.description ?? '' },
      { name: 'thematicAreas', label: t('org.thematicAreas'), value: d.thematicAreas.join(', '), hint: t('org.listHint') },
      convention
        ? articleField(convention, 'articles', t('org.articles'), d.articles)
        : { name: 'articles', label: t('org.articles'), value: d.articles.join(', '), hint: t('org.articlesHint') },
    ], t('org.save'), async (values) => {
      await api('PUT', `${base}/${id}`, request(values, d.languages));
      await reload();
    });
  };
  const merge = (item: OrganisationListItem): void => {
    const others = items.filter((i) => i.id !== item.id);
    formDialog(t('org.mergeTitle', { name: item.name }), [
      { name: 'survivorId', label: t('org.survivor'), type: 'select', required: true, hint: t('org.mergeHint'),
        options: [{ value: '', label: t('field.choose') }, ...others.map((o) => ({ value: o.id, label: `${o.name} · ${countryName(o.country)} · ${t(`org.status.${o.status}`)}` }))] },
    ], t('org.merge'), async (values) => {
      const survivor = others.find((o) => o.id === values.survivorId);
      if (survivor && !confirm(t('org.confirmMerge', { name: item.name, survivor: survivor.name }))) return;
      await api('POST', `${base}/${item.id}/merge`, { survivorId: values.survivorId || null });
      clear(detail);
      await reload();
    });
  };

  const reload = async (): Promise<void> => {
    items = await api<OrganisationListItem[]>('GET', base);
    clear(listing, items.length === 0 ? h('p', { class: 'muted' }, t('org.emptyList')) : h('div', { class: 'table-wrap' }, h('table', { class: 'ops' },
      h('thead', {}, h('tr', {}, ...[t('org.name'), t('org.country'), t('org.kind'), t('org.statusLabel'), t('org.peopleCount'), ''].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, ...items.map((o) => h('tr', { 'data-organisation': o.id },
        h('td', { 'data-label': t('org.name') }, o.name, o.shortName ? h('span', { class: 'muted' }, ` (${o.shortName})`) : null),
        h('td', { 'data-label': t('org.country') }, countryName(o.country)),
        h('td', { 'data-label': t('org.kind') }, t(`org.kind.${o.kind}`)),
        h('td', { 'data-label': t('org.statusLabel') }, h('span', { class: `badge org-${o.status}` }, t(`org.status.${o.status}`))),
        h('td', { 'data-label': t('org.peopleCount') }, t('org.peopleCounts', { people: o.people, pending: o.pendingPeople })),
        h('td', { class: 'actions' },
          h('button', { type: 'button', class: 'secondary', 'aria-label': t('org.peopleOf', { name: o.name }), onclick: () => void open(o.id) }, t('org.people')),
          o.status === 'pending'
            ? h('button', { type: 'button', class: 'primary', 'aria-label': t('org.verifyName', { name: o.name }), onclick: () => act(() => api('POST', `${base}/${o.id}/verify`)) }, t('org.verify'))
            : null,
          h('button', { type: 'button', class: 'secondary', 'aria-label': t('org.editName', { name: o.name }), onclick: () => void edit(o.id) }, t('org.edit')),
          h('button', { type: 'button', class: 'secondary', 'aria-label': t('org.mergeName', { name: o.name }), onclick: () => merge(o) }, t('org.merge')),
          h('button', {
            type: 'button', class: 'danger', 'aria-label': t('org.removeName', { name: o.name }),
            onclick: () => { if (confirm(t('org.confirmRemove', { name: o.name }))) void act(async () => { await api('DELETE', `${base}/${o.id}`); clear(detail); }); },
          }, t('org.remove')))))))));
  };

  await reload();
  showPage(t('org.adminTitle'), h('p', {}, t('org.adminIntro')), alert, listing, detail);
}

function request(values: FormValues, languages: string[]): unknown {
  const list = (value: string | string[] | undefined): string[] =>
    String(value ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  return {
    name: values.name, shortName: values.shortName || null, country: values.country, kind: values.kind,
    website: values.website || null, description: values.description || null, languages,
    thematicAreas: list(values.thematicAreas), articles: Array.isArray(values.articles) ? values.articles : list(values.articles),
  };
}
