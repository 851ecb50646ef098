/**
 * Which instance runs the job bodies. Every instance may have JOBS=on and drain the outbox;
 * only the one holding the lease (db/scheduler-lease.ts) runs the bodies, so two schedulers
 * never both work out the same Monday. The holder renews it every 20 s for 60 s; when it dies
 * (stops renewing) another takes it within a minute. The outbox's once-only key still guards
 * the messages should two ever overlap (a holder frozen past its lease).
 *
 * On PGlite the process is the database's only user by construction: the lease is simply held.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../server/logger.ts';
import type { Db } from '../db/client.ts';
import { holdLease, releaseLease } from '../db/scheduler-lease.ts';

export const SCHEDULER_LEASE = 'scheduler';
/** How long the lease lasts unless renewed: a dead holder's jobs resume within this (plus a tick). */
export const LEASE_TTL_MS = 60_000;
/** How often the holder renews it (and others look whether it is free). */
export const LEASE_RENEW_MS = 20_000;

export interface SchedulerLease {
  /** This instance's name in the lease row (host, process id, and a random part). */
  readonly holder: string;
  /** Whether this instance held the lease at its last check. */
  readonly held: boolean;
  /** Takes or renews the lease; `taken` when it was not held at the previous check. */
  check(): Promise<{ held: boolean; taken: boolean }>;
  /** Gives the lease up (a clean stop): another instance takes it at its next check. */
  release(): Promise<void>;
}

export interface LeaseOptions {
  db: Db;
  logger: Logger;
  now: () => Date;
  /** False on PGlite: no other process can share the database, so the lease is always held. */
  shared: boolean;
  holder?: string;
  ttlMs?: number;
}

export function createSchedulerLease(options: LeaseOptions): SchedulerLease {
  const holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const ttlMs = options.ttlMs ?? LEASE_TTL_MS;
  const log = options.logger.child({ component: 'scheduler-lease', holder });
  let held = false;
  // Checks go one at a time: a tick and the renewal timer never race each other.
  let checking: Promise<{ held: boolean; taken: boolean }> = Promise.resolve({ held: false, taken: false });

  const check = async () => {
    const was = held;
    if (!options.shared) {
      held = true;
      return { held, taken: !was };
    }
    try {
      const result = await holdLease(options.db, SCHEDULER_LEASE, holder, options.now(), ttlMs);
      held = result.held;
      if (held && !was) log.info({ expiresAt: result.lease?.expiresAt }, 'took the scheduler lease: this instance runs the jobs');
      if (!held && was) log.warn({ by: result.lease?.holder }, 'lost the scheduler lease: another instance runs the jobs');
      if (!held && !was) log.debug({ by: result.lease?.holder, until: result.lease?.expiresAt }, 'the scheduler lease is held elsewhere');
    } catch (error) {
      // Unsure whether it still holds it: it runs nothing until a check succeeds.
      if (was) log.warn({ err: error }, 'cannot renew the scheduler lease: running no jobs until it can');
      held = false;
    }
    return { held, taken: held && !was };
  };

  return {
    holder,
    get held() {
      return held;
    },
    check() {
      checking = checking.then(check, check);
      return checking;
    },
    async release() {
      await checking.catch(() => undefined);
      if (!held) return;
      held = false;
      if (!options.shared) return;
      try {
        await releaseLease(options.db, SCHEDULER_LEASE, holder);
        log.info('gave up the scheduler lease');
      } catch (error) {
        log.warn({ err: error }, 'cannot give up the scheduler lease: it expires by itself');
      }
    },
  };
}
