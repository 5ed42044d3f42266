import { api, ApiError } from '../api/client';
import type { GroupSummary, InvitationPreview, Registration } from '../api/types';
import { language, t } from '../i18n';
import { refreshSession, session } from '../session';
import { h } from '../ui/dom';
import { buildForm, showError } from '../ui/forms';
import { countryOptions } from '../ui/places';
import { accountFields } from '../auth/accountFields';
import { section, showPage } from '../ui/page';
import { organisationPicker } from '../organisations/picker';

/** Someone opened an invitation link: say what it is for, then join, register or sign in. */
export async function renderInvitation(token: string, go: (url: string) => void): Promise<void> {
  let preview: InvitationPreview;
  try {
    preview = await api<InvitationPreview>('GET', `/api/invitations/${encodeURIComponent(token)}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      showPage(t('invite.invalidTitle'), h('p', { class: 'notice' }, error.title || t('invite.invalid')));
      return;
    }
    throw error;
  }

  const role = t(`role.${preview.role}`);
  const intro = h('p', { class: 'lead' }, t('invite.intro', { group: preview.groupName, role }));
  if (preview.status !== 'active') {
    showPage(t('invite.title', { group: preview.groupName }), intro, h('p', { class: 'notice' }, t(`invite.status.${preview.status}`)));
    return;
  }

  const path = `/api/invitations/${encodeURIComponent(token)}`;
  if (session().authenticated) {
    const alert = h('p', { class: 'form-error', role: 'alert' });
    alert.hidden = true;
    const join = h('button', {
      type: 'button', class: 'primary',
      onclick: async () => {
        try {
          const group = await api<GroupSummary>('POST', `${path}/accept`);
          go(`/groups/${group.id}`);
        } catch (error) {
          showError(error, alert);
        }
      },
    }, t('invite.join', { role }));
    showPage(t('invite.title', { group: preview.groupName }), intro, h('p', { class: 'muted' }, preview.thematicArea), alert, h('div', { class: 'form-actions' }, join));
    return;
  }

  // A personal invitation (sent by email) registers the address it was sent to; emails come in the page's language.
  const picker = organisationPicker(`${path}/organisations`);
  const fields = accountFields(countryOptions(), false).map((f) => (f.name === 'email' && preview.email ? { ...f, value: preview.email, hint: t('invite.personal') } : f));
  const register = buildForm(fields, t('invite.register'), async (values) => {
    picker.showErrors({});
    try {
      const registration = await api<Registration>('POST', `${path}/register`, { ...values, ...picker.choice(), language: language() });
      await refreshSession();
      go(`/groups/${registration.group.id}`);
    } catch (error) {
      if (error instanceof ApiError) picker.showErrors(error.fieldErrors);
      throw error;
    }
  });
  register.querySelector('select[name=country]')?.closest('.field')?.after(picker.element);
  showPage(
    t('invite.title', { group: preview.groupName }),
    intro,
    section(t('invite.haveAccount'), h('p', {}, h('a', { href: `/sign-in?next=${encodeURIComponent(location.pathname)}`, class: 'button secondary' }, t('invite.signInFirst')))),
    section(t('invite.newAccount'), register),
  );
}
