import { describe, expect, it } from 'vitest';
import { factsBody, parseAddressees, parseArticles, personName, today } from './format';

describe('recommendation facts from the form', () => {
  it('reads articles separated by commas, semicolons or lines', () => {
    expect(parseArticles('Art. 33, 8.4;art 13.2\n Article 5 ,')).toEqual(['Art. 33', '8.4', 'art 13.2', 'Article 5']);
    expect(parseArticles('  ')).toEqual([]);
  });

  it('reads addressees one per line, or separated by commas on a single line', () => {
    expect(parseAddressees('Congress, Ministry of Public Administration')).toEqual(['Congress', 'Ministry of Public Administration']);
    expect(parseAddressees('Ministry of Justice, Security and Human Rights\nCongress\n')).toEqual(['Ministry of Justice, Security and Human Rights', 'Congress']);
  });

  it('turns the form values into the API body, keeping the visibility when the form has none', () => {
    const body = factsBody({ title: 'T', thematicArea: 'A', articles: 'Art. 33', addressees: 'Congress', countries: ['MX', 'GT'] }, 'observers');
    expect(body).toEqual({ title: 'T', thematicArea: 'A', articles: ['Art. 33'], addressees: ['Congress'], countries: ['MX', 'GT'], visibility: 'observers' });
    expect(factsBody({ visibility: 'members' }, 'observers').visibility).toBe('members');
  });
});

describe('people and days', () => {
  it('shows the name with the organisation, or only the organisation to observers', () => {
    expect(personName({ id: '1', name: 'Beatriz', organisation: 'Transparencia Mexicana' })).toBe('Beatriz (Transparencia Mexicana)');
    expect(personName({ id: null, name: null, organisation: 'Transparencia Mexicana' })).toBe('Transparencia Mexicana');
    expect(personName({ id: '2', name: 'Independent expert', organisation: '' })).toBe('Independent expert');
    expect(personName({ id: null, name: null, organisation: '' })).toBe('Independent');
  });

  it('writes today in the API date form, in the reader’s own calendar', () => {
    expect(today(new Date(2025, 0, 5, 23, 30))).toBe('2025-01-05');
  });
});
