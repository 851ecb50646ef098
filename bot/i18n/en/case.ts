import type { Catalogue } from '../index.ts';

// Progress reports on a case (capnhat, hanxuly). Parameters arrive raw from db/case-updates:
// money in whole VND ({amount}, {remaining}), ISO dates, status codes ({status}, {from}, {to})
// that the caller turns into the `case.status.*` labels below before rendering.
export const enCase: Catalogue = {
  'case.status.enforcing': 'being enforced',
  'case.status.postponed': 'postponed',
  'case.status.suspended': 'suspended',
  'case.status.no_conditions': 'without conditions',
  'case.status.completed': 'completed',
  'case.status.terminated': 'terminated',
  'case.status.entrusted': 'entrusted',
  'case.status.withdrawn': 'withdrawn (decision revoked or annulled)',
  'case.bad_date': 'The date "{value}" is not valid.',
  'case.date_in_future': 'The date {date} has not come yet (today is {today}): report only what has happened.',
  'case.date_before_accepted': 'The date {date} is before the case was accepted ({accepted}).',
  'case.date_before_last_change':
    'The date {date} is before the case became "{status}" ({last}): a new status can only start on or after that day.',
  'case.closed':
    'Case {case} is "{status}" and no longer to be enforced, so this cannot be recorded. A leader can reopen the case if needed.',
  'case.no_money': 'Case {case} has no money to enforce, so no collection can be recorded.',
  'case.amount_not_positive': 'A collection must be a whole number of VND above 0.',
  'case.amount_above_remaining': 'The collection {amount} is more than case {case} still owes ({remaining}).',
  'case.unknown_status': 'Unknown status "{value}"; use one of: {allowed}.',
  'case.same_status': 'Case {case} is already "{status}".',
  'case.transition_not_allowed': 'Case {case} cannot move from "{from}" to "{to}".',
  'case.transition_leader_only': 'Case {case} is "{from}": only a leader may reopen it (move it to "{to}").',
  'case.complete_unpaid': 'Case {case} still owes {remaining}: record the last collection before reporting it completed.',
  'case.note_empty': 'The note is empty.',
  'case.note_too_long': 'The text is {length} characters long, over the limit of {max}.',
  'case.deadline_in_past': 'The deadline {due} has passed (today is {today}): choose today or a later day.',
  'case.deadline_too_far': 'The deadline {due} is too far ahead: a deadline can be set at most {years} years ahead, {latest} at the latest.',
};
