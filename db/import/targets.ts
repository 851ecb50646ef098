import { sql } from 'drizzle-orm';
import { cells } from './cells.ts';
import { officerChecks, unitExists } from './checks.ts';
import { defineImporter } from './importer.ts';
import { countInserted, upsertStaged } from './sql-batches.ts';
import { staged } from './staging.ts';

const row = {
  unit_code: cells.code(),
  officer_code: cells.optionalCode(),
  work_year: cells.year(),
  cases_rate: cells.rate(),
  money_rate: cells.rate(),
  carried_cases_cut: cells.rate(),
  carried_money_cut: cells.rate(),
};

/** The four targets (percent) of a unit, or of one officer of it when officer_code is set. */
export const targetsImporter = defineImporter({
  row,
  changes: ['figures'], // targets
  staged: {
    unit_code: 'text',
    officer_code: 'text',
    work_year: 'smallint',
    cases_rate: 'numeric',
    money_rate: 'numeric',
    carried_cases_cut: 'numeric',
    carried_money_cut: 'numeric',
  },
  unique: { columns: ['unit_code', 'officer_code', 'work_year'], code: 'import.duplicate_target' },
  checks: [unitExists('unit_code'), ...officerChecks],
  write: (tx, count, progress) =>
    upsertStaged(
      tx,
      count,
      // targets_scope_uq is NULLS NOT DISTINCT, so a unit's own target (no officer) upserts too.
      (range) => countInserted(sql`
        insert into targets (unit_id, officer_id, work_year, cases_rate, money_rate, carried_cases_cut, carried_money_cut)
        select u.id, o.id, r.work_year, r.cases_rate, r.money_rate, r.carried_cases_cut, r.carried_money_cut
        from ${staged} r join units u on u.code = r.unit_code left join staff o on o.code = r.officer_code
        where ${range} order by r.seq
        on conflict on constraint targets_scope_uq do update set cases_rate = excluded.cases_rate,
          money_rate = excluded.money_rate, carried_cases_cut = excluded.carried_cases_cut,
          carried_money_cut = excluded.carried_money_cut, updated_at = now()
        returning (xmax = 0) as inserted`),
      progress,
    ),
});
