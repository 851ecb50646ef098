import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../client.ts';
import { cells } from './cells.ts';
import { defineImporter } from './importer.ts';
import { loadCases } from './references.ts';
import { jsonParam, runInBatches } from './sql-batches.ts';

const row = z.object({
  case_code: cells.text(),
  date: cells.date(),
  amount: cells.money({ positive: true }),
});
type CollectionRow = z.infer<typeof row>;

/**
 * Collections have no code of their own, so a file is taken as the whole imported record of
 * each case it names: for every such case, the collections an earlier import wrote (source
 * 'import') are replaced by the file's rows; money recorded from chat is kept. Re-importing
 * the same file therefore changes nothing. `updated` counts rows that replaced an earlier
 * imported row, `inserted` the rest.
 */
export const collectionsImporter = defineImporter<CollectionRow>({
  columns: ['case_code', 'date', 'amount'],
  row,
  async plan(tx, rows, issues) {
    const cases = await loadCases(
      tx,
      rows.map((r) => r.case_code),
    );
    for (const r of rows) {
      const found = cases.get(r.case_code);
      if (!found) issues.add(r.line, 'case_code', 'import.unknown_case', { value: r.case_code });
      // Historical data: a date in the future is not checked, but money cannot precede the case.
      else if (r.date < found.acceptedDate)
        issues.add(r.line, 'date', 'import.collected_before_accepted', { value: r.date, accepted: found.acceptedDate });
    }
    return async (tx, progress) => {
      const caseIds = [...new Set(rows.map((r) => cases.get(r.case_code)!.id))];
      const [gone] = await queryRows<{ n: number }>(
        tx,
        sql`with gone as (
              delete from collections where source = 'import'
                and case_id in (select jsonb_array_elements_text(${jsonParam(caseIds)})::bigint)
              returning 1)
            select count(*)::int as n from gone`,
      );
      const values = rows.map((r) => ({ case_id: cases.get(r.case_code)!.id, collected_on: r.date, amount: r.amount }));
      await runInBatches(
        tx,
        values,
        (batch) => sql`insert into collections (case_id, unit_id, collected_on, amount, source)
          select r.case_id, c.unit_id, r.collected_on, r.amount, 'import'
          from jsonb_to_recordset(${batch}) as r(case_id bigint, collected_on date, amount bigint)
          join cases c on c.id = r.case_id`,
        progress,
      );
      const updated = Math.min(Number(gone?.n ?? 0), rows.length);
      return { inserted: rows.length - updated, updated };
    };
  },
});
