import type { GroupDetail, RecommendationDetail } from '../api/types';
import type { LiveEditor } from '../documents/liveEditor';
import { clear, h } from '../ui/dom';

/** What every part of a thread page may use: the thread as last read, and the way to act on it. */
export interface Thread {
  readonly id: string;
  readonly group: GroupDetail;
  readonly editor: LiveEditor;
  /** The thread as last shown. */
  readonly detail: RecommendationDetail;
  /** Calls `/api/recommendations/{id}{path}` and shows the thread it answers with; a refusal is thrown (for forms). */
  send(method: string, path: string, body?: unknown): Promise<void>;
  /** The same for buttons: a refusal is shown in the page's alert. */
  act(method: string, path: string, body?: unknown): Promise<void>;
}

/** One part of the thread page, redrawn from each new reading of the thread. */
export interface Part {
  readonly element: HTMLElement;
  update(detail: RecommendationDetail): void;
}

/** Members and facilitators take part; observers follow. */
export const participates = (detail: RecommendationDetail): boolean => detail.myRole !== 'observer';

/**
 * A place for a form that is rebuilt only when its key changes, so that a live update of the
 * thread never wipes out what someone is typing.
 */
export class FormSlot {
  readonly element = h('div', { class: 'form-slot' });
  private key: string | null = null;

  show(key: string, make: () => Node | null): void {
    if (key === this.key) return;
    this.key = key;
    clear(this.element, make());
  }

  empty(): void {
    this.show('', () => null);
  }
}
