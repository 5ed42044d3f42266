import { describe, expect, it } from 'vitest';
import { match } from './router';
import { safeNext } from './auth/signIn';

describe('match', () => {
  it('extracts named parameters and rejects other shapes', () => {
    expect(match('/groups/:id', '/groups/abc-123')).toEqual({ id: 'abc-123' });
    expect(match('/invite/:token', '/invite/a%2Fb')).toEqual({ token: 'a/b' });
    expect(match('/', '/')).toEqual({});
    expect(match('/groups/:id', '/groups')).toBeNull();
    expect(match('/groups/:id', '/invite/x')).toBeNull();
  });
});

describe('safeNext', () => {
  it('only follows local paths after sign-in', () => {
    expect(safeNext('/invite/abc')).toBe('/invite/abc');
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
