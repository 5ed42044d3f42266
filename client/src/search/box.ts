import { t } from '../i18n';
import { h, uniqueId } from '../ui/dom';
import { searchPath } from './snippet';

const svg = 'http://www.w3.org/2000/svg';

/** A magnifying glass, drawn (no icon font): hidden from screen readers, the button has a name. */
function magnifier(): SVGElement {
  const icon = document.createElementNS(svg, 'svg');
  for (const [name, value] of Object.entries({ viewBox: '0 0 24 24', width: '20', height: '20', 'aria-hidden': 'true', focusable: 'false' })) icon.setAttribute(name, value);
  const circle = document.createElementNS(svg, 'circle');
  for (const [name, value] of Object.entries({ cx: '10.5', cy: '10.5', r: '6.5', fill: 'none', stroke: 'currentColor', 'stroke-width': '2.2' })) circle.setAttribute(name, value);
  const handle = document.createElementNS(svg, 'path');
  for (const [name, value] of Object.entries({ d: 'M15.5 15.5 21 21', stroke: 'currentColor', 'stroke-width': '2.4', 'stroke-linecap': 'round' })) handle.setAttribute(name, value);
  icon.append(circle, handle);
  return icon;
}

/**
 * The header's search: a labelled field (Enter opens the results page). On a phone only the
 * button shows, and opens the field; Escape closes it again and gives the focus back.
 */
export function searchBox(go: (url: string) => void): HTMLElement {
  const fieldId = uniqueId('header-search');
  const input = h('input', {
    id: fieldId, type: 'search', name: 'q', minlength: 2, maxlength: 200, autocomplete: 'off',
    placeholder: t('search.placeholder'), enterkeyhint: 'search',
  });
  const toggle = h('button', {
    type: 'button', class: 'header-search-toggle', 'aria-expanded': 'false', 'aria-controls': fieldId, 'aria-label': t('search.open'), title: t('search.open'),
  });
  toggle.append(magnifier());
  const form = h('form', { class: 'header-search', role: 'search', 'aria-label': t('search.label') },
    toggle,
    h('label', { for: fieldId, class: 'visually-hidden' }, t('search.label')),
    input);
  const setOpen = (open: boolean) => {
    form.classList.toggle('open', open);
    toggle.setAttribute('aria-expanded', String(open));
  };
  toggle.addEventListener('click', () => {
    const open = !form.classList.contains('open');
    setOpen(open);
    if (open) input.focus();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && form.classList.contains('open')) {
      setOpen(false);
      toggle.focus();
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = input.value.trim();
    if (query.length < 2) {
      input.focus();
      return;
    }
    setOpen(false);
    input.value = '';
    input.blur();
    go(searchPath(query));
  });
  return form;
}
