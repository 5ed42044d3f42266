import { api } from '../api/client';
import type { UserView } from '../api/types';
import { languages, t } from '../i18n';
import { refreshSession, session } from '../session';
import { h } from '../ui/dom';
import { buildForm, showError } from '../ui/forms';
import { countryOptions } from '../ui/places';
import { section } from '../ui/page';

/** The account page's own profile: name, country and the language emails are written in; the email address and its confirmation. */
export function profileSections(): HTMLElement[] {
  const user = session().user!;
  const saved = h('p', { class: 'notice success', role: 'status' });
  saved.hidden = true;
  const profile = buildForm(
    [
      { name: 'displayName', label: t('field.displayName'), required: true, autocomplete: 'name', maxLength: 100, value: user.displayName },
      { name: 'country', label: t('field.country'), type: 'select', required: true, value: user.country, options: countryOptions() },
      {
        name: 'language', label: t('profile.language'), type: 'select', required: true, hint: t('profile.languageHint'),
        value: user.language ?? 'en', options: languages.map((code) => ({ value: code, label: t(`language.${code}`) })),
      },
    ],
    t('profile.save'),
    async (values) => {
      await api<UserView>('PUT', '/api/me/profile', values);
      await refreshSession();
      saved.textContent = t('profile.saved');
      saved.hidden = false;
    },
  );

  const sent = h('p', { class: 'notice success', role: 'status' });
  sent.hidden = true;
  const change = buildForm(
    [
      { name: 'newEmail', label: t('profile.newEmail'), type: 'email', required: true, autocomplete: 'email', maxLength: 254 },
      { name: 'password', label: t('profile.password'), type: 'password', required: true, autocomplete: 'current-password' },
    ],
    t('profile.changeEmail'),
    async (values) => {
      await api('POST', '/api/me/email', values);
      change.reset();
      sent.textContent = t('profile.changeSent', { email: String(values.newEmail) });
      sent.hidden = false;
    },
  );

  return [
    section(t('profile.title'), saved, profile),
    section(t('profile.emailTitle'), confirmationBanner(), h('p', { class: 'muted' }, t('profile.changeIntro')), sent, change),
  ];
}

/** Says whether the address is confirmed; an unconfirmed one gets a "send the link again" button. */
export function confirmationBanner(): HTMLElement {
  const user = session().user!;
  if (user.emailConfirmed) {
    return h('p', { class: 'notice success' }, t('profile.confirmed', { email: user.email }));
  }
  const status = h('p', { role: 'status' });
  const alert = h('p', { class: 'form-error', role: 'alert' });
  alert.hidden = true;
  const resend = h('button', {
    type: 'button', class: 'secondary small',
    onclick: async () => {
      alert.hidden = true;
      try {
        await api('POST', '/api/me/email/confirmation');
        status.textContent = t('profile.resent', { email: user.email });
      } catch (error) {
        showError(error, alert);
      }
    },
  }, t('profile.resend'));
  return h('div', { class: 'notice', id: 'unconfirmed-email' }, h('p', {}, t('profile.unconfirmed', { email: user.email })), resend, status, alert);
}
