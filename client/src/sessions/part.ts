import type { Person, Role, SessionDetail } from '../api/types';
import { t } from '../i18n';
import { personName } from '../recommendations/format';
import { h } from '../ui/dom';
import { roleBadge } from '../ui/page';

/** What every part of the session screen may use: the session as last shown, and the way to act on it. */
export interface Meeting {
  readonly id: string;
  /** The session as last shown. */
  readonly view: SessionDetail;
  /** How far the server's clock is ahead of this screen's (ms), as of the last view. */
  readonly offset: number;
  /** Calls a hub method with the session's id first; a refusal is thrown (for forms). */
  send(method: string, ...args: unknown[]): Promise<void>;
  /** The same for buttons: a refusal is shown in the page's alert (and the answer is false). */
  act(method: string, ...args: unknown[]): Promise<boolean>;
}

/** One part of the session screen, redrawn from each view of the session. */
export interface Part {
  readonly element: HTMLElement;
  update(view: SessionDetail): void;
}

export const facilitates = (view: SessionDetail): boolean => view.myRole === 'facilitator';
export const isLive = (view: SessionDetail): boolean => view.status === 'live';

/** The item everyone follows: the current one while the session is live, none before or after. */
export const followed = (view: SessionDetail): number | null => (isLive(view) ? view.currentItem : null);

/**
 * Someone in the session: the name as the reader may see it, and an observer mark for observers. Without a
 * name (an observer of a group that hides names) the organisation and the role: every role is marked.
 */
export function who(person: Person, role: Role, mine = false): (Node | string)[] {
  return [
    h('span', { class: 'person-name' }, personName(person), mine ? ` ${t('group.you')}` : ''),
    role === 'observer' || !person.name ? roleBadge(role) : '',
  ];
}

/** The title of an agenda item as this reader may see it. */
export function itemTitle(view: SessionDetail, index: number): string {
  const item = view.agenda[index];
  if (!item) return '';
  return item.hidden ? t('session.hiddenItem') : item.title ?? '';
}

/** A button whose focus survives the part being redrawn (the page puts focus back on the same data-key). */
export function button(key: string, label: string, onclick: () => void, options: { kind?: string; pressed?: boolean; disabled?: boolean; label?: string } = {}): HTMLButtonElement {
  return h('button', {
    type: 'button', class: options.kind ?? 'secondary small', 'data-key': key, 'aria-label': options.label,
    'aria-pressed': options.pressed === undefined ? undefined : String(options.pressed), disabled: options.disabled, onclick,
  }, label);
}
