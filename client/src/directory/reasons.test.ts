import { describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n';
import { reasonText, regionName } from './reasons';

describe('partner reasons', () => {
  it('are worded in the reader’s language from the codes the server sends', () => {
    setLanguage('en', false);
    expect(reasonText({ code: 'same-country', value: 'MX' })).toBe('in Mexico');
    expect(reasonText({ code: 'neighbour', value: 'GT' })).toBe('neighbouring country: Guatemala');
    expect(reasonText({ code: 'sub-region', value: '013' })).toBe('same region: Central America');
    setLanguage('es', false);
    expect(reasonText({ code: 'neighbour', value: 'GT' })).toBe('país vecino: Guatemala');
    expect(regionName('029')).toBe('el Caribe');
    setLanguage('pt', false);
    expect(reasonText({ code: 'same-country', value: 'BR' })).toBe('no mesmo país: Brasil');
  });

  it('name every region the server’s geography uses, in every language', () => {
    const codes = ['005', '010', '011', '013', '014', '015', '017', '018', '021', '029', '030', '034', '035', '039', '053', '054', '057', '061', '143', '145', '151', '154', '155'];
    for (const code of codes) for (const lang of ['en', 'es', 'pt'] as const) expect(regionName(code, lang)).not.toBe(code);
  });
});
