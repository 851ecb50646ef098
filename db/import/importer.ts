import type { Db } from '../client.ts';
import type { Scope } from '../result-cache.ts';
import { DEADLINE_MAX_YEARS, latestDeadline } from '../deadlines.ts';
import type { IsoDate } from '../work-year.ts';
import { type Cell, Fail, type RowOf } from './cells.ts';
import { duplicateCheck, runChecks, type StagedCheck } from './checks.ts';
import type { IssueList, IssueParams } from './issues.ts';
import type { CsvRow } from './read-csv.ts';
import { BATCH_SIZE } from './sql-batches.ts';
import { analyzeStaging, createStaging, stageRows } from './staging.ts';

export interface Counts {
  inserted: number;
  updated: number;
}
export type Progress = (rowsDone: number) => void;

/** Something wrong that one row shows alone, once its cells are read (dates in the wrong order…). */
export interface RowIssue {
  column: string;
  code: string;
  params: IssueParams;
}

export interface ImporterSpec<Spec extends Record<string, Cell<unknown>>> {
  /** The file's columns, in the template's order, each with the parser of its cells. */
  row: Spec;
  /** What a committed import of this kind changes, by the tables `write` writes (db/result-cache.ts). */
  changes: readonly Scope[];
  /** The staging table's columns: each parsed field's SQL type. */
  staged: { readonly [K in keyof Spec]: string };
  /** Fields whose values together must be unique in one file, and the issue code if not. */
  unique?: { columns: readonly (keyof Spec & string)[]; code: string };
  rowIssues?(row: RowOf<Spec>): RowIssue[];
  /** Dates of what has happened: not after today. */
  pastDates?: readonly (keyof Spec & string)[];
  /** Deadlines: in the future if need be, but not after db/deadlines.ts's latest. */
  deadlines?: readonly (keyof Spec & string)[];
  /** The rules about the staged rows: the database's references, other rows of the file. */
  checks: readonly StagedCheck[];
  /** Writes the `count` staged rows; runs only when the whole file is clean. */
  write(tx: Db, count: number, progress: Progress): Promise<Counts>;
}

/** One file being imported, inside the import's transaction. */
export interface ImportSession {
  /** Reads one record; a full batch of good rows goes to the staging table, and must be awaited. */
  add(row: CsvRow): Promise<void> | undefined;
  /** Once the file is read: stages what is left and runs every check. */
  check(): Promise<void>;
  write(progress: Progress): Promise<Counts>;
}

/** A kind's importer with its row type hidden, so the seven can share one table. */
export interface Importer {
  columns: readonly string[];
  changes: readonly Scope[];
  start(tx: Db, issues: IssueList, today: IsoDate): Promise<ImportSession>;
}

/**
 * A staged batch is also cut at this many characters of JSON: the statement's parameter lives
 * until the database answers, and the longer it is the likelier V8 keeps it for a full collection.
 */
const STAGE_CHARS = 30_000;

export function defineImporter<Spec extends Record<string, Cell<unknown>>>(spec: ImporterSpec<Spec>): Importer {
  const columns = Object.keys(spec.row);
  const parsers = columns.map((name) => spec.row[name]!);
  const fields = columns.map((name) => [name, spec.staged[name]!] as const);
  const checks = spec.unique ? [duplicateCheck(spec.unique.columns, spec.unique.code), ...spec.checks] : spec.checks;
  return {
    columns,
    changes: spec.changes,
    async start(tx, issues, today) {
      const latest = latestDeadline(today);
      const past = (spec.pastDates ?? []).map((name) => columns.indexOf(name));
      const deadlines = (spec.deadlines ?? []).map((name) => columns.indexOf(name));
      await createStaging(tx, fields);
      let batch: string[] = [];
      let batchChars = 0;
      let count = 0;
      const flush = async () => {
        const rows = batch;
        batch = [];
        batchChars = 0;
        if (rows.length > 0) await stageRows(tx, fields, rows);
      };
      return {
        add({ line, cells }) {
          // [seq, line, …fields]: the staged row's JSON (db/import/staging.ts).
          const values: unknown[] = [0, line];
          let failed = false;
          for (let i = 0; i < columns.length; i++) {
            const name = columns[i]!;
            const value = cells[name]!;
            const parsed = parsers[i]!(value);
            if (parsed instanceof Fail) {
              issues.add(line, name, parsed.code, { value, ...parsed.params });
              failed = true;
            } else values.push(parsed);
          }
          if (failed) return undefined;
          for (const i of past) {
            const date = values[i + 2] as string | null;
            if (date !== null && date > today) issues.add(line, columns[i]!, 'import.date_in_future', { value: date, today });
          }
          for (const i of deadlines) {
            const date = values[i + 2] as string | null;
            if (date !== null && date > latest) issues.add(line, columns[i]!, 'import.deadline_too_far', { value: date, max: latest, years: DEADLINE_MAX_YEARS });
          }
          if (spec.rowIssues) {
            const row = Object.fromEntries(columns.map((name, i) => [name, values[i + 2]])) as RowOf<Spec>;
            for (const issue of spec.rowIssues(row)) issues.add(line, issue.column, issue.code, issue.params);
          }
          // With the list of issues full the file is refused whatever the rest holds: stage no more.
          if (issues.room === 0) return undefined;
          values[0] = ++count;
          const json = asciiJson(values);
          batch.push(json);
          batchChars += json.length;
          return batch.length >= BATCH_SIZE || batchChars >= STAGE_CHARS ? flush() : undefined;
        },
        async check() {
          await flush();
          await analyzeStaging(tx);
          await runChecks(tx, checks, issues);
        },
        write: (progress) => spec.write(tx, count, progress),
      };
    },
  };
}

/**
 * JSON with every character past ASCII escaped (`\u1ea1`): V8 then keeps the text one byte a
 * character instead of two (a single `Đ` makes a whole string two-byte), and the batches'
 * texts, which live until the database answers, cost half the memory.
 */
function asciiJson(values: unknown[]): string {
  const json = JSON.stringify(values);
  return nonAscii.test(json) ? json.replace(nonAsciiAll, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}
// JSON.stringify escapes control characters itself: anything past `~` is what is left.
const nonAscii = /[^ -~]/;
const nonAsciiAll = /[^ -~]/g;
