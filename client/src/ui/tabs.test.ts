import { describe, expect, it } from 'vitest';
import { h } from './dom';
import { tabKeyTarget, tabs } from './tabs';

describe('tab keys', () => {
  it('move along the list, wrapping around, and jump to the ends', () => {
    expect(tabKeyTarget('ArrowRight', 0, 4)).toBe(1);
    expect(tabKeyTarget('ArrowRight', 3, 4)).toBe(0);
    expect(tabKeyTarget('ArrowLeft', 0, 4)).toBe(3);
    expect(tabKeyTarget('ArrowLeft', 2, 4)).toBe(1);
    expect(tabKeyTarget('Home', 2, 4)).toBe(0);
    expect(tabKeyTarget('End', 1, 4)).toBe(3);
    expect(tabKeyTarget('Enter', 1, 4)).toBeNull();
    expect(tabKeyTarget('ArrowDown', 1, 4)).toBeNull();
    expect(tabKeyTarget('ArrowRight', 0, 0)).toBeNull();
  });
});

describe('tabs', () => {
  const make = (selected: string, chosen: string[] = []) => {
    const element = tabs({
      label: 'Parts', selected, onSelect: (key) => chosen.push(key),
      tabs: ['a', 'b', 'c'].map((key) => ({ key, label: key.toUpperCase(), content: [h('p', {}, `panel ${key}`)] })),
    });
    document.body.replaceChildren(element);
    const all = [...element.querySelectorAll<HTMLButtonElement>('[role=tab]')];
    const panels = [...element.querySelectorAll<HTMLElement>('[role=tabpanel]')];
    return { all, panels, chosen };
  };
  const state = (all: HTMLButtonElement[], panels: HTMLElement[]) =>
    all.map((tab, i) => `${tab.getAttribute('aria-selected')}/${tab.tabIndex}/${panels[i].hidden ? 'hidden' : 'shown'}`);

  it('shows the asked tab, with only it in the tab order, each panel labelled by its tab', () => {
    const { all, panels } = make('b');
    expect(state(all, panels)).toEqual(['false/-1/hidden', 'true/0/shown', 'false/-1/hidden']);
    panels.forEach((panel, i) => {
      expect(panel.getAttribute('aria-labelledby')).toBe(all[i].id);
      expect(all[i].getAttribute('aria-controls')).toBe(panel.id);
    });
  });

  it('falls back to the first tab for a key it does not have', () => {
    const { all, panels } = make('audit');
    expect(state(all, panels)[0]).toBe('true/0/shown');
  });

  it('moves, selects and tells with the arrow keys, Home and End', () => {
    const { all, panels, chosen } = make('a');
    all[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    expect(document.activeElement).toBe(all[2]);
    expect(state(all, panels)).toEqual(['false/-1/hidden', 'false/-1/hidden', 'true/0/shown']);
    all[2].dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }));
    all[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    all[2].click(); // already selected: nothing new to tell
    expect(chosen).toEqual(['c', 'a', 'c']);
  });
});
