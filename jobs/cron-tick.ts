/**
 * One Cron Trigger on Workers: every job whose slot is due at that instant runs, by the same
 * reading of JOB_SCHEDULES, TZ_APP and working days as the Node scheduler (jobs/scheduler.ts),
 * then the outbox is drained until the invocation's time is spent; the rest waits for the next
 * trigger. No process outlives the call, so nothing is kept between triggers but the database:
 * job_runs says which slot ran last. Two invocations overlapping (a slow one and the next)
 * may both run a job body for the same slot; the outbox keeps one row per (job, destination,
 * period) and a drain claims each row under a lease (FOR UPDATE SKIP LOCKED), so each message
 * is still sent once.
 */
import type { Calendar } from '../db/calendar.ts';
import { getLastSlot } from '../db/job-runs.ts';
import { runJob, type RunJobResult, type RunnerDeps } from './run-job.ts';
import { dueSlot } from './schedule.ts';
import { resolveSchedules } from './schedule-jobs.ts';
import type { DeliveryService } from './senders/index.ts';
import type { DrainResult } from './senders/drain.ts';
import type { Job } from './types.ts';
import type { ChatPlatform } from '../db/schema.ts';

export interface CronTickDeps extends RunnerDeps {
  numbers: RunnerDeps['numbers'] & { calendar: Calendar };
  config: RunnerDeps['config'] & { jobs: { enabled: boolean; schedules: Record<string, string>; catchUpHours: number } };
}

export interface CronTickOptions {
  jobs: readonly Job[];
  delivery: DeliveryService;
  /** The instant the trigger was planned for (ScheduledController.scheduledTime). */
  at: Date;
  /** When to stop claiming rows to send: the invocation's own limit, less a margin. */
  drainUntil: number;
  /** A job that never ran takes a slot at most this late (default 10 min): a first deploy does not run the morning's jobs at night. */
  firstRunWindowMs?: number;
  /** The clock the drain's deadline is read against (default Date.now). */
  clock?: () => number;
}

export interface CronTickResult {
  ran: RunJobResult[];
  delivered: Partial<Record<ChatPlatform, DrainResult>>;
}

const FIRST_RUN_WINDOW_MS = 10 * 60_000;

/** Runs what is due at `options.at`, then drains; see the file comment. Throws CronError for a bad JOB_SCHEDULES. */
export async function runCronTick(deps: CronTickDeps, options: CronTickOptions): Promise<CronTickResult> {
  const log = deps.logger.child({ component: 'cron' });
  const ran: RunJobResult[] = [];
  if (deps.config.jobs.enabled) {
    const scheduled = resolveSchedules(options.jobs, deps.config.jobs.schedules, deps.config.timeZone, deps.numbers.calendar);
    const catchUpMs = deps.config.jobs.catchUpHours * 3600_000;
    for (const s of scheduled) {
      try {
        const last = await getLastSlot(deps.db, s.job.name);
        const window = last ? Math.max(catchUpMs, options.firstRunWindowMs ?? FIRST_RUN_WINDOW_MS) : (options.firstRunWindowMs ?? FIRST_RUN_WINDOW_MS);
        const slot = dueSlot(s.cron, options.at, last, { ...s.slots, catchUpMs: window });
        if (!slot) continue;
        ran.push(await runJob(deps, s.job, slot, { delivery: options.delivery, deliver: false }));
      } catch (error) {
        // One job's failure must not keep the others (or the drain) from their turn.
        log.error({ err: error, job: s.job.name }, 'job run failed');
      }
    }
  }
  const clock = options.clock ?? Date.now;
  const delivered = await options.delivery.drainAll({ shouldStop: () => clock() >= options.drainUntil });
  log.info({ at: options.at.toISOString(), ran: ran.map((r) => ({ job: r.job, slot: r.slot, added: r.added })), delivered }, 'cron tick');
  return { ran, delivered };
}
