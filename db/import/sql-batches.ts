import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../rows.ts';
import type { Counts, Progress } from './importer.ts';

/** Rows per statement: big enough to be fast, small enough to hold and to report progress. */
export const BATCH_SIZE = 1000;

/**
 * Many rows as ONE bind parameter, unpacked in SQL with jsonb_to_recordset: no 65,535-parameter
 * limit, no giant SQL text, and the same on postgres.js and PGlite. The `::text` keeps
 * postgres.js from JSON-encoding the string a second time.
 */
export function jsonParam(value: unknown): SQL {
  return sql`${JSON.stringify(value)}::text::jsonb`;
}

/** The batch `from..to` of the staged rows (db/import/staging.ts), as a condition on `r`. */
function seqRange(from: number, to: number): SQL {
  return sql`r.seq between ${from} and ${to}`;
}

/** Runs `statement` for each batch of the `count` staged rows (a condition on `r.seq`), in order. */
export async function forEachBatch(count: number, statement: (range: SQL) => Promise<unknown>, progress?: Progress): Promise<void> {
  for (let from = 1; from <= count; from += BATCH_SIZE) {
    const to = Math.min(from + BATCH_SIZE - 1, count);
    await statement(seqRange(from, to));
    progress?.(to);
  }
}

/**
 * Upserts the staged rows batch by batch; `statement` gets the batch's condition on `r.seq` and
 * must answer one row, `inserted`: how many of the batch's rows were new (`xmax = 0` in the
 * upsert's `returning`; see `countInserted`), the others having updated a row. `afterBatch`
 * gets the same condition, for what must follow each batch.
 */
export async function upsertStaged(
  tx: Db,
  count: number,
  statement: (range: SQL) => SQL,
  progress: Progress,
  afterBatch?: (range: SQL) => Promise<void>,
): Promise<Counts> {
  let inserted = 0;
  await forEachBatch(
    count,
    async (range) => {
      const [row] = await queryRows<{ inserted: number }>(tx, statement(range));
      inserted += Number(row?.inserted ?? 0);
      await afterBatch?.(range);
    },
    progress,
  );
  return { inserted, updated: count - inserted };
}

/** An `insert … on conflict do update returning (xmax = 0) as inserted`, answered as one count. */
export function countInserted(upsert: SQL): SQL {
  return sql`with up as (${upsert}) select count(*) filter (where inserted)::int as inserted from up`;
}
