import { api } from '../api/client';
import { t } from '../i18n';
import { refreshSession, session } from '../session';
import { h } from '../ui/dom';
import { buildForm } from '../ui/forms';
import { countryName } from '../ui/places';
import { section, showPage } from '../ui/page';
import { secondFactorSection } from './secondFactor';
import { organisationSection } from '../organisations/accountSection';
import { profileSections } from './profile';

export function renderAccount(go: (path: string) => void): void {
  const user = session().user!;
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
    section(
      t('account.profile'),
      h('dl', { class: 'facts' },
        h('dt', {}, t('field.displayName')), h('dd', {}, user.displayName),
        h('dt', {}, t('field.email')), h('dd', {}, user.email),
        h('dt', {}, t('field.organisation')), h('dd', {}, user.organisation),
        h('dt', {}, t('field.country')), h('dd', {}, countryName(user.country)),
        user.isAdmin ? h('dt', {}, t('account.administrator')) : null, user.isAdmin ? h('dd', {}, t('account.yes')) : null),
    ),
    ...profileSections(),
    organisationSection(),
    section(t('account.changePassword'), done, form),
    secondFactorSection(),
    section(t('account.signIns'), h('p', {}, t('account.signOutEverywhereIntro')), signOutEverywhere),
  );
}
