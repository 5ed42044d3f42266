import { api } from '../api/client';
import { t } from '../i18n';
import { refreshSession } from '../session';
import { clear, h } from '../ui/dom';
import { buildForm, type FieldSpec } from '../ui/forms';
import { formatDate } from '../ui/places';
import { section, showPage } from '../ui/page';

/** Two-step verification (TOTP): status, enrolment with a QR code, recovery codes shown once, new codes, turning it off. */

interface SecondFactorView { active: boolean; activeSince: string | null; recoveryCodesLeft: number; required: boolean }
interface EnrolmentView { secret: string; uri: string; qrCode: string }
interface RecoveryCodesView { recoveryCodes: string[] }

/** The six-digit code field: numeric keyboard on phones, and the code the phone offers (one-time-code). */
export const codeFieldSpec = (): FieldSpec => ({ name: 'code', label: t('twoStep.code'), required: true, autocomplete: 'one-time-code', maxLength: 6, hint: t('twoStep.codeHint') });

/** Gives the form's code input the numeric keyboard and the digits-only pattern. */
export function numericCode(form: HTMLFormElement): HTMLFormElement {
  const input = form.querySelector<HTMLInputElement>('input[name="code"]');
  input?.setAttribute('inputmode', 'numeric');
  input?.setAttribute('pattern', '[0-9]*');
  input?.classList.add('code-input');
  return form;
}

/** The key as a person types it by hand: groups of four. */
export const groupsOfFour = (secret: string): string => secret.replace(/(.{4})(?=.)/g, '$1 ');

/** The account page's section. */
export function secondFactorSection(): HTMLElement {
  const body = h('div', { class: 'two-step' }, h('p', { class: 'muted', role: 'status' }, t('page.loading')));
  void showStatus(body, async () => {}).catch((error: unknown) => {
    clear(body, h('p', { class: 'form-error', role: 'alert' }, error instanceof Error && error.message ? error.message : t('error.unexpected')));
  });
  return section(t('twoStep.title'), body);
}

/** The page a person sees when the server requires a second factor they have not set up yet. */
export function renderRequiredEnrolment(go: (path: string) => void): void {
  const body = h('div', { class: 'two-step' });
  showPage(t('twoStep.requiredTitle'), h('p', { class: 'lead' }, t('twoStep.requiredIntro')), section(t('twoStep.title'), body));
  startEnrolment(body, async () => {
    await refreshSession();
    go('/');
  });
}

async function showStatus(body: HTMLElement, afterEnrolment: () => Promise<void>): Promise<void> {
  const status = await api<SecondFactorView>('GET', '/api/auth/second-factor');
  if (!status.active) {
    clear(body,
      h('p', {}, t('twoStep.off')),
      h('p', { class: 'muted' }, t('twoStep.offIntro')),
      h('button', { type: 'button', class: 'primary', onclick: () => startEnrolment(body, async () => { await afterEnrolment(); await showStatus(body, afterEnrolment); }) }, t('twoStep.start')));
    return;
  }

  const regenerate = numericCode(buildForm([codeFieldSpec()], t('twoStep.newCodes'), async (values) => {
    const codes = await api<RecoveryCodesView>('POST', '/api/auth/second-factor/recovery-codes', { code: values.code });
    showRecoveryCodes(body, codes.recoveryCodes, () => void showStatus(body, afterEnrolment));
  }));
  const disable = numericCode(buildForm([
    { name: 'password', label: t('field.currentPassword'), type: 'password', required: true, autocomplete: 'current-password' },
    codeFieldSpec(),
  ], t('twoStep.turnOff'), async (values) => {
    await api('POST', '/api/auth/second-factor/disable', { password: values.password, code: values.code });
    await showStatus(body, afterEnrolment);
  }));
  clear(body,
    h('p', {}, t('twoStep.on', { date: formatDate(status.activeSince!) })),
    h('p', {}, t('twoStep.codesLeft', { count: status.recoveryCodesLeft })),
    h('details', {}, h('summary', {}, t('twoStep.newCodes')), h('p', { class: 'muted' }, t('twoStep.newCodesIntro')), regenerate),
    status.required
      ? h('p', { class: 'muted' }, t('twoStep.requiredNote'))
      : h('details', {}, h('summary', {}, t('twoStep.turnOff')), h('p', { class: 'muted' }, t('twoStep.turnOffIntro')), disable));
}

/** Step one: a new secret as a QR code and as a key to type; step two: a code from the app confirms it. */
function startEnrolment(body: HTMLElement, done: () => Promise<void>): void {
  const failed = h('p', { class: 'form-error', role: 'alert' });
  failed.hidden = true;
  clear(body, h('p', { class: 'muted', role: 'status' }, t('page.loading')));
  void api<EnrolmentView>('POST', '/api/auth/second-factor/enrolment').then((enrolment) => {
    const confirm = numericCode(buildForm([codeFieldSpec()], t('twoStep.confirm'), async (values) => {
      const codes = await api<RecoveryCodesView>('POST', '/api/auth/second-factor/enrolment/confirm', { code: values.code });
      showRecoveryCodes(body, codes.recoveryCodes, () => void done());
    }));
    clear(body,
      h('ol', { class: 'steps' },
        h('li', {}, t('twoStep.scan'),
          h('img', { src: enrolment.qrCode, alt: t('twoStep.qrAlt'), class: 'qr', width: 200, height: 200 })),
        h('li', {}, t('twoStep.manual'),
          h('code', { class: 'secret', id: 'two-step-key', 'aria-label': t('twoStep.keyLabel', { key: enrolment.secret.split('').join(' ') }) }, groupsOfFour(enrolment.secret))),
        h('li', {}, t('twoStep.enterCode'), confirm)));
    confirm.querySelector<HTMLInputElement>('input[name="code"]')?.focus();
  }, (error: unknown) => {
    failed.textContent = error instanceof Error && error.message ? error.message : t('error.unexpected');
    failed.hidden = false;
    clear(body, failed);
  });
}

/** The recovery codes, once: to copy or download now; they are never shown again. */
function showRecoveryCodes(body: HTMLElement, codes: string[], onDone: () => void): void {
  const text = `${t('twoStep.codesFileTitle')}\n\n${codes.join('\n')}\n`;
  const copied = h('span', { role: 'status', class: 'muted' });
  const download = h('a', { class: 'button', download: 'workspace-recovery-codes.txt', href: URL.createObjectURL(new Blob([text], { type: 'text/plain' })) }, t('twoStep.download'));
  const heading = h('h3', { tabindex: '-1' }, t('twoStep.codesTitle'));
  clear(body,
    heading,
    h('p', { class: 'notice' }, t('twoStep.codesIntro')),
    h('ol', { class: 'recovery-codes', id: 'recovery-codes' }, ...codes.map((code) => h('li', {}, h('code', {}, code)))),
    h('div', { class: 'form-actions' },
      h('button', { type: 'button', onclick: async () => {
        try {
          await navigator.clipboard.writeText(text);
          copied.textContent = t('twoStep.copied');
        } catch {
          copied.textContent = t('twoStep.copyFailed');
        }
      } }, t('twoStep.copy')),
      download,
      h('button', { type: 'button', class: 'primary', onclick: () => { URL.revokeObjectURL(download.href); onDone(); } }, t('twoStep.saved')),
      copied));
  heading.focus();
}
