import { beforeEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n';
import { cellName, networkPath, scopeChoices, scopeLabel, type GridColumn, type NamedScope } from './grid';

const column: GridColumn = { article: 33, reference: 'Art. 33', label: 'Art. 33 — Protection of reporting persons', total: 3, link: '/network?scope=33' };

describe('the network grid', () => {
  beforeEach(() => { setLanguage('en', false); });

  it('names a cell by country, article, count and its worst and best status', () => {
    expect(cellName('MX', column, { article: 33, count: 3, worst: 'not-started', best: 'implemented', noInformation: 0, link: '/network?scope=33&country=MX' }))
      .toBe('Mexico, Art. 33 — Protection of reporting persons: 3 adopted, worst: not started, best: implemented');
    expect(cellName('MX', column, { article: 33, count: 1, worst: 'in-progress', best: 'in-progress', noInformation: 0, link: 'x' }))
      .toBe('Mexico, Art. 33 — Protection of reporting persons: 1 adopted, worst: in progress, best: in progress');
    expect(cellName('BR', column, { article: 33, count: 0, worst: null, best: null, noInformation: 0, link: null }))
      .toBe('Brazil, Art. 33 — Protection of reporting persons: no adopted recommendation');
  });

  it('names cells in Portuguese too', () => {
    setLanguage('pt', false);
    expect(cellName('MX', { ...column, label: 'Art. 33 — Proteção aos denunciantes' }, { article: 33, count: 2, worst: 'not-started', best: 'implemented', noInformation: 0, link: 'x' }))
      .toBe('México, Art. 33 — Proteção aos denunciantes: 2 adotadas, pior: não iniciada, melhor: implementada');
  });

  it('labels scopes and builds addresses', () => {
    const chapter: NamedScope = { kind: 'chapter', chapter: { number: 3, roman: 'III', title: 'Criminalization and law enforcement' }, cycle: null, articles: [] };
    expect(scopeLabel(chapter)).toBe('Chapter III — Criminalization and law enforcement');
    expect(scopeLabel({ kind: 'cycle', chapter: null, cycle: 2, articles: [] })).toBe('Review cycle 2');
    expect(scopeLabel({ kind: 'article', chapter: null, cycle: null, articles: [{ ...column, inScope: true, article: 33 }] })).toBe(column.label);
    expect(networkPath('chapter:III', 'MX')).toBe('/network?scope=chapter%3AIII&country=MX');
    expect(networkPath(null, null)).toBe('/network');
    expect(scopeChoices().map((c) => c.value)).toEqual(['', 'cycle:1', 'cycle:2', 'chapter:I', 'chapter:II', 'chapter:III', 'chapter:IV', 'chapter:V', 'chapter:VI', 'chapter:VII', 'chapter:VIII']);
  });
});
