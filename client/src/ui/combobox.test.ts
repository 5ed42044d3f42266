import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n';
import { combobox, filterOptions, fold, moveActive } from './combobox';
import { buildForm } from './forms';
import { countryOptions } from './places';

const labels = (found: { label: string }[]) => found.map((o) => o.label);

describe('filtering', () => {
  afterEach(() => { setLanguage('en', false); });

  it('ignores accents and case', () => {
    expect(fold('México')).toBe('mexico');
    expect(fold('SÃO Tomé')).toBe('sao tome');
  });

  it('finds a country by the start of its name, with or without accents, and by its code', () => {
    setLanguage('en', false);
    const countries = countryOptions();
    expect(labels(filterOptions(countries, 'mexi'))).toEqual(['Mexico']);
    expect(labels(filterOptions(countries, 'méxico'))).toEqual(['Mexico']);
    expect(labels(filterOptions(countries, 'MX'))[0]).toBe('Mexico');
    expect(labels(filterOptions(countries, '  mx ')).length).toBeGreaterThan(0);
  });

  it('finds localised names: Spanish and Portuguese', () => {
    setLanguage('es', false);
    expect(labels(filterOptions(countryOptions(), 'mexico'))).toEqual(['México']);
    expect(labels(filterOptions(countryOptions(), 'peru'))).toEqual(['Perú']);
    setLanguage('pt', false);
    expect(labels(filterOptions(countryOptions(), 'alema'))).toEqual(['Alemanha']);
  });

  it('puts a whole code first, then names that start with the text, then names with a word that does, then the rest', () => {
    const options = [
      { value: 'AA', label: 'Zeta of Co' }, { value: 'BB', label: 'Acorn' }, { value: 'CO', label: 'Colombia' }, { value: 'DD', label: 'Costa' },
    ];
    expect(labels(filterOptions(options, 'co'))).toEqual(['Colombia', 'Costa', 'Zeta of Co', 'Acorn']);
    expect(labels(filterOptions(options, ''))).toEqual(['Zeta of Co', 'Acorn', 'Colombia', 'Costa']);
    expect(filterOptions(options, 'xyz')).toEqual([]);
  });

  it('moves through the shown options with the arrow keys, wrapping round', () => {
    expect(moveActive(-1, 3, 'ArrowDown')).toBe(0);
    expect(moveActive(2, 3, 'ArrowDown')).toBe(0);
    expect(moveActive(-1, 3, 'ArrowUp')).toBe(2);
    expect(moveActive(0, 3, 'ArrowUp')).toBe(2);
    expect(moveActive(0, 0, 'ArrowDown')).toBe(-1);
  });
});

const options = [
  { value: 'BR', label: 'Brazil' }, { value: 'GT', label: 'Guatemala' }, { value: 'GU', label: 'Guam' }, { value: 'MX', label: 'Mexico' },
];

function mounted(values: string[] = []) {
  const box = combobox({ id: 'countries-1', name: 'countries', label: 'Countries', options, values, describedBy: 'countries-1-hint' });
  document.body.replaceChildren(box.element);
  const input = box.input;
  const type = (text: string) => { input.value = text; input.dispatchEvent(new Event('input', { bubbles: true })); };
  const key = (name: string) => {
    const event = new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true });
    input.dispatchEvent(event);
    return event.defaultPrevented;
  };
  const list = () => document.getElementById(input.getAttribute('aria-controls')!)!;
  const active = () => document.getElementById(input.getAttribute('aria-activedescendant') ?? '')?.textContent ?? null;
  const chips = () => [...box.element.querySelectorAll<HTMLButtonElement>('.chip')];
  return { box, input, type, key, list, active, chips };
}

describe('the combobox', () => {
  it('is an ARIA 1.2 combobox controlling a listbox of options', () => {
    const { input, list, type } = mounted(['MX']);
    expect(input.getAttribute('role')).toBe('combobox');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.getAttribute('aria-describedby')).toBe('countries-1-hint');
    expect(list().getAttribute('role')).toBe('listbox');
    expect(list().hidden).toBe(true);
    type('m');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(list().hidden).toBe(false);
    const mexico = [...list().querySelectorAll('[role=option]')].find((o) => o.textContent === 'Mexico')!;
    expect(mexico.getAttribute('aria-selected')).toBe('true');
  });

  it('filters as one types, moves with the arrows, chooses with Enter and closes with Escape', () => {
    const { box, input, type, key, list, active, chips } = mounted();
    type('gua');
    expect([...list().querySelectorAll<HTMLElement>('[role=option]')].filter((o) => !o.hidden).map((o) => o.textContent)).toEqual(['Guatemala', 'Guam']);
    expect(active()).toBe('Guatemala');
    key('ArrowDown');
    expect(active()).toBe('Guam');
    key('ArrowDown');
    expect(active()).toBe('Guatemala');
    key('ArrowUp');
    expect(active()).toBe('Guam');
    expect(key('Enter')).toBe(true); // chosen, not the form submitted
    expect(box.value()).toEqual(['GU']);
    expect(input.value).toBe('');
    expect(chips().map((c) => c.getAttribute('aria-label'))).toEqual(['Remove Guam']);
    // Chosen by keyboard, the list closes so that it covers nothing below; Enter then submits as in any field.
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.hasAttribute('aria-activedescendant')).toBe(false);
    expect(key('Enter')).toBe(false);
    key('ArrowDown');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(active()).toBe('Brazil');
    expect(key('Escape')).toBe(true);
    expect(input.getAttribute('aria-expanded')).toBe('false');
    type('gu');
    expect(key('Escape')).toBe(true); // closes the list
    expect(key('Escape')).toBe(true); // then clears the text
    expect(input.value).toBe('');
    expect(key('Escape')).toBe(false); // and then belongs to the page (a dialog closes)
  });

  it('removes the last chip with Backspace in the empty input, and a chip by its button', () => {
    const { box, input, type, key, chips, list } = mounted(['BR', 'MX']);
    let changes = 0;
    box.element.addEventListener('change', () => changes++);
    type('x');
    expect(key('Backspace')).toBe(false); // text to delete first
    type('');
    expect(key('Backspace')).toBe(true);
    expect(box.value()).toEqual(['BR']);
    chips()[0].click();
    expect(box.value()).toEqual([]);
    type('me');
    list().querySelector<HTMLElement>('[role=option]:not([hidden])')!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
    expect(box.value()).toEqual(['MX']);
    expect(list().hidden).toBe(false); // a mouse choice leaves the list open for another
    chips()[0].click();
    expect(changes).toBe(4);
    expect(key('Backspace')).toBe(false);
    expect(document.activeElement).toBe(input);
  });

  it('says when nothing matches, without an empty listbox', () => {
    const { type, input, list } = mounted();
    type('zzz');
    expect(list().hidden).toBe(true);
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(document.querySelector<HTMLElement>('.combobox-empty')!.hidden).toBe(false);
  });

  it('is what a form uses for a choice of several: labelled by the field label, its value a list of codes', async () => {
    let submitted: unknown;
    const form = buildForm([{ name: 'countries', label: 'Countries', type: 'select', multiple: true, options, values: ['GT'] }], 'Save', async (values) => { submitted = values; });
    document.body.replaceChildren(form);
    const input = form.querySelector<HTMLInputElement>('[role=combobox]')!;
    expect(form.querySelector('label')!.htmlFor).toBe(input.id);
    expect(document.getElementById(input.getAttribute('aria-describedby')!)!.textContent).toMatch(/Type to search/);
    expect(form.querySelector('select')).toBeNull();
    input.value = 'bra';
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', cancelable: true }));
    form.requestSubmit();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(submitted).toEqual({ countries: ['GT', 'BR'] });
  });
});
