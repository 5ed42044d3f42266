import { HubConnectionState } from '@microsoft/signalr';
import { connectLive } from '../collab/live';
import { debounce, type WatchConnection } from '../recommendations/live';
import { onLeave } from '../ui/page';

/** What changed above the groups (the server's `NetworkNews` event carries only this). */
export type NetworkNewsKind = 'library' | 'directory';

export interface NetworkWatch {
  /** Connects if needed and asks for network news; a refusal only means no live updates. */
  start(): Promise<void>;
  stop(): void;
}

/**
 * Follows network news of one kind on a hub connection, asking again after every reconnection (the
 * server forgets a dropped connection's watches); `onNews` also runs after a reconnection, since news
 * may have been missed meanwhile.
 */
export function watchNetwork(connection: WatchConnection, kind: NetworkNewsKind, onNews: () => void): NetworkWatch {
  let stopped = false;
  let watching = false;
  const news = (what: string) => { if (!stopped && what === kind) onNews(); };
  connection.on('NetworkNews', news);

  const ask = async () => {
    if (stopped) return;
    try {
      await connection.invoke('WatchNetwork');
      watching = true;
    } catch {
      watching = false; // an older server: the page works without live updates
    }
  };
  connection.onreconnected(async () => {
    await ask();
    if (!stopped) onNews();
  });

  return {
    async start() {
      if (connection.state === HubConnectionState.Disconnected) {
        try {
          await connection.start();
        } catch {
          return; // offline: the page still works
        }
      }
      await ask();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      connection.off('NetworkNews', news);
      if (watching && connection.state === HubConnectionState.Connected) {
        connection.invoke('UnwatchNetwork').catch(() => undefined);
      }
    },
  };
}

/**
 * Keeps the current page live: reads again (at most once per burst) when news of `kind` arrives, on its
 * own connection, ended when the page is left.
 */
export function followNetwork(kind: NetworkNewsKind, reread: () => Promise<void> | void): void {
  const connection = connectLive();
  const again = debounce(() => { void Promise.resolve().then(reread).catch(() => undefined); }, 250);
  const watch = watchNetwork(connection, kind, again);
  onLeave(() => {
    again.cancel();
    watch.stop();
    void connection.stop();
  });
  void watch.start();
}
