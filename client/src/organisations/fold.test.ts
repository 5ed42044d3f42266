import { describe, expect, it } from 'vitest';
import { fold } from './types';

describe('fold', () => {
  it('makes spellings of one name equal, as the server does', () => {
    expect(fold('ORG MEMBER')).toBe('org member');
    expect(fold('Órg Mêmber')).toBe('org member');
    expect(fold('  Org-Member. ')).toBe('org member');
  });
  it('keeps different names different', () => {
    expect(fold('Org Members')).not.toBe(fold('Org Member'));
  });
});
