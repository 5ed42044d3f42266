import type { EditorView } from '@codemirror/view';
import { api } from '../api/client';
import type { Authorship, DocumentItem, GroupDetail } from '../api/types';
import { t } from '../i18n';
import { clear, h } from '../ui/dom';
import { buildForm, showError } from '../ui/forms';
import { onLeave, section, showPage } from '../ui/page';
import { documentCitations } from '../library/cite';
import { setAuthorship } from './binding';
import { exportMenu } from './export';
import { historyPanel } from './history';
import { liveEditor } from './liveEditor';

/** The live editor: CodeMirror bound to the OT client, who is here, the rendered preview, history and authorship. */
export async function renderDocument(id: string, go: (url: string) => void): Promise<void> {
  const summary = await api<DocumentItem>('GET', `/api/documents/${id}`);
  const group = await api<GroupDetail>('GET', `/api/groups/${summary.groupId}`);
  const writer = group.canManage || group.myRole === 'member';

  const alert = h('p', { class: 'form-error', role: 'alert' });
  alert.hidden = true;
  const say = (message: string) => { alert.textContent = message; alert.hidden = false; };
  const title = h('span', {}, summary.title);
  const editor = liveEditor(id, {
    say,
    readOnlyNote: (role) => (role === 'observer' ? t('live.observerNote') : t('live.lockedNote')),
    summary: (next) => { title.textContent = next.title; document.title = `${next.title} · ${t('app.name')}`; },
  });
  const { view, live } = editor;

  onLeave(() => {
    void editor.close();
    document.getElementById('main')?.classList.remove('wide', 'printable-document');
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
        if (on) {
          panel.append(await historyPanel(id, {
            canEdit: () => live.canEdit, say, currentText: () => view.state.doc.toString(), revision: () => live.revision, connection: editor.connection,
          }));
        }
      }));
  }

  const heading = showPage(summary.title,
    h('p', { class: 'breadcrumbs' }, h('a', { href: `/groups/${group.id}` }, group.name)),
    alert,
    h('div', { class: 'doc-bar' }, editor.status, editor.presence, tools, exportMenu(id, say)),
    editor.lockNote,
    panel,
    editor.layout,
    documentCitations(id, group.id, writer),
    group.canManage ? settings(summary, id, group.id, go, say) : null);
  heading.classList.add('wide', 'printable-document');
  heading.querySelector('h1')?.replaceChildren(title);

  try {
    await editor.start();
  } catch (error) {
    showError(error, alert);
  }
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
