import { HubConnectionState } from '@microsoft/signalr';
import { describe, expect, it, vi } from 'vitest';
import type { RecommendationChanged } from '../api/types';
import { debounce, watchGroup, type WatchConnection } from './live';

/** A connection that records what the page asks and lets the test play the server. */
function fakeConnection(refuse = false) {
  const handlers = new Map<string, (...args: unknown[]) => void>();
  const reconnected: (() => unknown)[] = [];
  const connection = {
    state: HubConnectionState.Disconnected as HubConnectionState,
    start: vi.fn(async () => { connection.state = HubConnectionState.Connected; }),
    invoke: vi.fn(async (name: string) => { if (refuse && name === 'WatchGroup') throw new Error('Method does not exist.'); }),
    on: vi.fn((name: string, handler: (...args: unknown[]) => void) => { handlers.set(name, handler); }),
    off: vi.fn((name: string) => { handlers.delete(name); }),
    onreconnected: vi.fn((callback: () => unknown) => { reconnected.push(callback); }),
  };
  return { connection, handlers, reconnected, typed: connection as unknown as WatchConnection };
}

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
    const fake = fakeConnection(true);
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
