import { HubConnectionState, type HubConnection } from '@microsoft/signalr';
import type { RecommendationChanged, RecommendationItem, RecommendationRemoved } from '../api/types';

/** What a board or a thread does with a group's live events. */
export interface GroupEvents {
  changed(event: RecommendationChanged): void;
  removed(event: RecommendationRemoved): void;
  /** The reader left the group or was removed from it. */
  closed?(): void;
  /** Back after a dropped connection: events may have been missed, read again what is shown. */
  resync?(): void;
}

/** The part of a SignalR connection a watch uses (a fake in tests). */
export type WatchConnection = Pick<HubConnection, 'state' | 'start' | 'invoke' | 'on' | 'off' | 'onreconnected'>;

export interface GroupWatch {
  /** Connects if needed and asks for the group's events; a refusal only means no live updates. */
  start(): Promise<void>;
  stop(): void;
}

/**
 * Follows a group's recommendation board and threads on the page's hub connection, asking
 * again after every reconnection (the server forgets a dropped connection's watches).
 */
export function watchGroup(connection: WatchConnection, groupId: string, on: GroupEvents): GroupWatch {
  let stopped = false;
  let watching = false;
  const changed = (event: RecommendationChanged) => { if (!stopped && event.groupId === groupId) on.changed(event); };
  const removed = (event: RecommendationRemoved) => { if (!stopped && event.groupId === groupId) on.removed(event); };
  const closed = (id: string) => { if (!stopped && id === groupId) on.closed?.(); };
  connection.on('RecommendationChanged', changed);
  connection.on('RecommendationRemoved', removed);
  connection.on('GroupClosed', closed);

  const ask = async () => {
    if (stopped) return;
    try {
      await connection.invoke('WatchGroup', groupId);
      watching = true;
    } catch {
      watching = false; // not allowed, or a server without live boards: the page works without live updates
    }
  };
  connection.onreconnected(async () => {
    await ask();
    if (!stopped) on.resync?.();
  });

  return {
    async start() {
      if (connection.state === HubConnectionState.Disconnected) {
        try {
          await connection.start();
        } catch {
          return; // offline: the page still works, and says so where it matters
        }
      }
      await ask();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      connection.off('RecommendationChanged', changed);
      connection.off('RecommendationRemoved', removed);
      connection.off('GroupClosed', closed);
      if (watching && connection.state === HubConnectionState.Connected) {
        connection.invoke('UnwatchGroup', groupId).catch(() => undefined);
      }
    },
  };
}

/** Runs the latest call at most once per `delay` ms after the calls stop (many events, one re-read). */
export function debounce(work: () => void, delay = 100): { (): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    clearTimeout(timer);
    timer = setTimeout(work, delay);
  };
  run.cancel = () => clearTimeout(timer);
  return run;
}

/** When each recommendation last left a board (the `at` of its removal), by id. */
export type Removals = Map<string, string>;

/**
 * The board's rows after a change: the changed row first. Events may overtake each other on their
 * way (two quick changes of one recommendation; hidden from observers, then shown again), so a change
 * older than the row shown, or than the row's removal, is ignored.
 */
export function withChange(items: RecommendationItem[], event: RecommendationChanged, removals?: Removals): RecommendationItem[] {
  const updatedAt = event.recommendation.updatedAt;
  const shown = items.find((i) => i.id === event.recommendationId);
  if (shown && compareInstants(updatedAt, shown.updatedAt) < 0) return items;
  const removedAt = removals?.get(event.recommendationId);
  if (removedAt !== undefined && compareInstants(updatedAt, removedAt) <= 0) return items;
  return [event.recommendation, ...items.filter((i) => i.id !== event.recommendationId)];
}

/**
 * The board's rows after a recommendation left it, remembered in `removals`. A removal older than the
 * row shown (overtaken by the change that showed it again) is ignored.
 */
export function withRemoval(items: RecommendationItem[], event: RecommendationRemoved, removals: Removals): RecommendationItem[] {
  const shown = items.find((i) => i.id === event.recommendationId);
  if (shown && compareInstants(event.at, shown.updatedAt) < 0) return items;
  const known = removals.get(event.recommendationId);
  if (known === undefined || compareInstants(event.at, known) > 0) removals.set(event.recommendationId, event.at);
  return shown ? items.filter((i) => i !== shown) : items;
}

/** Orders two ISO 8601 instants to the 100 ns the server writes (Date.parse stops at milliseconds). */
export function compareInstants(a: string, b: string): number {
  const [msA, subA] = instant(a);
  const [msB, subB] = instant(b);
  return msA - msB || subA - subB;
}

function instant(iso: string): [number, number] {
  const fraction = /\.(\d+)/.exec(iso)?.[1] ?? '';
  return [Date.parse(iso), Number(fraction.padEnd(7, '0').slice(3, 7))];
}
