import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../rows.ts';

/**
 * The file's rows on their way in: a temporary table that lives for the import's transaction
 * (dropped at its end, whichever), filled batch by batch while the file is read, so that no more
 * than a batch of rows is ever held in memory. Checks and writes then read it in SQL, as `r`.
 */
export const staged = sql.raw('import_staged');

/** A staged field: its name (the CSV column's) and SQL type, in the order of the staged JSON. */
export type StagedField = readonly [name: string, type: string];

/** `seq` numbers the staged rows 1, 2, 3… (batches are ranges of it); `line` is the file's line. */
export async function createStaging(tx: Db, fields: readonly StagedField[]): Promise<void> {
  const columns = ['seq int primary key', 'line int not null', ...fields.map(([name, type]) => `"${name}" ${type}`)];
  await queryRows(tx, sql.raw(`create temp table import_staged (${columns.join(', ')}) on commit drop`));
}

/**
 * Adds rows, each the JSON text of `[seq, line, …fields]`: an array, not an object, for half the
 * bytes (no key in every row), and one short string is all a waiting row holds.
 */
export async function stageRows(tx: Db, fields: readonly StagedField[], rows: readonly string[]): Promise<void> {
  const values = ['(e->>0)::int', '(e->>1)::int', ...fields.map(([, type], i) => fieldOf(type, i + 2))];
  await queryRows(
    tx,
    // The brackets are added in SQL: the parameter stays the one flat string join() made, which the
    // driver writes out as it is rather than first copying a concatenation.
    sql`insert into import_staged select ${sql.raw(values.join(', '))}
        from jsonb_array_elements(('[' || ${oneByte(rows.join(','))}::text || ']')::jsonb) as e`,
  );
}

/**
 * The same ASCII text, stored one byte a character: V8 keeps a string two-byte when any of its
 * parts was (a row with `Đ`, even escaped), and the batch's text lives until the database answers.
 */
function oneByte(ascii: string): string {
  return Buffer.from(ascii, 'latin1').toString('latin1');
}

function fieldOf(type: string, index: number): string {
  return type === 'text[]' ? `array(select jsonb_array_elements_text(e->${index}))` : `(e->>${index})::${type}`;
}

/** Statistics for the planner: without them a temporary table is guessed at a few rows. */
export async function analyzeStaging(tx: Db): Promise<void> {
  await queryRows(tx, sql`analyze import_staged`);
}
