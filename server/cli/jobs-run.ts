import { formatCount } from '../../bot/format.ts';
import { type Locale, t } from '../../bot/i18n/index.ts';
import { renderPlain } from '../../bot/render/plain.ts';
import { UserError } from '../../db/errors.ts';
import { runJob, type RunJobResult } from '../../jobs/run-job.ts';
import { formatLocal } from '../../jobs/schedule.ts';
import { scheduledJobs } from '../../jobs/schedule-jobs.ts';
import { writeJson } from './report-date.ts';
import { type CliCommand, UsageError, writeLine } from './types.ts';

/** `thads jobs run <job> [--now ISO] [--dry-run] [--json]`: one run as the scheduler would make it at that instant. */
export const jobsRunCommand: CliCommand = {
  name: 'jobs run',
  args: ['<job>'],
  flags: ['now', 'dry-run', 'json'],
  async run(deps, args, io) {
    const name = args.positionals[0]!;
    const job = scheduledJobs.find((j) => j.name === name);
    if (!job) throw new UserError('delivery.unknown_job', { job: name, jobs: scheduledJobs.map((j) => j.name).join(', ') });
    const now = parseNow(args.flags.now, args.locale) ?? deps.now();
    const dryRun = args.flags['dry-run'] === true;
    // By hand, wait for short retries too (back-off after a 5xx): the run ends with its messages settled.
    const result = await runJob(deps, job, now, { dryRun, tuning: { settleWithinMs: SETTLE_MS } });
    if (args.flags.json) writeJson(io.stdout, toJson(result, dryRun));
    else writeLine(io.stdout, renderRun(result, dryRun, deps.config.timeZone, args.locale, job.housekeeping));
    return 0;
  },
};

const SETTLE_MS = 60_000;

/** An ISO 8601 instant with a date and a time (a bare date would silently mean midnight UTC). */
function parseNow(value: string | undefined, locale: Locale): Date | undefined {
  if (value === undefined) return undefined;
  const instant = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) || Number.isNaN(instant.getTime())) {
    throw new UsageError(t(locale, 'cli.usage.bad_now', { value }), 'jobs run');
  }
  return instant;
}

function toJson(r: RunJobResult, dryRun: boolean) {
  return {
    job: r.job,
    slot: r.slot.toISOString(),
    dry_run: dryRun,
    planned: r.planned.length,
    added: r.added,
    existing: r.existing,
    delivered: r.delivered,
    waiting: r.waiting,
    ...(dryRun
      ? {
          messages: r.planned.map((m) => ({
            platform: m.destination.platform,
            destination: m.destination.chatId,
            period: m.period,
            locale: m.locale,
            text: renderPlain(m.reply),
            mentions: m.mentions ?? [],
          })),
        }
      : {}),
  };
}

function renderRun(r: RunJobResult, dryRun: boolean, timeZone: string, locale: Locale, housekeeping = false): string {
  const lines = [t(locale, 'delivery.run.title', { job: r.job, slot: formatLocal(r.slot, timeZone), zone: timeZone })];
  if (dryRun) {
    for (const m of r.planned) {
      const params = { platform: m.destination.platform, destination: m.destination.chatId, period: m.period, locale: m.locale };
      lines.push('', t(locale, 'delivery.run.message', params), renderPlain(m.reply));
    }
    if (r.planned.length === 0) lines.push('', t(locale, housekeeping ? 'delivery.run.dry_run_housekeeping' : 'delivery.run.dry_run_empty'));
    lines.push('', t(locale, 'delivery.run.dry_run'));
    return lines.join('\n');
  }
  const count = (n: number) => formatCount(n, locale);
  lines.push(t(locale, 'delivery.run.planned', { planned: count(r.planned.length), added: count(r.added), existing: count(r.existing) }));
  for (const [platform, d] of Object.entries(r.delivered)) {
    const params = { platform: platformName(platform), sent: count(d.sent), failed: count(d.failed), unreachable: count(d.unreachable), retrying: count(d.retrying) };
    lines.push(t(locale, 'delivery.run.platform', params));
    if (d.misconfigured) lines.push(t(locale, 'delivery.run.misconfigured', { platform: platformName(platform), reason: d.misconfigured }));
  }
  for (const [platform, n] of Object.entries(r.waiting)) lines.push(t(locale, 'delivery.run.waiting', { platform: platformName(platform), count: count(n) }));
  return lines.join('\n');
}

export const platformName = (platform: string): string => (platform === 'telegram' ? 'Telegram' : platform === 'slack' ? 'Slack' : platform);
