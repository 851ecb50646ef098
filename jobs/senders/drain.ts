/**
 * Drains one platform's outbox: claims due rows, sends each at the platform's pace, records
 * what happened. Several rows are in flight at once (the limiter decides when each goes); the
 * parts of one row go in order. Everything recorded survives a restart: back-off times are in
 * the row, and parts already sent are in its external_id, so a retry resumes where it stopped.
 */
import type { Logger } from 'pino';
import type { Locale } from '../../bot/i18n/index.ts';
import type { Db } from '../../db/client.ts';
import { planUnreachableNotice } from '../outbox-notices.ts';
import {
  CLAIM_LEASE_MS,
  claimDue,
  type Delivery,
  enqueue,
  expireStale,
  markFailed,
  markProgress,
  markRetry,
  markSent,
  markUnreachable,
  nextDueAt,
  readPayload,
} from '../outbox.ts';
import { type Clock, type RateLimiter, systemClock } from '../pacing.ts';
import type { Sender } from './types.ts';

export interface DrainOptions {
  db: Db;
  limiter: RateLimiter;
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
  /** Rows in flight at once; the limiter, not this, sets the pace. */
  concurrency?: number;
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
 * Tries after 5xx answers or network errors: 30 s, 1, 2, 4, 8 min, then every 15 min, about
 * 1 h 15 min in all, so an outage at 08:00 does not cost the day's messages; the outbox's
 * 24-hour expiry (outbox.ts) bounds the rest.
 */
export const DEFAULT_MAX_ATTEMPTS = 10;
const DEFAULT_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 15 * 60_000;
/** How long rows wait when the platform refuses the bot itself, before the next look. */
const MISCONFIGURED_WAIT_MS = 5 * 60_000;

/** Sends every due row of the sender's platform; returns when none is due (or due soon). */
export async function drainOutbox<P>(sender: Sender<P>, options: DrainOptions): Promise<DrainResult> {
  const clock = options.clock ?? systemClock;
  const concurrency = options.concurrency ?? 64;
  const result: Tally = { sent: 0, failed: 0, unreachable: 0, retrying: 0, rateLimited: 0, waiting: new Set() };
  const finish = (): DrainResult => {
    const { waiting, ...counts } = result;
    return { ...counts, retrying: waiting.size };
  };
  const active = new Set<Promise<void>>();
  const expired = await expireStale(options.db, sender.platform, new Date(clock.now()));
  if (expired > 0) {
    result.failed += expired;
    options.logger.warn({ platform: sender.platform, expired }, 'deliveries given up: planned too long ago');
  }
  for (;;) {
    if (options.shouldStop?.() || result.misconfigured) {
      await Promise.all(active);
      return finish();
    }
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
        if (wait > (options.settleWithinMs ?? 0)) return finish();
        // A due row another sender is still claiming shows here too: look again shortly.
        await clock.sleep(Math.max(wait, 20));
        continue;
      }
    }
    await Promise.race(active);
  }
}

/** The counts, and the rows put back and not yet settled. */
type Tally = DrainResult & { waiting: Set<number> };

async function deliverRow<P>(sender: Sender<P>, row: Delivery, options: DrainOptions, clock: Clock, result: Tally): Promise<void> {
  const { db } = options;
  const log = options.logger.child({ delivery: row.id, job: row.job, platform: row.platform, destination: row.destination });
  const now = () => new Date(clock.now());
  // Every outcome is recorded only while this sender still holds the row (outbox.ts Claim).
  const kept = (recorded: boolean) => {
    if (!recorded) log.warn('the row was claimed by another sender after this one’s lease ran out: nothing recorded');
  };
  result.waiting.delete(row.id);
  let waited = 0;
  try {
    let parts: P[];
    try {
      parts = sender.render(readPayload(row));
    } catch (error) {
      result.failed++;
      return kept(await markFailed(db, row, `render: ${(error as Error).message}`));
    }
    // Parts recorded as sent by an earlier try are not sent again.
    const ids = row.externalId ? row.externalId.split(',') : [];
    const limits = sender.limits(row.destination);
    while (ids.length < parts.length) {
      const release = await options.limiter.acquire(limits);
      let outcome;
      try {
        outcome = await sender.send(row.destination, parts[ids.length]!);
      } finally {
        release(clock.now());
      }
      if (outcome.kind === 'ok') {
        ids.push(outcome.externalId);
        if (ids.length < parts.length && !(await markProgress(db, row, ids))) return kept(false);
        continue;
      }
      if (outcome.kind === 'rate-limited') {
        result.rateLimited++;
        log.warn({ retryAfterMs: outcome.retryAfterMs }, 'rate limited: waiting');
        const until = clock.now() + outcome.retryAfterMs;
        for (const limit of limits) if (limit.chat) options.limiter.pause(limit.key, until);
        // Waits inline, but never so long in all that the claim's lease could run out meanwhile.
        if (outcome.retryAfterMs <= (options.maxInlineWaitMs ?? 60_000) && waited + outcome.retryAfterMs < CLAIM_LEASE_MS / 2) {
          waited += outcome.retryAfterMs;
          continue;
        }
        result.waiting.add(row.id);
        return kept(await markRetry(db, row, new Date(until), outcome.reason, { counted: false }));
      }
      if (outcome.kind === 'retry') {
        if (row.attempts >= (options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)) {
          result.failed++;
          log.error({ attempts: row.attempts, reason: outcome.reason }, 'delivery failed: giving up');
          return kept(await markFailed(db, row, `${outcome.reason} (after ${row.attempts} tries)`));
        }
        result.waiting.add(row.id);
        const delay = Math.min((options.backoffMs ?? DEFAULT_BACKOFF_MS) * 2 ** (row.attempts - 1), MAX_BACKOFF_MS);
        log.warn({ attempts: row.attempts, reason: outcome.reason, delayMs: delay }, 'delivery will be retried');
        return kept(await markRetry(db, row, new Date(clock.now() + delay), outcome.reason, { counted: true }));
      }
      if (outcome.kind === 'misconfigured') {
        // Not this message's fault: it waits, its try given back, and the drain stops claiming.
        result.misconfigured = outcome.reason;
        result.waiting.add(row.id);
        log.error({ reason: outcome.reason }, 'the platform refuses the bot (token or API address): deliveries wait');
        return kept(await markRetry(db, row, new Date(clock.now() + MISCONFIGURED_WAIT_MS), outcome.reason, { counted: false }));
      }
      if (outcome.kind === 'failed') {
        result.failed++;
        log.error({ reason: outcome.reason }, 'delivery refused');
        return kept(await markFailed(db, row, outcome.reason));
      }
      result.unreachable++;
      log.warn({ reason: outcome.reason }, 'destination unreachable');
      if (!(await markUnreachable(db, row, outcome.reason))) return kept(false);
      const notices = await planUnreachableNotice(db, row, outcome.reason, options.defaultLocale);
      if (notices.length > 0) await enqueue(db, notices, now());
      return;
    }
    kept(await markSent(db, row, ids, now()));
    result.sent++;
  } catch (error) {
    // The row stays claimed: its lease runs out and a later drain tries it again.
    log.error({ err: error }, 'delivery interrupted');
  }
}
