import { api, ApiError } from '../api/client';
import type { GroupDetail, RecommendationDetail, Role } from '../api/types';
import { connectLive } from '../collab/live';
import { loadConvention } from '../convention/catalogue';
import { liveEditor } from '../documents/liveEditor';
import { t } from '../i18n';
import { h } from '../ui/dom';
import { showError } from '../ui/forms';
import { onLeave, section, showPage } from '../ui/page';
import { amendmentsPart, proposerPart } from './amendments';
import { commentsPart } from './comments';
import { followUpPart } from './followUp';
import { headerPart, historyPart } from './header';
import { compareInstants, debounce, watchGroup } from './live';
import type { Part, Thread } from './part';
import { pollsPart } from './polls';
import { stancesPart } from './stances';

/**
 * A recommendation thread: its facts and lifecycle, the body as a live document with its
 * preview, and the conversation around it — amendments, comments, stances, polls and, once
 * adopted, the follow-up. Kept live: each change in the group's events re-reads the thread.
 */
export async function renderThread(id: string): Promise<void> {
  let detail = await api<RecommendationDetail>('GET', `/api/recommendations/${id}`);
  // The Convention first: the facts show each article with its title and the edit form picks from it.
  const [group] = await Promise.all([api<GroupDetail>('GET', `/api/groups/${detail.recommendation.groupId}`), loadConvention().catch(() => undefined)]);
  const groupId = group.id;

  // Refusals show at the top of the window wherever the button was, until dismissed or the next action.
  const alert = h('p', { role: 'alert' });
  const alertBox = h('div', { class: 'form-error sticky-alert' }, alert,
    h('button', { type: 'button', class: 'link-button', onclick: () => { alertBox.hidden = true; } }, t('rec.dismiss')));
  alertBox.hidden = true;
  const say = (message: string) => { alert.textContent = message; alertBox.hidden = false; };
  const readOnlyNote = (role: Role) =>
    role === 'observer' ? t('rec.observerNote') : detail.recommendation.status === 'adopted' ? t('rec.frozenNote') : t('live.lockedNote');

  const connection = connectLive();
  const editor = liveEditor(detail.recommendation.bodyId, { say, readOnlyNote, connection, compact: true });
  const title = h('span', {}, detail.recommendation.title);

  const show = (next: RecommendationDetail) => {
    if (Date.parse(next.recommendation.updatedAt) < Date.parse(detail.recommendation.updatedAt)) return; // an older reading
    detail = next;
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.key;
    title.textContent = next.recommendation.title;
    document.title = `${next.recommendation.title} · ${t('app.name')}`;
    if (!editor.lockNote.hidden) editor.lockNote.textContent = readOnlyNote(editor.live.role);
    for (const part of parts) part.update(next);
    if (focused && !document.activeElement?.closest('main')) {
      document.querySelector<HTMLElement>(`main [data-key="${CSS.escape(focused)}"]`)?.focus();
    }
  };
  const send = async (method: string, path: string, body?: unknown) => {
    alertBox.hidden = true;
    show(await api<RecommendationDetail>(method, `/api/recommendations/${id}${path}`, body));
  };
  const thread: Thread = {
    id, group, editor, send,
    get detail() { return detail; },
    act: async (method, path, body) => {
      try {
        await send(method, path, body);
      } catch (error) {
        showError(error, alert);
        alertBox.hidden = false;
      }
    },
  };

  let closed = false;
  const gone = () => {
    if (closed) return;
    closed = true;
    leave();
    showPage(t('rec.goneTitle'),
      h('p', { class: 'notice', role: 'alert' }, t('rec.gone')),
      h('p', {}, h('a', { href: `/groups/${groupId}/recommendations` }, t('rec.backToBoard'))));
  };
  const reread = debounce(async () => {
    try {
      show(await api<RecommendationDetail>('GET', `/api/recommendations/${id}`));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) gone();
    }
  });
  const watch = watchGroup(connection, groupId, {
    changed: (event) => {
      if (event.recommendationId === id && event.recommendation.updatedAt !== detail.recommendation.updatedAt) reread();
    },
    // A removal older than the thread shown was overtaken by the change that showed it again.
    removed: (event) => { if (event.recommendationId === id && compareInstants(event.at, detail.recommendation.updatedAt) >= 0) gone(); },
    closed: gone,
    resync: reread,
  });
  let left = false;
  const leave = () => {
    if (left) return;
    left = true;
    reread.cancel();
    watch.stop();
    void editor.close();
    document.getElementById('main')?.classList.remove('wide');
  };
  onLeave(leave);

  const header = headerPart(thread);
  const proposer = proposerPart(thread, say);
  const parts: Part[] = [
    header, proposer, followUpPart(thread), amendmentsPart(thread), commentsPart(thread),
    pollsPart(thread), stancesPart(thread), historyPart(),
  ];
  const [, , followUp, amendments, comments, polls, stances, history] = parts;

  const main = showPage(detail.recommendation.title,
    h('p', { class: 'breadcrumbs' },
      h('a', { href: `/groups/${groupId}` }, group.name), ' › ',
      h('a', { href: `/groups/${groupId}/recommendations` }, t('rec.board'))),
    alertBox,
    header.element,
    section(t('rec.body'),
      h('div', { class: 'doc-bar' }, editor.status, editor.presence),
      editor.lockNote,
      editor.layout,
      proposer.element),
    h('div', { class: 'thread-columns' },
      h('div', { class: 'thread-main' }, followUp.element, amendments.element, comments.element),
      h('div', { class: 'thread-side' }, polls.element, stances.element, history.element)));
  main.classList.add('wide');
  main.querySelector('h1')?.replaceChildren(title);
  for (const part of parts) part.update(detail);

  try {
    await editor.start();
  } catch (error) {
    showError(error, alert);
    alertBox.hidden = false;
  }
  if (!left) await watch.start();
}
