import { api } from '../api/client';
import type { Invitation } from '../api/types';
import { t } from '../i18n';
import { h } from '../ui/dom';
import { buildForm } from '../ui/forms';
import { formatDate } from '../ui/places';
import { roleBadge, section } from '../ui/page';
import { emailInvitationsPart } from './emailInvitations';

/** Facilitators' view of invitation links: create one (shown once), list, revoke. */
export function invitationsSection(
  groupId: string,
  invitations: Invitation[],
  rerender: () => Promise<void>,
  act: (work: () => Promise<unknown>) => Promise<void>,
): HTMLElement {
  const created = h('div', { class: 'created-link', 'aria-live': 'polite' });
  const form = buildForm(
    [
      { name: 'role', label: t('field.role'), type: 'select', value: 'member', options: ['member', 'observer', 'facilitator'].map((r) => ({ value: r, label: t(`role.${r}`) })) },
      { name: 'expiresInDays', label: t('field.expiresInDays'), type: 'number', value: '7', min: 1, max: 90 },
      { name: 'maxUses', label: t('field.maxUses'), type: 'number', value: '1', min: 1, max: 500 },
    ],
    t('invitations.create'),
    async (values) => {
      const invitation = await api<Invitation>('POST', `/api/groups/${groupId}/invitations`, {
        role: values.role, expiresInDays: Number(values.expiresInDays), maxUses: Number(values.maxUses),
      });
      await rerender();
      showCreated(invitation);
    },
  );

  const rows = invitations.filter((i) => !i.email).map((i) => h('tr', {},
    h('td', {}, roleBadge(i.role)),
    h('td', {}, h('span', { class: `status status-${i.status}` }, t(`invitations.status.${i.status}`))),
    h('td', {}, `${i.uses} / ${i.maxUses}`),
    h('td', {}, h('time', { datetime: i.expiresAt }, formatDate(i.expiresAt))),
    h('td', {}, i.createdByName),
    h('td', {}, i.status === 'active'
      ? h('button', { type: 'button', class: 'danger small', onclick: () => { if (confirm(t('invitations.confirmRevoke'))) void act(() => api('DELETE', `/api/groups/${groupId}/invitations/${i.id}`)); } }, t('invitations.revoke'))
      : null)));

  const table = rows.length === 0
    ? h('p', { class: 'muted' }, t('invitations.empty'))
    : h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {},
          ...['field.role', 'invitations.statusTitle', 'invitations.uses', 'invitations.expires', 'invitations.createdBy'].map((k) => h('th', { scope: 'col' }, t(k))),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('group.actions'))))),
        h('tbody', {}, ...rows)));

  return section(t('invitations.title'), h('p', { class: 'muted' }, t('invitations.intro')), form, created, table,
    emailInvitationsPart(groupId, invitations, rerender, act));

  function showCreated(invitation: Invitation): void {
    const link = `${location.origin}${invitation.url}`;
    const target = document.querySelector('.created-link') ?? created;
    const input = h('input', { type: 'text', readonly: true, value: link, id: 'invitation-link', 'aria-label': t('invitations.link') });
    const copy = h('button', {
      type: 'button', class: 'secondary',
      onclick: async () => {
        try {
          await navigator.clipboard.writeText(link);
          copy.textContent = t('invitations.copied');
        } catch {
          input.select();
        }
      },
    }, t('invitations.copy'));
    target.replaceChildren(h('p', {}, t('invitations.createdOnce')), h('div', { class: 'copy-row' }, input, copy));
    input.focus();
    input.select();
  }
}
