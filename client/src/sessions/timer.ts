/**
 * The countdown of the current agenda item, in the server's time: every screen computes its
 * own clock's offset from the `serverNow` of each view it receives, so all screens show the
 * same remaining time whatever their clocks say.
 */

/** How far the server's clock is ahead of this one (ms), from a view's `serverNow` and when it arrived here. */
export function clockOffset(serverNow: string, receivedAt: number): number {
  const server = Date.parse(serverNow);
  return Number.isNaN(server) ? 0 : server - receivedAt;
}

/** Milliseconds left until `endsAt` in server time (negative once over time). */
export function remaining(endsAt: string, now: number, offset: number): number {
  return Date.parse(endsAt) - (now + offset);
}

export interface Countdown {
  /** "4:05", "1:02:00"; always without a sign. */
  readonly clock: string;
  readonly over: boolean;
}

/**
 * Whole seconds, rounded so that a fresh 5-minute item shows 5:00 and the last second shows
 * 0:01; over time counts up from 0:01 (0:00 is the moment the time box ends).
 */
export function countdown(ms: number): Countdown {
  const over = ms < 0;
  const seconds = over ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
  return { clock, over: over && seconds > 0 };
}

/** What a countdown needs of a session view (the item's or the turn's). */
export interface Timed {
  itemEndsAt: string | null;
  itemPausedAt: string | null;
}

/**
 * Milliseconds left of the current item, or null when nothing runs. While paused the time left stands
 * still at what it was when the facilitator paused (`itemEndsAt − itemPausedAt`, both server times).
 */
export function itemRemaining(view: Timed, now: number, offset: number): number | null {
  if (view.itemEndsAt === null) return null;
  if (view.itemPausedAt !== null) return Date.parse(view.itemEndsAt) - Date.parse(view.itemPausedAt);
  return remaining(view.itemEndsAt, now, offset);
}
