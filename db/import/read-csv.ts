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
 * Streams a CSV file to `onRow`, one trimmed record at a time, after checking its header against
 * `columns`. Problems with the file itself (empty, header, syntax, column count) go to `issues`.
 * Returns the number of data records read, and whether the file could be read to its end.
 */
export async function readCsv(
  input: ImportInput,
  columns: readonly string[],
  issues: IssueList,
  onRow: (row: CsvRow) => void,
): Promise<{ rows: number; readable: boolean }> {
  const parser = parse({ bom: true, info: true, trim: true, skip_empty_lines: true, relax_column_count: true });
  const lines = new LineCounter();
  let header: number[] | undefined;
  let width = 0;
  let rows = 0;
  let readable = true;
  let stopped = false;
  try {
    await pipeline(toReadable(input), parser, async (records: AsyncIterable<{ record: string[]; info: { lines: number } }>) => {
      for await (const { record, info } of records) {
        const line = lines.startOf(record, info.lines);
        if (!header) {
          header = checkHeader(record, columns, issues);
          if (!header) {
            stopped = true;
            throw new StopReading();
          }
          width = record.length;
          continue;
        }
        if (record.every((c) => c.trim() === '')) continue; // Excel's trailing ",,,," lines
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
        else onRow({ line, cells });
      }
    });
  } catch (error) {
    readable = false;
    // Once stopped on purpose, whatever the streams reject with (a file stream's AbortError,
    // a premature close) is only the echo of that stop: the header's issues are the answer.
    if (error instanceof CsvError && !stopped) {
      const at = (error as CsvError & { lines?: number }).lines ?? 1;
      issues.add(lines.adjust(at), '', 'import.csv_syntax', { detail: error.code });
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

/**
 * csv-parse's `info.lines` is the line where a record ends, and counts a CRLF inside a quoted
 * field as two lines; this turns it into the physical line where the record starts.
 */
class LineCounter {
  private drift = 0;

  startOf(record: string[], endLine: number): number {
    let breaks = 0;
    for (const field of record) {
      if (!field.includes('\n') && !field.includes('\r')) continue;
      breaks += field.match(/\r\n|\r|\n/g)!.length;
      this.drift += field.match(/\r\n/g)?.length ?? 0;
    }
    return endLine - this.drift - breaks;
  }

  adjust(line: number): number {
    return line - this.drift;
  }
}

function toReadable(input: ImportInput): Readable {
  // Readable.from would iterate a bare Uint8Array byte by byte.
  if (typeof input === 'string' || input instanceof Uint8Array) return Readable.from([Buffer.from(input)]);
  return Readable.from(input);
}
