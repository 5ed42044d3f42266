import { api } from '../api/client';
import type { UserView } from '../api/types';
import { t } from '../i18n';
import { refreshSession } from '../session';
import { h } from '../ui/dom';
import { buildForm } from '../ui/forms';
import { section, showPage } from '../ui/page';

/** Only local paths may follow a sign-in, so a link cannot send someone elsewhere. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function renderSignIn(query: URLSearchParams, go: (url: string) => void): void {
  const form = buildForm(
    [
      { name: 'email', label: t('field.email'), type: 'email', required: true, autocomplete: 'username' },
      { name: 'password', label: t('field.password'), type: 'password', required: true, autocomplete: 'current-password' },
    ],
    t('signIn.submit'),
    async (values) => {
      await api<UserView>('POST', '/api/auth/sign-in', values);
      await refreshSession();
      go(safeNext(query.get('next')));
    },
  );
  const reset = query.get('reset') === 'done' ? h('p', { class: 'notice', role: 'status' }, t('reset.done')) : null;
  showPage(t('signIn.title'), h('p', { class: 'lead' }, t('signIn.intro')), reset,
    section(t('signIn.formTitle'), form, h('p', {}, h('a', { href: '/forgot-password' }, t('signIn.forgot')))));
}
