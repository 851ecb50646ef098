import { inspectionRemindersJob } from './inspection-reminders.ts';
import { overdueAlertsJob } from './overdue-alerts.ts';
import { questionRemindersJob } from './question-reminders.ts';
import type { Job } from './types.ts';
import { weeklyBriefingJob } from './weekly-briefing.ts';

/** Every scheduled job, in the order a catch-up after downtime runs them. */
export const jobs: readonly Job[] = [weeklyBriefingJob, overdueAlertsJob, inspectionRemindersJob, questionRemindersJob];

/** The job with this name, or undefined. */
export function findJob(name: string): Job | undefined {
  return jobs.find((job) => job.name === name);
}
