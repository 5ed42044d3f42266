import { api } from '../api/client';
import type { Invitation } from '../api/types';
import { language, languages, t } from '../i18n';
import { h } from '../ui/dom';
import { buildForm } from '../ui/forms';
import { formatDate } from '../ui/places';
import { roleBadge } from '../ui/page';

/** What a personal invitation's status reads as, per address: sent, accepted, expired or revoked. */
export function emailStatus(i: Invitation): 'sent' | 'accepted' | 'expired' | 'revoked' {
  if (i.status === 'used-up') return 'accepted';
  if (i.status === 'active') return 'sent';
  return i.status;
}

/** Facilitators paste addresses (one per line, or separated by commas); each gets a personal link by email. */
export function emailInvitationsPart(
  groupId: string,
  invitations: Invitation[],
  rerender: () => Promise<void>,
  act: (work: () => Promise<unknown>) => Promise<void>,
): HTMLElement {
  const sent = h('p', { class: 'notice success', role: 'status' });
  sent.hidden = true;
  const form = buildForm(
    [
      { name: 'emails', label: t('emailInvitations.addresses'), type: 'textarea', required: true, rows: 5, hint: t('emailInvitations.addressesHint') },
      { name: 'role', label: t('emailInvitations.role'), type: 'select', value: 'member', options: ['member', 'observer', 'facilitator'].map((r) => ({ value: r, label: t(`role.${r}`) })) },
      { name: 'language', label: t('emailInvitations.language'), type: 'select', value: language(), options: languages.map((code) => ({ value: code, label: t(`language.${code}`) })) },
      { name: 'expiresInDays', label: t('emailInvitations.expires'), type: 'number', value: '7', min: 1, max: 90 },
    ],
    t('emailInvitations.send'),
    async (values) => {
      const emails = String(values.emails).split(/[\s,;]+/).map((e) => e.trim()).filter(Boolean);
      const created = await api<Invitation[]>('POST', `/api/groups/${groupId}/email-invitations`, {
        emails, role: values.role, language: values.language, expiresInDays: Number(values.expiresInDays),
      });
      await rerender();
      const notice = document.getElementById('email-invitations-sent');
      if (notice) {
        notice.textContent = t('emailInvitations.sent', { count: created.length });
        notice.hidden = false;
      }
    },
  );
  sent.id = 'email-invitations-sent';

  const personal = invitations.filter((i) => i.email);
  const rows = personal.map((i) => {
    const status = emailStatus(i);
    return h('tr', {},
      h('td', {}, i.email!),
      h('td', {}, roleBadge(i.role)),
      h('td', {}, h('span', { class: `status status-${status}` }, t(`emailInvitations.status.${status}`))),
      h('td', {}, h('time', { datetime: i.expiresAt }, formatDate(i.expiresAt))),
      h('td', { class: 'actions' },
        status === 'sent' || status === 'expired'
          ? h('button', { type: 'button', class: 'secondary small', 'aria-label': t('emailInvitations.resendTo', { email: i.email! }), onclick: () => void act(() => api('POST', `/api/groups/${groupId}/invitations/${i.id}/resend`)) }, t('emailInvitations.resend'))
          : null,
        status === 'sent'
          ? h('button', { type: 'button', class: 'danger small', 'aria-label': t('emailInvitations.revokeFor', { email: i.email! }), onclick: () => { if (confirm(t('invitations.confirmRevoke'))) void act(() => api('DELETE', `/api/groups/${groupId}/invitations/${i.id}`)); } }, t('invitations.revoke'))
          : null));
  });
  const table = personal.length === 0
    ? h('p', { class: 'muted' }, t('emailInvitations.empty'))
    : h('div', { class: 'table-wrap' }, h('table', { 'aria-label': t('emailInvitations.title') },
        h('thead', {}, h('tr', {},
          ...['field.email', 'field.role', 'invitations.statusTitle', 'invitations.expires'].map((k) => h('th', { scope: 'col' }, t(k))),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('group.actions'))))),
        h('tbody', {}, ...rows)));

  return h('div', { class: 'email-invitations' },
    h('h3', {}, t('emailInvitations.title')), h('p', { class: 'muted' }, t('emailInvitations.intro')), sent, form, table);
}
