import { HubConnectionState, type HubConnection } from '@microsoft/signalr';
import { ApiError } from '../api/client';
import type { SessionClosedReason, SessionDetail } from '../api/types';
import { hubError } from '../collab/live';

export type SessionConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed';

/** What the session page does with what the hub says. */
export interface SessionEvents {
  /** The whole session as this reader sees it now, and when it arrived here (for the clock offset). */
  view(view: SessionDetail, receivedAt: number): void;
  /** Removed by a facilitator, or the session (or the group) is gone for this reader: nothing more will come. */
  closed(reason: SessionClosedReason): void;
  status(status: SessionConnectionStatus): void;
}

/** The part of a SignalR connection a live session uses (a fake in tests). */
export type SessionConnection = Pick<HubConnection, 'state' | 'start' | 'stop' | 'invoke' | 'on' | 'off' | 'onreconnected' | 'onreconnecting' | 'onclose'>;

export interface LiveSession {
  /** Connects and joins; a refusal is thrown as an ApiError with the server's title. */
  start(): Promise<void>;
  /** Calls a hub method with the session's id first; the view it answers with is shown; a refusal is thrown as an ApiError. */
  send(method: string, ...args: unknown[]): Promise<void>;
  /** Leaves the session and closes the connection. */
  stop(): Promise<void>;
}

/**
 * One session on its own hub connection: joins on start and again after every reconnection
 * (the server forgets a dropped connection), and shows every view that is not older than the
 * one on screen — a method's answer and the broadcast of the same change may arrive in either order.
 */
export function joinSession(connection: SessionConnection, sessionId: string, on: SessionEvents): LiveSession {
  let stopped = false;
  let joined = false;
  let latest = Number.NEGATIVE_INFINITY;

  const show = (view: SessionDetail | undefined | null) => {
    if (stopped || !view || view.id !== sessionId) return;
    const at = Date.parse(view.serverNow);
    if (at < latest) return;
    latest = at;
    on.view(view, Date.now());
  };
  const closed = (id: string, reason: SessionClosedReason) => {
    if (stopped || id !== sessionId) return;
    stopped = true;
    on.status('closed');
    on.closed(reason);
    void connection.stop().catch(() => undefined);
  };
  connection.on('Session', show);
  connection.on('SessionClosed', closed);
  connection.onreconnecting(() => { if (!stopped) on.status('reconnecting'); });
  connection.onclose(() => { if (!stopped) on.status('offline'); });
  const rejoin = async (attempt: number) => {
    if (stopped) return;
    try {
      await join();
    } catch (error) {
      // Removed or gone while away: say so. Briefly unavailable (a node died and the cluster is
      // moving the session): try again, backing off. Anything else waits for the next reconnection.
      if (error instanceof ApiError && error.code === 'session.removed') closed(sessionId, 'removed');
      else if (error instanceof ApiError && error.status === 404) closed(sessionId, 'gone');
      else if (error instanceof ApiError && error.status === 503 && connection.state === HubConnectionState.Connected) {
        setTimeout(() => void rejoin(attempt + 1), rejoinDelays[Math.min(attempt, rejoinDelays.length - 1)]);
      }
    }
  };
  connection.onreconnected(() => rejoin(0));

  const join = async () => {
    joined = false;
    try {
      show(await connection.invoke<SessionDetail>('JoinSession', sessionId));
    } catch (error) {
      throw refusal(error);
    }
    joined = true;
    on.status('connected');
  };

  return {
    async start() {
      on.status('connecting');
      if (connection.state === HubConnectionState.Disconnected) {
        try {
          await connection.start();
        } catch {
          on.status('offline');
          throw new ApiError(0, 'network', '');
        }
      }
      await join();
    },
    async send(method, ...args) {
      if (stopped) return;
      if (connection.state !== HubConnectionState.Connected) throw new ApiError(0, 'network', '');
      let answer: SessionDetail | undefined;
      try {
        answer = await connection.invoke<SessionDetail>(method, sessionId, ...args);
      } catch (error) {
        throw refusal(error);
      }
      show(answer);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      connection.off('Session', show);
      connection.off('SessionClosed', closed);
      if (joined && connection.state === HubConnectionState.Connected) {
        await connection.invoke('LeaveSession', sessionId).catch(() => undefined);
      }
      await connection.stop().catch(() => undefined);
    },
  };
}

/** Waits before joining again after a transient refusal, in milliseconds. */
const rejoinDelays = [250, 500, 1000, 2000, 4000];

// The hub's error kinds (ErrorKind, lower-cased) as the HTTP statuses the REST API would use.
const statuses: Record<string, number> = { unauthenticated: 401, forbidden: 403, notfound: 404, conflict: 409, gone: 410, locked: 423, unavailable: 503 };

/** A hub refusal as the REST API's error, so forms and alerts show it the same way. */
export function refusal(error: unknown): ApiError {
  const typed = hubError(error);
  if (!typed) return new ApiError(0, 'network', '');
  return new ApiError(statuses[typed.kind.replace('-', '')] ?? 400, typed.code, typed.title);
}
