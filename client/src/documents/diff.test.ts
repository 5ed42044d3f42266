import { describe, expect, it } from 'vitest';
import { diffText, words } from './diff';

const rebuild = (parts: ReturnType<typeof diffText>, side: 'before' | 'after') =>
  parts.filter((p) => p.kind === 'same' || p.kind === (side === 'before' ? 'removed' : 'added')).map((p) => p.text).join('');

describe('diffText', () => {
  it('shows a one-word change inside a long line as that word', () => {
    const parts = diffText('# Title\nPublish declarations of all senior officials.\nEnd.\n', '# Title\nPublish declarations of all public officials.\nEnd.\n');
    expect(parts).toEqual([
      { kind: 'same', text: '# Title\nPublish declarations of all ' },
      { kind: 'removed', text: 'senior' },
      { kind: 'added', text: 'public' },
      { kind: 'same', text: ' officials.\nEnd.\n' },
    ]);
  });

  it('shows added and removed lines, removed first', () => {
    expect(diffText('a\nb\nc\n', 'a\nc\nd\n')).toEqual([
      { kind: 'same', text: 'a\n' },
      { kind: 'removed', text: 'b\n' },
      { kind: 'same', text: 'c\n' },
      { kind: 'added', text: 'd\n' },
    ]);
  });

  it('gives both texts back, whatever they are', () => {
    const samples = ['', 'x', 'one two\nthree', 'ção é você 😀\n\n- list\n', 'a\nb\nc\nd\ne\nf\n', 'f\ne\nd\nc\nb\na\n'];
    for (const before of samples) {
      for (const after of samples) {
        const parts = diffText(before, after);
        expect(rebuild(parts, 'before')).toBe(before);
        expect(rebuild(parts, 'after')).toBe(after);
        expect(parts.every((p, i) => i === 0 || p.kind !== parts[i - 1].kind)).toBe(true);
      }
    }
  });

  it('equal texts are one unchanged part', () => {
    expect(diffText('same\n', 'same\n')).toEqual([{ kind: 'same', text: 'same\n' }]);
    expect(diffText('', '')).toEqual([]);
  });

  it('splits words without losing a character', () => {
    expect(words('Olá, mundo!\n  x_1').join('')).toBe('Olá, mundo!\n  x_1');
    expect(words('Olá, mundo')).toEqual(['Olá', ',', ' ', 'mundo']);
  });
});
