import { SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from './rows.ts';
import { idArray } from './sql-arrays.ts';

/**
 * Re-derives the status mirror of these cases from their history: `status`/`status_date` from
 * the latest row, `prev_status`/`prev_status_date` from the one before (by effective date, then
 * by insertion). Every writer of case_status_history calls this in the same transaction.
 * `caseIds` may also be a query of ids (a bulk import's batch), so that none need be held here.
 */
export async function refreshStatusMirror(tx: Db, caseIds: readonly number[] | SQL): Promise<void> {
  const isQuery = caseIds instanceof SQL;
  if (!isQuery && caseIds.length === 0) return;
  const which = isQuery ? sql`in (${caseIds})` : sql`= any(${idArray(caseIds, 'bigint')})`;
  await queryRows(
    tx,
    sql`with ranked as (
          select case_id, status, effective_date,
                 row_number() over (partition by case_id order by effective_date desc, id desc) as n
          from case_status_history
          where case_id ${which}
        ),
        latest as (
          select l.case_id, l.status, l.effective_date, p.status as prev_status, p.effective_date as prev_date
          from ranked l left join ranked p on p.case_id = l.case_id and p.n = 2
          where l.n = 1
        )
        update cases c set status = l.status, status_date = l.effective_date,
                           prev_status = l.prev_status, prev_status_date = l.prev_date
        from latest l
        where c.id = l.case_id
          and (c.status, c.status_date, c.prev_status, c.prev_status_date)
              is distinct from (l.status, l.effective_date, l.prev_status, l.prev_date)`,
  );
}
