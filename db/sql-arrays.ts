import { type SQL, sql } from 'drizzle-orm';

/**
 * A list of ids as one bind value (`= any(…)`), however many there are: one parameter keeps the
 * statement the same for 1 or 10,000 ids and far from PostgreSQL's 65,535-parameter limit.
 */
export function idArray(ids: readonly number[], type: 'int' | 'bigint' = 'int'): SQL {
  return sql`${`{${ids.map((id) => Math.trunc(id)).join(',')}}`}::${sql.raw(type)}[]`;
}
