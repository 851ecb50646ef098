/**
 * The pace every sender process shares (db/send-pace.ts): on PostgreSQL several instances
 * drain one outbox, and each one's own limiter (pacing.ts) sees only its own sends, so two of
 * them would send twice Telegram's or Slack's rate. A send takes its place in the database too,
 * after its place in the process's limiter, and gives it back once answered.
 */
import type { Db } from '../db/client.ts';
import { pausePace, releasePace, reservePace } from '../db/send-pace.ts';
import { type Limit, systemClock } from './pacing.ts';
import { SEND_TIMEOUT_MS } from './senders/types.ts';

/** Gives the place back once the send is answered; never throws (a place not given back expires). */
export type SharedRelease = () => Promise<void>;

export interface SharedPace {
  /** Waits until every limit allows one more send across all processes, and reserves it. */
  acquire(limits: readonly Limit[]): Promise<SharedRelease>;
  /** Holds every send on these keys for `ms`, in every process (a 429's retry_after). */
  pause(keys: readonly string[], ms: number): Promise<void>;
}

export interface SharedPaceOptions {
  /** Real time: the waits are measured by the database's clock. */
  sleep?: (ms: number) => Promise<void>;
  /** How often to look again while another process's send to the same chat awaits its answer. */
  pollMs?: number;
  /** Logs a release that failed (its place then expires by itself). */
  onError?: (error: unknown) => void;
}

// A send holds its place until its answer, at most the send timeout; a little over, for the record.
const IN_FLIGHT_MS = SEND_TIMEOUT_MS + 5_000;

export function createSharedPace(db: Db, options: SharedPaceOptions = {}): SharedPace {
  const sleep = options.sleep ?? systemClock.sleep;
  const pollMs = options.pollMs ?? 20;
  return {
    async acquire(limits) {
      // A window of 0 ms counts this process's sends in flight: the process's own business.
      const shared = limits.filter((l) => l.windowMs > 0);
      for (;;) {
        const r = await reservePace(db, shared, IN_FLIGHT_MS);
        if (r.reserved) {
          return () =>
            releasePace(
              db,
              shared.map((l) => l.key),
              r.token,
            ).catch((error: unknown) => options.onError?.(error));
        }
        await sleep(r.inFlight ? Math.min(r.waitMs, pollMs) : r.waitMs);
      }
    },
    pause: (keys, ms) => pausePace(db, keys, Math.round(ms)),
  };
}
