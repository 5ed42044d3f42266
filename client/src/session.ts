import { api } from './api/client';
import type { SessionView } from './api/types';

let current: SessionView = { authenticated: false, setupRequired: false, user: null };
const listeners: (() => void)[] = [];

/** Who is signed in, as the server last said. */
export const session = (): SessionView => current;

export async function refreshSession(): Promise<SessionView> {
  current = await api<SessionView>('GET', '/api/session');
  listeners.forEach((listener) => listener());
  return current;
}

export function onSessionChange(listener: () => void): void {
  listeners.push(listener);
}
