import type { HubConnection } from '@microsoft/signalr';
import { api } from '../api/client';
import type { DocumentChanges, RevisionItem, RevisionView } from '../api/types';
import { counted, locale, t } from '../i18n';
import { clear, h, uniqueId } from '../ui/dom';
import { section } from '../ui/page';
import { diffText } from './diff';

/** One editing session as GET /api/documents/{id}/history returns it. */
export interface HistoryGroup {
  firstRevision: number;
  lastRevision: number;
  start: string;
  end: string;
  authors: { id: string; name: string | null }[];
  added: number;
  removed: number;
  restoredFrom: number | null;
}

export interface HistoryPage { groups: HistoryGroup[]; before: number | null }

export interface HistoryContext {
  canEdit(): boolean;
  say(message: string): void;
  /** The text in the editor now, to compare a revision with. */
  currentText(): string;
  /** The revision the editor is at (the list is reloaded when it moves). */
  revision(): number;
  /** The page's hub connection: the list follows the document's live changes. */
  connection: HubConnection;
}

const pageSize = 20;
/** Others' typing reloads the list at most this often. */
const refreshDelay = 1_500;
/** Revisions of a session loaded at a time when it is opened. */
const revisionPage = 50;
/** Unchanged stretches longer than this many lines show only their ends. */
const contextLines = 2;

/** When a session took place, in the reader's locale and time zone ("Dec 7, 2026, 9:01 – 9:14 AM"). */
export function sessionTime(start: string, end: string): string {
  const format = new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' });
  const [from, to] = [new Date(start), new Date(end)];
  return format.formatRange(from, to);
}

/** When one revision was made: to the second, as revisions of a session are often moments apart. */
export function revisionTime(at: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(at));
}

/** Names as the server lets this reader see them ("Former member" for people without one), as a list in the reader's language. */
export function authorNames(group: HistoryGroup): string {
  return new Intl.ListFormat(locale(), { type: 'conjunction' }).format(group.authors.map((a) => a.name ?? t('live.formerMember')));
}

/**
 * The history panel: revisions grouped into editing sessions (newest first, paged), each one comparable
 * with the current text and restorable after a confirmation; reloaded after a restore and when the text
 * changes while the panel is open.
 */
export async function historyPanel(id: string, context: HistoryContext): Promise<HTMLElement> {
  const list = h('ol', { class: 'history-list' });
  const more = h('button', { type: 'button', class: 'secondary small' }, t('history.older'));
  const status = h('p', { class: 'visually-hidden', role: 'status' });
  const shown = h('div', { class: 'revision-view' });
  let loaded = 0;
  let loadedAt = context.revision();
  let before: number | null = null;

  const load = async (reset: boolean) => {
    const count = reset ? Math.min(100, Math.max(pageSize, loaded)) : pageSize;
    const query = reset || before === null ? `count=${count}` : `count=${count}&before=${before}`;
    loadedAt = context.revision();
    const page = await api<HistoryPage>('GET', `/api/documents/${id}/history?${query}`);
    if (reset) { list.replaceChildren(); loaded = 0; }
    list.append(...page.groups.map(entry));
    loaded += page.groups.length;
    before = page.before;
    more.hidden = before === null;
    if (loaded === 0) list.append(h('li', { class: 'muted' }, t('live.noHistory')));
  };

  const entry = (group: HistoryGroup): HTMLElement => {
    const headingId = uniqueId('history');
    const revisions = group.firstRevision === group.lastRevision
      ? t('live.oneRevision', { revision: group.lastRevision })
      : t('live.revisions', { from: group.firstRevision, to: group.lastRevision });
    return h('li', { class: 'history-entry', 'aria-labelledby': headingId, 'data-revision': group.lastRevision },
      h('p', { class: 'history-when', id: headingId },
        h('time', { datetime: group.end }, sessionTime(group.start, group.end))),
      h('p', { class: 'history-who' },
        group.restoredFrom !== null ? h('strong', {}, `${t('history.restoredFrom', { revision: group.restoredFrom })} · `) : null,
        authorNames(group)),
      h('p', { class: 'history-counts muted' },
        h('span', { class: 'count-added' }, counted('history.added', group.added)), ' · ',
        h('span', { class: 'count-removed' }, counted('history.removed', group.removed)), ` ${revisions}`),
      h('div', { class: 'history-actions' },
        h('button', { type: 'button', class: 'small', onclick: () => void compare(group.lastRevision) }, t('history.compare')),
        // The newest session's last revision is the current text: restoring it would change nothing.
        context.canEdit() && group.lastRevision !== loadedAt
          ? h('button', { type: 'button', class: 'small secondary', onclick: (event) => confirmRestore(group.lastRevision, group.end, event.currentTarget as HTMLElement) }, t('live.restore'))
          : null),
      group.firstRevision !== group.lastRevision ? revisionsOf(group) : null);
  };

  /** A session opened into its revisions (newest first, a page at a time), each comparable and restorable like the session. */
  const revisionsOf = (group: HistoryGroup): HTMLElement => {
    const listId = uniqueId('revisions');
    const count = group.lastRevision - group.firstRevision + 1;
    const revisions = h('ol', { class: 'revision-list', id: listId });
    revisions.hidden = true;
    const older = h('button', { type: 'button', class: 'secondary small' }, t('history.olderRevisions'));
    older.hidden = true;
    let next = group.lastRevision + 1;
    const more = async () => {
      const page = await api<RevisionItem[]>('GET', `/api/documents/${id}/revisions?before=${next}&count=${Math.min(revisionPage, next - group.firstRevision)}`);
      const inSession = page.filter((r) => r.revision >= group.firstRevision && r.revision < next);
      revisions.append(...inSession.map(revisionEntry));
      next = inSession.length > 0 ? inSession[inSession.length - 1].revision : group.firstRevision;
      older.hidden = next <= group.firstRevision;
    };
    older.addEventListener('click', () => void more().catch(failed));
    const toggle = h('button', {
      type: 'button', class: 'link-button small', 'aria-expanded': 'false', 'aria-controls': listId,
      onclick: async () => {
        const open = toggle.getAttribute('aria-expanded') !== 'true';
        if (open && revisions.childElementCount === 0) {
          try { await more(); } catch (error) { failed(error); return; }
        }
        toggle.setAttribute('aria-expanded', String(open));
        revisions.hidden = !open;
        older.hidden = !open || next <= group.firstRevision;
      },
    }, counted('history.showRevisions', count));
    return h('div', { class: 'history-revisions' }, toggle, revisions, older);
  };

  const revisionEntry = (revision: RevisionItem): HTMLElement =>
    h('li', { class: 'revision-entry', 'data-revision': revision.revision },
      h('span', { class: 'revision-what' },
        h('time', { datetime: revision.at }, revisionTime(revision.at)), ' · ',
        revision.authorName ?? t('live.formerMember'), ' ',
        h('span', { class: 'muted' }, t('live.oneRevision', { revision: revision.revision }))),
      h('span', { class: 'history-actions' },
        h('button', { type: 'button', class: 'small', 'aria-label': t('history.compareRevision', { revision: revision.revision }), onclick: () => void compare(revision.revision) }, t('history.compareShort')),
        context.canEdit() && revision.revision !== loadedAt
          ? h('button', {
              type: 'button', class: 'small secondary', 'aria-label': t('history.restoreRevision', { revision: revision.revision }),
              onclick: (event) => confirmRestore(revision.revision, revision.at, event.currentTarget as HTMLElement),
            }, t('history.restoreShort'))
          : null));

  const failed = (error: unknown) => context.say(error instanceof Error ? error.message : t('error.unexpected'));

  const compare = async (number: number) => {
    try {
      const revision = await api<RevisionView>('GET', `/api/documents/${id}/revisions/${number}`);
      clear(shown, differences(revision.revision, revision.text, context.currentText()));
      shown.querySelector('h3')?.focus();
    } catch (error) {
      context.say(error instanceof Error ? error.message : t('error.unexpected'));
    }
  };

  const restore = async (revision: number) => {
    try {
      await api('POST', `/api/documents/${id}/revisions/${revision}/restore`);
      clear(shown, h('p', { class: 'notice success', role: 'status' }, t('live.restored', { revision })));
      await load(true);
    } catch (error) {
      context.say(error instanceof Error ? error.message : t('error.unexpected'));
    }
  };

  const confirmRestore = (revision: number, at: string, opener: HTMLElement) => {
    const titleId = uniqueId('dialog');
    const textId = uniqueId('dialog-text');
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId, 'aria-describedby': textId });
    const cancel = h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, t('dialog.cancel'));
    dialog.append(
      h('h2', { id: titleId }, t('history.confirmTitle')),
      h('p', { id: textId }, t('history.confirmText', { revision, time: sessionTime(at, at) })),
      h('div', { class: 'form-actions' },
        h('button', { type: 'button', onclick: () => { dialog.close(); void restore(revision); } }, t('history.confirmRestore')),
        cancel));
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (opener.isConnected) opener.focus();
    });
    document.body.append(dialog);
    dialog.showModal();
    // The safe choice first: Enter on an unintended press keeps the text.
    cancel.focus();
  };

  more.addEventListener('click', () => void load(false).catch((error: unknown) => context.say(error instanceof Error ? error.message : t('error.unexpected'))));

  const panel = section(t('live.history'),
    h('p', { class: 'muted' }, t('history.explain')),
    list, more, status, shown);

  // Follow the document's changes while the panel is shown: one reload per quiet moment.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attached = false;
  const changed = (changes: DocumentChanges) => {
    // Changes may arrive while the page is still putting the panel in place: only a panel that was shown and is
    // gone stops listening (stopping before it was shown lost every later refresh — seen once in CI).
    if (panel.isConnected) {
      attached = true;
    } else if (attached) {
      context.connection.off('Changes', changed);
      clearTimeout(timer);
      return;
    }
    if (changes.documentId !== id || changes.operations.length === 0) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!panel.isConnected || context.revision() === loadedAt) return;
      void load(true).then(() => { status.textContent = t('history.updated'); }).catch(() => { /* the next change tries again */ });
    }, refreshDelay);
  };
  context.connection.on('Changes', changed);

  await load(true);
  return panel;
}

/** The changes from a revision to the current text: removed text struck through, added text underlined, each also said in words. */
function differences(revision: number, before: string, after: string): HTMLElement {
  const headingId = uniqueId('diff');
  const parts = diffText(before, after);
  const body = h('div', { class: 'history-diff' });
  const changed = parts.some((p) => p.kind !== 'same');
  parts.forEach((part, index) => {
    if (part.kind === 'same') {
      body.append(unchanged(part.text, index === 0, index === parts.length - 1));
    } else {
      const tag = part.kind === 'removed' ? 'del' : 'ins';
      body.append(h(tag, {},
        h('span', { class: 'visually-hidden' }, `[${t(part.kind === 'removed' ? 'history.removedMark' : 'history.addedMark')}: `),
        part.text,
        h('span', { class: 'visually-hidden' }, ']')));
    }
  });
  return h('section', { class: 'history-compare', 'aria-labelledby': headingId },
    h('h3', { id: headingId, tabindex: -1 }, t('history.compareTitle', { revision })),
    h('p', { class: 'muted' }, changed ? t('history.legend') : t('history.noDifference')),
    changed ? body : null);
}

/** An unchanged stretch: whole when short, else its ends around a note of how many lines were left out. */
function unchanged(text: string, first: boolean, last: boolean): Node {
  const lines = text.split(/(?<=\n)/);
  const keepStart = first ? 0 : contextLines;
  const keepEnd = last ? 0 : contextLines;
  if (lines.length <= keepStart + keepEnd + 1) return document.createTextNode(text);
  const skipped = lines.length - keepStart - keepEnd;
  return h('span', {},
    lines.slice(0, keepStart).join(''),
    h('span', { class: 'diff-skipped muted' }, `${counted('history.unchangedLines', skipped)}\n`),
    lines.slice(lines.length - keepEnd).join(''));
}
