/**
 * Each job with the schedule it runs on (JOB_SCHEDULES over its default), checked once, and
 * the view `thads jobs list` prints: last slot run and next slot due.
 */
import type { Calendar } from '../db/calendar.ts';
import type { Db } from '../db/client.ts';
import { getJobRuns } from '../db/job-runs.ts';
import { jobs } from './index.ts';
import { CronError, type Cron, nextSlot, parseCron, type SlotOptions } from './schedule.ts';
import { pruneJob } from './schedule-prune.ts';
import type { Job } from './types.ts';

/** Every job the scheduler runs: the message jobs, then housekeeping. */
export const scheduledJobs: readonly Job[] = [...jobs, pruneJob];

export interface ScheduledJob {
  job: Job;
  expression: string;
  cron: Cron;
  /** How slots of this job are found (the calendar applies to working-days jobs only). */
  slots: SlotOptions;
}

/**
 * The jobs with their schedules; throws CronError naming JOB_SCHEDULES for a bad expression or
 * a name that is no job (a typo would otherwise leave the default silently in place).
 */
export function resolveSchedules(jobs: readonly Job[], overrides: Record<string, string>, timeZone: string, calendar: Calendar): ScheduledJob[] {
  for (const name of Object.keys(overrides)) {
    if (!jobs.some((j) => j.name === name)) {
      throw new CronError(`JOB_SCHEDULES: there is no job "${name}" (jobs: ${jobs.map((j) => j.name).join(', ')})`);
    }
  }
  return jobs.map((job) => {
    const expression = overrides[job.name] ?? job.defaultSchedule;
    let cron: Cron;
    try {
      cron = parseCron(expression);
    } catch (error) {
      throw new CronError(`${job.name in overrides ? 'JOB_SCHEDULES' : 'default schedule'} of ${job.name}: ${(error as Error).message}`);
    }
    const slots: SlotOptions = job.workingDaysOnly ? { timeZone, isWorkingDay: calendar.isWorkingDay } : { timeZone };
    return { job, expression, cron, slots };
  });
}

export interface JobStatus {
  job: string;
  schedule: string;
  workingDaysOnly: boolean;
  lastSlot: Date | null;
  lastRunAt: Date | null;
  nextSlot: Date | null;
}

/** What `thads jobs list` shows, for each job. */
export async function describeJobs(db: Db, scheduled: readonly ScheduledJob[], now: Date): Promise<JobStatus[]> {
  const runs = await getJobRuns(db);
  return scheduled.map((s) => ({
    job: s.job.name,
    schedule: s.expression,
    workingDaysOnly: s.job.workingDaysOnly,
    lastSlot: runs.get(s.job.name)?.lastSlot ?? null,
    lastRunAt: runs.get(s.job.name)?.lastRunAt ?? null,
    nextSlot: nextSlot(s.cron, now, s.slots) ?? null,
  }));
}
