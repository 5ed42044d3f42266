import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, placeholder, showPanel } from '@codemirror/view';
import type { HubConnection } from '@microsoft/signalr';
import { api } from '../api/client';
import type { DocumentItem, Preview, Role } from '../api/types';
import { connectLive, LiveDocument, type ConnectionStatus } from '../collab/live';
import { t } from '../i18n';
import { h } from '../ui/dom';
import { guardUnsaved, waitWhile } from '../ui/page';
import { presenceList } from '../presence/list';
import { applyRemote, authorship, fromServer, remoteCursors, replaceAll, setRemoteCursors, toOperation } from './binding';
import './colours.css';
import { formatHelp } from './formatHelp';
import { showRendered } from '../ui/markdown';

export interface LiveEditorOptions {
  /** Shows a message the reader must see (a refusal, a limit, the document closing). */
  say(message: string): void;
  /** Why the reader cannot type now (observer, locked, frozen…). */
  readOnlyNote(role: Role): string;
  summary?(summary: DocumentItem): void;
  /** The page's hub connection, when the page uses it for more than this document. */
  connection?: HubConnection;
  /** A smaller editor, for pages where the document is one part among others. */
  compact?: boolean;
}

/** How long a closed editor keeps trying to deliver edits the server has not acknowledged. */
const keepUnsavedFor = 10 * 60_000;

/** One live document on a page: CodeMirror bound to the OT client, who is here, the connection status and the rendered preview. */
export interface LiveEditor {
  readonly view: EditorView;
  readonly live: LiveDocument;
  readonly connection: HubConnection;
  /** The status pill and the people here, for the page's toolbar. */
  readonly status: HTMLElement;
  readonly presence: HTMLElement;
  /** Shown when the reader cannot type, saying why. */
  readonly lockNote: HTMLElement;
  /** The editor and the preview side by side (stacked on narrow screens). */
  readonly layout: HTMLElement;
  /** Connects and opens the document; a refusal is thrown after the status says offline. */
  start(): Promise<void>;
  /**
   * Stops everything; the returned promise settles once the connection is closed — after any edits
   * still on their way have been acknowledged (at most ten minutes).
   */
  close(): Promise<void>;
}

export function liveEditor(documentId: string, options: LiveEditorOptions): LiveEditor {
  const status = h('span', { class: 'live-status', role: 'status', 'data-status': 'connecting' }, t('live.connecting'));
  const lockNote = h('p', { class: 'notice read-only-note' });
  lockNote.hidden = true;
  const people = presenceList();
  const presence = people.element;
  const help = formatHelp();
  help.hidden = true;
  const preview = h('div', { class: 'preview markdown-body' });
  // The preview is rendered by the server from what it has saved: while offline it says so, rather than
  // silently lagging behind what is typed.
  const previewStale = h('p', { class: 'notice preview-stale' }, t('live.previewStale'));
  previewStale.hidden = true;
  const editorHost = h('div', { class: 'editor' });
  const readOnly = new Compartment();
  const connection = options.connection ?? connectLive();

  let live: LiveDocument;
  const view = new EditorView({
    parent: editorHost,
    state: EditorState.create({
      doc: '',
      extensions: [
        EditorState.lineSeparator.of('\n'),
        EditorView.cspNonce.of(document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? ''),
        readOnly.of(editing(false)),
        history(),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        markdown(),
        EditorView.lineWrapping,
        remoteCursors,
        authorship,
        EditorView.contentAttributes.of({ 'aria-label': t('live.editorLabel'), 'aria-multiline': 'true' }),
        EditorState.transactionFilter.of((tr) => {
          if (tr.docChanged && !tr.annotation(fromServer) && tr.newDoc.length > live.maxLength && tr.newDoc.length > tr.startState.doc.length) {
            options.say(t('live.tooLarge', { limit: live.maxLength }));
            return [];
          }
          return tr;
        }),
        EditorView.updateListener.of((update) => {
          for (const tr of update.transactions) {
            if (tr.docChanged && !tr.annotation(fromServer)) live.edit(toOperation(tr.changes, tr.startState.doc.length));
          }
          if (update.docChanged) schedulePreview();
          if (update.selectionSet || update.docChanged) scheduleCursor();
        }),
      ],
    }),
  });

  const setEditable = (canEdit: boolean) => {
    view.dispatch({ effects: readOnly.reconfigure(canEdit ? editing(true) : [editing(false), readOnlyPanel]) });
    editorHost.classList.toggle('read-only', !canEdit);
    help.hidden = !canEdit;
    // On a phone, someone who cannot edit reads the rendered text only (styles.css), not the Markdown source as well.
    layout.classList.toggle('read-only', !canEdit);
  };

  live = new LiveDocument(connection, documentId, {
    remote: (operation) => applyRemote(view, operation),
    reset: (text) => { replaceAll(view, text); schedulePreview(0); },
    presence: (participants) => {
      view.dispatch({ effects: setRemoteCursors.of(participants.filter((p) => p.sessionId !== live.sessionId)) });
      people.show(participants, live.sessionId);
    },
    access: (role, canEdit) => {
      setEditable(canEdit);
      lockNote.hidden = canEdit;
      lockNote.textContent = options.readOnlyNote(role);
    },
    summary: (next) => options.summary?.(next),
    status: (next) => {
      showStatus(status, next);
      // Stale from the moment the connection is lost until what was typed meanwhile is saved.
      if (next === 'offline') {
        previewStale.hidden = false;
      } else if (next === 'saved' && !previewStale.hidden) {
        previewStale.hidden = true;
        schedulePreview(0);
      }
    },
    closed: (reason) => { setEditable(false); options.say(t(`live.closed.${reason}`)); },
    error: (error) => options.say(error.title || t('error.unexpected')),
  });

  const stopGuarding = guardUnsaved(() => live.unsaved);

  let previewTimer = 0;
  const schedulePreview = (delay = 400) => {
    clearTimeout(previewTimer);
    previewTimer = window.setTimeout(async () => {
      try {
        const rendered = await api<Preview>('GET', `/api/documents/${documentId}/preview`);
        showRendered(preview, rendered.html);
      } catch { /* the next change tries again */ }
    }, delay);
  };
  let cursorTimer = 0;
  const scheduleCursor = () => {
    if (cursorTimer) return;
    cursorTimer = window.setTimeout(() => {
      cursorTimer = 0;
      const { anchor, head } = view.state.selection.main;
      live.moveCursor(anchor, head);
    }, 120);
  };

  const layout = h('div', { class: options.compact ? 'doc-layout compact' : 'doc-layout' },
    h('section', { class: 'doc-pane', 'aria-label': t('live.editor') }, help, editorHost),
    h('section', { class: 'doc-pane', 'aria-label': t('live.preview') }, h('h2', { class: 'pane-title' }, t('live.preview')), previewStale, preview));

  return {
    view, live, connection, status, presence, lockNote, layout,
    async start() {
      try {
        await live.start(); // the first text arrives as a reset, which loads the preview at once
      } catch (error) {
        showStatus(status, 'offline');
        schedulePreview();
        throw error;
      }
    },
    async close() {
      // Edits not yet acknowledged (typed while the connection was down, say) are not dropped with
      // the view: the document stays open out of sight, reconnecting and resubmitting, until they
      // are (or for at most ten minutes), and leaving the page asks first meanwhile.
      await waitWhile(() => live.unsaved, keepUnsavedFor);
      stopGuarding();
      clearTimeout(previewTimer);
      clearTimeout(cursorTimer);
      view.destroy();
      return live.close();
    },
  };
}

function showStatus(element: HTMLElement, status: ConnectionStatus): void {
  element.dataset.status = status;
  element.textContent = t(`live.status.${status}`);
}

/**
 * What typing may do. Read-only is not only refused keys: there is no caret and no editable look
 * (editable false), the text stays focusable for reading and scrolling, and a new text invites writing.
 */
function editing(canEdit: boolean): Extension {
  return canEdit
    ? placeholder(t('live.placeholder'))
    : [EditorState.readOnly.of(true), EditorView.editable.of(false), EditorView.contentAttributes.of({ tabindex: '0' })];
}

/**
 * "Read only" at the top of the editor, staying in view while a long text scrolls (CodeMirror's top
 * panels are sticky); why is said by the lock note the page shows above, which screen readers read.
 */
const readOnlyPanel = showPanel.of(() => ({
  top: true,
  dom: h('div', { class: 'read-only-panel', 'aria-hidden': 'true' }, t('live.readOnly')),
}));
