import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { refreshStatusMirror } from '../case-status.ts';
import { queryRows } from '../client.ts';
import { caseFlags, caseStatuses } from '../schema.ts';
import { cells } from './cells.ts';
import { defineImporter } from './importer.ts';
import { checkUnitAndOfficer } from './officer.ts';
import { loadStaff, loadUnits } from './references.ts';
import { jsonParam, upsertInBatches } from './sql-batches.ts';

const row = z.object({
  code: cells.text(),
  unit_code: cells.text(),
  officer_code: cells.optionalText(),
  decision_no: cells.text(),
  decision_date: cells.date(),
  accepted_date: cells.date(),
  amount: cells.money(),
  status: cells.choice(caseStatuses, 'import.unknown_status'),
  status_date: cells.date(),
  verified_on: cells.optionalDate(),
  due_date: cells.optionalDate(),
  flags: cells.choices(caseFlags, 'import.unknown_flag'),
});
type CaseRow = z.infer<typeof row>;

export const casesImporter = defineImporter<CaseRow>({
  columns: [
    'code',
    'unit_code',
    'officer_code',
    'decision_no',
    'decision_date',
    'accepted_date',
    'amount',
    'status',
    'status_date',
    'verified_on',
    'due_date',
    'flags',
  ],
  unique: { columns: ['code'], code: 'import.duplicate_code' },
  row,
  async plan(tx, rows, issues) {
    const [units, staff] = [await loadUnits(tx), await loadStaff(tx)];
    for (const r of rows) {
      checkUnitAndOfficer(r, units, staff, issues);
      // The case is 'enforcing' from accepted_date until status_date: the two cannot be reversed.
      if (r.status_date < r.accepted_date)
        issues.add(r.line, 'status_date', 'import.status_before_accepted', {
          value: r.status_date,
          accepted: r.accepted_date,
        });
    }
    return async (tx, progress) => {
      const values = rows.map(({ line: _, unit_code, officer_code, ...r }) => ({
        ...r,
        unit_id: units.get(unit_code)!.id,
        officer_id: officer_code === null ? null : staff.get(officer_code)!.id,
      }));
      // The file's status replaces the status row an earlier import wrote for the case (source
      // 'import'); statuses reported from chat stay. One statement for the whole file: per batch,
      // the join would scan the history table again and again.
      await queryRows(
        tx,
        sql`delete from case_status_history h using cases c
            where h.case_id = c.id and h.source = 'import'
              and c.code in (select jsonb_array_elements_text(${jsonParam(values.map((v) => v.code))}))`,
      );
      const counts = await upsertInBatches(
        tx,
        values,
        (batch) => sql`
          with up as (
            insert into cases (code, unit_id, officer_id, decision_no, decision_date, accepted_date, amount,
              status, status_date, verified_on, due_date, flags)
            select code, unit_id, officer_id, decision_no, decision_date, accepted_date, amount,
              status, status_date, verified_on, due_date, flags
            from jsonb_to_recordset(${batch}) as r(code text, unit_id int, officer_id int, decision_no text,
              decision_date date, accepted_date date, amount bigint, status text, status_date date,
              verified_on date, due_date date, flags text[])
            on conflict (code) do update set unit_id = excluded.unit_id, officer_id = excluded.officer_id,
              decision_no = excluded.decision_no, decision_date = excluded.decision_date,
              accepted_date = excluded.accepted_date, amount = excluded.amount, status = excluded.status,
              status_date = excluded.status_date, verified_on = excluded.verified_on,
              due_date = excluded.due_date, flags = excluded.flags, updated_at = now()
            returning id, code, status, status_date, (xmax = 0) as inserted
          ),
          added as (
            insert into case_status_history (case_id, status, effective_date, source)
            select id, status, status_date, 'import' from up
          )
          select id, code, inserted from up`,
        progress,
      );
      // The mirror on cases follows the history, where a later status from chat may outrank the file's.
      await refreshStatusMirror(tx, [...counts.ids.values()]);
      // A case the file moves to another unit takes its money along (collections.unit_id).
      await queryRows(
        tx,
        sql`update collections p set unit_id = c.unit_id from cases c
            where c.id = p.case_id and p.unit_id <> c.unit_id
              and c.id in (select jsonb_array_elements_text(${jsonParam([...counts.ids.values()])})::bigint)`,
      );
      return counts;
    };
  },
});
