import { t } from '../i18n';
import { clear, h } from '../ui/dom';
import { section } from '../ui/page';
import { button, facilitates, followed, isLive, itemTitle, type Meeting, type Part } from './part';

/** Which item the reader is looking at: the current one, unless they chose to browse another. */
export interface Browsing {
  /** The item shown, or null when the reader follows the current item. */
  readonly browsed: number | null;
  browse(index: number | null): void;
}

/** The running order: the current item marked; anyone may look at another item; facilitators move everyone to one. */
export function agendaPart(meeting: Meeting, browsing: Browsing): Part {
  const list = h('ol', { class: 'agenda' });
  return {
    element: section(t('session.agenda'), list),
    update(view) {
      const following = followed(view);
      const shown = browsing.browsed ?? following;
      clear(list, ...view.agenda.map((item, index) => {
        const current = index === following;
        const title = itemTitle(view, index);
        return h('li', { class: `agenda-item${current ? ' current' : ''}${index === shown ? ' shown' : ''}`, 'aria-current': current ? 'step' : undefined },
          h('span', { class: 'agenda-number', 'aria-hidden': 'true' }, String(index + 1)),
          h('span', { class: 'agenda-text' },
            h('span', { class: item.hidden ? 'agenda-title muted' : 'agenda-title' }, title),
            h('span', { class: 'agenda-meta' },
              current ? h('span', { class: 'badge badge-now' }, t('session.now')) : null,
              item.target ? h('span', {}, t(`session.target.${item.target}`)) : null,
              h('span', {}, t('session.minutes.count', { minutes: item.minutes })))),
          h('span', { class: 'agenda-actions' },
            index !== shown && !item.hidden
              ? button(`show-${item.id}`, t('session.show'), () => browsing.browse(index === following ? null : index),
                  { label: t('session.showNamed', { title }) })
              : null,
            facilitates(view) && isLive(view) && !current
              ? button(`focus-${item.id}`, t('session.focus'), () => { browsing.browse(null); void meeting.act('FocusItem', index); },
                  { kind: 'primary small', label: t('session.focusNamed', { title }) })
              : null));
      }));
    },
  };
}
