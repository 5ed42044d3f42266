import { describe, expect, it } from 'vitest';
import { h } from '../ui/dom';
import { who } from './part';

const text = (parts: (Node | string)[]): string => h('p', {}, ...parts).textContent ?? '';

describe('people in a session', () => {
  it('shows a hidden name as the organisation and the role, "independent" without an organisation', () => {
    expect(text(who({ id: null, name: null, organisation: 'Transparencia Mexicana' }, 'member'))).toBe('Transparencia MexicanaMember');
    expect(text(who({ id: null, name: null, organisation: '' }, 'facilitator'))).toBe('IndependentFacilitator');
  });

  it('shows names as today, marks observers, and marks the reader\'s own entry without comparing ids', () => {
    expect(text(who({ id: '1', name: 'Beatriz', organisation: 'Transparencia Mexicana' }, 'member'))).toBe('Beatriz (Transparencia Mexicana)');
    expect(text(who({ id: null, name: null, organisation: 'UNODC' }, 'observer', true))).toBe('UNODC (you)Observer');
  });
});
