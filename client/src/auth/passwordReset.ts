import { api } from '../api/client';
import type { ForgotPasswordView } from '../api/types';
import { t } from '../i18n';
import { h } from '../ui/dom';
import { buildForm } from '../ui/forms';
import { section, showPage } from '../ui/page';

/** Asks for a reset link by email. The answer is the same whether or not the address has an account. */
export function renderForgotPassword(): void {
  const result = h('div', { role: 'status', 'aria-live': 'polite' });
  const form = buildForm(
    [{ name: 'email', label: t('field.email'), type: 'email', required: true, autocomplete: 'username' }],
    t('reset.send'),
    async (values) => {
      const answer = await api<ForgotPasswordView>('POST', '/api/auth/forgot-password', values);
      result.replaceChildren(h('p', { class: 'notice' }, answer.mailConfigured ? t('reset.sent') : t('reset.noMailServer')));
      form.hidden = answer.mailConfigured;
    },
  );
  showPage(t('reset.forgotTitle'), h('p', { class: 'lead' }, t('reset.forgotIntro')),
    section(t('reset.forgotFormTitle'), form, result), h('p', {}, h('a', { href: '/sign-in' }, t('reset.backToSignIn'))));
}

/** The page a reset link opens: choose a new password, then sign in with it (every sign-in has ended). */
export function renderResetPassword(token: string, go: (url: string) => void): void {
  const form = buildForm(
    [{ name: 'newPassword', label: t('field.newPassword'), type: 'password', required: true, autocomplete: 'new-password', hint: t('field.passwordHint') }],
    t('reset.submit'),
    async (values) => {
      await api('POST', '/api/auth/reset-password', { token, newPassword: values.newPassword });
      go('/sign-in?reset=done');
    },
  );
  showPage(t('reset.title'), h('p', { class: 'lead' }, t('reset.intro')), section(t('reset.formTitle'), form),
    h('p', {}, h('a', { href: '/forgot-password' }, t('reset.askAgain'))));
}
