import { describe, expect, it, vi } from 'vitest';
import { fakeConnection } from '../recommendations/watchConnection.test-helper';
import { watchNetwork } from './news';

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
    const fake = fakeConnection('WatchNetwork');
    const watch = watchNetwork(fake.typed, 'directory', vi.fn());

    await expect(watch.start()).resolves.toBeUndefined();
    watch.stop();
    expect(fake.connection.invoke.mock.calls).toEqual([['WatchNetwork']]);
  });
});
