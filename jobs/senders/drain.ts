/**
 * Drains one platform's outbox: claims due rows, sends each at the platform's pace, records
 * what happened. Several rows are held at once (the limiter decides when each goes), but only
 * a few sends are in flight: each send keeps its place from its request until its outcome is
 * recorded, so a crash can leave at most that many delivered and unrecorded. The parts of one
 * row go in order. Everything recorded survives a restart: back-off times are in the row, and
 * parts already sent are in its external_id, so a retry resumes after the last recorded part.
 */
import type { Logger } from '../../server/logger.ts';
import type { Locale } from '../../bot/i18n/index.ts';
import type { Db } from '../../db/client.ts';
import { claimDue, type Delivery, expireStale, markFailed, markSent, nextDueAt } from '../../db/outbox.ts';
import { readPayload } from '../outbox.ts';
import { type Clock, inFlightLimit, type RateLimiter, systemClock } from '../pacing.ts';
import type { SharedPace } from '../shared-pace.ts';
import { kept, recordOutcome, type RowTurn, type Tally } from './outcome.ts';
import type { Sender } from './types.ts';

export interface DrainOptions {
  db: Db;
  limiter: RateLimiter;
  /**
   * The pace shared with other sender processes (PostgreSQL, several instances): each send
   * also takes its place there, after the limiter's. Absent: this process is the only sender.
   */
  pace?: SharedPace;
  logger: Logger;
  /** The language of notices to people with no language of their own. */
  defaultLocale: Locale;
  clock?: Clock;
  /** Tries (5xx, network) before a row is marked failed. */
  maxAttempts?: number;
  /** First back-off after a failed try; doubled each time. */
  backoffMs?: number;
  /** A 429 asking for a longer wait than this puts the row back in the outbox instead. */
  maxInlineWaitMs?: number;
  /** Rows held (claimed) at once; the limiter, not this, sets the pace. */
  concurrency?: number;
  /**
   * Sends in flight at once in this process, each from its request until its outcome is
   * recorded: the most a crash can send twice. Drains sharing a limiter share these.
   */
  maxInFlight?: number;
  /** Keep draining while a row waits for a retry due within this many ms (0: only what is due now). */
  settleWithinMs?: number;
  /** Checked before claiming more rows: a stopping server finishes what it holds and claims no more. */
  shouldStop?: () => boolean;
}

export interface DrainResult {
  sent: number;
  failed: number;
  unreachable: number;
  /** Rows put back to be tried later and not delivered by the end of this drain. */
  retrying: number;
  /** 429 answers met (each waited out). */
  rateLimited: number;
  /** Set when the platform refused the bot itself: the drain stopped, rows wait. */
  misconfigured?: string;
}

/**
 * A crash sends again at most this many parts. Four keep Telegram's 30 a second while a send
 * and its record take under 133 ms; with slower answers the pace falls to 4 per answer time.
 */
export const DEFAULT_MAX_IN_FLIGHT = 4;
/** Rows held: enough that rows waiting a second between the parts of a long message leave no gap. */
const DEFAULT_ROWS_HELD = 32;

/** Sends every due row of the sender's platform; returns when none is due (or due soon). */
export async function drainOutbox<P>(sender: Sender<P>, options: DrainOptions): Promise<DrainResult> {
  const clock = options.clock ?? systemClock;
  const result: Tally = { sent: 0, failed: 0, unreachable: 0, retrying: 0, rateLimited: 0, waiting: new Set() };
  const finish = (): DrainResult => {
    const { waiting, lost: _lost, ...counts } = result;
    return { ...counts, retrying: waiting.size };
  };
  const active = new Set<Promise<void>>();
  try {
    await claimAndDeliver(sender, options, clock, result, active);
  } catch (error) {
    result.lost ??= error;
  }
  // Sends in flight settle first; rows not begun stay claimed until their lease runs out.
  await Promise.all(active);
  if (result.lost !== undefined) throw result.lost;
  return finish();
}

/** The drain's loop: returns when nothing is due (or due soon), or it must stop. */
async function claimAndDeliver<P>(sender: Sender<P>, options: DrainOptions, clock: Clock, result: Tally, active: Set<Promise<void>>): Promise<void> {
  const concurrency = options.concurrency ?? DEFAULT_ROWS_HELD;
  const expired = await expireStale(options.db, sender.platform, new Date(clock.now()));
  if (expired > 0) {
    result.failed += expired;
    options.logger.warn({ platform: sender.platform, expired }, 'deliveries given up: planned too long ago');
  }
  for (;;) {
    if (options.shouldStop?.() || result.misconfigured || result.lost !== undefined) return;
    if (active.size <= concurrency / 2) {
      const rows = await claimDue(options.db, sender.platform, concurrency - active.size, new Date(clock.now()));
      for (const row of rows) {
        const task = deliverRow(sender, row, options, clock, result).finally(() => active.delete(task));
        active.add(task);
      }
      if (rows.length > 0) continue;
      if (active.size === 0) {
        const next = await nextDueAt(options.db, sender.platform);
        const wait = next ? next.getTime() - clock.now() : Infinity;
        if (wait > (options.settleWithinMs ?? 0)) return;
        // A due row another sender is still claiming shows here too: look again shortly.
        await clock.sleep(Math.max(wait, 20));
        continue;
      }
    }
    await Promise.race(active);
  }
}

async function deliverRow<P>(sender: Sender<P>, row: Delivery, options: DrainOptions, clock: Clock, result: Tally): Promise<void> {
  const log = options.logger.child({ delivery: row.id, job: row.job, platform: row.platform, destination: row.destination });
  result.waiting.delete(row.id);
  // A record that fails stops every send of the drain: sending on, unrecorded, would send each again after the lease.
  const recorded = <T>(writing: Promise<T>) =>
    writing.catch((error: unknown) => {
      result.lost ??= error;
      throw error;
    });
  try {
    let parts: P[];
    try {
      parts = sender.render(readPayload(row));
    } catch (error) {
      result.failed++;
      return kept(log, await recorded(markFailed(options.db, row, `render: ${(error as Error).message}`)));
    }
    // Parts recorded as sent by an earlier try are not sent again.
    const limits = [...sender.limits(row.destination), inFlightLimit(options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT)];
    const turn: RowTurn = { row, limits, ids: row.externalId ? row.externalId.split(',') : [], parts: parts.length, waited: 0, log };
    while (turn.ids.length < parts.length) {
      const release = await options.limiter.acquire(limits);
      let answeredAt: number | undefined;
      let shared: Promise<void> | undefined;
      try {
        if (result.lost !== undefined) return;
        const releaseShared = options.pace ? await options.pace.acquire(sender.limits(row.destination)) : undefined;
        let outcome: Awaited<ReturnType<typeof sender.send>>;
        try {
          outcome = await sender.send(row.destination, parts[turn.ids.length]!);
        } finally {
          // Dated as soon as answered, while the outcome is recorded.
          shared = releaseShared?.();
        }
        answeredAt = clock.now();
        // Recorded before the send gives up its place: a crash never leaves more unrecorded.
        if ((await recorded(recordOutcome(outcome, turn, { options, clock, result }))) === 'done') return;
      } finally {
        await shared;
        release(answeredAt);
      }
    }
    kept(log, await recorded(markSent(options.db, row, turn.ids, new Date(clock.now()))));
    result.sent++;
  } catch (error) {
    // The row stays claimed: its lease runs out and a later drain tries it again.
    log.error({ err: error }, 'delivery interrupted');
  }
}

