import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import type { IssueList } from './issues.ts';
import type { ImportInput } from './types.ts';

export interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

/** Thrown from inside the pipeline to stop reading once the header is unusable. */
class StopReading extends Error {}

// A header that is one cell holding one of these was saved with another separator than the comma.
const otherSeparators: Record<string, string> = { ';': 'import.header_semicolon', '\t': 'import.header_tab', '|': 'import.header_pipe' };

/**
 * Streams a CSV file to `onRow`, one trimmed record at a time (reading pauses while a promise
 * it returns is pending), after checking its header against
 * `columns`. Problems with the file itself (empty, header, syntax, column count) go to `issues`.
 * Returns the number of data records read, and whether the file could be read to its end.
 */
export async function readCsv(
  input: ImportInput,
  columns: readonly string[],
  issues: IssueList,
  onRow: (row: CsvRow) => Promise<void> | undefined,
): Promise<{ rows: number; readable: boolean }> {
  // No `info` and no `skip_empty_lines`: csv-parse would build two objects of statistics for every
  // record (tens of MB of garbage in a large file); the lines are counted here instead.
  const parser = parse({ bom: true, trim: true, relax_column_count: true });
  let next = 1; // the physical line where the next record starts
  let quotedCrlfs = 0;
  let header: number[] | undefined;
  let width = 0;
  let rows = 0;
  let readable = true;
  let stopped = false;
  try {
    await pipeline(toReadable(input), parser, async (records: AsyncIterable<string[]>) => {
      for await (const record of records) {
        const line = next;
        const breaks = lineBreaksIn(record);
        next += 1 + breaks.all;
        quotedCrlfs += breaks.crlf;
        if (record.every((c) => c.trim() === '')) continue; // blank lines, and Excel's trailing ",,,,"
        if (!header) {
          header = checkHeader(record, columns, issues);
          if (!header) {
            stopped = true;
            throw new StopReading();
          }
          width = record.length;
          continue;
        }
        rows++;
        if (record.length !== width) {
          issues.add(line, '', 'import.column_count', { expected: width, got: record.length });
          continue;
        }
        const cells: Record<string, string> = {};
        columns.forEach((name, i) => {
          cells[name] = record[header![i]!]!.trim();
        });
        const garbled = columns.find((name) => cells[name]!.includes('\uFFFD'));
        if (garbled) issues.add(line, garbled, 'import.not_utf8');
        else {
          // Awaited only when the row filled a batch: reading waits while the batch is written.
          const pending = onRow({ line, cells });
          if (pending) await pending;
        }
      }
    });
  } catch (error) {
    readable = false;
    // Once stopped on purpose, whatever the streams reject with (a file stream's AbortError,
    // a premature close) is only the echo of that stop: the header's issues are the answer.
    // csv-parse's own count is where it stopped, less the CRLFs inside fields, which it counts twice.
    if (error instanceof CsvError && !stopped) {
      const at = (error as CsvError & { lines?: number }).lines ?? next;
      issues.add(at - quotedCrlfs, '', 'import.csv_syntax', { detail: error.code });
    } else if (!stopped) throw error;
  }
  if (!header && readable) issues.add(1, '', 'import.empty_file');
  return { rows, readable: readable && header !== undefined };
}

/**
 * Maps each expected column to its position in the header, or reports what is wrong. Columns
 * with a blank name are ignored: spreadsheets leave them after the last real one.
 */
function checkHeader(record: string[], columns: readonly string[], issues: IssueList): number[] | undefined {
  const names = record.map((c) => c.trim());
  const filled = names.filter((name) => name !== '');
  if (!filled.some((name) => columns.includes(name))) {
    // Not a header with a few mistakes but no header at all, or one the comma did not split:
    // one issue that says so beats a list of every column as unknown and missing.
    const separator = filled.length === 1 ? Object.keys(otherSeparators).find((sep) => filled[0]!.includes(sep)) : undefined;
    if (separator !== undefined) issues.add(1, '', otherSeparators[separator]!);
    else issues.add(1, '', 'import.header_absent', { columns: columns.join(',') });
    return undefined;
  }
  const before = issues.count;
  names.forEach((name, i) => {
    if (name === '') return;
    if (!columns.includes(name)) issues.add(1, name, 'import.header_unknown', { column: name });
    else if (names.indexOf(name) !== i) issues.add(1, name, 'import.header_duplicate', { column: name });
  });
  for (const name of columns) if (!names.includes(name)) issues.add(1, name, 'import.header_missing', { column: name });
  return issues.count === before ? columns.map((name) => names.indexOf(name)) : undefined;
}

const noBreaks = Object.freeze({ all: 0, crlf: 0 });

/** Line breaks inside a record's quoted fields: each moves the next record one line further. */
function lineBreaksIn(record: string[]): { all: number; crlf: number } {
  if (!record.some((field) => field.includes('\n') || field.includes('\r'))) return noBreaks;
  let all = 0;
  let crlf = 0;
  for (const field of record) {
    if (!field.includes('\n') && !field.includes('\r')) continue;
    all += field.match(/\r\n|\r|\n/g)!.length;
    crlf += field.match(/\r\n/g)?.length ?? 0;
  }
  return { all, crlf };
}

function toReadable(input: ImportInput): Readable {
  return Readable.from(slices(input));
}

/**
 * csv-parse turns a whole chunk into records at once and holds them until they are read; a
 * network or file chunk of 64 KB is some 600 rows, which then live across several batches'
 * round trips to the database and end up in V8's old generation. Slices of 8 KB keep that
 * backlog to a few dozen rows. (A bare Uint8Array would also be iterated byte by byte.)
 */
async function* slices(input: ImportInput): AsyncGenerator<Uint8Array> {
  const chunks = typeof input === 'string' || input instanceof Uint8Array ? [input] : input;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    for (let at = 0; at < bytes.length; at += SLICE_BYTES) yield bytes.subarray(at, at + SLICE_BYTES);
  }
}

const SLICE_BYTES = 8 * 1024;
