import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { api } from '../api/client';
import type { Authorship, DocumentItem, GroupDetail, Participant, Preview, RevisionItem, RevisionView } from '../api/types';
import { connectDocuments, LiveDocument, type ConnectionStatus } from '../collab/live';
import { t } from '../i18n';
import { clear, h } from '../ui/dom';
import { buildForm, showError } from '../ui/forms';
import { onLeave, roleBadge, section, showPage } from '../ui/page';
import { formatDate } from '../ui/places';
import { applyRemote, authorship, fromServer, remoteCursors, replaceAll, setAuthorship, setRemoteCursors, toOperation } from './binding';
import './colours.css';

/** The live editor: CodeMirror bound to the OT client, who is here, the rendered preview, history and authorship. */
export async function renderDocument(id: string, go: (url: string) => void): Promise<void> {
  const summary = await api<DocumentItem>('GET', `/api/documents/${id}`);
  const group = await api<GroupDetail>('GET', `/api/groups/${summary.groupId}`);
  const writer = group.canManage || group.myRole === 'member';

  const alert = h('p', { class: 'form-error', role: 'alert' });
  alert.hidden = true;
  const say = (message: string) => { alert.textContent = message; alert.hidden = false; };
  const status = h('span', { class: 'live-status', role: 'status', 'data-status': 'connecting' }, t('live.connecting'));
  const lockNote = h('p', { class: 'notice' });
  lockNote.hidden = true;
  const presence = h('ul', { class: 'presence' });
  const preview = h('div', { class: 'preview markdown-body' });
  const editorHost = h('div', { class: 'editor' });
  const readOnly = new Compartment();

  let live: LiveDocument;
  const view = new EditorView({
    parent: editorHost,
    state: EditorState.create({
      doc: '',
      extensions: [
        EditorState.lineSeparator.of('\n'),
        EditorView.cspNonce.of(document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? ''),
        readOnly.of(EditorState.readOnly.of(true)),
        history(),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        markdown(),
        EditorView.lineWrapping,
        remoteCursors,
        authorship,
        EditorView.contentAttributes.of({ 'aria-label': t('live.editorLabel'), 'aria-multiline': 'true' }),
        EditorState.transactionFilter.of((tr) => {
          if (tr.docChanged && !tr.annotation(fromServer) && tr.newDoc.length > live.maxLength && tr.newDoc.length > tr.startState.doc.length) {
            say(t('live.tooLarge', { limit: live.maxLength }));
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
    view.dispatch({ effects: readOnly.reconfigure(EditorState.readOnly.of(!canEdit)) });
    editorHost.classList.toggle('read-only', !canEdit);
  };

  const title = h('span', {}, summary.title);
  live = new LiveDocument(connectDocuments(), id, {
    remote: (operation) => applyRemote(view, operation),
    reset: (text) => replaceAll(view, text),
    presence: (participants) => {
      view.dispatch({ effects: setRemoteCursors.of(participants.filter((p) => p.sessionId !== live.sessionId)) });
      renderPresence(presence, participants, live.sessionId);
    },
    access: (role, canEdit) => {
      setEditable(canEdit);
      lockNote.hidden = canEdit;
      lockNote.textContent = role === 'observer' ? t('live.observerNote') : t('live.lockedNote');
    },
    summary: (next) => { title.textContent = next.title; document.title = `${next.title} · ${t('app.name')}`; },
    status: (next) => showStatus(status, next),
    closed: (reason) => { setEditable(false); say(t(`live.closed.${reason}`)); },
    error: (error) => say(error.title || t('error.unexpected')),
  });

  let previewTimer = 0;
  const schedulePreview = () => {
    clearTimeout(previewTimer);
    previewTimer = window.setTimeout(async () => {
      try {
        const rendered = await api<Preview>('GET', `/api/documents/${id}/preview`);
        preview.innerHTML = rendered.html; // rendered and sanitised on the server
      } catch { /* the next change tries again */ }
    }, 400);
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

  onLeave(() => {
    clearTimeout(previewTimer);
    clearTimeout(cursorTimer);
    void live.close();
    view.destroy();
    document.getElementById('main')?.classList.remove('wide');
  });

  const tools = h('div', { class: 'doc-tools' });
  const panel = h('div', { class: 'doc-panel' });
  if (writer) {
    tools.append(
      toggleButton(t('live.showAuthors'), async (on) => {
        if (!on) {
          view.dispatch({ effects: setAuthorship.of(null) });
          clear(panel);
          return;
        }
        const data = await api<Authorship>('GET', `/api/documents/${id}/authorship`);
        showAuthorship(view, panel, data);
      }),
      toggleButton(t('live.history'), async (on) => {
        clear(panel);
        if (on) panel.append(await historyPanel(id, () => live.canEdit, say));
      }));
  }

  const heading = showPage(summary.title,
    h('p', { class: 'breadcrumbs' }, h('a', { href: `/groups/${group.id}` }, group.name)),
    alert,
    h('div', { class: 'doc-bar' }, status, presence, tools),
    lockNote,
    panel,
    h('div', { class: 'doc-layout' },
      h('section', { class: 'doc-pane', 'aria-label': t('live.editor') }, editorHost),
      h('section', { class: 'doc-pane', 'aria-label': t('live.preview') }, h('h2', { class: 'pane-title' }, t('live.preview')), preview)),
    group.canManage ? settings(summary, id, group.id, go, say) : null);
  heading.classList.add('wide');
  heading.querySelector('h1')?.replaceChildren(title);

  try {
    await live.start();
  } catch (error) {
    showStatus(status, 'offline');
    showError(error, alert);
  }
  schedulePreview();
}

function showStatus(element: HTMLElement, status: ConnectionStatus): void {
  element.dataset.status = status;
  element.textContent = t(`live.status.${status}`);
}

function renderPresence(list: HTMLElement, participants: Participant[], me: string): void {
  const people = [...participants].sort((a, b) => (a.sessionId === me ? -1 : b.sessionId === me ? 1 : a.displayName.localeCompare(b.displayName)));
  list.setAttribute('aria-label', t('live.present', { count: people.length }));
  clear(list, ...people.map((p) => {
    const dot = h('span', { class: 'presence-dot', 'aria-hidden': 'true' });
    dot.style.backgroundColor = p.colour;
    return h('li', { class: 'presence-person' }, dot,
      h('span', {}, p.displayName, p.sessionId === me ? ` ${t('group.you')}` : ''),
      h('span', { class: 'muted' }, ` · ${p.organisation}`),
      p.role === 'observer' ? roleBadge('observer') : null);
  }));
}

function toggleButton(label: string, change: (on: boolean) => Promise<void>): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'small', 'aria-pressed': 'false' }, label);
  button.addEventListener('click', async () => {
    const on = button.getAttribute('aria-pressed') !== 'true';
    for (const other of button.parentElement?.querySelectorAll('button[aria-pressed="true"]') ?? []) {
      if (other !== button) other.setAttribute('aria-pressed', 'false');
    }
    button.setAttribute('aria-pressed', String(on));
    await change(on);
  });
  return button;
}

function showAuthorship(view: EditorView, panel: HTMLElement, data: Authorship): void {
  const authors = new Map(data.authors.map((a) => [a.id, a]));
  const total = data.runs.reduce((sum, run) => sum + run.length, 0);
  const runs: { from: number; to: number; colour: string; name: string }[] = [];
  if (total === view.state.doc.length) {
    let position = 0;
    for (const run of data.runs) {
      const author = authors.get(run.authorId);
      runs.push({ from: position, to: position + run.length, colour: author?.colour ?? '#5f5f5f', name: author?.name ?? t('live.formerMember') });
      position += run.length;
    }
  }
  view.dispatch({ effects: setAuthorship.of(runs) });
  clear(panel, h('ul', { class: 'legend', 'aria-label': t('live.authors') }, ...data.authors.map((a) => {
    const swatch = h('span', { class: `swatch tint-${a.colour.slice(1)}`, 'aria-hidden': 'true' });
    return h('li', {}, swatch, a.name ?? t('live.formerMember'));
  })));
}

/** Revisions grouped into editing sessions (one author, close in time), each viewable and restorable. */
async function historyPanel(id: string, canEdit: () => boolean, say: (m: string) => void): Promise<HTMLElement> {
  const revisions = await api<RevisionItem[]>('GET', `/api/documents/${id}/revisions?count=500`);
  const sessions: { last: RevisionItem; first: RevisionItem }[] = [];
  for (const r of revisions) {
    const current = sessions.at(-1);
    if (current && current.first.authorId === r.authorId && Date.parse(current.first.at) - Date.parse(r.at) < 5 * 60_000) current.first = r;
    else sessions.push({ last: r, first: r });
  }
  const shown = h('div', { class: 'revision-view' });
  const items = sessions.map((s) => h('li', {},
    h('button', {
      type: 'button', class: 'link-button',
      onclick: async () => {
        const revision = await api<RevisionView>('GET', `/api/documents/${id}/revisions/${s.last.revision}`);
        const rendered = h('div', { class: 'preview markdown-body' });
        rendered.innerHTML = revision.html; // rendered and sanitised on the server
        const restore = canEdit()
          ? h('button', {
              type: 'button', class: 'secondary',
              onclick: async () => {
                try {
                  await api('POST', `/api/documents/${id}/revisions/${revision.revision}/restore`);
                  clear(shown, h('p', { class: 'notice success', role: 'status' }, t('live.restored', { revision: revision.revision })));
                } catch (error) {
                  say(error instanceof Error ? error.message : t('error.unexpected'));
                }
              },
            }, t('live.restore'))
          : null;
        clear(shown, h('h3', {}, t('live.revision', { revision: revision.revision })), rendered, restore);
      },
    }, `${s.last.authorName ?? t('live.formerMember')} · ${formatDate(s.last.at)}`),
    h('span', { class: 'muted' }, ` ${t('live.revisions', { from: s.first.revision, to: s.last.revision })}`)));
  return section(t('live.history'),
    sessions.length === 0 ? h('p', { class: 'muted' }, t('live.noHistory')) : h('ol', { class: 'revisions' }, ...items),
    shown);
}

function settings(summary: DocumentItem, id: string, groupId: string, go: (url: string) => void, say: (m: string) => void): HTMLElement {
  const patch = async (body: Record<string, unknown>) => {
    try {
      await api('PATCH', `/api/documents/${id}`, body);
      go(`/documents/${id}`);
    } catch (error) {
      say(error instanceof Error ? error.message : t('error.unexpected'));
    }
  };
  return section(t('documents.settings'),
    buildForm(
      [
        { name: 'title', label: t('documents.title'), required: true, maxLength: 200, value: summary.title },
        { name: 'visibility', label: t('documents.visibility'), type: 'select', value: summary.visibility, options: [
          { value: 'members', label: t('documents.visibility.members') },
          { value: 'observers', label: t('documents.visibility.observers') },
        ] },
      ],
      t('group.save'),
      async (values) => {
        await api('PATCH', `/api/documents/${id}`, values);
        go(`/documents/${id}`);
      },
    ),
    h('div', { class: 'form-actions' },
      h('button', { type: 'button', class: 'secondary', onclick: () => patch({ locked: !summary.locked }) }, summary.locked ? t('documents.unlock') : t('documents.lock')),
      h('button', {
        type: 'button', class: 'danger',
        onclick: async () => {
          if (!confirm(t('documents.confirmDelete', { title: summary.title }))) return;
          await api('DELETE', `/api/documents/${id}`);
          go(`/groups/${groupId}`);
        },
      }, t('documents.delete'))));
}
