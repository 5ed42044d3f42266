import { api } from '../api/client';
import type { AuditEntry, DocumentItem, GroupDetail, Invitation, Member, Role } from '../api/types';
import { documentsSection } from '../documents/list';
import { t } from '../i18n';
import { session } from '../session';
import { sessionsSection } from '../sessions/list';
import { h } from '../ui/dom';
import { buildForm, saveOnChange, showError } from '../ui/forms';
import { organisationName } from '../recommendations/format';
import { countryName, countryOptions, formatDate, languageName, languageOptions } from '../ui/places';
import { roleBadge, section, showPage } from '../ui/page';
import { tabs, type Tab } from '../ui/tabs';
import { invitationsSection } from './invitations';
import { appointSection } from './appoint';

const roles: Role[] = ['facilitator', 'member', 'observer'];

export async function renderGroup(id: string, go: (url: string) => void): Promise<void> {
  const group = await api<GroupDetail>('GET', `/api/groups/${id}`);
  const members = await api<Member[]>('GET', `/api/groups/${id}/members`);
  const documents = await api<DocumentItem[]>('GET', `/api/groups/${id}/documents`);
  const [invitations, audit] = group.canManage
    ? await Promise.all([api<Invitation[]>('GET', `/api/groups/${id}/invitations`), api<AuditEntry[]>('GET', `/api/groups/${id}/audit`)])
    : [[], []];
  const sessions = await sessionsSection(group, documents, go);
  const rerender = () => renderGroup(id, go);
  const alert = h('p', { class: 'form-error', role: 'alert' });
  alert.hidden = true;

  const act = async (work: () => Promise<unknown>) => {
    try {
      await work();
      await rerender();
    } catch (error) {
      showError(error, alert);
    }
  };

  const details = h('div', { class: 'group-details' },
    h('p', { class: 'lead' }, group.thematicArea),
    group.description ? h('p', { class: 'description' }, group.description) : null,
    h('dl', { class: 'facts' },
      h('dt', {}, t('field.countries')), h('dd', {}, group.countries.map(countryName).join(', ') || '—'),
      h('dt', {}, t('field.languages')), h('dd', {}, group.languages.map(languageName).join(', ') || '—'),
      h('dt', {}, t('group.myRole')), h('dd', {}, group.myRole ? roleBadge(group.myRole) : t('group.administrator'))));

  // An observer of a group that hides names gets no names or ids: organisations, countries and roles only.
  const memberRows = members.map((m) => h('tr', {},
    h('th', { scope: 'row' }, m.displayName ?? h('span', { class: 'muted' }, t('group.nameHidden')),
      m.userId && m.userId === session().user?.id ? h('span', { class: 'muted' }, ` ${t('group.you')}`) : null),
    h('td', {}, organisationName(m.organisation)),
    h('td', {}, countryName(m.country)),
    h('td', {}, group.canManage ? roleSelect(m, (role) => api('PUT', `/api/groups/${id}/members/${m.userId}/role`, { role }).then(rerender), alert) : roleBadge(m.role)),
    group.canManage
      ? h('td', {}, h('button', {
          type: 'button', class: 'danger small', 'aria-label': t('group.removeNamed', { name: m.displayName ?? '' }),
          onclick: () => { if (confirm(t('group.confirmRemove', { name: m.displayName ?? '' }))) void act(() => api('DELETE', `/api/groups/${id}/members/${m.userId}`)); },
        }, t('group.remove')))
      : null));

  const membersTable = h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', { class: 'visually-hidden' }, t('group.membersTitle')),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, t('field.displayName')), h('th', { scope: 'col' }, t('field.organisation')),
      h('th', { scope: 'col' }, t('field.country')), h('th', { scope: 'col' }, t('field.role')),
      group.canManage ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('group.actions'))) : null)),
    h('tbody', {}, ...memberRows)));

  const leave = group.myRole
    ? h('button', {
        type: 'button', class: 'secondary',
        onclick: async () => {
          if (!confirm(t('group.confirmLeave', { name: group.name }))) return;
          try {
            await api('POST', `/api/groups/${id}/leave`);
            go('/');
          } catch (error) {
            showError(error, alert);
          }
        },
      }, t('group.leave'))
    : null;

  const edit = group.canManage
    ? section(t('group.editTitle'), buildForm(
        [
          { name: 'name', label: t('field.groupName'), required: true, maxLength: 120, value: group.name },
          { name: 'thematicArea', label: t('field.thematicArea'), required: true, maxLength: 120, value: group.thematicArea },
          { name: 'description', label: t('field.description'), type: 'textarea', maxLength: 4000, value: group.description },
          { name: 'countries', label: t('field.countries'), type: 'select', multiple: true, options: countryOptions(), values: group.countries },
          { name: 'languages', label: t('field.languages'), type: 'select', multiple: true, options: languageOptions(), values: group.languages },
        ],
        t('group.save'),
        async (values) => {
          await api('PUT', `/api/groups/${id}`, values);
          await rerender();
        },
      ))
    : null;

  const appoint = session().user?.isAdmin ? appointSection(id, rerender) : null;

  const settings = [edit, appoint].filter((part): part is HTMLElement => part !== null);
  const parts: Tab[] = [
    { key: 'documents', label: t('group.tab.documents'), content: [documentsSection(id, documents, group.canManage, go)] },
    { key: 'recommendations', label: t('group.tab.recommendations'), content: [section(t('rec.board'),
      h('p', { class: 'muted' }, t('rec.groupIntro')),
      h('ul', { class: 'plain links' },
        h('li', {}, h('a', { href: `/groups/${id}/recommendations` }, t('rec.openBoard'))),
        h('li', {}, h('a', { href: `/groups/${id}/recommendations/follow-up` }, t('grid.title')))))] },
    { key: 'sessions', label: t('group.tab.sessions'), content: [sessions] },
    { key: 'members', label: t('group.tab.members'), content: [
      section(t('group.membersTitle', { count: members.length }), membersTable, leave ? h('div', { class: 'form-actions' }, leave) : null)] },
  ];
  if (group.canManage) parts.push({ key: 'invitations', label: t('group.tab.invitations'), content: [invitationsSection(id, invitations, rerender, act)] });
  if (settings.length > 0) parts.push({ key: 'settings', label: t('group.tab.settings'), content: settings });
  if (group.canManage) parts.push({ key: 'audit', label: t('group.tab.audit'), content: [section(t('group.auditTitle'), auditList(audit))] });

  showPage(
    group.name,
    alert,
    details,
    tabs({ label: t('group.tab.label'), tabs: parts, selected: groupTab(parts), onSelect: (key) => keepTab(key) }),
  );
}

/** The tab most people come for. */
const defaultTab = 'documents';

/** The tab the address asks for (?tab=members), when this reader has it; else the default. */
function groupTab(parts: Tab[]): string {
  const asked = new URLSearchParams(location.search).get('tab');
  return parts.some((part) => part.key === asked) ? asked! : defaultTab;
}

/** Keeps the chosen tab in the address, so a reload or coming back to the page shows it again (without a history entry per tab). */
function keepTab(key: string): void {
  const query = new URLSearchParams(location.search);
  if (key === defaultTab) query.delete('tab');
  else query.set('tab', key);
  const search = query.toString();
  history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
}

function roleSelect(member: Member, change: (role: Role) => Promise<unknown>, alert: HTMLElement): HTMLSelectElement {
  const select = h('select', { 'aria-label': t('group.roleOf', { name: member.displayName ?? '' }) },
    ...roles.map((r) => h('option', { value: r, selected: r === member.role }, t(`role.${r}`))));
  return saveOnChange(select, () => change(select.value as Role), alert); // a refusal puts the select back
}

function auditList(entries: AuditEntry[]): HTMLElement {
  if (entries.length === 0) return h('p', { class: 'muted' }, t('group.auditEmpty'));
  return h('ol', { class: 'audit' }, ...entries.map((e) => h('li', {},
    h('time', { datetime: e.at }, formatDate(e.at)), ' ',
    t(`audit.${e.action}`, { actor: e.actorName, subject: e.subjectName ?? '', detail: e.detail ? detailText(e.detail) : '' }))));
}

const statuses = ['draft', 'under-discussion', 'proposed-for-adoption', 'adopted', 'withdrawn'];

/** Role and recommendation-status details arrive as the server's enum names ("UnderDiscussion"): shown in the reader's language. */
function detailText(detail: string): string {
  const role = detail.toLowerCase();
  if (roles.includes(role as Role)) return t(`role.${role}`);
  const status = detail.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
  return statuses.includes(status) ? t(`rec.status.${status}`) : detail;
}
