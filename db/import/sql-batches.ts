import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../client.ts';
import type { Counts } from './importer.ts';

/** Rows per statement: big enough to be fast, small enough to report progress. */
export const BATCH_SIZE = 1000;

/**
 * Many rows as ONE bind parameter, unpacked in SQL with jsonb_to_recordset: no 65,535-parameter
 * limit, no giant SQL text, and the same on postgres.js and PGlite. The `::text` keeps
 * postgres.js from JSON-encoding the string a second time.
 */
export function jsonParam(value: unknown): SQL {
  return sql`${JSON.stringify(value)}::text::jsonb`;
}

export function chunks<T>(items: readonly T[], size = BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

interface UpsertedRow {
  id: number | string;
  code: string | null;
  inserted: boolean;
}

/**
 * Runs an upsert per batch; `statement` gets the batch as a jsonb parameter and must return
 * `id`, `code` and `inserted` (`xmax = 0`: true for a new row, false for an updated one).
 */
export async function upsertInBatches(
  tx: Db,
  rows: readonly object[],
  statement: (batch: SQL) => SQL,
  progress: (rowsDone: number) => void,
): Promise<Counts & { ids: Map<string, number> }> {
  const ids = new Map<string, number>();
  let inserted = 0;
  let done = 0;
  for (const batch of chunks(rows)) {
    for (const row of await queryRows<UpsertedRow>(tx, statement(jsonParam(batch)))) {
      if (row.inserted) inserted++;
      if (row.code !== null) ids.set(row.code, Number(row.id));
    }
    done += batch.length;
    progress(done);
  }
  return { inserted, updated: rows.length - inserted, ids };
}

/** Runs a statement per batch of rows, for writes whose result is not needed. */
export async function runInBatches(
  tx: Db,
  rows: readonly object[],
  statement: (batch: SQL) => SQL,
  progress?: (rowsDone: number) => void,
): Promise<void> {
  let done = 0;
  for (const batch of chunks(rows)) {
    await queryRows(tx, statement(jsonParam(batch)));
    done += batch.length;
    progress?.(done);
  }
}
