import { api } from '../api/client';
import type { AgendaItemView, RecommendationDetail, SessionDetail } from '../api/types';
import { articlesShort } from '../convention/display';
import { liveEditor, type LiveEditor } from '../documents/liveEditor';
import { t } from '../i18n';
import { statusBadge } from '../recommendations/format';
import { clear, h, uniqueId } from '../ui/dom';
import { showError } from '../ui/forms';
import type { Browsing } from './agenda';
import { followed, itemTitle, type Part } from './part';

export interface ItemPart extends Part {
  /** Closes the live document shown, if any. */
  close(): void;
}

/**
 * The item the reader is looking at: a document live (editable as the reader's role allows),
 * or a recommendation's facts and its text live, with a link to its whole thread. The
 * document stays open across views of the session and changes only when the item does.
 */
export function itemPart(browsing: Browsing, say: (message: string) => void): ItemPart {
  const headingId = uniqueId('item');
  const heading = h('h2', { id: headingId, tabindex: '-1' });
  const back = h('button', { type: 'button', class: 'primary small', 'data-key': 'back', onclick: () => browsing.browse(null) }, t('session.back'));
  const body = h('div', { class: 'item-body' });
  let shownKey: string | null = null;
  let editor: LiveEditor | null = null;

  const close = () => {
    if (editor) void editor.close();
    editor = null;
  };
  const open = (documentId: string, intro: Node | null, note: (observer: boolean) => string) => {
    const next = liveEditor(documentId, {
      say, compact: true,
      readOnlyNote: (role) => note(role === 'observer'),
    });
    editor = next;
    clear(body, intro, h('div', { class: 'doc-bar' }, next.status, next.presence), next.lockNote, next.layout);
    next.start().catch((error: unknown) => {
      if (editor !== next) return;
      const alert = h('p', { class: 'form-error', role: 'alert' });
      showError(error, alert);
      body.prepend(alert);
    });
  };
  const show = async (item: AgendaItemView | null, key: string, ended: boolean) => {
    close();
    if (!item) {
      clear(body, h('p', { class: 'muted' }, ended ? t('session.noItemEnded') : t('session.noItem')));
    } else if (item.hidden) {
      clear(body, h('p', { class: 'notice' }, t('session.hiddenItemNote')));
    } else if (!item.targetId) {
      clear(body, h('p', { class: 'muted' }, t('session.noMaterialNote')));
    } else if (item.target === 'document') {
      open(item.targetId, h('p', {}, h('a', { href: `/documents/${item.targetId}` }, t('session.openDocument'))),
        (observer) => (observer ? t('live.observerNote') : t('live.lockedNote')));
    } else {
      clear(body, h('p', { class: 'muted' }, t('page.loading')));
      let detail: RecommendationDetail;
      try {
        detail = await api<RecommendationDetail>('GET', `/api/recommendations/${item.targetId}`);
      } catch (error) {
        if (shownKey !== key) return;
        const alert = h('p', { class: 'form-error', role: 'alert' });
        showError(error, alert);
        clear(body, alert);
        return;
      }
      if (shownKey !== key) return;
      const r = detail.recommendation;
      open(r.bodyId,
        h('div', { class: 'item-recommendation' },
          h('p', { class: 'rec-meta' }, statusBadge(r.status), r.articles.length ? articlesShort(r.articles) : null),
          h('p', {}, h('a', { href: `/recommendations/${r.id}` }, t('session.openThread', { title: r.title })))),
        (observer) => (observer ? t('rec.observerNote') : r.status === 'adopted' ? t('rec.frozenNote') : t('live.lockedNote')));
    }
  };

  return {
    element: h('section', { class: 'card session-item', 'aria-labelledby': headingId },
      h('div', { class: 'item-heading' }, heading, back), body),
    update(view: SessionDetail) {
      const following = followed(view);
      const index = browsing.browsed ?? following;
      const item = index === null ? null : view.agenda[index] ?? null;
      const browsingOther = browsing.browsed !== null && browsing.browsed !== following;
      back.hidden = !browsingOther || following === null;
      heading.textContent = index === null || !item
        ? t('session.itemPane')
        : t(browsingOther ? 'session.browsingItem' : 'session.currentItem', { number: index + 1, title: itemTitle(view, index) });
      const key = item ? `${item.id}:${item.hidden}` : `none:${view.status}`;
      if (key === shownKey) return;
      shownKey = key;
      void show(item, key, view.status === 'ended');
    },
    close() {
      shownKey = null;
      close();
    },
  };
}
