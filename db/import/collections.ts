import { sql } from 'drizzle-orm';
import { queryRows } from '../client.ts';
import { cells } from './cells.ts';
import { defineImporter } from './importer.ts';
import { forEachBatch } from './sql-batches.ts';
import { staged } from './staging.ts';

const row = {
  case_code: cells.text(),
  date: cells.date(),
  amount: cells.money({ positive: true }),
};

/**
 * Collections have no code of their own, so a file is taken as the whole imported record of
 * each case it names: for every such case, the collections an earlier import wrote (source
 * 'import') are replaced by the file's rows; money recorded from chat is kept. Re-importing
 * the same file therefore changes nothing. `updated` counts rows that replaced an earlier
 * imported row, `inserted` the rest.
 */
export const collectionsImporter = defineImporter({
  row,
  staged: { case_code: 'text', date: 'date', amount: 'bigint' },
  checks: [
    {
      column: 'case_code',
      code: 'import.unknown_case',
      query: sql`select line, case_code as value from ${staged} r
        where not exists (select 1 from cases c where c.code = r.case_code)`,
    },
    {
      // Historical data: a date in the future is not checked, but money cannot precede the case.
      column: 'date',
      code: 'import.collected_before_accepted',
      query: sql`select r.line, r.date::text as value, c.accepted_date::text as accepted
        from ${staged} r join cases c on c.code = r.case_code where r.date < c.accepted_date`,
    },
  ],
  async write(tx, count, progress) {
    const [gone] = await queryRows<{ n: number }>(
      tx,
      sql`with gone as (
            delete from collections where source = 'import'
              and case_id in (select c.id from cases c join ${staged} r on r.case_code = c.code)
            returning 1)
          select count(*)::int as n from gone`,
    );
    await forEachBatch(
      count,
      (range) =>
        queryRows(
          tx,
          sql`insert into collections (case_id, unit_id, collected_on, amount, source)
              select c.id, c.unit_id, r.date, r.amount, 'import'
              from ${staged} r join cases c on c.code = r.case_code where ${range}`,
        ),
      progress,
    );
    const updated = Math.min(Number(gone?.n ?? 0), count);
    return { inserted: count - updated, updated };
  },
});
