import { describe, expect, it } from 'vitest';
import type { Participant } from '../api/types';
import { setLanguage } from '../i18n';
import { presenceLabel } from './labels';

const person = (userId: string, displayName: string, organisation: string, role: Participant['role'] = 'member'): Participant =>
  ({ sessionId: userId, userId, displayName, organisation, role, colour: '#1f77b4', anchor: 0, head: 0 });

describe('presence labels', () => {
  it('shows names when the server sends them', () => {
    const ana = person('a1', 'Ana', 'Transparency International');
    expect(presenceLabel(ana, [ana])).toBe('Ana');
  });

  it('shows organisation and role when names are hidden, and independent people as such', () => {
    setLanguage('en', false);
    const ti = person('8c0e1f00', '', 'Transparency International');
    const alone = person('9d1f2a00', '', '', 'facilitator');
    expect(presenceLabel(ti, [ti, alone])).toBe('Transparency International · member');
    expect(presenceLabel(alone, [ti, alone])).toBe('Independent · facilitator');
    setLanguage('es', false);
    expect(presenceLabel(alone, [ti, alone])).toBe('Independiente · facilitador/a');
    setLanguage('en', false);
  });

  it('tells apart two people who would read the same by a short pseudonymous tag', () => {
    const first = person('8c0e1f00', '', 'Transparency International');
    const second = person('3b7a9c00', '', 'Transparency International');
    expect(presenceLabel(first, [first, second])).toBe('Transparency International · member (8c0e)');
    expect(presenceLabel(second, [first, second])).toBe('Transparency International · member (3b7a)');
  });
});
