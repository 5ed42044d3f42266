import { api, ApiError } from '../api/client';
import type { UserView } from '../api/types';
import { t } from '../i18n';
import { clear, h } from '../ui/dom';
import { buildForm } from '../ui/forms';
import { codeFieldSpec, numericCode } from './secondFactor';

/**
 * The sign-in's second step: the code from the authenticator app, or one recovery code instead.
 * `restart` goes back to the password step (the pending sign-in expired); `done` follows a completed sign-in.
 */
export function renderCodeStep(container: HTMLElement, restart: (message: string) => void, done: () => Promise<void>): void {
  const submit = (body: { code?: string; recoveryCode?: string }) => async () => {
    try {
      await api<UserView>('POST', '/api/auth/sign-in/second-factor', body);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'second-factor.sign-in-expired') {
        restart(error.title);
        return;
      }
      throw error;
    }
    await done();
  };

  const withCode = (): void => {
    const form = numericCode(buildForm([codeFieldSpec()], t('twoStep.verify'), (values) => submit({ code: String(values.code) })()));
    clear(container,
      h('p', {}, t('twoStep.signInIntro')),
      form,
      h('p', { class: 'other-way' }, h('button', { type: 'button', class: 'link-button', onclick: withRecoveryCode }, t('twoStep.useRecoveryCode'))));
    form.querySelector<HTMLInputElement>('input[name="code"]')?.focus();
  };

  const withRecoveryCode = (): void => {
    const form = buildForm([{ name: 'recoveryCode', label: t('twoStep.recoveryCode'), required: true, autocomplete: 'off', maxLength: 20, hint: t('twoStep.recoveryCodeHint') }],
      t('twoStep.verify'), (values) => submit({ recoveryCode: String(values.recoveryCode) })());
    clear(container,
      form,
      h('p', { class: 'other-way' }, h('button', { type: 'button', class: 'link-button', onclick: withCode }, t('twoStep.useCode'))));
    form.querySelector<HTMLInputElement>('input[name="recoveryCode"]')?.focus();
  };

  withCode();
}
