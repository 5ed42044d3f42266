import { describe, expect, it } from 'vitest';
import type { QuestionView } from '../api/types';
import { shares } from './poll';
import { arrange } from './questions';

describe('session helpers', () => {
  it('gives each poll choice its share of the votes', () => {
    expect(shares({ agree: 2, abstain: 1, disagree: 0, block: 0 }).map((s) => s.percent)).toEqual([67, 33, 0, 0]);
    expect(shares({ agree: 0, abstain: 0, disagree: 0, block: 0 }).map((s) => s.percent)).toEqual([0, 0, 0, 0]);
  });

  it('keeps open questions in the server\'s order and puts the others after', () => {
    const q = (id: string, status: QuestionView['status']) => ({ id, status }) as QuestionView;
    const { open, done } = arrange([q('a', 'answered'), q('b', 'open'), q('c', 'dismissed'), q('d', 'open')]);
    expect(open.map((x) => x.id)).toEqual(['b', 'd']);
    expect(done.map((x) => x.id)).toEqual(['a', 'c']);
  });
});
