import { describe, expect, it } from 'vitest';
import { clockOffset, countdown, itemRemaining, remaining } from './timer';

describe('the session countdown', () => {
  it('measures how far the server clock is from this one', () => {
    expect(clockOffset('2030-01-01T10:00:05.000Z', Date.parse('2030-01-01T10:00:00.000Z'))).toBe(5000);
    expect(clockOffset('2030-01-01T09:59:58.000Z', Date.parse('2030-01-01T10:00:00.000Z'))).toBe(-2000);
    expect(clockOffset('not a date', 0)).toBe(0);
  });

  it('counts down in server time, so screens with wrong clocks agree', () => {
    const endsAt = '2030-01-01T10:05:00.000Z';
    const serverNow = '2030-01-01T10:00:00.000Z';
    const fast = Date.parse(serverNow) + 90_000; // this screen's clock is 90 s ahead
    const slow = Date.parse(serverNow) - 30_000;
    expect(remaining(endsAt, fast, clockOffset(serverNow, fast))).toBe(300_000);
    expect(remaining(endsAt, slow, clockOffset(serverNow, slow))).toBe(300_000);
    expect(remaining(endsAt, fast + 1000, clockOffset(serverNow, fast))).toBe(299_000);
  });

  it('shows minutes and seconds, and hours for long items', () => {
    expect(countdown(300_000)).toEqual({ clock: '5:00', over: false });
    expect(countdown(299_001)).toEqual({ clock: '5:00', over: false });
    expect(countdown(65_000)).toEqual({ clock: '1:05', over: false });
    expect(countdown(999)).toEqual({ clock: '0:01', over: false });
    expect(countdown(0)).toEqual({ clock: '0:00', over: false });
    expect(countdown(2 * 3600_000 + 62_000)).toEqual({ clock: '2:01:02', over: false });
  });

  it('counts the overrun up from the end of the time box', () => {
    expect(countdown(-400)).toEqual({ clock: '0:00', over: false });
    expect(countdown(-1000)).toEqual({ clock: '0:01', over: true });
    expect(countdown(-75_500)).toEqual({ clock: '1:15', over: true });
  });

  it('stands still while the item is paused and runs again when resumed', () => {
    const paused = { itemEndsAt: '2030-01-01T10:20:00.000Z', itemPausedAt: '2030-01-01T10:05:00.000Z' };
    const later = Date.parse('2030-01-01T10:09:00.000Z');
    expect(itemRemaining(paused, later, 0)).toBe(15 * 60_000);
    expect(itemRemaining(paused, later + 3_600_000, 12_345)).toBe(15 * 60_000);
    expect(itemRemaining({ ...paused, itemPausedAt: null }, later, 0)).toBe(11 * 60_000);
    expect(itemRemaining({ itemEndsAt: null, itemPausedAt: null }, later, 0)).toBeNull();
  });
});
