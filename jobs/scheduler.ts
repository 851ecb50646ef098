/**
 * The Node scheduler. bree decides *when*: one bree job per scheduled job, on its cron in
 * TZ_APP, whose worker (worker-tick.mjs) only posts "tick". The main thread then works out
 * which slot is due (skipping non-working days for working-days jobs, which bree cannot) and
 * runs the body here, where the database is. A sender loop drains the outbox every few seconds.
 */
import { fileURLToPath } from 'node:url';
import Bree from 'bree';
import type { Calendar } from '../db/calendar.ts';
import { getLastSlot, runJob, type RunnerDeps } from './run-job.ts';
import { dueSlot } from './schedule.ts';
import { resolveSchedules, type ScheduledJob } from './schedule-jobs.ts';
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
}

export interface Scheduler {
  /** Catches up missed slots, starts bree and the sender loop. */
  start(): Promise<void>;
  /** Stops bree and the loop, and waits for the job run and the drain in progress. */
  stop(): Promise<void>;
  /** Has bree run a job's worker now, as when its time comes (the slot check still applies). */
  trigger(name: string): Promise<void>;
  /** Resolves when the job runs and drains queued so far are done. */
  idle(): Promise<void>;
  /** How many ticks bree's workers have sent since start. */
  readonly ticks: number;
}

const WORKER = fileURLToPath(new URL('./worker-tick.mjs', import.meta.url));
// bree's timers can fire a little before the minute: a tick this close to a slot is that slot.
const TICK_TOLERANCE_MS = 5_000;

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
  let ticks = 0;

  const drain = () => {
    draining ??= delivery
      .drainAll({ shouldStop: () => stopping })
      .then((results) => log.debug({ results }, 'outbox drained'))
      .catch((error: unknown) => log.error({ err: error }, 'outbox drain failed'))
      .finally(() => (draining = undefined));
    return draining;
  };

  const runDue = (s: ScheduledJob, at: Date, { catchUp }: { catchUp: boolean }) => {
    runs = runs.then(async () => {
      if (stopping) return;
      const last = await getLastSlot(deps.db, s.job.name);
      // A job that never ran has missed nothing: it starts at its next slot.
      if (catchUp && !last) return;
      const slot = dueSlot(s.cron, at, last, { ...s.slots, catchUpMs });
      if (!slot) return log.debug({ job: s.job.name }, 'nothing due');
      if (catchUp) log.info({ job: s.job.name, slot }, 'catching up a missed slot');
      await runJob(deps, s.job, slot, { delivery, deliver: false });
      await drain();
    }).catch((error: unknown) => log.error({ err: error, job: s.job.name }, 'job run failed'));
    return runs;
  };

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
    jobs: scheduled.map((s) => ({ name: s.job.name, path: WORKER, cron: s.expression, timezone: deps.config.timeZone })),
    workerMessageHandler: ({ name, message }) => {
      const s = scheduled.find((x) => x.job.name === name);
      if (message === 'tick') ticks++;
      if (s && message === 'tick') void runDue(s, new Date(deps.now().getTime() + TICK_TOLERANCE_MS), { catchUp: false });
    },
    errorHandler: (error, { name }) => log.error({ err: error, job: name }, 'scheduler worker failed'),
  });

  return {
    async start() {
      stopping = false;
      for (const s of scheduled) void runDue(s, deps.now(), { catchUp: true });
      await bree.start();
      loop = setInterval(() => void drain(), options.sendEveryMs ?? 5_000);
      loop.unref();
      void drain();
      log.info({ jobs: scheduled.map((s) => `${s.job.name} ${s.expression}`), platforms: delivery.platforms }, 'scheduler started');
    },
    async stop() {
      stopping = true;
      if (loop) clearInterval(loop);
      await bree.stop();
      await runs;
      await draining;
    },
    async trigger(name) {
      await bree.run(name);
    },
    async idle() {
      await runs;
      await draining;
    },
    get ticks() {
      return ticks;
    },
  };
}
