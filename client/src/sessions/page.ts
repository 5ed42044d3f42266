import { api, ApiError } from '../api/client';
import type { GroupDetail, SessionClosedReason, SessionDetail } from '../api/types';
import { connectLive } from '../collab/live';
import { loadConvention } from '../convention/catalogue';
import { t } from '../i18n';
import { personName } from '../recommendations/format';
import { h } from '../ui/dom';
import { showError } from '../ui/forms';
import { onLeave, showPage } from '../ui/page';
import { agendaPart, type Browsing } from './agenda';
import { headerPart } from './header';
import { itemPart } from './item';
import { joinSession } from './live';
import type { Meeting, Part } from './part';
import { followed, itemTitle } from './part';
import { peoplePart } from './people';
import { pollPart } from './poll';
import { queuePart } from './queue';
import { questionsPart } from './questions';
import { clockOffset } from './timer';

/**
 * A facilitated session, live: the agenda with the item everyone follows and its countdown,
 * the speaker queue, the poll, the Q&A and who is here. Every change arrives as the whole
 * session as this reader may see it, and every part is redrawn from it.
 */
export async function renderSession(id: string): Promise<void> {
  let view: SessionDetail;
  try {
    // The Convention alongside: a recommendation on the agenda shows its articles with their titles.
    [view] = await Promise.all([api<SessionDetail>('GET', `/api/sessions/${id}`), loadConvention().catch(() => undefined)]);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'session.removed') throw error;
    showPage(t('session.closedTitle'), h('p', { class: 'notice', role: 'alert' }, t('session.closed.removed')),
      h('p', {}, h('a', { href: '/' }, t('notFound.home'))));
    return;
  }
  const group = await api<GroupDetail>('GET', `/api/groups/${view.groupId}`);
  let offset = clockOffset(view.serverNow, Date.now());
  let browsed: number | null = null;

  // Refusals show at the top of the window wherever the button was, until dismissed or the next action.
  const alert = h('p', { role: 'alert' });
  const alertBox = h('div', { class: 'form-error sticky-alert' }, alert,
    h('button', { type: 'button', class: 'link-button', onclick: () => { alertBox.hidden = true; } }, t('rec.dismiss')));
  alertBox.hidden = true;
  const say = (message: string) => { alert.textContent = message; alertBox.hidden = false; };
  // What moved: the item everyone follows, who has the floor (read out by screen readers, not shown twice).
  const announcer = h('p', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const title = h('span', {}, view.title);

  const connection = connectLive();
  const live = joinSession(connection, id, {
    view: (next, receivedAt) => show(next, clockOffset(next.serverNow, receivedAt)),
    closed: (reason) => gone(reason),
    status: (status) => header.connection(status),
  });
  const meeting: Meeting = {
    id,
    get view() { return view; },
    get offset() { return offset; },
    send: (method, ...args) => {
      alertBox.hidden = true;
      return live.send(method, ...args);
    },
    act: async (method, ...args) => {
      try {
        await meeting.send(method, ...args);
        return true;
      } catch (error) {
        showError(error, alert);
        alertBox.hidden = false;
        return false;
      }
    },
  };
  const browsing: Browsing = {
    get browsed() { return browsed; },
    browse(index) {
      browsed = index === followed(view) ? null : index;
      redraw();
      document.querySelector<HTMLElement>('.item-heading h2')?.focus();
    },
  };

  const header = headerPart(meeting);
  const item = itemPart(browsing, say);
  const parts: Part[] = [header, agendaPart(meeting, browsing), item, queuePart(meeting), pollPart(meeting), questionsPart(meeting), peoplePart(meeting)];
  const [, agenda, , queue, poll, questions, people] = parts;
  for (const [part, name] of [[agenda, 'agenda'], [item, 'item'], [queue, 'queue'], [poll, 'poll'], [questions, 'questions'], [people, 'people']] as const) {
    part.element.classList.add(`part-${name}`);
  }
  const columns = h('div', { class: 'session-columns' },
    h('div', { class: 'session-main' }, agenda.element, item.element),
    h('div', { class: 'session-side' }, queue.element, poll.element, questions.element, people.element));

  const redraw = () => {
    const active = document.activeElement as HTMLElement | null;
    const focused = active?.dataset?.key;
    const region = active?.closest('section');
    for (const part of parts) part.update(view);
    // On a phone the parts form one column, and an observer's one action, a question, comes first (styles.css).
    columns.classList.toggle('observer', view.myRole === 'observer');
    if (focused && !document.activeElement?.closest('main')) refocus(focused, region ?? null);
  };
  const show = (next: SessionDetail, nextOffset: number) => {
    const said: string[] = [];
    const item = followed(next);
    if (item !== null && item !== followed(view)) {
      said.push(t('session.announceItem', { number: item + 1, title: itemTitle(next, item) }));
    }
    // By when the floor was given too: without names (observers) two speakers of one organisation look alike.
    const speaker = (v: SessionDetail) => (v.floor ? `${v.floor.person.id ?? ''}@${v.floor.raisedAt}` : null);
    if (speaker(next) !== speaker(view)) {
      said.push(next.floor ? t('session.announceFloor', { name: personName(next.floor.person) }) : t('session.announceFloorFree'));
    }
    if (next.status !== view.status) said.push(t(`session.announceStatus.${next.status}`));
    if ((next.itemPausedAt === null) !== (view.itemPausedAt === null) && next.status === 'live') {
      said.push(t(next.itemPausedAt === null ? 'session.announceResumed' : 'session.announcePaused'));
    }
    view = next;
    offset = nextOffset;
    if (browsed === followed(view)) browsed = null;
    title.textContent = view.title;
    redraw();
    if (said.length) announcer.textContent = said.join(' ');
  };

  const ticker = window.setInterval(() => header.tick(Date.now(), offset), 1000);
  let left = false;
  const leave = () => {
    if (left) return;
    left = true;
    clearInterval(ticker);
    item.close();
    void live.stop();
    document.getElementById('main')?.classList.remove('wide');
  };
  onLeave(leave);

  const gone = (reason: SessionClosedReason) => {
    leave();
    showPage(t('session.closedTitle'),
      h('p', { class: 'notice', role: 'alert' }, t(`session.closed.${reason}`)),
      h('p', {}, h('a', { href: `/groups/${group.id}` }, t('session.backToGroup', { group: group.name }))));
  };

  const main = showPage(view.title,
    h('p', { class: 'breadcrumbs' }, h('a', { href: `/groups/${group.id}` }, group.name)),
    alertBox,
    announcer,
    header.element,
    columns);
  main.classList.add('wide');
  main.querySelector('h1')?.replaceChildren(title);
  redraw();

  try {
    await live.start();
  } catch (error) {
    if (left) return;
    showError(error, alert);
    alertBox.hidden = false;
  }
}

// The button that takes a pressed button's place when it goes away (a raised hand is lowered by another button).
const successors: Record<string, string> = { raise: 'lower', order: 'lower', lower: 'raise', start: 'end', pause: 'resume', resume: 'pause' };

/**
 * Keeps a keyboard user where they were after a redraw: the same control if it is still there,
 * else the one that replaced it, else the heading of the part it was in.
 */
function refocus(key: string, region: Element | null): void {
  const find = (k: string | undefined) => (k ? document.querySelector<HTMLElement>(`main [data-key="${CSS.escape(k)}"]`) : null);
  const question = /^(answered|dismissed|reopen)-(.+)$/.exec(key);
  const target = find(key) ?? find(successors[key]) ?? (question ? find(`reopen-${question[2]}`) ?? find(`answered-${question[2]}`) : null);
  if (target) {
    target.focus();
    return;
  }
  const heading = region?.isConnected ? region.querySelector<HTMLElement>('h2') : null;
  if (heading) {
    heading.tabIndex = -1;
    heading.focus();
  }
}
