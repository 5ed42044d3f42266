import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n';
import {
  articleLabel, compareReferences, conventionLoaded, cycleLabel, loadConvention, normaliseReference, scopeArticles, scopeLabel, useConvention,
} from './catalogue';
import { testConvention } from './fixture.test-helper';

const convention = testConvention();

describe('the catalogue', () => {
  afterEach(() => { useConvention(undefined); setLanguage('en', false); });

  it('reads references as the server does, and refuses what is not an article', () => {
    for (const [text, expected] of [['Art. 33', 'Art. 33'], ['art 8.4', 'Art. 8.4'], ['Article 13.2', 'Art. 13.2'], ['13.2', 'Art. 13.2'],
      ['artículo 5', 'Art. 5'], ['artigo 5', 'Art. 5'], ['Art. 46.30', 'Art. 46.30']]) {
      expect(normaliseReference(text)).toBe(expected);
    }
    for (const bad of ['Art. 72', '0', '33.31', 'Art. 33.0', 'abc', '']) expect(normaliseReference(bad)).toBeUndefined();
  });

  it('labels articles with their title in the language asked for, paragraphs with their article\'s', () => {
    expect(articleLabel('Art. 33', 'en', convention)).toBe('Art. 33 — Protection of reporting persons');
    expect(articleLabel('art 33.2', 'es', convention)).toBe('Art. 33.2 — Protección de los denunciantes');
    expect(articleLabel('Art. 33', 'pt', convention)).toMatch(/^Art\. 33 — \S/);
    expect(articleLabel('Art. 99', 'en', convention)).toBe('Art. 99');
    expect(articleLabel('Art. 33', 'en', undefined)).toBe('Art. 33');
  });

  it('expands scopes: an article, a chapter by numeral or number, a cycle; nothing for unknown ones', () => {
    expect([...scopeArticles(convention, '33')!]).toEqual([33]);
    expect([...scopeArticles(convention, 'Art. 33.2')!]).toEqual([33]);
    expect(scopeArticles(convention, 'chapter:III')!.size).toBe(28);
    expect([...scopeArticles(convention, 'chapter:3')!]).toEqual([...scopeArticles(convention, 'chapter:iii')!]);
    expect(scopeArticles(convention, 'cycle:1')!.size).toBe(36);
    const cycle2 = scopeArticles(convention, 'cycle:2')!;
    expect(cycle2.size).toBe(19);
    expect(cycle2.has(5) && cycle2.has(14) && cycle2.has(51) && cycle2.has(59) && !cycle2.has(15)).toBe(true);
    for (const bad of ['chapter:IX', 'cycle:3', 'cycle:two', 'article:33', 'abc', '']) expect(scopeArticles(convention, bad)).toBeUndefined();
  });

  it('names cycles and chapters in the interface language', () => {
    const cycle = convention.cycles.find((c) => c.number === 2)!;
    expect(cycleLabel(convention, cycle, 'en')).toBe('Cycle 2: chapters II and V');
    expect(cycleLabel(convention, cycle, 'es')).toBe('Ciclo 2: capítulos II y V');
    expect(cycleLabel(convention, cycle, 'pt')).toBe('Ciclo 2: capítulos II e V');
    expect(scopeLabel('chapter:III', 'en', convention)).toBe('Chapter III — Criminalization and law enforcement');
  });

  it('sorts references by article then paragraph', () => {
    expect(['Art. 13.2', 'Art. 8.4', 'Art. 13', 'x'].sort(compareReferences)).toEqual(['Art. 8.4', 'Art. 13', 'Art. 13.2', 'x']);
  });

  it('loads once, and tries again after a failure', async () => {
    let calls = 0;
    await expect(loadConvention(() => { calls++; return Promise.reject(new Error('offline')); })).rejects.toThrow('offline');
    const fetcher = () => { calls++; return Promise.resolve(convention); };
    await loadConvention(fetcher);
    await loadConvention(fetcher);
    expect(calls).toBe(2);
    expect(conventionLoaded()).toBe(convention);
  });
});
