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
