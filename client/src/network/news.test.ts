import { HubConnectionState } from '@microsoft/signalr';
import { describe, expect, it, vi } from 'vitest';
import type { WatchConnection } from '../recommendations/live';
import { watchNetwork } from './news';

/** A connection that records what the page asks and lets the test play the server. */
function fakeConnection(refuse = false) {
  const handlers = new Map<string, (...args: unknown[]) => void>();
  const reconnected: (() => unknown)[] = [];
  const connection = {
    state: HubConnectionState.Disconnected as HubConnectionState,
    start: vi.fn(async () => { connection.state = HubConnectionState.Connected; }),
    invoke: vi.fn(async (name: string) => { if (refuse && name === 'WatchNetwork') throw new Error('Method does not exist.'); }),
    on: vi.fn((name: string, handler: (...args: unknown[]) => void) => { handlers.set(name, handler); }),
    off: vi.fn((name: string) => { handlers.delete(name); }),
    onreconnected: vi.fn((callback: () => unknown) => { reconnected.push(callback); }),
  };
  return { connection, handlers, reconnected, typed: connection as unknown as WatchConnection };
}

describe('watching the network', () => {
  it('passes on only its kind of news, asks again and reads again after a reconnection, and unwatches', async () => {
    const fake = fakeConnection();
    const onNews = vi.fn();
    const watch = watchNetwork(fake.typed, 'library', onNews);

    await watch.start();
    fake.handlers.get('NetworkNews')!('directory');
    expect(onNews).not.toHaveBeenCalled();
    fake.handlers.get('NetworkNews')!('library');
    expect(onNews).toHaveBeenCalledOnce();
    await Promise.all(fake.reconnected.map((callback) => callback()));
    expect(onNews).toHaveBeenCalledTimes(2);
    expect(fake.connection.invoke.mock.calls).toEqual([['WatchNetwork'], ['WatchNetwork']]);

    watch.stop();
    expect(fake.connection.invoke).toHaveBeenLastCalledWith('UnwatchNetwork');
    expect(fake.handlers.size).toBe(0);
  });

  it('keeps quiet when the server refuses, and sends no unwatch then', async () => {
    const fake = fakeConnection(true);
    const watch = watchNetwork(fake.typed, 'directory', vi.fn());

    await expect(watch.start()).resolves.toBeUndefined();
    watch.stop();
    expect(fake.connection.invoke.mock.calls).toEqual([['WatchNetwork']]);
  });
});
