import { sql } from 'drizzle-orm';
import { queryRows } from '../rows.ts';
import { cells } from './cells.ts';
import { referenceExists } from './checks.ts';
import { defineImporter } from './importer.ts';
import { forEachBatch } from './sql-batches.ts';
import { staged } from './staging.ts';

const row = {
  case_code: cells.code(),
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
  changes: ['figures'], // collections
  staged: { case_code: 'text', date: 'date', amount: 'bigint' },
  pastDates: ['date'],
  checks: [
    referenceExists('case_code', 'cases', 'import.unknown_case'),
    {
      // Money cannot precede the case (nor follow today: pastDates).
      column: 'date',
      code: 'import.collected_before_accepted',
      query: sql`select r.line, r.date::text as value, c.accepted_date::text as accepted
        from ${staged} r join cases c on c.code = r.case_code where r.date < c.accepted_date`,
    },
    {
      column: 'amount',
      code: 'import.collection_no_money',
      query: sql`select r.line, r.amount::text as value, c.code as case from ${staged} r
        join cases c on c.code = r.case_code where c.amount = 0`,
    },
    {
      // As chat refuses it: never more than the case still owes. The file replaces the case's
      // imported collections, so what counts is the money reported from chat plus the file's
      // rows for the case, line by line; the row that goes over is reported.
      column: 'amount',
      code: 'import.collection_above_remaining',
      query: sql`select line, value, "case", amount, greatest(owed_before, 0)::text as remaining from (
          select r.line, r.amount::text as value, c.code as "case", c.amount::text as amount,
            c.amount - coalesce(chat.total, 0) - (sum(r.amount) over running - r.amount) as owed_before,
            c.amount - coalesce(chat.total, 0) - sum(r.amount) over running as owed_after,
            row_number() over running as nth
          from ${staged} r join cases c on c.code = r.case_code
          left join lateral (select sum(p.amount) as total from collections p
                             where p.case_id = c.id and p.source <> 'import') chat on true
          where c.amount > 0
          window running as (partition by r.case_code order by r.line)
        ) as money where owed_after < 0 and (owed_before >= 0 or nth = 1)`,
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
