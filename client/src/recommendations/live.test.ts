import { describe, expect, it, vi } from 'vitest';
import type { RecommendationChanged, RecommendationItem, RecommendationRemoved } from '../api/types';
import { compareInstants, debounce, watchGroup, withChange, withRemoval, type Removals } from './live';
import { fakeConnection } from './watchConnection.test-helper';

const change = (groupId: string): RecommendationChanged => ({ groupId, recommendationId: 'r', change: 'comment', recommendation: {} as never });

describe('watching a group', () => {
  it('connects, asks for the group, passes on only its events, and asks again after a reconnection', async () => {
    const fake = fakeConnection();
    const changed = vi.fn();
    const resync = vi.fn();
    const watch = watchGroup(fake.typed, 'g1', { changed, removed: vi.fn(), resync });

    await watch.start();
    fake.handlers.get('RecommendationChanged')!(change('g1'));
    fake.handlers.get('RecommendationChanged')!(change('other'));
    await Promise.all(fake.reconnected.map((callback) => callback()));

    expect(fake.connection.start).toHaveBeenCalledOnce();
    expect(changed).toHaveBeenCalledOnce();
    expect(fake.connection.invoke.mock.calls).toEqual([['WatchGroup', 'g1'], ['WatchGroup', 'g1']]);
    expect(resync).toHaveBeenCalledOnce();

    watch.stop();
    expect(fake.connection.invoke).toHaveBeenLastCalledWith('UnwatchGroup', 'g1');
    expect(fake.handlers.size).toBe(0);
  });

  it('keeps quiet when the server refuses or lacks live boards', async () => {
    const fake = fakeConnection('WatchGroup');
    const watch = watchGroup(fake.typed, 'g1', { changed: vi.fn(), removed: vi.fn() });

    await expect(watch.start()).resolves.toBeUndefined();
    watch.stop();

    expect(fake.connection.invoke.mock.calls).toEqual([['WatchGroup', 'g1']]);
  });
});

describe('debounce', () => {
  it('runs once after a burst', () => {
    vi.useFakeTimers();
    const work = vi.fn();
    const run = debounce(work, 100);
    run(); run(); run();
    vi.advanceTimersByTime(99);
    expect(work).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(work).toHaveBeenCalledOnce();
    vi.useRealTimers();
  });
});

describe('a change on the board', () => {
  const item = (id: string, updatedAt: string, title = id): RecommendationItem => ({ id, updatedAt, title } as unknown as RecommendationItem);
  const changed = (recommendation: RecommendationItem): RecommendationChanged =>
    ({ groupId: 'g', recommendationId: recommendation.id, change: 'status', recommendation });

  it('replaces the row and moves it to the top', () => {
    const rows = [item('a', '2026-11-23T10:00:00+00:00'), item('b', '2026-11-23T10:00:00+00:00')];
    const next = withChange(rows, changed(item('b', '2026-11-23T10:00:01+00:00', 'b2')));
    expect(next.map((r) => [r.id, r.title])).toEqual([['b', 'b2'], ['a', 'a']]);
  });

  it('ignores a change that was overtaken by a newer one, even within the same millisecond', () => {
    const newer = [item('a', '2026-11-23T10:00:00.1234567+00:00', 'newer')];
    expect(withChange(newer, changed(item('a', '2026-11-23T10:00:00.1234+00:00', 'older')))).toBe(newer);
    expect(withChange(newer, changed(item('a', '2026-11-23T09:59:59.9+00:00', 'older')))).toBe(newer);
    expect(withChange(newer, changed(item('a', '2026-11-23T10:00:00.12346+00:00', 'later')))[0].title).toBe('later');
  });

  it('adds a recommendation it did not show yet', () => {
    expect(withChange([], changed(item('c', '2026-11-23T10:00:00Z'))).map((r) => r.id)).toEqual(['c']);
  });

  it('orders instants written with different precision and offsets', () => {
    expect(compareInstants('2026-11-23T10:00:00.5+00:00', '2026-11-23T10:00:00.4999999+00:00')).toBeGreaterThan(0);
    expect(compareInstants('2026-11-23T11:00:00+01:00', '2026-11-23T10:00:00Z')).toBe(0);
    expect(compareInstants('2026-11-23T10:00:00.0000001Z', '2026-11-23T10:00:00Z')).toBeGreaterThan(0);
  });
});

describe('a recommendation leaving the board and coming back', () => {
  const item = (id: string, updatedAt: string, title = id): RecommendationItem => ({ id, updatedAt, title } as unknown as RecommendationItem);
  const changed = (recommendation: RecommendationItem): RecommendationChanged =>
    ({ groupId: 'g', recommendationId: recommendation.id, change: 'updated', recommendation });
  const removed = (id: string, at: string): RecommendationRemoved => ({ groupId: 'g', recommendationId: id, at });
  const t0 = '2026-11-23T10:00:00.0000001+00:00';
  const hidden = '2026-11-23T10:00:00.0010001+00:00';
  const shownAgain = '2026-11-23T10:00:00.0010002+00:00';

  it('in order: the row goes, then comes back', () => {
    const removals: Removals = new Map();
    let rows = withRemoval([item('a', t0), item('b', t0)], removed('a', hidden), removals);
    expect(rows.map((r) => r.id)).toEqual(['b']);
    rows = withChange(rows, changed(item('a', shownAgain)), removals);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('hidden then shown again, arriving shown first: the late removal does not take the row away', () => {
    const removals: Removals = new Map();
    let rows = withChange([item('a', t0)], changed(item('a', shownAgain, 'again')), removals);
    rows = withRemoval(rows, removed('a', hidden), removals);
    expect(rows.map((r) => r.title)).toEqual(['again']);
  });

  it('changed then hidden, arriving hidden first: the late change does not bring the row back', () => {
    const removals: Removals = new Map();
    let rows = withRemoval([item('a', t0)], removed('a', shownAgain), removals);
    rows = withChange(rows, changed(item('a', hidden, 'late')), removals);
    expect(rows).toEqual([]);
  });

  it('a removal of a row not shown is remembered, and an older one does not replace it', () => {
    const removals: Removals = new Map();
    const rows: RecommendationItem[] = [];
    expect(withRemoval(rows, removed('a', shownAgain), removals)).toBe(rows);
    withRemoval(rows, removed('a', hidden), removals);
    expect(removals.get('a')).toBe(shownAgain);
    expect(withChange(rows, changed(item('a', hidden)), removals)).toBe(rows);
  });
});
