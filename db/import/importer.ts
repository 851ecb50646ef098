import type { z } from 'zod';
import type { Db } from '../client.ts';
import type { IssueList } from './issues.ts';
import type { CsvRow } from './read-csv.ts';

export type Lined<Row> = Row & { line: number };
export interface Counts {
  inserted: number;
  updated: number;
}
/** Writes what a plan resolved; runs only when the whole file is clean. */
export type Writer = (tx: Db, progress: (rowsDone: number) => void) => Promise<Counts>;

export interface ImporterSpec<Row> {
  columns: readonly string[];
  /** Columns whose values together must be unique in one file, and the issue code if not. */
  unique?: { columns: readonly string[]; code: string };
  row: z.ZodType<Row, Record<string, string>>;
  /** Checks references (database and other rows), reporting issues, and returns the writer. */
  plan(tx: Db, rows: Lined<Row>[], issues: IssueList): Promise<Writer>;
}

/** A kind's importer with its row type hidden, so the seven can share one table. */
export interface Importer {
  columns: readonly string[];
  start(issues: IssueList): {
    add(row: CsvRow): void;
    plan(tx: Db): Promise<Writer>;
  };
}

export function defineImporter<Row>(spec: ImporterSpec<Row>): Importer {
  return {
    columns: spec.columns,
    start(issues) {
      const rows: Lined<Row>[] = [];
      const seen = new Map<string, number>();
      return {
        add({ line, cells }) {
          if (spec.unique) {
            const key = spec.unique.columns.map((c) => cells[c]).join('\u0000');
            const first = seen.get(key);
            const column = spec.unique.columns[0]!;
            if (first !== undefined) {
              issues.add(line, column, spec.unique.code, { value: cells[column]!, first });
              return;
            }
            seen.set(key, line);
          }
          const parsed = spec.row.safeParse(cells);
          if (parsed.success) {
            rows.push({ ...parsed.data, line });
            return;
          }
          for (const issue of parsed.error.issues) {
            const column = String(issue.path[0] ?? '');
            const params = (issue as { params?: Record<string, string | number> }).params ?? { value: cells[column] ?? '' };
            issues.add(line, column, issue.code === 'custom' ? issue.message : 'import.invalid', params);
          }
        },
        plan: (tx) => spec.plan(tx, rows, issues),
      };
    },
  };
}
