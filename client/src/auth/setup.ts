import { api } from '../api/client';
import type { UserView } from '../api/types';
import { t } from '../i18n';
import { refreshSession } from '../session';
import { h } from '../ui/dom';
import { buildForm } from '../ui/forms';
import { countryOptions } from '../ui/places';
import { section, showPage } from '../ui/page';
import { accountFields } from './accountFields';

export function renderSetup(query: URLSearchParams, go: (url: string) => void): void {
  const token = query.get('token') ?? '';
  const form = buildForm(
    [
      { name: 'token', label: t('setup.token'), required: true, value: token, autocomplete: 'off', hint: t('setup.tokenHint') },
      ...accountFields(countryOptions()),
    ],
    t('setup.submit'),
    async (values) => {
      await api<UserView>('POST', '/api/setup', values);
      await refreshSession();
      go('/');
    },
  );
  showPage(t('setup.title'), h('p', { class: 'lead' }, t('setup.intro')), token ? null : h('p', { class: 'notice' }, t('setup.noToken')), section(t('setup.accountTitle'), form));
}
