import type { Catalogue } from '../index.ts';

/** Messages of scheduled jobs' delivery: notices to leaders, `thads jobs` and `thads deliveries`. */
export const enDelivery: Catalogue = {
  'delivery.notice.title': 'Messages cannot reach {place}',
  'delivery.notice.text':
    'The bot can no longer post scheduled messages ({job}) to {place}: it was removed from the group or channel, blocked, or the chat no longer exists ({reason}). Every other destination still gets its messages. Please add the bot back, or correct the chat id in units.csv and import it again. This notice is sent once.',

  'cli.help.jobs run': 'Run a scheduled job as the scheduler would at --now (default: now) and deliver; --dry-run only prints the messages',
  'cli.help.jobs list': 'Scheduled jobs: schedule, last run and next run',
  'cli.help.deliveries': 'The outbox of outgoing messages, newest first; --failed only failed or unreachable ones',
  'cli.usage.jobs_subcommand': '"thads jobs" needs a subcommand: "run <job>" or "list".',
  'cli.usage.bad_now': 'Invalid --now "{value}": expected ISO 8601, for example 2026-11-23T07:30:00+07:00.',

  'delivery.unknown_job': 'There is no job "{job}": the jobs are {jobs}.',
  'delivery.run.title': 'Job {job}, run for {slot} ({zone} time)',
  'delivery.run.planned': '{planned} messages planned: {added} new, {existing} already planned by an earlier run (not sent again).',
  'delivery.run.platform': '{platform}: {sent} sent, {failed} failed, {unreachable} unreachable, {retrying} waiting to be retried.',
  'delivery.run.waiting': '{platform}: not configured here; {count} messages wait in the outbox.',
  'delivery.run.dry_run': 'Dry run: nothing written or sent.',
  'delivery.run.misconfigured':
    '{platform} refuses the bot itself ({reason}): check the token and the API address in the configuration. The messages stay in the outbox and go once it is right.',
  'delivery.run.dry_run_housekeeping': 'This is a housekeeping job that sends no message: a dry run deletes nothing.',
  'delivery.run.dry_run_empty': 'The job has no message to send at this instant. Messages go only to units with a Telegram group or Slack channel (telegram_chat_id, slack_channel_id in units.csv; the demo province has none) and to linked leaders.',
  'delivery.run.message': '── {platform} {destination} · period {period} · {locale} ──',

  'delivery.list.job': 'Job',
  'delivery.list.schedule': 'Schedule (cron)',
  'delivery.list.working_days': 'Working days only',
  'delivery.list.last': 'Last run',
  'delivery.list.next': 'Next run',
  'delivery.list.yes': 'yes',
  'delivery.list.no': 'no',
  'delivery.list.never': 'never',
  'delivery.list.zone': 'Times in {zone}. Schedules can be changed with JOB_SCHEDULES; JOBS=off turns scheduling off for one server.',
  'delivery.list.disabled': 'Scheduling is off on this server (JOBS=off).',

  'delivery.table.id': 'No.',
  'delivery.table.job': 'Job',
  'delivery.table.platform': 'Platform',
  'delivery.table.destination': 'Destination',
  'delivery.table.period': 'Period',
  'delivery.table.status': 'Status',
  'delivery.table.attempts': 'Tries',
  'delivery.table.when': 'Sent / next try',
  'delivery.table.error': 'Last error',
  'delivery.status.pending': 'pending',
  'delivery.status.sending': 'sending',
  'delivery.status.sent': 'sent',
  'delivery.status.failed': 'failed',
  'delivery.status.unreachable': 'unreachable',
  'delivery.counts': 'In all: {sent} sent, {pending} pending, {sending} sending, {failed} failed, {unreachable} unreachable.',
  'delivery.empty': 'The outbox holds no message.',
  'delivery.empty_failed': 'No message failed or was unreachable.',
};
