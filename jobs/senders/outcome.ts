/**
 * What one send's answer means for its outbox row, recorded at once: the part's id (the row
 * sent, or its progress), a wait for a 429, a back-off, a refusal, an unreachable chat.
 */
import type { Logger } from '../../server/logger.ts';
import { planUnreachableNotice } from '../outbox-notices.ts';
import { CLAIM_LEASE_MS, type Delivery, markFailed, markProgress, markRetry, markSent, markUnreachable } from '../../db/outbox.ts';
import { enqueue } from '../outbox.ts';
import type { Clock, Limit } from '../pacing.ts';
import type { DrainOptions, DrainResult } from './drain.ts';
import type { SendOutcome } from './types.ts';

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

/** The counts, and the rows put back and not yet settled. */
export type Tally = DrainResult & {
  waiting: Set<number>;
  /** The first error of the database: the drain sends nothing more and fails with it. */
  lost?: unknown;
};

/** What the drain lends each row's sends. */
export interface DrainContext {
  options: DrainOptions;
  clock: Clock;
  result: Tally;
}

/** A row being delivered: its limits, the ids of its parts sent so far, and its 429 waits. */
export interface RowTurn {
  row: Delivery;
  limits: readonly Limit[];
  ids: string[];
  /** How many parts the row renders to. */
  parts: number;
  /** ms waited inline on 429s so far. */
  waited: number;
  log: Logger;
}

/** Every outcome is recorded only while this sender still holds the row (outbox.ts Claim). */
export function kept(log: Logger, recorded: boolean): void {
  if (!recorded) log.warn('the row was claimed by another sender after this one’s lease ran out: nothing recorded');
}

/** Records what one send's answer means for the row; `next` when its next part (or a retry of this one) is to go now. */
export async function recordOutcome(outcome: SendOutcome, turn: RowTurn, { options, clock, result }: DrainContext): Promise<'next' | 'done'> {
  const { row, limits, log } = turn;
  const { db } = options;
  const now = () => new Date(clock.now());
  if (outcome.kind === 'ok') {
    turn.ids.push(outcome.externalId);
    if (turn.ids.length === turn.parts) {
      kept(log, await markSent(db, row, turn.ids, now()));
      result.sent++;
      return 'done';
    }
    if (await markProgress(db, row, turn.ids)) return 'next';
    kept(log, false);
    return 'done';
  }
  if (outcome.kind === 'rate-limited') {
    result.rateLimited++;
    log.warn({ retryAfterMs: outcome.retryAfterMs }, 'rate limited: waiting');
    const until = clock.now() + outcome.retryAfterMs;
    for (const limit of limits) if (limit.chat) options.limiter.pause(limit.key, until);
    // Other processes' sends to that chat wait too.
    await options.pace?.pause(
      limits.filter((l) => l.chat).map((l) => l.key),
      outcome.retryAfterMs,
    );
    // Waits inline, but never so long in all that the claim's lease could run out meanwhile.
    if (outcome.retryAfterMs <= (options.maxInlineWaitMs ?? 60_000) && turn.waited + outcome.retryAfterMs < CLAIM_LEASE_MS / 2) {
      turn.waited += outcome.retryAfterMs;
      return 'next';
    }
    result.waiting.add(row.id);
    kept(log, await markRetry(db, row, new Date(until), outcome.reason, { counted: false }));
    return 'done';
  }
  if (outcome.kind === 'retry') {
    if (row.attempts >= (options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)) {
      result.failed++;
      log.error({ attempts: row.attempts, reason: outcome.reason }, 'delivery failed: giving up');
      kept(log, await markFailed(db, row, `${outcome.reason} (after ${row.attempts} tries)`));
      return 'done';
    }
    result.waiting.add(row.id);
    const delay = Math.min((options.backoffMs ?? DEFAULT_BACKOFF_MS) * 2 ** (row.attempts - 1), MAX_BACKOFF_MS);
    log.warn({ attempts: row.attempts, reason: outcome.reason, delayMs: delay }, 'delivery will be retried');
    kept(log, await markRetry(db, row, new Date(clock.now() + delay), outcome.reason, { counted: true }));
    return 'done';
  }
  if (outcome.kind === 'misconfigured') {
    // Not this message's fault: it waits, its try given back, and the drain stops claiming.
    result.misconfigured = outcome.reason;
    result.waiting.add(row.id);
    log.error({ reason: outcome.reason }, 'the platform refuses the bot (token or API address): deliveries wait');
    kept(log, await markRetry(db, row, new Date(clock.now() + MISCONFIGURED_WAIT_MS), outcome.reason, { counted: false }));
    return 'done';
  }
  if (outcome.kind === 'failed') {
    result.failed++;
    log.error({ reason: outcome.reason }, 'delivery refused');
    kept(log, await markFailed(db, row, outcome.reason));
    return 'done';
  }
  result.unreachable++;
  log.warn({ reason: outcome.reason }, 'destination unreachable');
  if (!(await markUnreachable(db, row, outcome.reason))) {
    kept(log, false);
    return 'done';
  }
  const notices = await planUnreachableNotice(db, row, outcome.reason, options.defaultLocale);
  if (notices.length > 0) await enqueue(db, notices, now());
  return 'done';
}
