import { describe, expect, it } from 'vitest';
import { surrounding } from './context';

const around = (text: string, original: string, reach?: number) => {
  const from = text.indexOf(original);
  return surrounding(text, from, from + original.length, original, reach);
};

describe('the sentence around an amendment', () => {
  it('is the whole sentence when it is short', () => {
    const text = 'Reports are read. Reports are answered within 30 days of receipt. Retaliation is an offence.';
    expect(around(text, '30 days')).toEqual({ before: 'Reports are answered within ', after: ' of receipt.', cutStart: false, cutEnd: false });
  });

  it('is cut at word boundaries with the cuts marked when the sentence is long', () => {
    const words = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const text = `${words} 30 days ${words}.`;
    const result = around(text, '30 days', 30)!;
    expect(result.cutStart && result.cutEnd).toBe(true);
    expect(result.before.length).toBeLessThanOrEqual(30);
    expect(result.after.length).toBeLessThanOrEqual(30);
    expect(result.before).toMatch(/^word\d+ .* $/); // a whole first word, the space before the range kept
    expect(result.after).toMatch(/^ word0 .*word\d+$/);
    expect(text).toContain(`${result.before}30 days${result.after}`);
  });

  it('handles a range at the very start and at the very end of the text', () => {
    expect(around('Thirty days is too long. Make it fifteen.', 'Thirty days')).toEqual({ before: '', after: ' is too long.', cutStart: false, cutEnd: false });
    expect(around('Thirty days is too long. Make it fifteen.', 'fifteen.')).toEqual({ before: 'Make it ', after: '', cutStart: false, cutEnd: false });
    expect(surrounding('Whole text.', 0, 11, 'Whole text.')).toEqual({ before: '', after: '', cutStart: false, cutEnd: false });
  });

  it('stops at a line break (a heading or list item above is not part of the sentence)', () => {
    expect(around('# Deadlines\n- Answer within 30 days\n- Publish yearly', '30 days'))
      .toEqual({ before: '- Answer within ', after: '', cutStart: false, cutEnd: false });
  });

  it('never cuts a character in half', () => {
    const globes = '🌍🌎🌏'.repeat(20); // no spaces: the cut can only fall between characters
    const text = `${globes}30 days${globes}`;
    const result = around(text, '30 days', 9)!;
    for (const part of [result.before, result.after]) {
      expect(Array.from(part).every((c) => c.codePointAt(0)! > 0xffff)).toBe(true);
      expect(part.length % 2).toBe(0);
    }
    expect(result.cutStart && result.cutEnd).toBe(true);
    const accents = around('Ação cívica: prazo de 30 dias após a denúncia. Fim.', '30 dias')!;
    expect(`${accents.before}|${accents.after}`).toBe('Ação cívica: prazo de | após a denúncia.');
  });

  it('gives nothing when the text changed since (the range no longer reads what was amended)', () => {
    const then = 'Reports are answered within 30 days.';
    const now = 'Reports are always answered within 30 days.';
    const from = then.indexOf('30 days');
    expect(surrounding(then, from, from + 7, '30 days')).not.toBeNull();
    expect(surrounding(now, from, from + 7, '30 days')).toBeNull();
    expect(surrounding(now, 40, 60, '30 days')).toBeNull();
    expect(surrounding(now, 5, 2, '')).toBeNull();
  });
});
