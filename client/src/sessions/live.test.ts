import { HubConnectionState } from '@microsoft/signalr';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import type { SessionDetail } from '../api/types';
import { joinSession, refusal, type SessionConnection } from './live';

const view = (serverNow: string, title = 'Roundtable', id = 's1') => ({ id, title, serverNow }) as SessionDetail;

/** A connection that records what the page asks and lets the test play the server. */
function fakeConnection(answers: Record<string, unknown> = {}) {
  const handlers = new Map<string, (...args: unknown[]) => void>();
  const reconnected: (() => unknown)[] = [];
  const connection = {
    state: HubConnectionState.Disconnected as HubConnectionState,
    start: vi.fn(async () => { connection.state = HubConnectionState.Connected; }),
    stop: vi.fn(async () => { connection.state = HubConnectionState.Disconnected; }),
    invoke: vi.fn(async (name: string) => {
      const answer = answers[name];
      if (answer instanceof Error) throw answer;
      return answer;
    }),
    on: vi.fn((name: string, handler: (...args: unknown[]) => void) => { handlers.set(name, handler); }),
    off: vi.fn((name: string) => { handlers.delete(name); }),
    onreconnected: vi.fn((callback: () => unknown) => { reconnected.push(callback); }),
    onreconnecting: vi.fn(),
    onclose: vi.fn(),
  };
  return { connection, handlers, reconnected, typed: connection as unknown as SessionConnection };
}

const events = () => ({ view: vi.fn(), closed: vi.fn(), status: vi.fn() });

describe('a live session', () => {
  it('joins on start and again after a reconnection, and leaves on stop', async () => {
    const fake = fakeConnection({ JoinSession: view('2030-01-01T10:00:00Z') });
    const on = events();
    const session = joinSession(fake.typed, 's1', on);
    await session.start();
    await Promise.all(fake.reconnected.map((callback) => callback()));
    await session.stop();

    expect(fake.connection.invoke.mock.calls).toEqual([['JoinSession', 's1'], ['JoinSession', 's1'], ['LeaveSession', 's1']]);
    expect(on.status.mock.calls.map(([s]) => s)).toEqual(['connecting', 'connected', 'connected']);
    expect(fake.connection.stop).toHaveBeenCalled();
    expect(fake.handlers.size).toBe(0);
  });

  it('shows a broadcast or an answer, whichever is newer, and ignores other sessions', async () => {
    const fake = fakeConnection({ JoinSession: view('2030-01-01T10:00:00Z'), RaiseHand: view('2030-01-01T10:00:02Z', 'answer') });
    const on = events();
    const session = joinSession(fake.typed, 's1', on);
    await session.start();
    fake.handlers.get('Session')!(view('2030-01-01T10:00:03Z', 'broadcast'));
    await session.send('RaiseHand', false);
    fake.handlers.get('Session')!(view('2030-01-01T10:00:04Z', 'elsewhere', 's2'));

    expect(fake.connection.invoke).toHaveBeenLastCalledWith('RaiseHand', 's1', false);
    expect(on.view.mock.calls.map(([v]) => (v as SessionDetail).title)).toEqual(['Roundtable', 'broadcast']);
  });

  it('passes a refusal on with the server\'s words', async () => {
    const error = new Error('An unexpected error occurred invoking \'RaiseHand\' on the server. HubException: {"code":"session.not-allowed","kind":"forbidden","title":"Observers may not raise a hand now."}');
    const fake = fakeConnection({ JoinSession: view('2030-01-01T10:00:00Z'), RaiseHand: error });
    const session = joinSession(fake.typed, 's1', events());
    await session.start();
    const refused = await session.send('RaiseHand', false).catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 403, code: 'session.not-allowed', title: 'Observers may not raise a hand now.' });
    expect(refusal(new Error('{"code":"session.not-found","kind":"notfound","title":"Gone."}')).status).toBe(404);
    expect(refusal(new Error('connection closed')).status).toBe(0);
  });

  it('stops for good when the reader is removed', async () => {
    const fake = fakeConnection({ JoinSession: view('2030-01-01T10:00:00Z') });
    const on = events();
    const session = joinSession(fake.typed, 's1', on);
    await session.start();
    fake.handlers.get('SessionClosed')!('s2', 'removed');
    fake.handlers.get('SessionClosed')!('s1', 'removed');
    fake.handlers.get('Session')!(view('2030-01-01T10:00:05Z'));

    expect(on.closed.mock.calls).toEqual([['removed']]);
    expect(on.view).toHaveBeenCalledOnce();
    expect(fake.connection.stop).toHaveBeenCalled();
  });

  it('after a reconnection, says so when the reader was removed meanwhile', async () => {
    const fake = fakeConnection({ JoinSession: view('2030-01-01T10:00:00Z') });
    const on = events();
    const session = joinSession(fake.typed, 's1', on);
    await session.start();
    fake.connection.invoke.mockRejectedValueOnce(new Error('HubException: {"code":"session.removed","kind":"forbidden","title":"Removed."}'));
    await Promise.all(fake.reconnected.map((callback) => callback()));

    expect(on.closed.mock.calls).toEqual([['removed']]);
  });

  it('after a reconnection, joins again with back-off while the session is briefly unavailable (a node died)', async () => {
    vi.useFakeTimers();
    try {
      const fake = fakeConnection({ JoinSession: view('2030-01-01T10:00:00Z') });
      const on = events();
      const session = joinSession(fake.typed, 's1', on);
      await session.start();
      const unavailable = () => new Error('HubException: {"code":"document.unavailable","kind":"unavailable","title":"Not now."}');
      fake.connection.invoke.mockRejectedValueOnce(unavailable()).mockRejectedValueOnce(unavailable());
      await Promise.all(fake.reconnected.map((callback) => callback()));
      expect(fake.connection.invoke).toHaveBeenCalledTimes(2);

      await vi.advanceTimersByTimeAsync(250 + 500);

      expect(fake.connection.invoke.mock.calls.map(([name]) => name)).toEqual(['JoinSession', 'JoinSession', 'JoinSession', 'JoinSession']);
      expect(on.status.mock.calls.at(-1)).toEqual(['connected']);
      expect(on.closed).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
