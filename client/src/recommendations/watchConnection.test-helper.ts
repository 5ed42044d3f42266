import { HubConnectionState } from '@microsoft/signalr';
import { vi } from 'vitest';
import type { WatchConnection } from './live';

/** A hub connection that records what a page asks and lets the test play the server; `refused` is a method it refuses. */
export function fakeConnection(refused?: string) {
  const handlers = new Map<string, (...args: unknown[]) => void>();
  const reconnected: (() => unknown)[] = [];
  const connection = {
    state: HubConnectionState.Disconnected as HubConnectionState,
    start: vi.fn(async () => { connection.state = HubConnectionState.Connected; }),
    invoke: vi.fn(async (name: string) => { if (name === refused) throw new Error('Method does not exist.'); }),
    on: vi.fn((name: string, handler: (...args: unknown[]) => void) => { handlers.set(name, handler); }),
    off: vi.fn((name: string) => { handlers.delete(name); }),
    onreconnected: vi.fn((callback: () => unknown) => { reconnected.push(callback); }),
  };
  return { connection, handlers, reconnected, typed: connection as unknown as WatchConnection };
}
