import { comboboxOf } from './combobox';

/**
 * What a person typed or chose survives a page being drawn again (a switch of the interface
 * language re-renders the page in the new language): the fields they changed are read before,
 * and put back into the same fields of the new page after. A field is known by its name (or
 * `data-field`, `data-key`) and its place among fields of that name on the page; fields nobody
 * touched keep what the new page shows, which may be newer.
 */

type Kept = { text: string } | { checked: boolean } | { values: string[] };

/** Controls the person changed; a combobox counts as its wrapper. */
const touched = new WeakSet<Element>();
const touch = (event: Event) => {
  const target = event.target;
  if (target instanceof Element) touched.add(target.closest('.combobox') ?? target);
};
document.addEventListener('input', touch, true);
document.addEventListener('change', touch, true);

const fields = (root: Element) =>
  [...root.querySelectorAll<HTMLElement>('input, textarea, select, .combobox')].filter((e) => !e.parentElement?.closest('.combobox'));

function baseKey(element: HTMLElement): string | null {
  // Another picker's text is not its choice (a person, an organisation): put back alone it would show a name not chosen.
  if (element.getAttribute('role') === 'combobox' && element instanceof HTMLInputElement) return null;
  const name = element.dataset.field ?? element.getAttribute('name') ?? element.dataset.key;
  if (name) return name.replace(/-\d+$/, ''); // a name made unique per page ("visibility-12") is the same field on the next page
  if (element instanceof HTMLTextAreaElement) return 'textarea';
  if (element instanceof HTMLInputElement && ['text', 'search', 'email', 'url', 'number'].includes(element.type)) return `input:${element.type}`;
  return null;
}

/** Each field with its key: base key and place among the fields of that key ("title#0"). */
function keyed(root: Element): [string, HTMLElement][] {
  const seen = new Map<string, number>();
  return fields(root).flatMap((element) => {
    const base = baseKey(element);
    if (!base) return [];
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return [[`${base}#${n}`, element] as [string, HTMLElement]];
  });
}

function read(element: HTMLElement): Kept | null {
  const box = comboboxOf(element);
  if (box) return { values: box.value() };
  if (element instanceof HTMLInputElement) {
    if (['file', 'hidden', 'submit', 'button'].includes(element.type)) return null;
    return element.type === 'checkbox' || element.type === 'radio' ? { checked: element.checked } : { text: element.value };
  }
  if (element instanceof HTMLSelectElement) return { values: [...element.selectedOptions].map((o) => o.value) };
  if (element instanceof HTMLTextAreaElement) return { text: element.value };
  return null;
}

function write(element: HTMLElement, kept: Kept): void {
  const box = comboboxOf(element);
  if (box && 'values' in kept) box.set(kept.values);
  else if (element instanceof HTMLInputElement && 'checked' in kept) element.checked = kept.checked;
  else if (element instanceof HTMLSelectElement && 'values' in kept) for (const option of element.options) option.selected = kept.values.includes(option.value);
  else if ((element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) && 'text' in kept) element.value = kept.text;
  else return;
  touched.add(element); // still the person's own if the page is drawn again
}

/** Reads what the person changed under `root`; the function it returns puts it back into the page drawn since. */
export function keepTyped(root: Element): (root: Element) => void {
  const kept = keyed(root).flatMap(([key, element]) => {
    if (!touched.has(element)) return [];
    const value = read(element);
    return value ? [{ key, value, opened: !!element.closest('details[open]') }] : [];
  });
  return (next) => {
    const now = new Map(keyed(next));
    for (const { key, value, opened } of kept) {
      const element = now.get(key);
      if (!element) continue;
      write(element, value);
      if (opened) element.closest('details')?.setAttribute('open', '');
    }
  };
}
