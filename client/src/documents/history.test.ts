import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n';
import { counted } from '../i18n';
import { authorNames, type HistoryGroup } from './history';

const group = (names: (string | null)[]): HistoryGroup => ({
  firstRevision: 1, lastRevision: 2, start: '2026-12-07T09:00:00Z', end: '2026-12-07T09:10:00Z',
  authors: names.map((name, i) => ({ id: String(i), name })), added: 0, removed: 0, restoredFrom: null,
});

describe('history texts', () => {
  afterEach(() => { setLanguage('en', false); });

  it('counts with the language plural rule, falling back to the other form', () => {
    setLanguage('en', false);
    expect(counted('history.added', 1)).toBe('1 character added');
    expect(counted('history.added', 2)).toBe('2 characters added');
    setLanguage('pt', false);
    expect(counted('history.removed', 1)).toBe('1 caractere removido');
    setLanguage('es', false);
    // Spanish has a "many" form for millions; the catalogue's "other" serves it.
    expect(counted('history.added', 1_000_000)).toMatch(/^1.000.000 caracteres añadidos$/);
  });

  it('lists authors in the language, a person without a name as a former member', () => {
    setLanguage('es', false);
    expect(authorNames(group(['Beatriz', 'Carlos', null]))).toBe('Beatriz, Carlos y Exmiembro');
  });
});
