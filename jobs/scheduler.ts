/**
 * The Node scheduler. bree keeps the clock: one bree job, every minute, whose worker
 * (worker-tick.mjs) only posts "tick". The main thread then works out, with the same reading of
 * each cron expression as `thads jobs list` (jobs/schedule.ts, cron-parser), which job has a
 * slot due (skipping non-working days for working-days jobs) and runs its body here, where the
 * database is. bree never reads the jobs' expressions: its own cron reader differs on some
 * (day-of-week 7, day-of-month together with day-of-week). A sender loop drains the outbox.
 */
import { fileURLToPath } from 'node:url';
import Bree from 'bree';
import type { Calendar } from '../db/calendar.ts';
import { getLastSlot } from '../db/job-runs.ts';
import { runJob, type RunnerDeps } from './run-job.ts';
import { dueSlot } from './schedule.ts';
import { resolveSchedules, type ScheduledJob } from './schedule-jobs.ts';
import { createSchedulerLease, LEASE_RENEW_MS, type SchedulerLease } from './scheduler-lease.ts';
import { createDelivery, type DeliveryService } from './senders/index.ts';
import type { Job } from './types.ts';

export interface SchedulerDeps extends RunnerDeps {
  numbers: RunnerDeps['numbers'] & { calendar: Calendar };
  config: RunnerDeps['config'] & { jobs: { schedules: Record<string, string>; catchUpHours: number } };
  now: () => Date;
}

export interface SchedulerOptions {
  jobs: readonly Job[];
  delivery?: DeliveryService;
  /** How often the sender loop looks for due rows (default 5 s). */
  sendEveryMs?: number;
  /** Who runs the bodies among instances; by default the lease in the database on PostgreSQL, always this one on PGlite. */
  lease?: SchedulerLease;
  /** How often the lease is renewed or looked at (default 20 s). */
  leaseEveryMs?: number;
}

export interface Scheduler {
  /** Catches up missed slots, starts bree and the sender loop. */
  start(): Promise<void>;
  /** Stops bree and the loop, and waits for the job run and the drain in progress. */
  stop(): Promise<void>;
  /** Has bree run the minute's tick now, as when its time comes (the slot checks still apply). */
  trigger(): Promise<void>;
  /** Resolves when the job runs and drains queued so far are done. */
  idle(): Promise<void>;
  /** How many ticks bree's workers have sent since start. */
  readonly ticks: number;
  /** Whether this instance runs the job bodies (holds the scheduler lease). */
  readonly lease: SchedulerLease;
}

const WORKER = fileURLToPath(new URL('./worker-tick.mjs', import.meta.url));
const TICK = 'tick';
// bree's timers can fire a little before the minute: a tick this close to a slot is that slot.
const TICK_TOLERANCE_MS = 5_000;
// A tick takes a slot up to this late (a tick delayed by a busy process, or a minute skipped);
// JOBS_CATCH_UP_HOURS is for the slots missed while the server was down.
const TICK_WINDOW_MS = 5 * 60_000;

export function createScheduler(deps: SchedulerDeps, options: SchedulerOptions): Scheduler {
  const log = deps.logger.child({ component: 'scheduler' });
  const scheduled = resolveSchedules(options.jobs, deps.config.jobs.schedules, deps.config.timeZone, deps.numbers.calendar);
  const delivery = options.delivery ?? createDelivery(deps);
  const catchUpMs = deps.config.jobs.catchUpHours * 3600_000;
  let stopping = false;
  // Job runs go one at a time, in the order they were asked for.
  let runs: Promise<void> = Promise.resolve();
  let draining: Promise<void> | undefined;
  let loop: ReturnType<typeof setInterval> | undefined;
  let leaseLoop: ReturnType<typeof setInterval> | undefined;
  const lease = options.lease ?? createSchedulerLease({ db: deps.db, logger: log, now: deps.now, shared: deps.dbHandle?.driver === 'postgres' });
  let ticks = 0;
  // Slots from the minute the scheduler started: what a job that never ran may take.
  let startedAt = new Date(0);

  const drain = () => {
    draining ??= delivery
      .drainAll({ shouldStop: () => stopping })
      .then((results) => log.debug({ results }, 'outbox drained'))
      .catch((error: unknown) => log.error({ err: error }, 'outbox drain failed'))
      .finally(() => (draining = undefined));
    return draining;
  };

  const runDue = async (s: ScheduledJob, at: Date, { catchUp }: { catchUp: boolean }) => {
    try {
      // Lost meanwhile (a renewal refused): the new holder runs what is left.
      if (stopping || !lease.held) return;
      const last = await getLastSlot(deps.db, s.job.name);
      // A job that never ran has missed nothing: it starts at its first slot since the start,
      // not at a slot of that morning the first tick would otherwise take as merely late.
      if (catchUp && !last) return;
      const since = last ?? new Date(startedAt.getTime() - 1);
      const slot = dueSlot(s.cron, at, since, { ...s.slots, catchUpMs: catchUp ? catchUpMs : Math.max(catchUpMs, TICK_WINDOW_MS) });
      if (!slot) return log.debug({ job: s.job.name }, 'nothing due');
      if (catchUp) log.info({ job: s.job.name, slot }, 'catching up a missed slot');
      await runJob(deps, s.job, slot, { delivery, deliver: false });
      await drain();
    } catch (error) {
      log.error({ err: error, job: s.job.name }, 'job run failed');
    }
  };

  /**
   * Queues the jobs' turn: a tick's slots (`at`) if this instance holds the lease, after a
   * catch-up when it has just taken it (at start, or from a holder that died).
   */
  const pass = (at: Date | undefined, checked?: { held: boolean; taken: boolean }) => {
    runs = runs.then(async () => {
      if (stopping) return;
      const { held, taken } = checked ?? (await lease.check());
      if (!held) return;
      if (taken) for (const s of scheduled) await runDue(s, deps.now(), { catchUp: true });
      if (at) for (const s of scheduled) await runDue(s, at, { catchUp: false });
    }).catch((error: unknown) => log.error({ err: error }, 'scheduler pass failed'));
    return runs;
  };

  // Renewed beside the runs, never behind them: a long job body must not let the lease lapse.
  const renew = () =>
    void lease.check().then((checked) => {
      if (checked.taken && !stopping) void pass(undefined, checked);
    });

  const bree = new Bree({
    root: false,
    doRootCheck: false,
    timezone: deps.config.timeZone,
    cronValidate: { override: { useAliases: true } },
    logger: {
      info: (message: string) => log.debug(message),
      warn: (message: string) => log.warn(message),
      error: (message: string, meta?: { err?: unknown }) => log.error({ err: meta?.err }, message),
    },
    // Every minute, on the minute; bree's cron reader is only ever given this one expression.
    jobs: [{ name: TICK, path: WORKER, cron: '* * * * *' }],
    workerMessageHandler: ({ message }) => {
      if (message !== 'tick') return;
      ticks++;
      void pass(new Date(deps.now().getTime() + TICK_TOLERANCE_MS));
    },
    errorHandler: (error, { name }) => log.error({ err: error, job: name }, 'scheduler worker failed'),
  });

  return {
    async start() {
      stopping = false;
      startedAt = new Date(Math.floor(deps.now().getTime() / 60_000) * 60_000);
      void pass(undefined);
      await bree.start();
      loop = setInterval(() => void drain(), options.sendEveryMs ?? 5_000);
      loop.unref();
      leaseLoop = setInterval(renew, options.leaseEveryMs ?? LEASE_RENEW_MS);
      leaseLoop.unref();
      void drain();
      log.info({ jobs: scheduled.map((s) => `${s.job.name} ${s.expression}`), platforms: delivery.platforms }, 'scheduler started');
    },
    async stop() {
      stopping = true;
      if (loop) clearInterval(loop);
      if (leaseLoop) clearInterval(leaseLoop);
      await bree.stop();
      await runs;
      await draining;
      // Last, once nothing of this instance runs: the next holder need not wait for it to lapse.
      await lease.release();
    },
    async trigger() {
      await bree.run(TICK);
    },
    async idle() {
      await runs;
      await draining;
    },
    get ticks() {
      return ticks;
    },
    lease,
  };
}
