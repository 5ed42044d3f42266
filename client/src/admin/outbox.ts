import { api } from '../api/client';
import type { OutboxEntry, OutboxView, PasswordResetLinkView } from '../api/types';
import { language, t } from '../i18n';
import { h } from '../ui/dom';
import { buildForm } from '../ui/forms';
import { section } from '../ui/page';
import { formatDateTime } from './format';
import { table } from './operations';

/** The email outbox: whether a mail server is configured, then queued, failed and recently sent messages (never their content). */
export function outboxSection(view: OutboxView, retry: (id: string) => Promise<void>): HTMLElement {
  const when = (iso: string | null): string => formatDateTime(iso, language());
  const headings = [t('outbox.to'), t('outbox.kind'), t('outbox.language'), t('outbox.created'), t('outbox.attempts'), t('outbox.lastError')];
  const cells = (m: OutboxEntry): (string | Node)[] => [m.to, kindLabel(m.kind), m.language, when(m.createdAt), String(m.attempts), m.lastError ?? '—'];
  const empty = (text: string) => h('p', { class: 'muted' }, text);
  return section(t('outbox.title'),
    h('p', { class: view.isConfigured ? 'muted' : 'notice' }, view.isConfigured ? t('outbox.configured') : t('outbox.notConfigured')),
    h('h3', {}, t('outbox.queued', { count: String(view.queued.length) })),
    view.queued.length ? table([...headings, t('outbox.nextAttempt')], view.queued.map((m) => [...cells(m), view.isConfigured ? when(m.nextAttemptAt) : '—']), [4]) : empty(t('outbox.none')),
    h('h3', {}, t('outbox.failed', { count: String(view.failed.length) })),
    view.failed.length
      ? table([...headings, ''], view.failed.map((m) => [...cells(m), h('button', { type: 'button', onclick: () => void retry(m.id) }, t('outbox.retry'))]), [4])
      : empty(t('outbox.none')),
    h('h3', {}, t('outbox.sent', { count: String(view.sent.length) })),
    view.sent.length
      ? table([t('outbox.to'), t('outbox.kind'), t('outbox.language'), t('outbox.created'), t('outbox.attempts'), t('outbox.sentAt')],
        view.sent.slice(0, 50).map((m) => [m.to, kindLabel(m.kind), m.language, when(m.createdAt), String(m.attempts), when(m.sentAt)]), [4])
      : empty(t('outbox.none')));
}

/** A one-time password-reset link for a person, to hand over (the way back in when there is no mail server). */
export function resetLinkSection(): HTMLElement {
  const result = h('div', { role: 'status', 'aria-live': 'polite' });
  const form = buildForm(
    [{ name: 'email', label: t('field.email'), type: 'email', required: true }],
    t('outbox.issueLink'),
    async (values) => {
      const link = await api<PasswordResetLinkView>('POST', '/api/admin/password-reset-links', values);
      const url = h('input', { type: 'text', readonly: true, value: link.url, 'aria-label': t('outbox.linkLabel') });
      result.replaceChildren(h('p', {}, t('outbox.linkIssued', { time: formatDateTime(link.expiresAt, language()) })), url);
      url.select();
    },
  );
  return section(t('outbox.resetTitle'), h('p', {}, t('outbox.resetIntro')), form, result);
}

function kindLabel(kind: string): string {
  const labels: Record<string, string> = {
    'confirm-email': t('outbox.kind.confirm-email'),
    'confirm-new-email': t('outbox.kind.confirm-new-email'),
    'password-reset': t('outbox.kind.password-reset'),
    invitation: t('outbox.kind.invitation'),
  };
  return labels[kind] ?? kind;
}
