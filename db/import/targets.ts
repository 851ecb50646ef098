import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { cells } from './cells.ts';
import { defineImporter } from './importer.ts';
import { checkUnitAndOfficer } from './officer.ts';
import { loadStaff, loadUnits } from './references.ts';
import { upsertInBatches } from './sql-batches.ts';

const row = z.object({
  unit_code: cells.text(),
  officer_code: cells.optionalText(),
  work_year: cells.year(),
  cases_rate: cells.rate(),
  money_rate: cells.rate(),
  carried_cases_cut: cells.rate(),
  carried_money_cut: cells.rate(),
});
type TargetRow = z.infer<typeof row>;

/** The four targets (percent) of a unit, or of one officer of it when officer_code is set. */
export const targetsImporter = defineImporter<TargetRow>({
  columns: ['unit_code', 'officer_code', 'work_year', 'cases_rate', 'money_rate', 'carried_cases_cut', 'carried_money_cut'],
  unique: { columns: ['unit_code', 'officer_code', 'work_year'], code: 'import.duplicate_target' },
  row,
  async plan(tx, rows, issues) {
    const [units, staff] = [await loadUnits(tx), await loadStaff(tx)];
    for (const r of rows) {
      checkUnitAndOfficer(r, units, staff, issues);
    }
    return (tx, progress) =>
      upsertInBatches(
        tx,
        rows.map(({ line: _, unit_code, officer_code, ...r }) => ({
          ...r,
          unit_id: units.get(unit_code)!.id,
          officer_id: officer_code === null ? null : staff.get(officer_code)!.id,
        })),
        // targets_scope_uq is NULLS NOT DISTINCT, so a unit's own target (no officer) upserts too.
        (batch) => sql`
          insert into targets (unit_id, officer_id, work_year, cases_rate, money_rate, carried_cases_cut, carried_money_cut)
          select unit_id, officer_id, work_year, cases_rate, money_rate, carried_cases_cut, carried_money_cut
          from jsonb_to_recordset(${batch}) as r(unit_id int, officer_id int, work_year smallint, cases_rate numeric,
            money_rate numeric, carried_cases_cut numeric, carried_money_cut numeric)
          on conflict on constraint targets_scope_uq do update set cases_rate = excluded.cases_rate,
            money_rate = excluded.money_rate, carried_cases_cut = excluded.carried_cases_cut,
            carried_money_cut = excluded.carried_money_cut, updated_at = now()
          returning id, null as code, (xmax = 0) as inserted`,
        progress,
      );
  },
});
