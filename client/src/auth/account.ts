import { api } from '../api/client';
import { t } from '../i18n';
import { refreshSession } from '../session';
import { h } from '../ui/dom';
import { buildForm } from '../ui/forms';
import { section, showPage } from '../ui/page';
import { secondFactorSection } from './secondFactor';
import { organisationSection } from '../organisations/accountSection';
import { profileSections } from './profile';

export function renderAccount(go: (path: string) => void): void {
  const done = h('p', { class: 'notice success', role: 'status' });
  done.hidden = true;
  const form = buildForm(
    [
      { name: 'currentPassword', label: t('field.currentPassword'), type: 'password', required: true, autocomplete: 'current-password' },
      { name: 'newPassword', label: t('field.newPassword'), type: 'password', required: true, autocomplete: 'new-password', hint: t('field.passwordHint') },
    ],
    t('account.changePassword'),
    async (values) => {
      await api('POST', '/api/auth/change-password', values);
      form.reset();
      done.textContent = t('account.passwordChanged');
      done.hidden = false;
    },
  );
  const signOutEverywhere = h('button', {
    type: 'button', class: 'secondary', id: 'sign-out-everywhere',
    onclick: async () => {
      await api('POST', '/api/auth/sign-out-everywhere');
      await refreshSession();
      go('/sign-in');
    },
  }, t('account.signOutEverywhere'));
  showPage(
    t('account.title'),
    ...profileSections(),
    organisationSection(),
    section(t('account.changePassword'), done, form),
    secondFactorSection(),
    section(t('account.signIns'), h('p', {}, t('account.signOutEverywhereIntro')), signOutEverywhere),
  );
}
