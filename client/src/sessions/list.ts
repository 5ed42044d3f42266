import { api, ApiError } from '../api/client';
import type { AgendaItemInput, AgendaTarget, DocumentItem, GroupDetail, RecommendationItem, SessionDetail, SessionSummary } from '../api/types';
import { t } from '../i18n';
import { h, uniqueId } from '../ui/dom';
import { buildForm } from '../ui/forms';
import { section } from '../ui/page';
import { formatDate } from '../ui/places';
import { statusBadge } from './header';

/** The group's sessions, and (for facilitators) a form to plan one. */
export async function sessionsSection(group: GroupDetail, documents: DocumentItem[], go: (url: string) => void): Promise<HTMLElement> {
  const [sessions, recommendations] = await Promise.all([
    api<SessionSummary[]>('GET', `/api/groups/${group.id}/sessions`),
    group.canManage ? api<RecommendationItem[]>('GET', `/api/groups/${group.id}/recommendations`) : Promise.resolve([]),
  ]);
  const list = sessions.length === 0
    ? h('p', { class: 'muted' }, t('sessions.empty'))
    : h('ul', { class: 'document-list' }, ...sessions.map((s) => h('li', {},
        h('a', { href: `/sessions/${s.id}`, class: 'document-link' }, s.title),
        h('span', { class: 'group-meta' }, h('time', { datetime: s.scheduledStart }, formatDate(s.scheduledStart)), statusBadge(s.status)))));
  return section(t('sessions.heading'), list,
    group.canManage ? h('details', { class: 'edit-details plan-session' },
      h('summary', {}, t('sessions.plan')),
      planForm(group.id, documents, recommendations, go)) : null);
}

/** A value for a datetime-local field: the next full hour, in the reader's own time. */
export function nextHour(now = new Date()): string {
  const next = new Date(now);
  next.setMinutes(0, 0, 0);
  next.setHours(next.getHours() + 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${next.getFullYear()}-${pad(next.getMonth() + 1)}-${pad(next.getDate())}T${pad(next.getHours())}:${pad(next.getMinutes())}`;
}

function planForm(groupId: string, documents: DocumentItem[], recommendations: RecommendationItem[], go: (url: string) => void): HTMLFormElement {
  const rows: AgendaRow[] = [];
  const list = h('ol', { class: 'agenda-rows plain' });
  const agendaError = h('p', { class: 'field-error', role: 'alert' });
  agendaError.hidden = true;
  const renumber = () => rows.forEach((row, i) => row.number(i + 1));
  const add = (focus: boolean) => {
    const row = agendaRow(documents, recommendations, () => {
      rows.splice(rows.indexOf(row), 1);
      row.element.remove();
      renumber();
      addButton.focus();
    });
    rows.push(row);
    list.append(row.element);
    renumber();
    if (focus) row.focus();
  };
  const addButton = h('button', { type: 'button', class: 'secondary small', onclick: () => add(true) }, t('sessions.addItem'));

  const form = buildForm(
    [
      { name: 'title', label: t('sessions.title'), required: true, maxLength: 200 },
      { name: 'scheduledStart', label: t('sessions.start'), type: 'datetime-local', required: true, value: nextHour() },
    ],
    t('sessions.create'),
    async (values) => {
      agendaError.hidden = true;
      const agenda: AgendaItemInput[] = [];
      for (const row of rows) {
        const item = row.value();
        if (!item) {
          agendaError.textContent = t('sessions.chooseTarget');
          agendaError.hidden = false;
          row.focus();
          return;
        }
        agenda.push(item);
      }
      const start = new Date(String(values.scheduledStart));
      try {
        const created = await api<SessionDetail>('POST', `/api/groups/${groupId}/sessions`, {
          title: values.title, scheduledStart: Number.isNaN(start.getTime()) ? null : start.toISOString(), agenda,
        });
        go(`/sessions/${created.id}`);
      } catch (error) {
        if (error instanceof ApiError && error.fieldErrors.agenda?.length) {
          agendaError.textContent = error.fieldErrors.agenda.join(' ');
          agendaError.hidden = false;
        }
        throw error;
      }
    });
  form.classList.add('plan-form');
  form.querySelector('.form-actions')!.before(h('fieldset', { class: 'field agenda-fieldset' },
    h('legend', {}, t('sessions.agenda')),
    h('p', { class: 'field-hint' }, t('sessions.agendaHint')),
    list, agendaError, h('div', {}, addButton)));
  add(false);
  return form;
}

interface AgendaRow {
  readonly element: HTMLElement;
  number(n: number): void;
  focus(): void;
  value(): AgendaItemInput | null;
}

function agendaRow(documents: DocumentItem[], recommendations: RecommendationItem[], remove: () => void): AgendaRow {
  const id = uniqueId('agenda');
  const legend = h('legend', {});
  const what = h('select', { id: `${id}-what`, required: true },
    h('option', { value: '' }, t('field.choose')),
    h('option', { value: 'none:' }, t('sessions.noMaterial')),
    documents.length ? h('optgroup', { label: t('documents.heading') },
      ...documents.map((d) => h('option', { value: `document:${d.id}` }, d.title))) : null,
    recommendations.length ? h('optgroup', { label: t('rec.board') },
      ...recommendations.filter((r) => r.status !== 'withdrawn').map((r) => h('option', { value: `recommendation:${r.id}` }, r.title))) : null);
  const title = h('input', { id: `${id}-title`, type: 'text', maxlength: 200 });
  const minutes = h('input', { id: `${id}-minutes`, type: 'number', min: 1, max: 480, required: true, inputmode: 'numeric' });
  minutes.value = '15';
  const removeButton = h('button', { type: 'button', class: 'link-button danger-link', onclick: remove }, t('sessions.removeItem'));
  const element = h('li', {}, h('fieldset', { class: 'agenda-row' }, legend,
    h('div', { class: 'field what-field' }, h('label', { for: what.id }, t('sessions.what')), what),
    h('div', { class: 'field' }, h('label', { for: title.id }, t('sessions.itemTitle')), title),
    h('div', { class: 'field minutes-field' }, h('label', { for: minutes.id }, t('sessions.itemMinutes')), minutes),
    h('div', {}, removeButton)));
  return {
    element,
    number(n) {
      legend.textContent = t('sessions.item', { number: n });
      removeButton.setAttribute('aria-label', t('sessions.removeItemNamed', { number: n }));
    },
    focus: () => what.focus(),
    value() {
      const [target, targetId] = what.value.split(':');
      if (target === 'none') {
        // Nothing to open: the item is its name and its time.
        const name = title.value.trim();
        return name ? { title: name, minutes: Number(minutes.value) } : null;
      }
      if (!target || !targetId) return null;
      return {
        title: title.value.trim() || what.selectedOptions[0]?.textContent || '',
        target: target as AgendaTarget,
        targetId,
        minutes: Number(minutes.value),
      };
    },
  };
}
