import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n';
import { filterOptions } from '../ui/combobox';
import { useConvention } from './catalogue';
import { testConvention } from './fixture.test-helper';
import { articleOptions, createArticlePicker, namedChoice } from './picker';

const convention = testConvention();
const labels = (found: { label: string }[]) => found.map((o) => o.label);

function type(input: HTMLInputElement, text: string) {
  input.value = text;
  input.dispatchEvent(new Event('input'));
}
const key = (input: HTMLInputElement, name: string) => input.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }));

describe('the article picker', () => {
  afterEach(() => { useConvention(undefined); setLanguage('en', false); document.body.replaceChildren(); });

  it('offers the 71 articles, and with scopes the cycles and chapters first', () => {
    expect(articleOptions(convention, 'en')).toHaveLength(71);
    const scoped = articleOptions(convention, 'en', true);
    expect(scoped).toHaveLength(81);
    expect(scoped.slice(0, 3).map((o) => o.value)).toEqual(['cycle:1', 'cycle:2', 'chapter:I']);
  });

  it('finds an article by number and by title words, accents ignored, in the interface language', () => {
    const es = articleOptions(convention, 'es');
    expect(labels(filterOptions(es, '33'))).toEqual(['Art. 33 — Protección de los denunciantes']);
    expect(labels(filterOptions(es, 'proteccion de los denun'))).toEqual(['Art. 33 — Protección de los denunciantes']);
    expect(labels(filterOptions(articleOptions(convention, 'en'), 'reporting persons'))).toEqual(['Art. 33 — Protection of reporting persons']);
  });

  it('names paragraphs, article forms, chapters and cycles typed exactly', () => {
    const named = namedChoice(convention, 'en', true);
    expect(named('33.2')).toEqual({ value: 'Art. 33.2', label: 'Art. 33.2 — Protection of reporting persons' });
    expect(named('artículo 5')?.value).toBe('Art. 5');
    expect(named('capítulo 3')?.value).toBe('chapter:III');
    expect(named('chapter:III')?.value).toBe('chapter:III');
    expect(named('cycle 2')).toEqual({ value: 'cycle:2', label: 'Cycle 2: chapters II and V' });
    expect(named('cycle 9')).toBeUndefined();
    expect(namedChoice(convention, 'en', false)('chapter III')).toBeUndefined();
  });

  it('is chosen by keyboard: a typed paragraph, Enter, a titled chip; Backspace removes it', () => {
    useConvention(convention);
    const changes: string[][] = [];
    const picker = createArticlePicker({ label: 'Articles', selected: ['Art. 8.4'], onChange: (r) => changes.push(r), id: 'arts' });
    document.body.append(picker);
    const input = picker.querySelector<HTMLInputElement>('input[role="combobox"]')!;
    expect(picker.querySelector('label')!.htmlFor).toBe('arts');
    expect(picker.querySelector('.chip')!.textContent).toContain('Art. 8.4 — ');

    type(input, '33.2');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    key(input, 'Enter');
    expect(changes.at(-1)).toEqual(['Art. 8.4', 'Art. 33.2']);
    expect([...picker.querySelectorAll('.chip')].map((c) => c.textContent)).toContain('Art. 33.2 — Protection of reporting persons×');

    key(input, 'Backspace');
    expect(changes.at(-1)).toEqual(['Art. 8.4']);
  });

  it('with scopes returns chapters and cycles as scopes', () => {
    useConvention(convention);
    let last: string[] = [];
    const picker = createArticlePicker({ label: 'Article', selected: [], onChange: (r) => { last = r; }, scopes: true });
    document.body.append(picker);
    const input = picker.querySelector<HTMLInputElement>('input[role="combobox"]')!;
    type(input, 'cycle 2');
    key(input, 'Enter');
    type(input, 'Preventive');
    key(input, 'Enter');
    expect(last).toEqual(['cycle:2', 'chapter:II']);
  });
});
