import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../rows.ts';
import type { IssueList, IssueParams } from './issues.ts';
import { staged } from './staging.ts';

/**
 * One rule about the staged rows (db/import/staging.ts, as `r`), in SQL: `query` selects the
 * `line` of each row that breaks it, with the message's parameters as its other columns.
 */
export interface StagedCheck {
  column: string;
  code: string;
  query: SQL;
}

/** Runs the checks in order; each lists only as many rows as the issue list still has room for. */
export async function runChecks(tx: Db, checks: readonly StagedCheck[], issues: IssueList): Promise<void> {
  for (const check of checks) {
    const rows = await queryRows<Record<string, unknown>>(
      tx,
      sql`select * from (${check.query}) as found order by line limit ${issues.room + 1}`,
    );
    for (const { line, ...params } of rows) issues.add(Number(line), check.column, check.code, paramsOf(params));
  }
}

function paramsOf(row: Record<string, unknown>): IssueParams {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'number' ? value : String(value)]));
}

/** Rows whose `columns` repeat an earlier row's, reported with the first one's line. */
export function duplicateCheck(columns: readonly string[], code: string): StagedCheck {
  const [first] = columns.map((c) => sql.identifier(c));
  const key = sql.join(
    columns.map((c) => sql.identifier(c)),
    sql`, `,
  );
  return {
    column: columns[0]!,
    code,
    query: sql`select line, value, first from (
        select line, ${first}::text as value, min(line) over (partition by ${key}) as first from ${staged}
      ) as d where line <> first`,
  };
}

/**
 * The code in `column` must name a row of `table` (by its `code`); an empty cell is no
 * reference. One shape for every reference a file makes: units, staff, cases, inspections.
 */
export function referenceExists(column: string, table: 'units' | 'staff' | 'cases' | 'inspections', code: string): StagedCheck {
  const ref = sql.identifier(column);
  return {
    column,
    code,
    query: sql`select line, ${ref} as value from ${staged} r
      where ${ref} is not null and not exists (select 1 from ${sql.identifier(table)} t where t.code = r.${ref})`,
  };
}

/** The unit named in `column` must exist. */
export function unitExists(column: string): StagedCheck {
  return referenceExists(column, 'units', 'import.unknown_unit');
}

/** An officer named on a row must exist and be on the staff of that row's unit (when it exists). */
export const officerChecks: readonly StagedCheck[] = [
  referenceExists('officer_code', 'staff', 'import.unknown_officer'),
  {
    column: 'officer_code',
    code: 'import.officer_not_in_unit',
    query: sql`select r.line, r.officer_code as value, r.unit_code as unit from ${staged} r
      join staff s on s.code = r.officer_code join units u on u.code = r.unit_code
      where s.unit_id <> u.id`,
  },
];
