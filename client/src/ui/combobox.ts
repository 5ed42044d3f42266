import { t } from '../i18n';
import { h } from './dom';
import type { Option } from './forms';

/** Letters without accents, in lower case: "México", "MEXICO" and "mexico" are one search. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * How well an option answers a query (already folded); lower is better, -1 is no match. A code typed
 * whole ("MX") comes first, then names that start with the query, then names with a word that does
 * ("Republic" finds "Dominican Republic"), then names that merely contain it.
 */
function rank(option: Option, query: string): number {
  const label = fold(option.label);
  if (option.value.toLowerCase() === query) return 0;
  if (label.startsWith(query)) return 1;
  if (label.split(/[^\p{L}\p{N}]+/u).some((word) => word.startsWith(query))) return 2;
  return label.includes(query) ? 3 : -1;
}

/** The options a typed query finds, best first and otherwise in their own order; every option for an empty query. */
export function filterOptions(options: readonly Option[], query: string): Option[] {
  const wanted = fold(query.trim());
  if (!wanted) return [...options];
  return options
    .map((option, index) => ({ option, index, rank: rank(option, wanted) }))
    .filter((found) => found.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((found) => found.option);
}

/** The option an arrow key moves to among `count` shown ones (wrapping round); -1 when none is shown. */
export function moveActive(active: number, count: number, key: 'ArrowDown' | 'ArrowUp'): number {
  if (count === 0) return -1;
  if (key === 'ArrowDown') return active < 0 ? 0 : (active + 1) % count;
  return active < 0 ? count - 1 : (active - 1 + count) % count;
}

export interface ComboboxSpec {
  /** The input's id, which the field's <label for> names. */
  id: string;
  name: string;
  label: string;
  options: Option[];
  values?: string[];
  /** Ids of the hint (and error) the input is described by. */
  describedBy?: string;
  /**
   * The one option a typed text (or a value) names exactly, which the list may not hold: offered first while it is
   * typed, and accepted as a value ("33.2" → "Art. 33.2 — …" in the article picker).
   */
  named?: (text: string) => Option | undefined;
}

export interface Combobox {
  element: HTMLElement;
  input: HTMLInputElement;
  value: () => string[];
  set: (values: string[]) => void;
}

const comboboxes = new WeakMap<Element, Combobox>();

/** The combobox an element (its wrapper) belongs to: how forms read and put back its value. */
export const comboboxOf = (element: Element): Combobox | undefined => comboboxes.get(element);

/**
 * A choice of several among many (countries, languages), as an ARIA 1.2 combobox with chips: typing
 * filters the list (without accents, by name or code), Up and Down move through it, Enter chooses or
 * un-chooses, Escape closes it, Backspace in the empty input removes the last chip, and each chip is
 * a button that removes it. The wrapper fires `change` when the chosen values change.
 */
export function combobox(spec: ComboboxSpec): Combobox {
  const listId = `${spec.id}-list`;
  const labels = new Map(spec.options.map((o) => [o.value, o.label]));
  /** Whether a value may be chosen: one of the options, or one `named` names as itself. */
  const known = (value: string): boolean => {
    if (labels.has(value)) return true;
    const named = spec.named?.(value);
    if (named?.value !== value) return false;
    labels.set(value, named.label);
    return true;
  };
  let chosen = (spec.values ?? []).filter(known);
  let shown: Option[] = [];
  let active = -1;

  const input = h('input', {
    id: spec.id, type: 'text', role: 'combobox', autocomplete: 'off', spellcheck: 'false',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId, 'aria-describedby': spec.describedBy,
  });
  const chips = h('ul', { class: 'chips', 'aria-label': t('combobox.chosen', { label: spec.label }) });
  const list = h('ul', { id: listId, role: 'listbox', class: 'combobox-options', 'aria-label': spec.label, 'aria-multiselectable': 'true' });
  const empty = h('p', { class: 'combobox-empty muted' }, t('combobox.none'));
  const status = h('p', { class: 'visually-hidden', role: 'status' });
  const element = h('div', { class: 'combobox', 'data-field': spec.name }, chips, input, list, empty, status);
  list.hidden = true;
  empty.hidden = true;

  let itemCount = 0;
  const itemFor = (option: Option): HTMLElement => {
    const item = h('li', { id: `${listId}-${itemCount++}`, role: 'option', 'aria-selected': String(chosen.includes(option.value)) }, option.label);
    // mousedown, not click: the input keeps the focus, so the list stays open for another choice.
    item.addEventListener('mousedown', (event) => { event.preventDefault(); toggle(option.value, false); });
    return item;
  };
  const items = new Map(spec.options.map((option) => [option.value, itemFor(option)] as const));
  list.append(...items.values());

  const isOpen = () => !list.hidden;

  function open(show: boolean): void {
    list.hidden = !show || shown.length === 0;
    empty.hidden = !show || shown.length > 0;
    input.setAttribute('aria-expanded', String(show && shown.length > 0));
    if (!show) setActive(-1);
  }

  function setActive(index: number): void {
    if (active >= 0) items.get(shown[active]?.value)?.classList.remove('active');
    active = index;
    const item = active >= 0 ? items.get(shown[active].value) : undefined;
    if (item) {
      item.classList.add('active');
      input.setAttribute('aria-activedescendant', item.id);
      item.scrollIntoView?.({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  /** Shows the options the typed text finds; while something is typed, the best match is the active one. */
  function filter(): void {
    setActive(-1);
    shown = filterOptions(spec.options, input.value);
    const named = input.value.trim() ? spec.named?.(input.value) : undefined;
    if (named) {
      shown = [named, ...shown.filter((o) => o.value !== named.value)];
      if (!items.has(named.value)) {
        labels.set(named.value, named.label);
        items.set(named.value, itemFor(named));
      }
    }
    const visible = new Set(shown.map((o) => o.value));
    for (const [value, item] of items) item.hidden = !visible.has(value);
    // The list in the order found: a code typed whole puts its country first.
    list.append(...shown.map((o) => items.get(o.value)!));
    open(true);
    if (input.value.trim() && shown.length > 0) setActive(0);
  }

  function drawChips(): void {
    chips.hidden = chosen.length === 0;
    chips.replaceChildren(...chosen.map((value) => {
      const name = labels.get(value) ?? value;
      const chip = h('button', { type: 'button', class: 'chip', 'aria-label': t('combobox.remove', { name }) },
        name, h('span', { class: 'chip-x', 'aria-hidden': 'true' }, '×'));
      chip.addEventListener('click', () => {
        remove(value);
        input.focus();
      });
      return h('li', {}, chip);
    }));
    for (const [value, item] of items) item.setAttribute('aria-selected', String(chosen.includes(value)));
  }

  function changed(said: string): void {
    drawChips();
    status.textContent = said;
    element.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /**
   * Chooses an option, or un-chooses a chosen one. Chosen by keyboard, the list closes (typing or Down opens it
   * again) so that it covers nothing below; chosen with the mouse, it stays open for another click.
   */
  function toggle(value: string, byKeyboard: boolean): void {
    if (chosen.includes(value)) {
      remove(value);
    } else {
      chosen = [...chosen, value];
      changed(t('combobox.added', { name: labels.get(value) ?? value }));
    }
    input.value = '';
    filter();
    if (byKeyboard) open(false);
  }

  function remove(value: string): void {
    chosen = chosen.filter((v) => v !== value);
    changed(t('combobox.removed', { name: labels.get(value) ?? value }));
  }

  input.addEventListener('input', filter);
  input.addEventListener('click', () => { if (!isOpen()) filter(); });
  input.addEventListener('keydown', (event) => {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault();
        if (!isOpen()) filter();
        setActive(moveActive(active, shown.length, event.key));
        break;
      case 'Enter':
        // With a highlighted option Enter chooses it; otherwise it submits the form as in any field.
        if (isOpen() && active >= 0) {
          event.preventDefault();
          toggle(shown[active].value, true);
        }
        break;
      case 'Escape':
        // Closes the list (or clears the text) without closing a dialog around it.
        if (isOpen() || !empty.hidden || input.value) {
          event.preventDefault();
          event.stopPropagation();
          if (isOpen() || !empty.hidden) open(false); else input.value = '';
        }
        break;
      case 'Backspace':
        if (input.value === '' && chosen.length > 0) {
          event.preventDefault();
          remove(chosen[chosen.length - 1]);
        }
        break;
      case 'Tab':
        open(false);
        break;
    }
  });
  element.addEventListener('focusout', (event) => {
    if (!element.contains(event.relatedTarget as Node | null)) open(false);
  });

  drawChips();
  const box: Combobox = {
    element,
    input,
    value: () => [...chosen],
    set: (values) => {
      chosen = values.filter(known);
      drawChips();
    },
  };
  comboboxes.set(element, box);
  return box;
}
