import type { Catalogue } from '../index.ts';

/** The results table's words and the period (CLI, web, XLSX); the Vietnamese follow WORDING.md. */
export const enTable: Catalogue = {
  'table.row.total': 'Total accepted',
  'table.row.carried_over': 'Carried over from last year',
  'table.row.new': 'Newly accepted',
  'table.row.entrusted': 'Entrusted to another office',
  'table.row.withdrawn': 'Decisions withdrawn or annulled',
  'table.row.to_enforce': 'Total to enforce',
  'table.row.with_conditions': 'With conditions',
  'table.row.done': 'Done',
  'table.row.completed': 'Actually completed',
  'table.row.terminated': 'Terminated',
  'table.row.enforcing': 'Being enforced',
  'table.row.postponed': 'Postponed',
  'table.row.suspended': 'Suspended',
  'table.row.without_conditions': 'Without conditions',
  'table.row.carried_to_next': 'Carried to next period',
  'table.row.carried_with_conditions': 'With conditions, carried to next period',
  'table.rate.cases': 'Rate done by cases',
  'table.rate.money': 'Rate done by money',
  'period.months': '{months} months of work year {year} ({from} – {at})',
  'period.span': 'Work year {year} ({from} – {at})',
};
