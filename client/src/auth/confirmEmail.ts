import { api, ApiError } from '../api/client';
import type { UserView } from '../api/types';
import { t } from '../i18n';
import { refreshSession, session } from '../session';
import { h } from '../ui/dom';
import { showPage } from '../ui/page';

/** Someone followed the confirmation link from an email: the address is confirmed (no sign-in needed — the link is the proof). */
export async function renderConfirmEmail(token: string): Promise<void> {
  try {
    const user = await api<UserView>('POST', '/api/auth/confirm-email', { token });
    if (session().authenticated) await refreshSession();
    showPage(
      t('confirm.title'),
      h('p', { class: 'notice success', role: 'status' }, t('confirm.done', { email: user.email })),
      h('p', {}, h('a', { href: session().authenticated ? '/' : '/sign-in' }, session().authenticated ? t('notFound.home') : t('confirm.signIn'))),
    );
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    showPage(
      t('confirm.failedTitle'),
      h('p', { class: 'notice', role: 'alert' }, error.status === 0 ? t('error.network') : error.title || t('error.unexpected')),
      h('p', {}, h('a', { href: '/account' }, t('confirm.askAgain'))),
    );
  }
}
