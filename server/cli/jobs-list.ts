import { renderTable } from '../../bot/format.ts';
import { type Locale, t } from '../../bot/i18n/index.ts';
import { formatLocal } from '../../jobs/schedule.ts';
import { describeJobs, type JobStatus, resolveSchedules, scheduledJobs } from '../../jobs/schedule-jobs.ts';
import { writeJson } from './report-date.ts';
import { type CliCommand, writeLine } from './types.ts';

/** `thads jobs list [--json]`: each job's schedule, last slot run and next slot, in TZ_APP. */
export const jobsListCommand: CliCommand = {
  name: 'jobs list',
  args: [],
  flags: ['json'],
  async run(deps, args, io) {
    const { timeZone, jobs } = deps.config;
    const scheduled = resolveSchedules(scheduledJobs, jobs.schedules, timeZone, deps.numbers.calendar);
    const statuses = await describeJobs(deps.db, scheduled, deps.now());
    if (args.flags.json) {
      const local = (d: Date | null) => (d ? formatLocal(d, timeZone) : null);
      writeJson(io.stdout, {
        time_zone: timeZone,
        enabled: jobs.enabled,
        jobs: statuses.map((s) => ({ ...s, last_slot_local: local(s.lastSlot), next_slot_local: local(s.nextSlot) })),
      });
    } else writeLine(io.stdout, renderJobs(statuses, timeZone, jobs.enabled, args.locale));
    return 0;
  },
};

function renderJobs(statuses: JobStatus[], timeZone: string, enabled: boolean, locale: Locale): string {
  const headers = ['job', 'schedule', 'working_days', 'last', 'next'].map((k) => t(locale, `delivery.list.${k}`));
  const rows = statuses.map((s) => [
    s.job,
    s.schedule,
    t(locale, s.workingDaysOnly ? 'delivery.list.yes' : 'delivery.list.no'),
    s.lastSlot ? formatLocal(s.lastSlot, timeZone) : t(locale, 'delivery.list.never'),
    s.nextSlot ? formatLocal(s.nextSlot, timeZone) : '—',
  ]);
  const lines = [renderTable(headers, rows), '', t(locale, 'delivery.list.zone', { zone: timeZone })];
  if (!enabled) lines.push(t(locale, 'delivery.list.disabled'));
  return lines.join('\n');
}
