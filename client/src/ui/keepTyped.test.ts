import { describe, expect, it } from 'vitest';
import { buildForm, type FieldSpec } from './forms';
import { h } from './dom';
import { keepTyped } from './keepTyped';

const options = [{ value: 'BR', label: 'Brazil' }, { value: 'MX', label: 'Mexico' }];
const specs = (name = 'Old name'): FieldSpec[] => [
  { name: 'name', label: 'Name', value: name },
  { name: 'description', label: 'Description', type: 'textarea' },
  { name: 'countries', label: 'Countries', type: 'select', multiple: true, options, values: [] },
  { name: 'visibility', label: 'Who', type: 'radio', value: 'members', options: [{ value: 'members', label: 'Members' }, { value: 'observers', label: 'Observers' }] },
];
const page = (name?: string) => h('main', {}, buildForm(specs(name), 'Save', async () => {}));
const typeInto = (field: HTMLInputElement | HTMLTextAreaElement, text: string) => {
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true }));
};

describe('what was typed survives the page drawn again', () => {
  it('puts typed text, chosen chips and a checked radio back into the same fields of the new page', () => {
    const before = page();
    document.body.replaceChildren(before);
    typeInto(before.querySelector('textarea')!, 'Half a description');
    const combo = before.querySelector<HTMLInputElement>('[role=combobox]')!;
    typeInto(combo, 'mex');
    combo.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', cancelable: true }));
    const observers = before.querySelectorAll<HTMLInputElement>('input[type=radio]')[1];
    observers.checked = true;
    observers.dispatchEvent(new Event('change', { bubbles: true }));

    const restore = keepTyped(before);
    const after = page('Newer name from the server');
    document.body.replaceChildren(after);
    restore(after);

    expect(after.querySelector('textarea')!.value).toBe('Half a description');
    expect([...after.querySelectorAll('.chip')].map((c) => c.getAttribute('aria-label'))).toEqual(['Remove Mexico']);
    expect(after.querySelectorAll<HTMLInputElement>('input[type=radio]')[1].checked).toBe(true);
    // Untouched fields show the new page's values, which may be newer.
    expect(after.querySelector<HTMLInputElement>('input[name=name]')!.value).toBe('Newer name from the server');
  });

  it('keeps them through a second redraw too', () => {
    const first = page();
    document.body.replaceChildren(first);
    typeInto(first.querySelector('textarea')!, 'Kept twice');
    const second = page();
    keepTyped(first)(second);
    const third = page();
    keepTyped(second)(third);
    expect(third.querySelector('textarea')!.value).toBe('Kept twice');
  });

  it('leaves the text of another picker alone: without its choice it would show a name nobody chose', () => {
    const picker = () => h('main', {}, h('input', { type: 'text', role: 'combobox' }));
    const before = picker();
    typeInto(before.querySelector('input')!, 'Fern');
    const after = picker();
    keepTyped(before)(after);
    expect(after.querySelector('input')!.value).toBe('');
  });
});
