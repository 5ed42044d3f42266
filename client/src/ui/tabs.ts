import { h, uniqueId } from './dom';

/** One tab: its key (as the address keeps it), its label and what its panel shows. */
export interface Tab {
  key: string;
  label: string;
  content: (Node | null | false)[];
}

export interface TabsOptions {
  /** Names the tab list for screen readers ("Parts of this group"). */
  label: string;
  tabs: Tab[];
  /** The key shown first; an unknown key shows the first tab. */
  selected: string;
  /** Told after the person chose another tab (by click or keyboard). */
  onSelect?: (key: string) => void;
}

/**
 * Where a key press moves the focus in a horizontal tab list of `count` tabs from `index`, following the
 * WAI-ARIA tabs pattern (arrows wrap around, Home and End go to the ends); null for keys it does not use.
 */
export function tabKeyTarget(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowRight': return (index + 1) % count;
    case 'ArrowLeft': return (index - 1 + count) % count;
    case 'Home': return 0;
    case 'End': return count - 1;
    default: return null;
  }
}

/**
 * Tabs as the WAI-ARIA pattern describes them: a tablist of buttons (one in the tab order, the selected one),
 * arrow keys, Home and End move and select, each panel labelled by its tab. Panels are all built at once and
 * hidden, so what a panel holds keeps its state while another is shown.
 */
export function tabs(options: TabsOptions): HTMLElement {
  const base = uniqueId('tabs');
  const list = h('div', { role: 'tablist', 'aria-label': options.label, class: 'tab-list' });
  const buttons: HTMLButtonElement[] = [];
  const panels: HTMLElement[] = [];

  const select = (index: number, focus: boolean) => {
    buttons.forEach((button, i) => {
      const chosen = i === index;
      button.setAttribute('aria-selected', String(chosen));
      button.tabIndex = chosen ? 0 : -1;
      panels[i].hidden = !chosen;
    });
    if (focus) buttons[index].focus(); // focus also scrolls a tab list that overflows on a phone
  };

  const choose = (index: number, focus: boolean) => {
    const changed = buttons[index].getAttribute('aria-selected') !== 'true';
    select(index, focus);
    if (changed) options.onSelect?.(options.tabs[index].key);
  };

  options.tabs.forEach((tab, index) => {
    const tabId = `${base}-tab-${tab.key}`;
    const panelId = `${base}-panel-${tab.key}`;
    const button = h('button', {
      type: 'button', role: 'tab', id: tabId, class: 'tab', 'aria-controls': panelId, 'data-tab': tab.key,
      onclick: () => choose(index, true),
    }, tab.label);
    button.addEventListener('keydown', (event) => {
      const target = tabKeyTarget(event.key, index, buttons.length);
      if (target === null || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      choose(target, true);
    });
    buttons.push(button);
    list.append(button);
    panels.push(h('div', { role: 'tabpanel', id: panelId, 'aria-labelledby': tabId, tabindex: '0', class: 'tab-panel', 'data-panel': tab.key },
      ...tab.content));
  });

  const first = Math.max(0, options.tabs.findIndex((tab) => tab.key === options.selected));
  select(first, false);
  // A tab list wider than a phone starts scrolled to the selected tab (itself, not the page), once it is in place.
  setTimeout(() => {
    const button = buttons[first];
    if (list.isConnected && button && list.scrollWidth > list.clientWidth) {
      list.scrollLeft = button.offsetLeft + button.offsetWidth / 2 - list.clientWidth / 2;
    }
  });
  return h('div', { class: 'tabs' }, list, ...panels);
}
