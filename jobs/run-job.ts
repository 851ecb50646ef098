/**
 * One run of a job for one slot, as the scheduler and `thads jobs run` do it: the body plans
 * its messages, the outbox keeps the ones it does not hold yet, the slot is recorded, and the
 * senders drain what is due. Running the same slot again plans the same keys and sends nothing.
 */
import type { Logger } from '../server/logger.ts';
import type { Db } from '../db/client.ts';
import { recordSlot } from '../db/job-runs.ts';
import type { NumbersOptions } from '../db/numbers/options.ts';
import type { ChatPlatform } from '../db/schema.ts';
import { enqueue } from './outbox.ts';
import type { DeliveryConfig, DeliveryService, DrainTuning, SenderFactory } from './senders/index.ts';
import { createDelivery } from './senders/index.ts';
import type { DrainResult } from './senders/drain.ts';
import type { Job, JobDeps, PlannedMessage } from './types.ts';

/** What running a job needs: the job's own deps, and the chat platforms' settings for sending. */
export interface RunnerDeps {
  db: Db;
  numbers: NumbersOptions;
  logger: Logger;
  config: JobDeps['config'] & DeliveryConfig;
  /** The configured platforms' senders (server/platforms.ts). */
  senders: SenderFactory;
  /** Which database: on PostgreSQL other instances may run jobs and send too (the lease, the shared pace). */
  dbHandle?: { driver: 'pglite' | 'postgres' };
  charts?: JobDeps['charts'];
}

export interface RunJobOptions {
  /** Plan only: nothing is written or sent. */
  dryRun?: boolean;
  /** The process's senders (one limiter for all drains); made from the config when absent. */
  delivery?: DeliveryService;
  /** Enqueue without draining: the scheduler's sender loop sends. */
  deliver?: boolean;
  tuning?: DrainTuning;
}

export interface RunJobResult {
  job: string;
  slot: Date;
  planned: PlannedMessage[];
  /** Rows new in the outbox; `existing` were planned by an earlier run of this slot. */
  added: number;
  existing: number;
  delivered: Partial<Record<ChatPlatform, DrainResult>>;
  /** Planned for a platform this process has no token for: they wait in the outbox. */
  waiting: Partial<Record<ChatPlatform, number>>;
}

/** Runs `job` for `slot`; see the file comment. */
export async function runJob(deps: RunnerDeps, job: Job, slot: Date, options: RunJobOptions = {}): Promise<RunJobResult> {
  const logger = deps.logger.child({ job: job.name, slot: slot.toISOString(), dryRun: options.dryRun === true });
  const started = Date.now();
  if (options.dryRun && job.housekeeping) {
    logger.info('housekeeping job: a dry run changes nothing');
    return { job: job.name, slot, planned: [], added: 0, existing: 0, delivered: {}, waiting: {} };
  }
  const planned = await job.run({ db: deps.db, numbers: deps.numbers, logger, config: deps.config, charts: deps.charts }, slot);
  const result: RunJobResult = { job: job.name, slot, planned, added: 0, existing: 0, delivered: {}, waiting: {} };
  if (options.dryRun) {
    logger.info({ planned: planned.length, ms: Date.now() - started }, 'job planned (dry run)');
    return result;
  }
  // Due now by this process's clock (which the senders use), whatever instant the job ran for.
  Object.assign(result, await enqueue(deps.db, planned, new Date()));
  // A by-hand run for an instant still to come must not make the scheduler skip the slots before it.
  if (slot.getTime() <= Date.now()) await recordSlot(deps.db, job.name, slot);
  const delivery = options.delivery ?? createDelivery(deps);
  for (const platform of delivery.unconfigured) {
    const count = planned.filter((m) => m.destination.platform === platform).length;
    if (count > 0) result.waiting[platform] = count;
  }
  if (options.deliver !== false) result.delivered = await delivery.drainAll(options.tuning);
  logger.info({ planned: planned.length, added: result.added, existing: result.existing, delivered: result.delivered, waiting: result.waiting, ms: Date.now() - started }, 'job ran');
  return result;
}
