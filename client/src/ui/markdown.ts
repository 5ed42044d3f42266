import { t } from '../i18n';

/**
 * Shows Markdown the server rendered and sanitised. A part the server could not format (nested too
 * deeply, too complex) comes after a notice the server writes in English: it is said in the reader's language.
 */
export function showRendered(target: HTMLElement, html: string): void {
  target.innerHTML = html; // rendered and sanitised on the server
  for (const notice of target.querySelectorAll('.markdown-notice')) notice.textContent = t('markdown.notice');
}
