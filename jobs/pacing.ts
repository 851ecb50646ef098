/**
 * Pacing for the senders: sliding-window limits (at most `max` sends in any `windowMs`), keyed
 * by what the platform limits (the bot overall, one chat, one group). Deterministic: the clock
 * is injected, so tests drive it by hand.
 *
 * A send occupies its place in every window from the moment it is reserved until it is
 * released, and is then dated by the time its *answer* arrived. The platform received the
 * request before answering, so the next send in the window goes out at least `windowMs` after
 * the platform saw the earlier one, whatever the network latency: tight, and never early.
 */

/** One limit: at most `max` sends in any window of `windowMs` for this key. */
export interface Limit {
  key: string;
  max: number;
  windowMs: number;
  /** A limit of one chat (a 429 for that chat pauses it), rather than of the whole bot. */
  chat?: boolean;
}

/** The limiter's view of time. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

interface Window {
  /** Answer times of released sends, oldest first; only the latest `max` can matter. */
  times: number[];
  inFlight: number;
  pausedUntil: number;
}

/** Releases a reservation; `at` is when the platform's answer arrived (default: now). */
export type Release = (at?: number) => void;

/** A sliding-window limiter over any number of keys. */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private wakeUps: (() => void)[] = [];

  constructor(private readonly clock: Clock = systemClock) {}

  /** Waits until every limit allows one more send, reserves it, and returns its release. */
  async acquire(limits: readonly Limit[]): Promise<Release> {
    for (;;) {
      const now = this.clock.now();
      const at = this.earliest(limits, now);
      if (at <= now) return this.reserve(limits);
      if (at === Infinity) await new Promise<void>((resolve) => this.wakeUps.push(resolve));
      else await this.clock.sleep(at - now);
    }
  }

  /** Holds every send on `key` until `until` (a 429's retry_after). */
  pause(key: string, until: number): void {
    const window = this.window(key);
    window.pausedUntil = Math.max(window.pausedUntil, until);
  }

  /** The first instant at which all limits allow a send (Infinity: only a release can tell). */
  earliest(limits: readonly Limit[], now: number): number {
    let at = now;
    for (const limit of limits) {
      const window = this.window(limit.key);
      at = Math.max(at, window.pausedUntil);
      // Sends in flight hold their place until released (the drain: once recorded); the oldest answers leave first.
      const excess = window.inFlight + window.times.length - limit.max + 1;
      if (excess <= 0) continue;
      if (excess > window.times.length) return Infinity;
      at = Math.max(at, window.times[excess - 1]! + limit.windowMs);
    }
    return at;
  }

  private reserve(limits: readonly Limit[]): Release {
    for (const limit of limits) this.window(limit.key).inFlight++;
    let released = false;
    return (at = this.clock.now()) => {
      if (released) return;
      released = true;
      for (const limit of limits) {
        const window = this.window(limit.key);
        window.inFlight--;
        insertSorted(window.times, at);
        // Older answers can no longer hold anything back once `max` newer ones exist.
        if (window.times.length > limit.max) window.times.splice(0, window.times.length - limit.max);
      }
      const waiting = this.wakeUps;
      this.wakeUps = [];
      for (const wake of waiting) wake();
    };
  }

  private window(key: string): Window {
    let window = this.windows.get(key);
    if (!window) {
      window = { times: [], inFlight: 0, pausedUntil: 0 };
      this.windows.set(key, window);
    }
    return window;
  }
}

function insertSorted(times: number[], at: number): void {
  let i = times.length;
  while (i > 0 && times[i - 1]! > at) i--;
  times.splice(i, 0, at);
}

/** Telegram's unpublished limits: ~30 messages a second overall, 1 a second per chat, 20 a minute per group. */
export const TELEGRAM_LIMITS = { overall: 30, perChat: 1, perGroupPerMinute: 20 } as const;

/** The limits one Telegram sendMessage to `chatId` counts against (group and channel ids are negative). */
export function telegramLimits(chatId: string): Limit[] {
  const limits: Limit[] = [
    { key: 'telegram', max: TELEGRAM_LIMITS.overall, windowMs: 1000 },
    { key: `telegram:${chatId}`, max: TELEGRAM_LIMITS.perChat, windowMs: 1000, chat: true },
  ];
  if (chatId.startsWith('-')) limits.push({ key: `telegram-group:${chatId}`, max: TELEGRAM_LIMITS.perGroupPerMinute, windowMs: 60_000, chat: true });
  return limits;
}

/**
 * At most `max` sends of this process in flight at once: a window of 0 ms counts only the sends
 * not yet released. The drain releases a send once its outcome is recorded, so this is also
 * the most a crash can leave delivered but unrecorded, to be sent again after the lease.
 */
export function inFlightLimit(max: number): Limit {
  return { key: 'in-flight', max, windowMs: 0 };
}

/** Slack's chat.postMessage: about one message a second per channel. */
export function slackLimits(channel: string): Limit[] {
  return [{ key: `slack:${channel}`, max: 1, windowMs: 1000, chat: true }];
}

/**
 * The least time (ms) the limits allow for sending these messages, zero latency assumed: the
 * overall window, and each chat's own windows. `perChat` counts messages by chat.
 */
export function leastTelegramTimeMs(perChat: ReadonlyMap<string, number>): number {
  const total = [...perChat.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  let least = Math.floor((total - 1) / TELEGRAM_LIMITS.overall) * 1000;
  for (const [chatId, count] of perChat) {
    least = Math.max(least, (count - 1) * 1000);
    if (chatId.startsWith('-')) least = Math.max(least, Math.floor((count - 1) / TELEGRAM_LIMITS.perGroupPerMinute) * 60_000);
  }
  return least;
}
