import { onLeave } from '../ui/page';

/**
 * Refreshes an open directory page when network news "directory" arrives. LEAD: wire it here, once
 * client/src/network/news.ts is on main — `watchNetwork(connection, 'directory', refresh)` — and stop it
 * in the onLeave below; until then the page refreshes when opened.
 */
export function refreshOnDirectoryNews(refresh: () => void): void {
  void refresh;
  onLeave(() => undefined);
}
