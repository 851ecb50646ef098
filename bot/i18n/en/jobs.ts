import type { Catalogue } from '../index.ts';

/** What the scheduled jobs post: the Monday briefing, overdue alerts and escalations. */
export const enJobs: Catalogue = {
  'job.briefing.title': 'Weekly briefing, week {week} — {name}',
  'job.briefing.province_title': 'Weekly briefing, week {week} — units of {name} ranked',
  'job.briefing.rate_line': '{rate} ({target}), {last}',
  'job.briefing.target': 'target {target}, {mark}',
  'job.briefing.no_target': 'no target set',
  'job.briefing.vs_last': '{delta} against the same period last year ({last})',
  'job.briefing.no_last': 'no figures for the same period last year',
  'job.briefing.overdue': 'Overdue cases: {count}',
  'job.briefing.oldest': 'Longest overdue:',
  'job.briefing.no_overdue': 'No overdue cases.',
  'job.briefing.due_week': 'Due this week ({from} – {to}): {count}',
  'job.briefing.none_due': 'Nothing falls due this week.',
  'job.briefing.due_line': '• {date}: {case} — {what} (officer {officer})',
  'job.briefing.due.deadline': "leader's deadline",
  'job.briefing.due.verification': 'verification of conditions due',
  'job.briefing.idle': 'Officers with no progress report in the last 7 days ({count}): {names}',
  'job.briefing.none_idle': 'Every officer with cases has reported progress in the last 7 days.',
  'job.briefing.province_total': 'Province total:',
  'job.briefing.units_overdue': 'Overdue cases in the province',

  'job.case_line': '• {case} — officer {officer}: {reasons}, {days} days overdue',
  'job.reason_due': '{reason} (due {due})',
  'job.no_officer': 'not assigned',
  'job.more_plain': '… and {count} more.',
  'job.more': '… and {count} more (send {/overdue} for the full list).',

  'job.alerts.title': 'Overdue alert, {date} — {name}',
  'job.alerts.new': 'Newly overdue since the last alert ({count}):',
  'job.alerts.none_new': 'Nothing newly overdue since the last alert.',
  'job.alerts.still': 'Overdue cases in all: {count}. Longest overdue:',
  'job.alerts.escalated': '{count} cases overdue more than {days} days have been reported to the leader in charge of the area.',

  'job.escalation.title': 'Cases overdue more than {days} days — report to the leader in charge of the area, {date}',
  'job.escalation.unit': '{name} ({unit}): {count} overdue',
};
