import { ApiError } from '../api/client';
import { language, t } from '../i18n';
import { h } from '../ui/dom';

/** The formats the server exports a document in (GET /api/documents/{id}/export?format=…). */
export const exportFormats = ['md', 'html', 'docx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/**
 * The name a download should get, from Content-Disposition: the UTF-8 `filename*` when there is one,
 * else the plain `filename`, else the fallback. Whatever the header says, no path or control character survives.
 */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  let name: string | undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition ?? '');
  if (star) {
    try { name = decodeURIComponent(star[1].trim()); } catch { name = undefined; }
  }
  if (!name) {
    const plain = /filename\s*=\s*("?)([^";]+)\1/.exec(disposition ?? '');
    name = plain?.[2].trim();
  }
  // eslint-disable-next-line no-control-regex
  const safe = (name ?? '').replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, ' ').replace(/\s+/g, ' ').replace(/^[.\s]+/, '').trim();
  return safe || fallback;
}

/** Fetches one export and hands it to the browser as a download; a refusal becomes an ApiError (its title is readable). */
export async function downloadExport(documentId: string, format: ExportFormat, fetcher: typeof fetch = fetch): Promise<string> {
  let response: Response;
  try {
    response = await fetcher(`/api/documents/${encodeURIComponent(documentId)}/export?format=${format}`, {
      credentials: 'same-origin',
      headers: { 'Accept-Language': language() },
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  if (!response.ok) {
    let problem: { code?: string; title?: string } = {};
    try { problem = JSON.parse(await response.text()) as typeof problem; } catch { /* not problem+json */ }
    throw new ApiError(response.status, problem.code ?? 'unknown', problem.title ?? '');
  }
  const name = fileNameFrom(response.headers.get('Content-Disposition'), `document.${format}`);
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = h('a', { href: url, download: name, hidden: '' });
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The click has started the download; the URL is needed no longer than this turn.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
  return name;
}

/**
 * The document page's "Export" control: a disclosure button opening a short list (Markdown, web page,
 * Word, print). Keyboard: Enter/Space open it, arrows move within it, Escape closes it and returns to the button.
 */
export function exportMenu(documentId: string, say: (message: string) => void): HTMLElement {
  const listId = `export-${documentId}`;
  const labels: Record<ExportFormat, string> = { md: t('export.md'), html: t('export.html'), docx: t('export.docx') };
  const toggle = h('button', { type: 'button', class: 'small', 'aria-expanded': 'false', 'aria-controls': listId }, t('export.button'));
  const status = h('span', { class: 'visually-hidden', role: 'status' });
  const choice = (label: string, action: () => Promise<void> | void) => {
    const button = h('button', { type: 'button', class: 'link-button' }, label);
    button.addEventListener('click', async () => {
      close(false);
      try {
        await action();
      } catch (error) {
        say(error instanceof ApiError && error.title ? error.title : t('export.failed'));
      }
    });
    return h('li', {}, button);
  };
  const list = h('ul', { id: listId, class: 'export-list', 'aria-label': t('export.label') },
    ...exportFormats.map((format) => choice(labels[format], async () => {
      status.textContent = t('export.preparing');
      const name = await downloadExport(documentId, format);
      status.textContent = t('export.done', { name });
    })),
    choice(t('export.print'), () => window.print()));
  list.hidden = true;
  const root = h('div', { class: 'export-menu' }, toggle, list, status);

  const items = () => [...list.querySelectorAll<HTMLButtonElement>('button')];
  function open(): void {
    list.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    items()[0]?.focus();
  }
  function close(returnFocus: boolean): void {
    list.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
    if (returnFocus) toggle.focus();
  }
  toggle.addEventListener('click', () => (list.hidden ? open() : close(false)));
  root.addEventListener('keydown', (event) => {
    if (list.hidden) return;
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      all[(at + step + all.length) % all.length]?.focus();
    }
  });
  root.addEventListener('focusout', (event) => {
    if (!root.contains(event.relatedTarget as Node | null)) close(false);
  });
  return root;
}
