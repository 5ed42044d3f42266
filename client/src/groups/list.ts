import { api } from '../api/client';
import type { GroupDetail, GroupSummary } from '../api/types';
import { t } from '../i18n';
import { session } from '../session';
import { h } from '../ui/dom';
import { buildForm } from '../ui/forms';
import { countryOptions, languageOptions } from '../ui/places';
import { roleBadge, section, showPage } from '../ui/page';
import { confirmationBanner } from '../auth/profile';
import { personPicker } from './personPicker';

export async function renderGroups(go: (url: string) => void): Promise<void> {
  const groups = await api<GroupSummary[]>('GET', '/api/groups');
  const list = groups.length === 0
    ? h('p', { class: 'muted' }, session().user?.isAdmin ? t('groups.emptyAdmin') : t('groups.empty'))
    : h('ul', { class: 'group-list' }, ...groups.map((g) =>
        h('li', {},
          h('a', { href: `/groups/${g.id}`, class: 'group-link' }, g.name),
          h('span', { class: 'muted' }, g.thematicArea),
          h('span', { class: 'group-meta' }, g.myRole ? roleBadge(g.myRole) : null, t('groups.members', { count: g.memberCount })))));

  const facilitator = personPicker(t('field.facilitator'), t('field.facilitatorHint'));
  const createForm = session().user?.isAdmin
    ? buildForm(
        [
          { name: 'name', label: t('field.groupName'), required: true, maxLength: 120 },
          { name: 'thematicArea', label: t('field.thematicArea'), required: true, maxLength: 120, hint: t('field.thematicAreaHint') },
          { name: 'description', label: t('field.description'), type: 'textarea', maxLength: 4000 },
          { name: 'countries', label: t('field.countries'), type: 'select', multiple: true, options: countryOptions() },
          { name: 'languages', label: t('field.languages'), type: 'select', multiple: true, options: languageOptions() },
        ],
        t('groups.create'),
        async (values) => {
          const body = { ...values, facilitatorId: facilitator.value() };
          const group = await api<GroupDetail>('POST', '/api/groups', body);
          go(`/groups/${group.id}`);
        },
      )
    : null;
  // The facilitator is chosen among people who already have an account (appointment by typed email needs confirmed addresses).
  createForm?.querySelector('.form-actions')?.before(facilitator.element);
  const create = createForm ? section(t('groups.newTitle'), createForm) : null;

  showPage(t('groups.title'), session().user?.emailConfirmed ? null : confirmationBanner(), section(t('groups.mine'), list), create);
}
