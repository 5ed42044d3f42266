import { api } from '../api/client';
import type { PersonChoice } from '../api/types';
import { t } from '../i18n';
import { h, uniqueId } from '../ui/dom';
import { countryName } from '../ui/places';

export interface PersonPicker { element: HTMLElement; value: () => string | null; reset: () => void }

/**
 * The administrator chooses a person by name among the people of the server's groups (no email is
 * typed, so nothing depends on unconfirmed addresses). An ARIA 1.2 combobox: type to search,
 * arrow keys move through the list, Enter chooses, Escape closes.
 */
export function personPicker(label: string, hint: string): PersonPicker {
  const id = uniqueId('person');
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const input = h('input', {
    id, type: 'text', role: 'combobox', autocomplete: 'off', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
    'aria-controls': listId, 'aria-describedby': hintId,
  });
  const list = h('ul', { id: listId, role: 'listbox', class: 'person-options', 'aria-label': label });
  list.hidden = true;
  const chosenLine = h('p', { class: 'field-hint', role: 'status' });
  let options: PersonChoice[] = [];
  let active = -1;
  let chosen: PersonChoice | null = null;
  let timer: number | undefined;
  let asked = 0;
  let shown: string | null = null;

  const describe = (p: PersonChoice) => [p.displayName, p.organisation, countryName(p.country)].filter(Boolean).join(' · ');

  function open(show: boolean): void {
    list.hidden = !show;
    input.setAttribute('aria-expanded', String(show));
    if (!show) input.removeAttribute('aria-activedescendant');
  }

  function draw(): void {
    list.replaceChildren(...options.map((p, i) => {
      const item = h('li', { id: `${listId}-${i}`, role: 'option', 'aria-selected': String(i === active), class: i === active ? 'active' : '' },
        describe(p), h('span', { class: 'muted' }, ` — ${p.email}`));
      item.addEventListener('mousedown', (event) => { event.preventDefault(); choose(i); });
      return item;
    }));
    if (options.length === 0) list.append(h('li', { role: 'option', 'aria-disabled': 'true', class: 'muted' }, t('picker.none')));
    if (active >= 0) input.setAttribute('aria-activedescendant', `${listId}-${active}`);
    else input.removeAttribute('aria-activedescendant');
  }

  function choose(index: number): void {
    chosen = options[index] ?? null;
    if (!chosen) return;
    window.clearTimeout(timer);
    asked++; // a search still on its way must not reopen the list
    input.value = chosen.displayName;
    chosenLine.textContent = t('picker.chosen', { person: describe(chosen) });
    open(false);
  }

  async function search(): Promise<void> {
    const query = input.value.trim();
    if (query === shown && !list.hidden) return; // already listed: keep the option the keyboard is on
    const ask = ++asked;
    const found = await api<PersonChoice[]>('GET', `/api/admin/people?q=${encodeURIComponent(query)}`);
    if (ask !== asked) return; // a later search answers instead
    shown = query;
    options = found;
    active = -1;
    draw();
    open(true);
  }

  input.addEventListener('input', () => {
    chosen = null;
    chosenLine.textContent = '';
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void search(), 200);
  });
  input.addEventListener('focus', () => { if (!chosen) void search(); });
  input.addEventListener('blur', () => open(false));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (list.hidden) { void search(); return; }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      active = options.length === 0 ? -1 : (active + step + options.length) % options.length;
      draw();
    } else if (event.key === 'Enter' && !list.hidden && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === 'Escape') {
      open(false);
    }
  });

  const element = h('div', { class: 'field person-picker' },
    h('label', { for: id }, label), h('p', { class: 'field-hint', id: hintId }, hint), input, list, chosenLine);
  return {
    element,
    value: () => chosen?.id ?? null,
    reset: () => { chosen = null; input.value = ''; chosenLine.textContent = ''; open(false); },
  };
}
