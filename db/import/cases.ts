import { sql } from 'drizzle-orm';
import { refreshStatusMirror } from '../case-status.ts';
import { queryRows } from '../rows.ts';
import { caseFlags, caseStatuses } from '../schema.ts';
import { cells } from './cells.ts';
import { officerChecks, unitExists } from './checks.ts';
import { defineImporter } from './importer.ts';
import { upsertStaged } from './sql-batches.ts';
import { staged } from './staging.ts';

const row = {
  code: cells.code(),
  unit_code: cells.code(),
  officer_code: cells.optionalCode(),
  decision_no: cells.text(),
  decision_date: cells.date(),
  accepted_date: cells.date(),
  amount: cells.money(),
  status: cells.choice(caseStatuses, 'import.unknown_status'),
  status_date: cells.date(),
  verified_on: cells.optionalDate(),
  due_date: cells.optionalDate(),
  flags: cells.choices(caseFlags, 'import.unknown_flag'),
};

export const casesImporter = defineImporter({
  row,
  changes: ['figures'], // cases, case_status_history, collections (their unit)
  staged: {
    code: 'text',
    unit_code: 'text',
    officer_code: 'text',
    decision_no: 'text',
    decision_date: 'date',
    accepted_date: 'date',
    amount: 'bigint',
    status: 'text',
    status_date: 'date',
    verified_on: 'date',
    due_date: 'date',
    flags: 'text[]',
  },
  unique: { columns: ['code'], code: 'import.duplicate_code' },
  rowIssues: (r) =>
    // The case is 'enforcing' from accepted_date until status_date: the two cannot be reversed.
    r.status_date < r.accepted_date
      ? [{ column: 'status_date', code: 'import.status_before_accepted', params: { value: r.status_date, accepted: r.accepted_date } }]
      : [],
  pastDates: ['decision_date', 'accepted_date', 'status_date', 'verified_on'],
  deadlines: ['due_date'],
  checks: [unitExists('unit_code'), ...officerChecks],
  async write(tx, count, progress) {
    // The file's status replaces the status row an earlier import wrote for the case (source
    // 'import'); statuses reported from chat stay. One statement for the whole file: per batch,
    // the join would scan the history table again and again.
    await queryRows(
      tx,
      sql`delete from case_status_history h using cases c, ${staged} r
          where h.case_id = c.id and h.source = 'import' and c.code = r.code`,
    );
    const counts = await upsertStaged(
      tx,
      count,
      (range) => sql`
        with up as (
          insert into cases (code, unit_id, officer_id, decision_no, decision_date, accepted_date, amount,
            status, status_date, verified_on, due_date, flags)
          select r.code, u.id, o.id, r.decision_no, r.decision_date, r.accepted_date, r.amount,
            r.status, r.status_date, r.verified_on, r.due_date, r.flags
          from ${staged} r join units u on u.code = r.unit_code left join staff o on o.code = r.officer_code
          where ${range} order by r.seq
          on conflict (code) do update set unit_id = excluded.unit_id, officer_id = excluded.officer_id,
            decision_no = excluded.decision_no, decision_date = excluded.decision_date,
            accepted_date = excluded.accepted_date, amount = excluded.amount, status = excluded.status,
            status_date = excluded.status_date, verified_on = excluded.verified_on,
            due_date = excluded.due_date, flags = excluded.flags, updated_at = now()
          returning id, status, status_date, (xmax = 0) as inserted
        ),
        added as (
          insert into case_status_history (case_id, status, effective_date, source)
          select id, status, status_date, 'import' from up
        )
        select count(*) filter (where inserted)::int as inserted from up`,
      progress,
      // The mirror on cases follows the history, where a later status from chat may outrank the file's.
      (range) => refreshStatusMirror(tx, sql`select c.id from cases c join ${staged} r on r.code = c.code where ${range}`),
    );
    // A case the file moves to another unit takes its money along (collections.unit_id).
    await queryRows(
      tx,
      sql`update collections p set unit_id = c.unit_id from cases c join ${staged} r on r.code = c.code
          where c.id = p.case_id and p.unit_id <> c.unit_id`,
    );
    return counts;
  },
});
