import type { Catalogue } from '../index.ts';

/** What the inspection-reminders job posts: deadlines of the findings of an inspection conclusion, their escalation, and what awaits follow-up. */
export const enInspectionReminders: Catalogue = {
  'job.findings.title': 'Inspection findings: remedy deadlines, {date} — {name}',
  'job.findings.overdue': 'Findings past their remedy deadline ({count}):',
  'job.findings.today': 'Remedy due today ({count}):',
  'job.findings.soon': 'Remedy due soon ({count}):',
  'job.findings.line': '• {finding} (conclusion {inspection}): {description}\n   Remedy: {remedy}\n   Responsible: {responsible} — {when}',
  'job.findings.reopened': '   Sent back after follow-up on {date}: {reason}',
  'job.findings.no_responsible': 'not assigned',
  'job.findings.when.overdue': 'due {due}, working days overdue: {days}',
  'job.findings.when.today': 'due today, {due}',
  'job.findings.when.tomorrow': 'due tomorrow, {due}',
  'job.findings.when.last_working_day': 'due {due}; today is the last working day before it',
  'job.findings.when.soon': 'due {due}, days left: {days}',
  'job.findings.more': '… and {count} more (send {/inspections} for the full list).',
  'job.findings.ask': 'Those responsible: please carry out the remedy, then report it done with {/remedy} <finding> <what was done> for the follow-up.',
  'job.findings.escalated': 'Findings past their remedy deadline reported to the leader in charge of the area: {count}.',

  'job.findings.escalation.title': 'Inspection findings past their remedy deadline — report to the leader in charge of the area, {date}',
  'job.findings.escalation.unit': '{name} ({unit}), findings: {count}',
  'job.findings.escalation.line': '• {finding} (conclusion {inspection}): {description} — {responsible}, due {due}, working days overdue: {days}',

  'job.findings.follow_up.title': 'Remedies awaiting follow-up — {name}, week {week}',
  'job.findings.follow_up.unit': '{name} ({unit}), findings: {count}',
  'job.findings.follow_up.line': '• {finding} (conclusion {inspection}): {description} — due {due}, remedy reported {reported}',
  'job.findings.follow_up.line_undated': '• {finding} (conclusion {inspection}): {description} — due {due}, remedy reported',
  'job.findings.follow_up.ask': 'After the follow-up, a leader closes a finding with {/remedy} close <finding>, or sends it back with {/remedy} reopen <finding> <reason>.',
};
